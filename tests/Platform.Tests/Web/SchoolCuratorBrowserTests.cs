using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Platform.Tests.Web;

/// <summary>
/// A school curator's day in a real browser: the overview, a road map activity marked done with evidence (after the Russian
/// message for missing evidence), a pair formed, a program composed with a plan row and a meeting, and an evaluation whose
/// level appears while scoring. Every change shows up without reloading the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SchoolCuratorBrowserTests(BrowserFixture browser)
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    [Fact]
    public async Task A_school_curator_works_through_road_map_pairs_and_a_program()
    {
        var page = await browser.NewPageAsync();
        var reloads = 0;
        page.Load += (_, _) => reloads++;

        await browser.SignInAsync(page, "curator.sosh1");
        page.Url.ShouldEndWith($"/schools/{Sosh1}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Принято и назначено" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Охват наставничеством")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('canvas[data-chart]')?.dataset.ready === '1'");
        await BrowserFixture.ShotAsync(page, "01-school-overview");

        // Road map: created from a model road map (periods shifted to this school year), then the timeline by months, a
        // missing-evidence message in Russian next to the field, and done with evidence.
        await page.GetByRole(AriaRole.Link, new() { Name = "Дорожные карты" }).ClickAsync();
        await page.GetByLabel("Примерная дорожная карта").SelectOptionAsync("spb-cppmsp-2024");
        await BrowserFixture.ShotAsync(page, "02-road-maps");
        await page.GetByRole(AriaRole.Button, new() { Name = "Создать дорожную карту" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/road-maps/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.Locator(".timeline-month h2").First).ToHaveTextAsync(new Regex(@"^(Январь|Февраль|Март|Апрель|Май|Июнь|Июль|Август|Сентябрь|Октябрь|Ноябрь|Декабрь) 20\d\d$"));
        (await page.Locator("article.overdue .badge:text('Просрочено')").CountAsync()).ShouldBeGreaterThan(0, "autumn activities of this school year are overdue in December");
        var card = page.Locator("article:has(summary:text('Отметить выполненным'))").First;
        var cardId = await card.GetAttributeAsync("id");
        var loadsBefore = reloads;
        await card.Locator("summary").ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Выполнено" }).ClickAsync();
        card = page.Locator($"#{cardId}");
        await Assertions.Expect(card.GetByRole(AriaRole.Alert)).ToContainTextAsync("Укажите подтверждение выполнения");
        await Assertions.Expect(card.GetByLabel("Подтверждение выполнения")).ToHaveClassAsync(new Regex("is-invalid"));
        await BrowserFixture.ShotAsync(page, "03-road-map-field-error");
        await card.GetByLabel("Подтверждение выполнения").FillAsync("Протокол заседания рабочей группы № 3");
        await card.GetByRole(AriaRole.Button, new() { Name = "Выполнено" }).ClickAsync();
        await Assertions.Expect(card.Locator(".badge")).ToHaveTextAsync("Выполнено");
        await Assertions.Expect(card).ToContainTextAsync("Протокол заседания рабочей группы № 3");
        await Assertions.Expect(page.Locator("#rm-progress")).ToContainTextAsync("выполнено 1 из");
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("Отмечен ход выполнения мероприятия");
        reloads.ShouldBe(loadsBefore, "marking done must not reload the page");
        await BrowserFixture.ShotAsync(page, "04-road-map-timeline");

        // A pair: the form's own Russian messages first, then a valid pair from the pools.
        await page.GotoAsync($"/schools/{Sosh1}/mentorships");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сформировать пару" }).ClickAsync();
        await Assertions.Expect(page.Locator("#mentorId")).ToHaveClassAsync(new Regex("is-invalid"));
        await Assertions.Expect(page.Locator("#propose-form")).ToContainTextAsync("Выберите наставника из банка наставников.");
        var mentor = await page.Locator("#mentorId option:not([value=''])").First.GetAttributeAsync("value");
        var mentees = await page.Locator("#menteeId option:not([value=''])").EvaluateAllAsync<string[]>("o => o.map(x => x.value)");
        await page.Locator("#mentorId").SelectOptionAsync(mentor!);
        await page.Locator("#menteeId").SelectOptionAsync(mentees.First(m => m != mentor));
        await page.GetByLabel("Форма наставничества").SelectOptionAsync("other");
        await page.GetByLabel("Вид наставничества").SelectOptionAsync("traditional");
        await page.GetByLabel("Направление работы").FillAsync("Подготовка к олимпиаде");
        await BrowserFixture.ShotAsync(page, "05-pair-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сформировать пару" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/mentorships/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Сформирована, ожидает приказа");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Пара (группа) сформирована");
        await BrowserFixture.ShotAsync(page, "06-pair");

        // A program for an approved pair.
        await page.GotoAsync($"/schools/{Sosh1}/programs/new");
        await page.Locator("#mentorshipId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Проблема (затруднение наставляемого)").FillAsync("Трудности в организации проектной деятельности");
        await page.GetByLabel("Цель программы").FillAsync("Освоить проектную деятельность на уроках");
        await page.GetByLabel("Задачи (каждая с новой строки)").FillAsync("Изучить методику\nПровести открытый урок");
        await page.GetByLabel("Планируемые результаты").FillAsync("Проведён открытый урок с проектной работой");
        await page.GetByRole(AriaRole.Button, new() { Name = "Составить программу" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/programs/[0-9a-f-]{36}$"));
        loadsBefore = reloads;

        // A plan row and a meeting, each swapped into its section.
        await page.Locator("#plan summary").ClickAsync();
        await page.GetByLabel("Содержание").FillAsync("Посещение уроков наставника");
        await page.GetByLabel("Ожидаемый результат").FillAsync("Анализ трёх уроков");
        await page.Locator("#plan-deadline").FillAsync(DateTime.Today.AddDays(14).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить в план" }).ClickAsync();
        await Assertions.Expect(page.Locator("#plan table")).ToContainTextAsync("Посещение уроков наставника");
        await page.Locator("#meetings summary").ClickAsync();
        await page.GetByLabel("Итоги встречи").FillAsync("Знакомство, договорились о графике");
        await page.GetByRole(AriaRole.Button, new() { Name = "Отметить встречу" }).ClickAsync();
        await Assertions.Expect(page.Locator("#meetings")).ToContainTextAsync("Знакомство, договорились о графике");
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("Проведена встреча");

        // The evaluation: the level is shown while scoring, then saved.
        await page.Locator("#evaluations summary").ClickAsync();
        var total = page.Locator("[data-eval-total]");
        var radios = page.Locator("#evaluations fieldset");
        (await radios.CountAsync()).ShouldBe(9);
        for (var i = 0; i < 8; i++) await radios.Nth(i).Locator("input[value='2']").CheckAsync();
        await Assertions.Expect(total).ToContainTextAsync("Итого 16 из 18 баллов — уровень оптимальный (оценено 8 из 9)");
        await radios.Nth(8).Locator("input[value='0']").CheckAsync();
        await Assertions.Expect(total).ToHaveTextAsync("Итого 16 из 18 баллов — уровень оптимальный");
        for (var i = 0; i < 4; i++) await radios.Nth(i).Locator("input[value='1']").CheckAsync();
        await Assertions.Expect(total).ToHaveTextAsync("Итого 12 из 18 баллов — уровень допустимый");
        await BrowserFixture.ShotAsync(page, "07-program-evaluation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить оценку" }).ClickAsync();
        await Assertions.Expect(page.Locator("#evaluations .badge").First).ToHaveTextAsync("12 из 18 баллов — уровень допустимый");
        reloads.ShouldBe(loadsBefore, "plan, meeting and evaluation are swapped in without reloading");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Программа оценена");
        await BrowserFixture.ShotAsync(page, "08-program");

        await page.GotoAsync($"/schools/{Sosh1}/people?pool=mentor");
        await Assertions.Expect(page.Locator("#people-table")).ToContainTextAsync("есть");
        await BrowserFixture.ShotAsync(page, "09-people");
    }

    [Fact]
    public async Task The_overview_fits_a_tablet()
    {
        var page = await browser.NewPageAsync(768, 1024);
        await browser.SignInAsync(page, "curator.sosh1");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        overflow.ShouldBeFalse("no horizontal scrolling on a tablet");
        await BrowserFixture.ShotAsync(page, "10-overview-tablet");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
