using Platform.Tests.Infrastructure;

namespace Platform.Tests.Operations;

/// <summary>Hangfire's dashboard at /admin/jobs: the platform administrator's, closed to everyone else (the role matrix covers each role).</summary>
public sealed class JobsDashboardTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task The_platform_administrator_sees_the_recurring_jobs_and_a_district_curator_or_anonymous_is_refused()
    {
        var admin = api.TokenAs("platform");
        var page = await api.Scenario(s =>
        {
            s.WithBearerToken(admin);
            s.Get.Url("/admin/jobs/recurring");
        });
        var html = await page.ReadAsTextAsync();
        html.ShouldContain("Фоновые задания");
        html.ShouldContain("reminder-scan");
        html.ShouldContain("submission-auto-draft");
        html.ShouldNotContain("Password", Case.Insensitive); // the storage's connection string is not shown

        // Its actions need the page's antiforgery token: a forged «Trigger now» is refused.
        await api.Scenario(s =>
        {
            s.WithBearerToken(admin);
            s.Post.FormData(new Dictionary<string, string> { ["jobs[]"] = "reminder-scan" }).ToUrl("/admin/jobs/recurring/trigger");
            s.StatusCodeShouldBe(403);
        });

        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"district:{Platform.Tenancy.Demo.DemoDistrict.DistrictId}"));
            s.Get.Url("/admin/jobs");
            s.StatusCodeShouldBe(403);
        });
        await api.Scenario(s =>
        {
            s.Get.Url("/admin/jobs");
            s.StatusCodeShouldBe(401);
        });
    }
}
