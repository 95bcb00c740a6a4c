using Microsoft.Playwright;

namespace Platform.Tests.Web;

/// <summary>A school curator loads a list; the page shows the load's progress, then its report.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_list_loads_in_the_background_and_the_page_shows_the_report()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, "curator.gym166");
        await page.GotoAsync(page.Url.TrimEnd('/') + "/people/import");
        var csv = System.Text.Encoding.UTF8.GetBytes("ФИО;Должность\nФоновая Анна Сергеевна;учитель музыки\nФоновый Илья Петрович;учитель труда\n");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "педагоги.csv", MimeType = "text/csv", Buffer = csv });
        await page.GetByRole(AriaRole.Button, new() { Name = "Загрузить", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("Список загружен: новых — 2", new() { Timeout = 30_000 });
        await BrowserFixture.ShotAsync(page, "42-school-list-loaded");
    }
}
