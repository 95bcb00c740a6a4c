using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Platform.Tests.Web;

/// <summary>
/// A school curator in a real browser adds a mentor and two mentees (one a minor, with the guardian's consent after the page
/// says it is needed), puts them in the pools, reads the suggested mentors with their score explained, forms a group of the
/// mentor and both mentees from the suggestion, and the director approves it by the school's order.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SchoolPeopleBrowserTests(BrowserFixture browser)
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    private static async Task AddPersonAsync(IPage page, string kind, string fullName, string position, int? birthYear = null)
    {
        await page.GotoAsync($"/schools/{Sosh1}/people");
        await page.Locator("#add-person > summary").ClickAsync();
        await page.GetByLabel("Кто это").SelectOptionAsync(kind);
        await page.GetByLabel("Фамилия, имя, отчество").FillAsync(fullName);
        await page.GetByLabel("Должность, класс или группа").FillAsync(position);
        if (birthYear is { } year) await page.GetByLabel("Год рождения").FillAsync(year.ToString());
        await page.GetByLabel("Согласие уже подписано — внести сразу").CheckAsync();
    }

    private static async Task<string> SubmitPersonAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить участника" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/people/[0-9a-f-]{36}\\?added=1$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Участник добавлен.");
        return Regex.Match(page.Url, "/people/([0-9a-f-]{36})").Groups[1].Value;
    }

    private static async Task<string> JoinMenteesAsync(IPage page, string option)
    {
        await page.GotoAsync($"/schools/{Sosh1}/pools/mentees");
        await page.Locator("#join > summary").ClickAsync();
        await page.GetByLabel("Участник (с действующим согласием)").SelectOptionAsync(new SelectOptionValue { Label = option });
        await page.GetByLabel("Запросы (каждый с новой строки)").FillAsync("подготовка к олимпиаде по биологии");
        await page.GetByLabel("Предметы (каждый с новой строки)").FillAsync("биология");
        await page.GetByLabel("Желаемая форма наставничества").SelectOptionAsync("teacher_student");
        await page.GetByRole(AriaRole.Button, new() { Name = "Включить в банк" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/pools/mentees/[0-9a-f-]{36}\\?joined=1$"));
        return Regex.Match(page.Url, "/pools/mentees/([0-9a-f-]{36})").Groups[1].Value;
    }

    [Fact]
    public async Task A_curator_adds_people_fills_the_pools_and_forms_a_group_that_the_director_approves()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, "curator.sosh1");
        var year = DateTime.UtcNow.Year;

        // The mentor, a teacher who signs the consent herself.
        await AddPersonAsync(page, "teacher", "Браузерова Анна Петровна", "учитель биологии");
        await BrowserFixture.ShotAsync(page, "50-people-add");
        var mentor = await SubmitPersonAsync(page);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Действует с");
        await BrowserFixture.ShotAsync(page, "51-person");

        // An adult pupil of the 11th form, and a minor of the 5th: the minor's consent signed by the pupil is refused next to the guardian's name.
        await AddPersonAsync(page, "student", "Браузеров Олег Ильич", "11А", year - 18);
        var adult = await SubmitPersonAsync(page);
        await AddPersonAsync(page, "student", "Браузерова Маша Ильинична", "5 а", year - 11);
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить участника" }).ClickAsync();
        await Assertions.Expect(page.Locator("#consent-guardianName-error")).ToContainTextAsync("согласие даёт законный представитель");
        await Assertions.Expect(page.GetByLabel("Фамилия, имя, отчество")).ToHaveValueAsync("Браузерова Маша Ильинична");
        await BrowserFixture.ShotAsync(page, "52-people-add-minor-refused");
        await page.GetByLabel("Кто подписал").SelectOptionAsync("guardian");
        await page.GetByLabel("ФИО законного представителя (за несовершеннолетнего)").FillAsync("Браузерова Ирина Сергеевна");
        var minor = await SubmitPersonAsync(page);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Законный представитель — Браузерова Ирина Сергеевна");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Обучающийся (несовершеннолетний) · 5А");

        // The mentor's pool, reached from the section's sub-navigation.
        await page.GetByRole(AriaRole.Link, new() { Name = "Банк наставников" }).First.ClickAsync();
        await page.Locator("#join > summary").ClickAsync();
        await page.GetByLabel("Участник (с действующим согласием)").SelectOptionAsync(new SelectOptionValue { Label = "Браузерова Анна Петровна, учитель биологии" });
        await page.GetByLabel("Компетенции: в чём может помочь (каждая с новой строки)").FillAsync("подготовка школьников к олимпиадам\nисследовательские проекты");
        await page.GetByLabel("Предметы (каждый с новой строки)").FillAsync("биология\nэкология");
        await page.GetByLabel("Сколько наставляемых (1–10)").FillAsync("3");
        await page.GetByLabel("Учитель – ученик").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Включить в банк" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/pools/mentors/{mentor}\\?joined=1$"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("может вести 3, свободно 3");
        await BrowserFixture.ShotAsync(page, "53-mentor");

        (await JoinMenteesAsync(page, "Браузеров Олег Ильич, 11А")).ShouldBe(adult);
        (await JoinMenteesAsync(page, "Браузерова Маша Ильинична, 5А")).ShouldBe(minor);
        await page.GotoAsync($"/schools/{Sosh1}/pools/mentees");
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync("Браузерова Маша Ильинична");
        await BrowserFixture.ShotAsync(page, "54-mentee-pool");

        // The suggestions for the minor: the mentor's score and its parts, then the pair form filled from it.
        await page.GotoAsync($"/schools/{Sosh1}/pools/mentees/{minor}");
        var card = page.Locator("article.suggestion[aria-label='Браузерова Анна Петровна']");
        await Assertions.Expect(card).ToContainTextAsync("Общие предметы");
        await Assertions.Expect(card).ToContainTextAsync("биология");
        await Assertions.Expect(card).ToContainTextAsync("Желаемая форма наставничества");
        await Assertions.Expect(card.Locator(".score")).ToHaveTextAsync(new Regex(@"^\d+ балл"));
        await card.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ShotAsync(page, "55-suggestions");
        await card.GetByRole(AriaRole.Link, new() { Name = "Сформировать пару с этим наставником" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/mentorships\\?mentorId="));
        await Assertions.Expect(page.Locator("#mentorId")).ToHaveValueAsync(mentor);

        // A group: the mentor and both mentees.
        await page.Locator("#menteeId").SelectOptionAsync(new[] { adult, minor });
        await page.GetByLabel("Форма наставничества").SelectOptionAsync("teacher_student");
        await page.GetByLabel("Вид наставничества").SelectOptionAsync("traditional");
        await page.GetByLabel("Направление работы").FillAsync("Олимпиада по биологии");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сформировать пару (группу)" }).ClickAsync();
        await Assertions.Expect(page.Locator("#menteeId-error")).ToContainTextAsync("Для нескольких выберите групповое");
        await page.GetByLabel("Вид наставничества").SelectOptionAsync("group");
        await BrowserFixture.ShotAsync(page, "56-group-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сформировать пару (группу)" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/mentorships/[0-9a-f-]{36}$"));
        var pairUrl = page.Url;
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Сформирована, ожидает приказа");
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync("Браузеров Олег Ильич");
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync("Браузерова Маша Ильинична");
        (await page.Locator("main table .badge.text-bg-success").CountAsync()).ShouldBe(3, "every participant's written consent is recorded");
        await BrowserFixture.ShotAsync(page, "57-group");

        // The director approves the group by the school's order on pairs.
        var director = await browser.NewPageAsync();
        await browser.SignInAsync(director, "director.sosh1");
        await director.GotoAsync(pairUrl);
        await director.Locator("#orderId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await director.GetByRole(AriaRole.Button, new() { Name = "Закрепить" }).ClickAsync();
        await Assertions.Expect(director.Locator("main")).ToContainTextAsync("Закреплена приказом");
        await Assertions.Expect(director.Locator("main")).ToContainTextAsync("Пара закреплена приказом");
        await BrowserFixture.ShotAsync(director, "58-group-approved");

        // The questionnaires of the section.
        await page.GotoAsync($"/schools/{Sosh1}/questionnaires");
        await page.Locator("#create > summary").ClickAsync();
        await page.GetByLabel("Название").FillAsync("Анкета наставляемого");
        await page.GetByLabel("Кому адресована").SelectOptionAsync("mentees");
        await page.Locator("#create-q0-text").FillAsync("Что вы хотите получить от наставника?");
        await page.Locator("#create-q0-kind").SelectOptionAsync("text");
        await page.GetByRole(AriaRole.Button, new() { Name = "Создать анкету" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/questionnaires/[0-9a-f-]{36}\\?saved=1$"));
        await Assertions.Expect(page.Locator("#questions")).ToContainTextAsync("Что вы хотите получить от наставника?");
        await BrowserFixture.ShotAsync(page, "59-questionnaire");
    }
}
