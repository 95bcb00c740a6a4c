using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Tests.Mentoring;

namespace Platform.Tests.Web;

/// <summary>
/// Recognition in a real browser: a school curator publishes a completed program as a best practice (after the Russian message
/// for a missing consent date), the district curator nominates it to the region, opens a contest «Лучшая пара», sits on its
/// jury, nominates a candidate, scores, announces the winner and downloads the award order.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RecognitionBrowserTests(BrowserFixture browser)
{
    private static readonly Guid Elan = Guid.Parse("11000000-0000-4000-8000-000000000063");

    [Fact]
    public async Task A_practice_is_published_and_nominated_and_a_contest_ends_with_the_award_order()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, "curator.elan");
        await page.GetByRole(AriaRole.Link, new() { Name = "Лучшие практики" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/schools/{Elan}/best-practices$"));
        await page.Locator("#publishable a:text('Опубликовать как практику')").First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/best-practices/new\\?programId="));

        const string title = "Браузерный кейс: наставничество в организации";
        await page.GetByLabel("Название практики").FillAsync(title);
        await page.GetByLabel("Описание кейса").FillAsync("Наставник и наставляемый прошли программу от организационной встречи до заключительной.");
        await page.GetByLabel("Результаты").FillAsync("Запрос наставляемого решён.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Опубликовать" }).ClickAsync();
        await Assertions.Expect(page.Locator("#consent-0-signedOn-error")).ToHaveTextAsync("Укажите дату письменного согласия на публикацию.");
        await Assertions.Expect(page.GetByLabel("Название практики")).ToHaveValueAsync(title);
        await BrowserFixture.ShotAsync(page, "90-best-practice-consents");

        var today = DateTime.Today.ToString("dd.MM.yyyy");
        var blocks = page.Locator("#publish-form fieldset > div");
        for (var i = 0; i < await blocks.CountAsync(); i++)
        {
            await page.Locator($"#consent-{i}-signedOn").FillAsync(today);
            if ((await blocks.Nth(i).InnerTextAsync()).Contains("несовершеннолетний"))
                await page.Locator($"#consent-{i}-guardian").FillAsync("Законный Представитель Иванович");
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Опубликовать" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/best-practices/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#consents")).ToContainTextAsync(DateTime.Today.ToString("dd.MM.yyyy"));
        await BrowserFixture.ShotAsync(page, "91-best-practice");

        // The district curator: the school's practice, nominated to the region.
        var district = await browser.NewPageAsync();
        await browser.SignInAsync(district, "district.curator");
        await district.GetByRole(AriaRole.Link, new() { Name = "Лучшие практики" }).ClickAsync();
        var practice = district.Locator($"article:has-text('{title}')");
        await practice.Locator("summary").ClickAsync();
        await practice.GetByLabel("Примечание для региона").FillAsync("Рекомендуем для региональной копилки");
        await practice.GetByRole(AriaRole.Button, new() { Name = "Выдвинуть" }).ClickAsync();
        practice = district.Locator($"article:has-text('{title}')");
        await Assertions.Expect(practice.Locator(".badge")).ToHaveTextAsync(new Regex("^Выдвинута в регион "));
        await BrowserFixture.ShotAsync(district, "92-district-best-practices");

        // A contest of the district: opened, the jury, a candidate, a score, the winner, the award order.
        await district.GetByRole(AriaRole.Link, new() { Name = "Конкурсы" }).ClickAsync();
        await district.GetByLabel("Номинация").SelectOptionAsync("best_pair");
        await district.GetByLabel("С", new() { Exact = true }).FillAsync($"01.09.{(DateTime.Today.Month >= 9 ? DateTime.Today.Year : DateTime.Today.Year - 1)}");
        await district.GetByLabel("По", new() { Exact = true }).FillAsync(today);
        await district.GetByRole(AriaRole.Button, new() { Name = "Объявить" }).ClickAsync();
        await district.WaitForURLAsync(new Regex("/contests/[0-9a-f-]{36}$"));
        await Assertions.Expect(district.GetByRole(AriaRole.Heading, new() { Name = "Лучшая пара" })).ToBeVisibleAsync();

        await district.GetByLabel("Включить в жюри").SelectOptionAsync(new SelectOptionValue { Label = "Мартюшева Галина Анатольевна (district.curator)" });
        await district.GetByRole(AriaRole.Button, new() { Name = "Включить" }).ClickAsync();
        await Assertions.Expect(district.Locator("#jury")).ToContainTextAsync("Мартюшева Галина Анатольевна");
        await district.GetByLabel("Программа").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await district.GetByLabel("Представление").FillAsync("Пара — автор браузерного кейса");
        await district.GetByRole(AriaRole.Button, new() { Name = "Выдвинуть" }).ClickAsync();
        await Assertions.Expect(district.Locator("#ranking tbody tr")).ToHaveCountAsync(1);
        await district.GetByLabel("Моя оценка").SelectOptionAsync("9");
        await district.GetByLabel("Комментарий").FillAsync("Образцовая пара");
        await district.GetByRole(AriaRole.Button, new() { Name = "Оценить" }).ClickAsync();
        await Assertions.Expect(district.Locator("#ranking")).ToContainTextAsync("Мартюшева Галина Анатольевна: 9 — Образцовая пара");
        await BrowserFixture.ShotAsync(district, "93-contest");

        await district.Locator("select[name^='place-']").SelectOptionAsync("1");
        await district.GetByRole(AriaRole.Button, new() { Name = "Объявить победителей" }).ClickAsync();
        await Assertions.Expect(district.Locator("#contest-status")).ToContainTextAsync("Подведены");
        await BrowserFixture.ShotAsync(district, "94-contest-winners");
        var download = await district.RunAndWaitForDownloadAsync(() => district.Locator("#award-order").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"award-{Guid.NewGuid():N}.docx");
        await download.SaveAsAsync(file);
        var text = await DocxText.ReadAsync(await File.ReadAllBytesAsync(file));
        File.Delete(file);
        text.ShouldContain("О поощрении победителей конкурса «Лучшая пара»");
        text.ShouldContain("ПРИКАЗЫВАЮ:");
        text.ShouldContain("Начальник Управления образования");
    }
}
