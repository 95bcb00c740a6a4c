using Microsoft.Playwright;

namespace Platform.Tests.Web;

/// <summary>The platform administrator reaches the jobs dashboard from the header; a district curator has no such link.</summary>
[Collection(BrowserCollection.Name)]
public sealed class JobsDashboardBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_platform_administrator_opens_the_jobs_dashboard_from_the_header()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, "platform.admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Фоновые задания" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/jobs/?$"));
        await page.GotoAsync("/admin/jobs/recurring");
        await Assertions.Expect(page.GetByText("reminder-scan")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("submission-auto-draft")).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(page, "40-admin-jobs-dashboard");

        var curator = await browser.NewPageAsync();
        await browser.SignInAsync(curator, "district.curator");
        (await curator.GetByRole(AriaRole.Link, new() { Name = "Фоновые задания" }).CountAsync()).ShouldBe(0);
        var refused = await curator.GotoAsync("/admin/jobs");
        refused!.Status.ShouldBe(403);
    }
}
