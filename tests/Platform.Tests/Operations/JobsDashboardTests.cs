using System.Net;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Operations;

/// <summary>Hangfire's dashboard at /admin/jobs: the platform administrator's, closed to everyone else (the role matrix covers each role).</summary>
public sealed class JobsDashboardTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task The_platform_administrator_sees_the_recurring_jobs_and_a_district_curator_or_anonymous_is_refused()
    {
        var admin = api.ClientAs("platform");
        var page = await admin.GetAsync("/admin/jobs/recurring");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("Фоновые задания");
        html.ShouldContain("reminder-scan");
        html.ShouldContain("submission-auto-draft");
        html.ShouldNotContain("Password", Case.Insensitive); // the storage's connection string is not shown

        // Its actions need the page's antiforgery token: a forged «Trigger now» is refused.
        var forged = await admin.PostAsync("/admin/jobs/recurring/trigger",
            new FormUrlEncodedContent([new KeyValuePair<string, string>("jobs[]", "reminder-scan")]));
        forged.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await api.ClientAs($"district:{Platform.Tenancy.Demo.DemoDistrict.DistrictId}").GetAsync("/admin/jobs")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.CreateClient().GetAsync("/admin/jobs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
