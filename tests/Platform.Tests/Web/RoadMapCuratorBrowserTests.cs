using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.EventStore;
using Platform.Tenancy.Access;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>
/// A basic school's curator in a real browser: a two-year road map of the school's own with an «Ежегодно» activity, stages and
/// activities added, changed and removed, the yearly activity done and named for this school year; the curator appointed by an
/// order (after the Russian refusal of an order of the wrong kind); the headcounts entered; an XLSX list checked, then loaded
/// without choosing the file again. Then a mentor signs in, lands on «Моё наставничество» and fills their own survey there.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoadMapCuratorBrowserTests(BrowserFixture browser)
{
    private static readonly Guid Oosh = Guid.Parse("11000000-0000-4000-8000-000000000002");
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    [Fact]
    public async Task A_curator_writes_a_two_year_road_map_appoints_the_curator_enters_headcounts_and_imports_a_list()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(3));
        var year = today.Month >= 9 ? today.Year : today.Year - 1;
        var api = browser.Api;
        using var oosh = Client(TenantScope.School(Oosh));
        (await oosh.PostAsJsonAsync($"/api/schools/{Oosh}/local-acts",
            new { kind = "curator_appointment", number = "21/1", date = $"{year}-09-01", title = "О назначении куратора системы наставничества" }))
            .StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);

        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, "curator.oosh");
        page.Url.ShouldEndWith($"/schools/{Oosh}");

        // The school's own road map: two school years, an empty one.
        await page.GetByRole(AriaRole.Link, new() { Name = "Дорожные карты" }).ClickAsync();
        await page.GetByLabel("Название", new() { Exact = true }).FillAsync($"План мероприятий на сентябрь {year} – май {year + 2}");
        await page.GetByLabel("Учебный год начинается в").FillAsync(year.ToString());
        await page.GetByLabel("Учебных лет").FillAsync("два");
        await page.GetByRole(AriaRole.Button, new() { Name = "Создать дорожную карту" }).ClickAsync();
        await Assertions.Expect(page.Locator("#years-error")).ToContainTextAsync("Укажите число учебных лет: от 1 до 10.");
        await Assertions.Expect(page.GetByLabel("Название", new() { Exact = true })).ToHaveValueAsync($"План мероприятий на сентябрь {year} – май {year + 2}");
        await BrowserFixture.ShotAsync(page, "60-road-map-own");
        await page.GetByLabel("Учебных лет").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Создать дорожную карту" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/road-maps/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"{year}/{year + 2} учебные годы");

        // Stages: one kept (renamed), one added and removed.
        await page.Locator("#add-stage-title").FillAsync("Подготовительный этап");
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить этап" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success[role=status]")).ToHaveTextAsync("Этап добавлен.");
        await page.Locator("#add-stage summary").ClickAsync();
        await page.Locator("#add-stage-title").FillAsync("Лишний этап");
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить этап" }).ClickAsync();
        var extra = page.Locator("article[id^='stage-']:has(h3:text('Лишний этап'))");
        await extra.Locator("summary:text('Изменить этап')").ClickAsync();
        await extra.GetByRole(AriaRole.Button, new() { Name = "Удалить этап" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success[role=status]")).ToHaveTextAsync("Этап удалён.");
        (await page.Locator("article[id^='stage-']:has(h3:text('Лишний этап'))").CountAsync()).ShouldBe(0);
        var stage = page.Locator("article[id^='stage-']").First;
        await stage.Locator("summary:text('Изменить этап')").ClickAsync();
        await stage.GetByLabel("Название этапа").FillAsync("Организационный этап");
        await stage.GetByRole(AriaRole.Button, new() { Name = "Сохранить этап" }).ClickAsync();
        await Assertions.Expect(page.Locator("article[id^='stage-'] h3").First).ToHaveTextAsync("Организационный этап");

        // Activities: a yearly one (May, every school year), and a dated one added with a refusal first, changed, then removed.
        async Task AddActivity(string title, string kind, Func<ILocator, Task> period)
        {
            var form = page.Locator("#add-activity");
            if (await form.GetAttributeAsync("open") is null) await form.Locator("summary").First.ClickAsync();
            await form.GetByLabel("Этап", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Организационный этап" });
            await form.GetByLabel("Мероприятие", new() { Exact = true }).FillAsync(title);
            await form.GetByLabel("Вид срока").SelectOptionAsync(kind);
            await period(form);
            await form.GetByLabel("Куратор", new() { Exact = true }).CheckAsync();
            await form.GetByRole(AriaRole.Button, new() { Name = "Добавить мероприятие" }).ClickAsync();
        }
        await AddActivity("Педагогический совет по итогам года", "yearly", f => f.GetByLabel("Месяц (для «ежегодно»)").SelectOptionAsync("5"));
        await Assertions.Expect(page.Locator(".alert-success[role=status]")).ToHaveTextAsync("Мероприятие добавлено.");
        await AddActivity("Совещание рабочей группы", "date", f => f.GetByLabel("Дата (для «дата»)").FillAsync($"31.02.{year + 1}"));
        await Assertions.Expect(page.Locator("#add-activity-period-error")).ToContainTextAsync($"Такой даты нет в календаре: 31.02.{year + 1}.");
        await Assertions.Expect(page.Locator("#add-activity-title")).ToHaveValueAsync("Совещание рабочей группы");
        await BrowserFixture.ShotAsync(page, "61-road-map-activity-refused");
        await page.Locator("#add-activity").GetByLabel("Дата (для «дата»)").FillAsync($"15.10.{year + 1}");
        await page.Locator("#add-activity").GetByRole(AriaRole.Button, new() { Name = "Добавить мероприятие" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success[role=status]")).ToHaveTextAsync("Мероприятие добавлено.");
        var dated = page.Locator("li[id^='edit-activity-']:has(strong:text('Совещание рабочей группы'))");
        await dated.Locator("summary:text('Изменить мероприятие')").ClickAsync();
        await dated.GetByLabel("Мероприятие", new() { Exact = true }).FillAsync("Совещание рабочей группы по наставничеству");
        await dated.GetByLabel("Ожидаемый результат").FillAsync("Протокол совещания");
        await dated.GetByRole(AriaRole.Button, new() { Name = "Сохранить мероприятие" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success[role=status]")).ToHaveTextAsync("Мероприятие сохранено.");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Результат: Протокол совещания");
        dated = page.Locator("li[id^='edit-activity-']:has(strong:text('Совещание рабочей группы по наставничеству'))");
        await dated.Locator("summary:text('Изменить мероприятие')").ClickAsync();
        await dated.GetByRole(AriaRole.Button, new() { Name = "Удалить мероприятие" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success[role=status]")).ToHaveTextAsync("Мероприятие удалено.");
        (await page.Locator("article[id^='activity-']").CountAsync()).ShouldBe(1);

        // The yearly activity done this school year: named for it, without reloading the page.
        var card = page.Locator("article[id^='activity-']:has(h3:text('Педагогический совет по итогам года'))");
        await Assertions.Expect(card).ToContainTextAsync("ежегодно, май");
        await card.Locator("summary:text('Отметить выполненным')").ClickAsync();
        await card.GetByLabel("За учебный год").First.SelectOptionAsync(year.ToString());
        await card.GetByLabel("Подтверждение выполнения").FillAsync("Протокол педсовета № 5");
        await card.GetByRole(AriaRole.Button, new() { Name = "Выполнено" }).ClickAsync();
        await Assertions.Expect(card.Locator(".badge")).ToHaveTextAsync("Выполнено");
        await Assertions.Expect(card).ToContainTextAsync($"статус за {year}/{year + 1} учебный год");
        await Assertions.Expect(page.Locator("#rm-progress")).ToContainTextAsync("выполнено 1 из 1");
        await BrowserFixture.ShotAsync(page, "62-road-map-yearly-done");

        // The curator appointed: an order of the wrong kind refused next to the field, the typed name kept.
        await page.GetByRole(AriaRole.Link, new() { Name = "Назначения", Exact = true }).ClickAsync();
        await page.GetByLabel("Роль").SelectOptionAsync("curator");
        await page.GetByLabel("ФИО").FillAsync("Канева Ольга Сергеевна");
        await page.GetByLabel("Должность (необязательно)").FillAsync("заместитель директора по УВР");
        var regulation = await page.Locator("#orderId option", new() { HasTextString = "№ 31 " }).GetAttributeAsync("value");
        await page.GetByLabel("Приказ о назначении").SelectOptionAsync(regulation!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Назначить", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#orderId-error")).ToContainTextAsync("Куратора и координатора назначают приказом о назначении куратора");
        await Assertions.Expect(page.GetByLabel("ФИО")).ToHaveValueAsync("Канева Ольга Сергеевна");
        await BrowserFixture.ShotAsync(page, "63-appointment-refused");
        var order = await page.Locator("#orderId option", new() { HasTextString = "№ 21/1" }).GetAttributeAsync("value");
        await page.GetByLabel("Приказ о назначении").SelectOptionAsync(order!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Назначить", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success[role=status]")).ToHaveTextAsync("Назначение внесено.");
        await Assertions.Expect(page.Locator("article[id^='appointment-']")).ToContainTextAsync("Канева Ольга Сергеевна");
        await Assertions.Expect(page.Locator("article[id^='appointment-']")).ToContainTextAsync($"приказ от 01.09.{year} № 21/1");
        await BrowserFixture.ShotAsync(page, "64-appointments");

        // The headcounts of this school year.
        await page.GetByRole(AriaRole.Link, new() { Name = "Охват", Exact = true }).ClickAsync();
        await page.GetByLabel("Педагогов").FillAsync("сорок");
        await page.GetByLabel("Обучающихся (воспитанников)").FillAsync("320");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить численность" }).ClickAsync();
        await Assertions.Expect(page.Locator("#teachers-error")).ToContainTextAsync("Укажите число педагогов (0–5000).");
        await Assertions.Expect(page.GetByLabel("Обучающихся (воспитанников)")).ToHaveValueAsync("320");
        await page.GetByLabel("Педагогов").FillAsync("42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить численность" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success[role=status]")).ToHaveTextAsync($"Численность за {year}/{year + 1} учебный год сохранена.");
        await Assertions.Expect(page.Locator("#coverage-table")).ToContainTextAsync("42");
        await BrowserFixture.ShotAsync(page, "65-coverage");

        // An XLSX list: checked, then loaded without choosing the file again.
        await page.GotoAsync($"/schools/{Oosh}/people/import");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload
        {
            Name = "сотрудники.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = Mentoring.ImportTests.Xlsx(["ФИО", "Должность"], ["Браузерова Нина Павловна", "учитель истории"], ["Браузеров Глеб Ильич", "учитель географии"]),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Проверить файл" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("Ошибок нет: будет новых — 2");
        await Assertions.Expect(page.Locator("#kept-file")).ToContainTextAsync("Проверенный файл «сотрудники.xlsx» сохранён");
        (await page.Locator("#file").EvaluateAsync<int>("f => f.files.length")).ShouldBe(0, "the page after the check holds no chosen file");
        await BrowserFixture.ShotAsync(page, "66-import-checked");
        await page.GetByRole(AriaRole.Button, new() { Name = "Загрузить", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("Список загружен: новых — 2", new() { Timeout = 30_000 });
        await BrowserFixture.ShotAsync(page, "67-import-loaded");

        // A mentor of the first school, recognised by the e-mail in their participant card, lands on their own page.
        using var sosh1 = Client(TenantScope.School(Sosh1));
        // A demo program whose mentor has details under a consent (other walks in this host add mentors without them).
        JsonElement program = default, d = default;
        string? mentorId = null;
        foreach (var item in (await sosh1.GetFromJsonAsync<JsonElement>($"/api/schools/{Sosh1}/programs?status=in_progress")).GetProperty("items").EnumerateArray())
        {
            var id = item.GetProperty("mentor").GetProperty("id").GetString();
            var found = (await sosh1.GetFromJsonAsync<JsonElement>($"/api/schools/{Sosh1}/people/{id}")).GetProperty("details");
            if (found.ValueKind != JsonValueKind.Object) continue;
            (program, d, mentorId) = (item, found, id);
            break;
        }
        mentorId.ShouldNotBeNull();
        var details = new
        {
            subjects = d.GetProperty("subjects").EnumerateArray().Select(x => x.GetString()).ToArray(),
            yearsOfService = d.GetProperty("yearsOfService").ValueKind == JsonValueKind.Number ? d.GetProperty("yearsOfService").GetInt32() : (int?)null,
            qualificationCategory = d.GetProperty("qualificationCategory").GetString(),
            categories = d.GetProperty("categories").EnumerateArray().Select(x => x.GetString()).ToArray(),
            email = "rocheva.mentor@sosh1.example",
            phone = d.GetProperty("phone").GetString(),
        };
        (await sosh1.PutAsJsonAsync($"/api/schools/{Sosh1}/people/{mentorId}/details", details)).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        await api.Database.OwnerExecuteAsync(
            "UPDATE identity.users SET email = 'rocheva.mentor@sosh1.example', normalized_email = 'ROCHEVA.MENTOR@SOSH1.EXAMPLE' WHERE user_name = 'mentor.sosh1'");
        var mentor = await browser.NewPageAsync();
        await browser.SignInAsync(mentor, "mentor.sosh1");
        mentor.Url.ShouldEndWith($"/schools/{Sosh1}/me");
        await Assertions.Expect(mentor.Locator("h1")).ToContainTextAsync("Моё наставничество");
        await Assertions.Expect(mentor.Locator("#me-person")).ToContainTextAsync("по адресу электронной почты");
        await Assertions.Expect(mentor.Locator($"#my-program-{program.GetProperty("id").GetString()}")).ToContainTextAsync(program.GetProperty("goal").GetString()!);
        await BrowserFixture.ShotAsync(mentor, "68-my-mentoring");

        // The mentor fills their own awaited survey, then goes back through the menu.
        await mentor.Locator($"#my-surveys-{program.GetProperty("id").GetString()}").GetByRole(AriaRole.Link, new() { Name = "Заполнить анкету" }).First.ClickAsync();
        await Assertions.Expect(mentor.Locator("h1")).ToContainTextAsync("Анкета мониторинга");
        foreach (var select in await mentor.Locator("select[name^='answers.']").AllAsync()) await select.SelectOptionAsync("8");
        await mentor.GetByRole(AriaRole.Button, new() { Name = "Сохранить анкету" }).ClickAsync();
        await Assertions.Expect(mentor.Locator(".alert-success")).ToContainTextAsync("Анкета сохранена.");
        await Assertions.Expect(mentor.Locator("select[name^='answers.']").First).ToHaveValueAsync("8");
        await BrowserFixture.ShotAsync(mentor, "87-my-survey");
        await mentor.GetByRole(AriaRole.Link, new() { Name = "Моё наставничество", Exact = true }).ClickAsync();
        await Assertions.Expect(mentor.Locator("h1")).ToContainTextAsync("Моё наставничество");
    }

    /// <summary>The API of the browser's host, called as a school's curator (to prepare what the walk starts from).</summary>
    private HttpClient Client(TenantScope school)
    {
        var client = new HttpClient { BaseAddress = new Uri(browser.Api.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", browser.Api.TokenFor(school, Roles.SchoolCurator));
        return client;
    }
}
