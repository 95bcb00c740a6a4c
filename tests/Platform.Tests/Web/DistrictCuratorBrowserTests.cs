using Microsoft.Playwright;
using Platform.Tenancy.Demo;

namespace Platform.Tests.Web;

/// <summary>The district curator's home lists the district's schools; a school opens read-only.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DistrictCuratorBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_district_curator_opens_a_school_read_only()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, "district.curator");
        page.Url.ShouldEndWith($"/districts/{DemoDistrict.DistrictId}");
        await Assertions.Expect(page.Locator("#district-dashboard")).ToBeAttachedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "МБОУ СОШ № 1" })).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(page, "11-district-home");

        await page.GetByRole(AriaRole.Link, new() { Name = "МБОУ СОШ № 1" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("только чтение");
        await page.GetByRole(AriaRole.Link, new() { Name = "Дорожные карты" }).ClickAsync();
        (await page.GetByText("Создать по примерной дорожной карте").CountAsync()).ShouldBe(0);
        await page.Locator(".list-group-item").First.ClickAsync();
        await Assertions.Expect(page.Locator(".timeline-month").First).ToBeVisibleAsync();
        (await page.Locator("summary:text('Отметить выполненным')").CountAsync()).ShouldBe(0);
        await BrowserFixture.ShotAsync(page, "12-district-reads-road-map");
    }
}
