using Microsoft.Playwright;

namespace Platform.Tests.Web;

/// <summary>The platform administrator rebuilds a read model from its page and watches it finish.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ProjectionRebuildBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_platform_administrator_rebuilds_a_read_model_and_sees_it_done()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, "platform.admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Пересборка данных" }).ClickAsync();
        var row = page.Locator("[data-projection='people']");
        await row.GetByRole(AriaRole.Button, new() { Name = "Пересобрать" }).ClickAsync();
        await Assertions.Expect(row.GetByRole(AriaRole.Status)).ToContainTextAsync("Пересобрано", new() { Timeout = 30_000 });
        await BrowserFixture.ShotAsync(page, "41-admin-projection-rebuilt");
    }
}
