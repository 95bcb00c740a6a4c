using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Tenancy.Demo;

namespace Platform.Tests.Web;

/// <summary>
/// The district's acts and deadlines in a real browser: the district curator registers an act (after a refusal next to the field),
/// sets a yearly deadline by it and sees who is late; the school's curator finds both on the school overview and marks the
/// deadline done.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DistrictDeadlinesBrowserTests(BrowserFixture browser)
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    [Fact]
    public async Task A_district_curator_registers_an_act_and_sets_a_deadline_that_a_school_marks_done()
    {
        var district = await browser.NewPageAsync();
        await browser.SignInAsync(district, "district.curator");
        await district.GetByRole(AriaRole.Link, new() { Name = "Акты района" }).ClickAsync();
        await district.WaitForURLAsync(new Regex($"/districts/{DemoDistrict.DistrictId}/acts$"));
        await Assertions.Expect(district.Locator("tr:has-text('Об организации системы наставничества')")).ToContainTextAsync("№ 237");

        await district.GetByLabel("Вид акта").SelectOptionAsync("model_road_map");
        await district.GetByLabel("Номер приказа").FillAsync("№ 181/1");
        await district.GetByLabel("Дата приказа").FillAsync("01.09.2022");
        await district.GetByRole(AriaRole.Button, new() { Name = "Зарегистрировать" }).ClickAsync();
        await Assertions.Expect(district.Locator("#act-title-error")).ToHaveTextAsync("Укажите название акта.");
        await Assertions.Expect(district.GetByLabel("Номер приказа")).ToHaveValueAsync("№ 181/1");
        await BrowserFixture.ShotAsync(district, "70-district-act-field-error");

        await district.GetByLabel("Название акта").FillAsync("Об утверждении примерной «дорожной карты» (браузер)");
        await district.GetByRole(AriaRole.Button, new() { Name = "Зарегистрировать" }).ClickAsync();
        var row = district.Locator("tr:has-text('Об утверждении примерной «дорожной карты» (браузер)')");
        await Assertions.Expect(row).ToContainTextAsync("№ 181/1");
        (await row.InnerTextAsync()).ShouldNotContain("№ №");
        await BrowserFixture.ShotAsync(district, "71-district-acts");

        // A yearly deadline by that act, due ten days from now (its first year: that date's).
        // The school's own date (Moscow): between 21:00 and midnight UTC it is already the next day there.
        var today = Platform.Tenancy.Registry.RussianTimeZones.Today(DateTimeOffset.UtcNow, "Europe/Moscow");
        var due = today.AddDays(10);
        await district.GetByRole(AriaRole.Link, new() { Name = "Сроки района" }).ClickAsync();
        await district.WaitForURLAsync(new Regex($"/districts/{DemoDistrict.DistrictId}/deadlines$"));
        await Assertions.Expect(district.Locator("article:has-text('Утвердить положение')")).ToContainTextAsync("Опаздывают");
        await district.GetByLabel("Что сделать").FillAsync("Представить отчёт наставников (браузер)");
        await district.GetByRole(AriaRole.Radio, new() { Name = "ежегодно" }).CheckAsync();
        await district.GetByLabel("День", new() { Exact = true }).FillAsync(due.Day.ToString(CultureInfo.InvariantCulture));
        await district.GetByLabel("Месяц (ежегодно)").SelectOptionAsync(due.Month.ToString(CultureInfo.InvariantCulture));
        await district.GetByLabel("С какого года (для ежегодного)").FillAsync("20" + due.Year % 100 + "x");
        await district.GetByLabel("По акту района").SelectOptionAsync(new SelectOptionValue { Label = "от 01.09.2022 № 181/1 — Об утверждении примерной «дорожной карты» (браузер)" });
        await district.GetByRole(AriaRole.Button, new() { Name = "Установить срок" }).ClickAsync();
        await Assertions.Expect(district.Locator("#deadline-first-year-error")).ToContainTextAsync("четыре цифры");
        await Assertions.Expect(district.GetByLabel("Что сделать")).ToHaveValueAsync("Представить отчёт наставников (браузер)");
        await district.GetByLabel("С какого года (для ежегодного)").FillAsync(due.Year.ToString(CultureInfo.InvariantCulture));
        await district.GetByRole(AriaRole.Button, new() { Name = "Установить срок" }).ClickAsync();
        var card = district.Locator("article:has-text('Представить отчёт наставников (браузер)')");
        await Assertions.Expect(card).ToContainTextAsync($"до {due.Day} {CultureInfo.GetCultureInfo("ru-RU").DateTimeFormat.MonthGenitiveNames[due.Month - 1]} ежегодно");
        await Assertions.Expect(card).ToContainTextAsync("По приказу от 01.09.2022 № 181/1");
        await Assertions.Expect(card).ToContainTextAsync("Выполнили в " + due.Year + " году: 0 из");
        await BrowserFixture.ShotAsync(district, "72-district-deadlines");

        // The school sees the act and the deadline on its overview and marks the deadline done.
        var school = await browser.NewPageAsync();
        await browser.SignInAsync(school, "curator.sosh1");
        await school.GotoAsync($"/schools/{Sosh1}");
        await Assertions.Expect(school.Locator("section:has-text('Акты района')")).ToContainTextAsync("от 01.09.2022 № 181/1");
        var item = school.Locator("li.district-deadline:has-text('Представить отчёт наставников (браузер)')");
        await Assertions.Expect(item).ToContainTextAsync("впереди");
        await BrowserFixture.ShotAsync(school, "73-school-overview-district-deadlines");
        await item.GetByRole(AriaRole.Button, new() { Name = "Отметить выполненным" }).ClickAsync();
        item = school.Locator("li.district-deadline:has-text('Представить отчёт наставников (браузер)')");
        await Assertions.Expect(item).ToContainTextAsync("выполнено " + today.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
        await BrowserFixture.ShotAsync(school, "74-school-deadline-done");

        // Back on the district's page the school counts as done.
        await district.ReloadAsync();
        await Assertions.Expect(district.Locator("article:has-text('Представить отчёт наставников (браузер)')"))
            .ToContainTextAsync("Выполнили в " + due.Year + " году: 1 из");
    }
}
