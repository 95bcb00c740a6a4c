using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Platform.Tests.Web;

/// <summary>
/// A new region from nothing to its district's dashboard, every step in the browser by the person whose work it is: the platform
/// administrator creates the region and invites its officer; the officer registers a district and invites its curator; the
/// curator registers a kindergarten and a school and invites the school's curator and head; the school's curator registers the
/// order on pairs, writes a two-year road map with an «Ежегодно» row, adds a mentor and two pupils with their consents (the
/// guardians sign), puts them in the pools and forms a group; the head approves it; the curator composes the group's program
/// and evaluates it; the district's dashboard shows the school with the right figures and totals.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NewRegionEndToEndBrowserTests(BrowserFixture browser)
{
    private const string Password = "Novaya-Respublika-2026";

    /// <summary>The one-time link of an invitation just issued on the page.</summary>
    private static async Task<string> InviteLinkAsync(IPage page)
    {
        var link = page.Locator("[data-invite-link]");
        await Assertions.Expect(link).ToContainTextAsync("/account/invite/");
        return new Uri((await link.TextContentAsync())!.Trim()).PathAndQuery;
    }

    /// <summary>The invitee opens the link in their own browser, chooses a login and a password, and is signed in.</summary>
    private async Task<IPage> AcceptAsync(string link, string login)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(link);
        await page.GetByLabel("Логин").FillAsync(login);
        await page.GetByLabel("Пароль", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Пароль ещё раз").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Создать учётную запись" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/"));
        return page;
    }

    private static async Task AddPupilAsync(IPage page, string school, string fullName, string form, int birthYear, string guardian)
    {
        await page.GotoAsync($"/schools/{school}/people");
        await page.Locator("#add-person > summary").ClickAsync();
        await page.GetByLabel("Кто это").SelectOptionAsync("student");
        await page.GetByLabel("Фамилия, имя, отчество").FillAsync(fullName);
        await page.GetByLabel("Должность, класс или группа").FillAsync(form);
        await page.GetByLabel("Год рождения").FillAsync(birthYear.ToString());
        await page.GetByLabel("Согласие уже подписано — внести сразу").CheckAsync();
        await page.GetByLabel("Кто подписал").SelectOptionAsync("guardian");
        await page.GetByLabel("ФИО законного представителя (за несовершеннолетнего)").FillAsync(guardian);
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить участника" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/people/[0-9a-f-]{36}\\?added=1$"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"Законный представитель — {guardian}");
    }

    private static async Task JoinMenteesAsync(IPage page, string school, string option)
    {
        await page.GotoAsync($"/schools/{school}/pools/mentees");
        await page.Locator("#join > summary").ClickAsync();
        await page.GetByLabel("Участник (с действующим согласием)").SelectOptionAsync(new SelectOptionValue { Label = option });
        await page.GetByLabel("Запросы (каждый с новой строки)").FillAsync("исследовательский проект по краеведению");
        await page.GetByLabel("Предметы (каждый с новой строки)").FillAsync("история");
        await page.GetByLabel("Желаемая форма наставничества").SelectOptionAsync("teacher_student");
        await page.GetByRole(AriaRole.Button, new() { Name = "Включить в банк" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/pools/mentees/[0-9a-f-]{36}\\?joined=1$"));
    }

    [Fact]
    public async Task A_new_region_comes_on_board_and_its_district_sees_a_schools_group_through_to_the_evaluation()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(3));
        var year = today.Month >= 9 ? today.Year : today.Year - 1;

        // The platform administrator: the region, its targets, its first officer.
        var admin = await browser.NewPageAsync();
        await browser.SignInAsync(admin, "platform.admin");
        await admin.GetByLabel("Код региона").FillAsync("877");
        await admin.GetByLabel("Название региона").FillAsync("Республика Новая");
        await admin.GetByLabel("Региональный институт развития образования").FillAsync("ГАУ ДПО «Институт развития образования Республики Новая»");
        await admin.GetByLabel("Часовой пояс региона").SelectOptionAsync("Europe/Moscow");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Создать регион" }).ClickAsync();
        await admin.WaitForURLAsync(url => url.Contains("/settings"));
        var region = Regex.Match(admin.Url, "/regions/([0-9a-f-]{36})/").Groups[1].Value;
        await admin.GetByLabel("ФИО").FillAsync("Новикова Елена Андреевна");
        await admin.GetByLabel("Электронная почта").FillAsync("novikova@iro877.ru");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Пригласить специалиста" }).ClickAsync();
        var officerLink = await InviteLinkAsync(admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Показатели и цели" }).ClickAsync();
        await admin.GetByLabel("Доля педагогов, %").FillAsync("15");
        await admin.GetByLabel("Доля обучающихся, %").FillAsync("10");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Сохранить цели" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Целевые показатели сохранены.");
        await BrowserFixture.ShotAsync(admin, "80-region-indicators");

        // The region's officer: a district and its curator.
        var officer = await AcceptAsync(officerLink, "novikova");
        officer.Url.ShouldEndWith($"/regions/{region}");
        await officer.GetByLabel("Краткое наименование").FillAsync("Новый район");
        await officer.GetByLabel("Полное наименование (орган управления образованием)").FillAsync("Управление образования администрации МР «Новый район»");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Зарегистрировать" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Status).First).ToContainTextAsync("Район «Новый район» зарегистрирован.");
        await officer.GetByLabel("Район", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Новый район" });
        await officer.GetByLabel("ФИО").FillAsync("Районова Татьяна Павловна");
        await officer.GetByLabel("Электронная почта").FillAsync("rayonova@uo-novy.ru");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Пригласить" }).ClickAsync();
        var curatorLink = await InviteLinkAsync(officer);

        // The district's curator: a kindergarten and a school in the registry, the school's curator and head invited.
        var district = await AcceptAsync(curatorLink, "rayonova");
        var districtId = Regex.Match(district.Url, "/districts/([0-9a-f-]{36})").Groups[1].Value;
        await district.GetByRole(AriaRole.Link, new() { Name = "Реестр организаций" }).ClickAsync();
        async Task RegisterAsync(string shortName, string fullName, string kind)
        {
            await district.GetByLabel("Краткое наименование").FillAsync(shortName);
            await district.GetByLabel("Полное наименование").FillAsync(fullName);
            await district.GetByLabel("Вид организации").SelectOptionAsync(kind);
            await district.GetByRole(AriaRole.Button, new() { Name = "Зарегистрировать" }).ClickAsync();
            await Assertions.Expect(district.GetByRole(AriaRole.Status).First).ToContainTextAsync($"Организация «{shortName}» зарегистрирована.");
        }
        await RegisterAsync("МБДОУ «Детский сад № 3 „Солнышко“»", "Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 3 „Солнышко“»",
            "kindergarten");
        await RegisterAsync("МБОУ «Новая СОШ»", "Муниципальное бюджетное общеобразовательное учреждение «Новая средняя общеобразовательная школа»", "school");
        await Assertions.Expect(district.Locator("main table")).ToContainTextAsync("детский сад (ДОО)");
        await BrowserFixture.ShotAsync(district, "81-district-registry");
        var school = await district.Locator("tr[data-school]:has-text('МБОУ «Новая СОШ»')").GetAttributeAsync("data-school");

        await district.GetByRole(AriaRole.Link, new() { Name = "Учётные записи" }).ClickAsync();
        async Task<string> InviteAsync(string role, string fullName, string email)
        {
            await district.GetByLabel("Организация").SelectOptionAsync(school!);
            await district.GetByLabel("Роль").SelectOptionAsync(role);
            await district.GetByLabel("ФИО").FillAsync(fullName);
            await district.GetByLabel("Электронная почта").FillAsync(email);
            await district.GetByRole(AriaRole.Button, new() { Name = "Пригласить" }).ClickAsync();
            return await InviteLinkAsync(district);
        }
        var schoolCuratorLink = await InviteAsync("SchoolCurator", "Школьная Ирина Викторовна", "shkolnaya@novaya-sosh.ru");
        var headLink = await InviteAsync("SchoolDirector", "Директорова Нина Ивановна", "direktorova@novaya-sosh.ru");
        await BrowserFixture.ShotAsync(district, "82-district-accounts");

        // The school's curator: the order on pairs, a two-year road map with a yearly row.
        var page = await AcceptAsync(schoolCuratorLink, "shkolnaya");
        page.Url.ShouldEndWith($"/schools/{school}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Локальные акты" }).ClickAsync();
        await page.GetByLabel("Вид акта").SelectOptionAsync("pair_approval");
        await page.GetByLabel("Номер приказа").FillAsync("№ 21/1");
        await page.GetByLabel("Название акта").FillAsync("О закреплении наставнических пар (групп)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Зарегистрировать" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("№ 21/1");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("№ № 21/1");

        await page.GetByRole(AriaRole.Link, new() { Name = "Дорожные карты" }).ClickAsync();
        await page.GetByLabel("Название", new() { Exact = true }).FillAsync($"Дорожная карта внедрения системы наставничества на {year}–{year + 2} годы");
        await page.GetByLabel("Учебный год начинается в").FillAsync(year.ToString());
        await page.GetByLabel("Учебных лет").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Создать дорожную карту" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/road-maps/[0-9a-f-]{36}$"));
        await page.Locator("#add-stage-title").FillAsync("Реализация программ наставничества");
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить этап" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success[role=status]")).ToHaveTextAsync("Этап добавлен.");
        var add = page.Locator("#add-activity");
        if (await add.GetAttributeAsync("open") is null) await add.Locator("summary").First.ClickAsync();
        await add.GetByLabel("Этап", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Реализация программ наставничества" });
        await add.GetByLabel("Мероприятие", new() { Exact = true }).FillAsync("Мониторинг реализации программ наставничества");
        await add.GetByLabel("Вид срока").SelectOptionAsync("yearly");
        await add.GetByLabel("Месяц (для «ежегодно»)").SelectOptionAsync("12");
        await add.GetByLabel("Куратор", new() { Exact = true }).CheckAsync();
        await add.GetByRole(AriaRole.Button, new() { Name = "Добавить мероприятие" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success[role=status]")).ToHaveTextAsync("Мероприятие добавлено.");
        await Assertions.Expect(page.Locator("article[id^='activity-']")).ToContainTextAsync("ежегодно, декабрь");
        await BrowserFixture.ShotAsync(page, "83-school-road-map");

        // People with their consents, the pools, a group of one mentor and two pupils.
        await page.GotoAsync($"/schools/{school}/people");
        await page.Locator("#add-person > summary").ClickAsync();
        await page.GetByLabel("Кто это").SelectOptionAsync("teacher");
        await page.GetByLabel("Фамилия, имя, отчество").FillAsync("Учителева Анна Сергеевна");
        await page.GetByLabel("Должность, класс или группа").FillAsync("учитель истории");
        await page.GetByLabel("Согласие уже подписано — внести сразу").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить участника" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/people/[0-9a-f-]{36}\\?added=1$"));
        await AddPupilAsync(page, school!, "Ученикова Вера Олеговна", "7А", year - 12, "Ученикова Ольга Петровна");
        await AddPupilAsync(page, school!, "Учеников Пётр Олегович", "8Б", year - 13, "Учеников Олег Иванович");

        await page.GotoAsync($"/schools/{school}/pools/mentors");
        await page.Locator("#join > summary").ClickAsync();
        await page.GetByLabel("Участник (с действующим согласием)").SelectOptionAsync(new SelectOptionValue { Label = "Учителева Анна Сергеевна, учитель истории" });
        await page.GetByLabel("Компетенции: в чём может помочь (каждая с новой строки)").FillAsync("исследовательские проекты");
        await page.GetByLabel("Предметы (каждый с новой строки)").FillAsync("история");
        await page.GetByLabel("Сколько наставляемых (1–10)").FillAsync("3");
        await page.GetByLabel("Учитель – ученик").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Включить в банк" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/pools/mentors/[0-9a-f-]{36}\\?joined=1$"));
        await JoinMenteesAsync(page, school!, "Ученикова Вера Олеговна, 7А");
        await JoinMenteesAsync(page, school!, "Учеников Пётр Олегович, 8Б");

        await page.GotoAsync($"/schools/{school}/mentorships");
        await page.Locator("#mentorId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        var mentees = await page.Locator("#menteeId option:not([value=''])").EvaluateAllAsync<string[]>("o => o.map(x => x.value)");
        mentees.Length.ShouldBe(2);
        await page.Locator("#menteeId").SelectOptionAsync(mentees);
        await page.GetByLabel("Форма наставничества").SelectOptionAsync("teacher_student");
        await page.GetByLabel("Вид наставничества").SelectOptionAsync("group");
        await page.GetByLabel("Направление работы").FillAsync("Школьное краеведение");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сформировать пару (группу)" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/mentorships/[0-9a-f-]{36}$"));
        var groupUrl = new Uri(page.Url).PathAndQuery;
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Сформирована, ожидает приказа");

        await page.GetByRole(AriaRole.Link, new() { Name = "Охват", Exact = true }).ClickAsync();
        await page.GetByLabel("Педагогов").FillAsync("10");
        await page.GetByLabel("Обучающихся (воспитанников)").FillAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить численность" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Обучающихся (воспитанников)")).ToHaveValueAsync("20");

        // The head approves the group by the order.
        var head = await AcceptAsync(headLink, "direktorova");
        await head.GotoAsync(groupUrl);
        await head.Locator("#orderId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await head.GetByRole(AriaRole.Button, new() { Name = "Закрепить" }).ClickAsync();
        await Assertions.Expect(head.Locator("main")).ToContainTextAsync("Закреплена приказом");
        await BrowserFixture.ShotAsync(head, "84-group-approved");

        // The group's program, a plan row, a meeting and the evaluation.
        await page.GotoAsync($"/schools/{school}/programs/new");
        await page.Locator("#mentorshipId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Проблема (затруднение наставляемого)").FillAsync("Нет опыта исследовательской работы");
        await page.GetByLabel("Цель программы").FillAsync("Подготовить краеведческий проект к школьной конференции");
        await page.GetByLabel("Задачи (каждая с новой строки)").FillAsync("Выбрать тему\nСобрать материалы в музее\nВыступить на конференции");
        await page.GetByLabel("Планируемые результаты").FillAsync("Два проекта представлены на конференции");
        await page.GetByRole(AriaRole.Button, new() { Name = "Составить программу" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/programs/[0-9a-f-]{36}$"));
        await page.Locator("#plan summary").ClickAsync();
        await page.GetByLabel("Содержание").FillAsync("Экскурсия в краеведческий музей");
        await page.GetByLabel("Ожидаемый результат").FillAsync("Выбраны темы проектов");
        await page.Locator("#plan-deadline").FillAsync(today.AddDays(14).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить в план" }).ClickAsync();
        await Assertions.Expect(page.Locator("#plan table")).ToContainTextAsync("Экскурсия в краеведческий музей");
        await page.Locator("#meetings summary").ClickAsync();
        await page.GetByLabel("Итоги встречи").FillAsync("Знакомство, выбрали темы");
        await page.GetByRole(AriaRole.Button, new() { Name = "Отметить встречу" }).ClickAsync();
        await Assertions.Expect(page.Locator("#meetings")).ToContainTextAsync("Знакомство, выбрали темы");
        await page.Locator("#evaluations summary").ClickAsync();
        var criteria = page.Locator("#evaluations fieldset");
        for (var i = 0; i < 9; i++) await criteria.Nth(i).Locator("input[value='2']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить оценку" }).ClickAsync();
        await Assertions.Expect(page.Locator("#evaluations .badge").First).ToHaveTextAsync("18 из 18 баллов — уровень оптимальный");
        await BrowserFixture.ShotAsync(page, "85-group-program-evaluated");

        // The district's dashboard: the school with its pools, its group, its program and evaluation, its pupils covered; the totals.
        await district.GotoAsync($"/districts/{districtId}");
        var row = district.Locator("#district-dashboard tbody tr:has-text('МБОУ «Новая СОШ»')");
        var cells = row.Locator("td");
        await Assertions.Expect(cells.Nth(2)).ToHaveTextAsync("1 / 2");       // mentor pool / mentee pool
        await Assertions.Expect(cells.Nth(3)).ToHaveTextAsync("1");           // active pairs and groups
        await Assertions.Expect(cells.Nth(4)).ToHaveTextAsync("1 / 0");       // programs in progress / completed
        await Assertions.Expect(cells.Nth(6)).ToContainTextAsync("2 (10 %)"); // pupils covered of 20
        await Assertions.Expect(cells.Nth(8).Locator(".level-optimal")).ToHaveTextAsync("1");
        var totals = district.Locator("#district-dashboard tfoot tr");
        await Assertions.Expect(totals).ToContainTextAsync("Итого по району (2)");
        await Assertions.Expect(totals.Locator("td").Nth(6)).ToContainTextAsync("2 (10 %)");
        await BrowserFixture.ShotAsync(district, "86-district-dashboard");
    }
}
