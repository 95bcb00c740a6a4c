using Microsoft.Extensions.DependencyInjection;
using Platform.Jobs.Notifications;
using Platform.Reporting.Demo;
using Platform.Reporting.Submissions;
using Platform.Tests.Infrastructure;
using Platform.Tests.Reporting;
using static Platform.Tests.Reporting.ReportingScenario;

namespace Platform.Tests.Jobs;

/// <summary>
/// Three days before the region's due date (by the district's own date) the district's submission is drafted from the reports
/// accepted so far, once, and its curators are told; a district whose curator assembled a submission gets none.
/// </summary>
public sealed class SubmissionAutoDraftTests(JobsApi api) : IClassFixture<JobsApi>
{
    private static readonly Guid School411 = Guid.Parse("11000000-0000-4000-8000-000000000411");

    private SubmissionAutoDraft Draft => api.Services.GetRequiredService<SubmissionAutoDraft>();

    private Task<long> DraftedAsync() => api.OwnerCountAsync("SELECT count(*) FROM reporting.submissions WHERE tenant_id = $1 AND auto_drafted", District);

    private async Task AcceptedReportAsync(ReportingScenario s, Guid school, Guid campaign)
    {
        var id = (await s.GenerateAsync(school, campaign)).GetProperty("id").GetGuid();
        var url = $"/api/schools/{school}/reports/{id}";
        await s.Put(s.Curator(school), $"{url}/values", new { values = new { website_section = 1 } });
        await s.Post(s.Curator(school), $"{url}/submit");
        await s.Post(s.DistrictCurator, $"/api/districts/{District}/reports/{id}/accept");
    }

    [Fact]
    public async Task The_submission_is_drafted_once_from_the_accepted_reports_and_every_district_curator_is_told()
    {
        var s = new ReportingScenario(api);
        await s.Post(s.Admin, $"/api/regions/{Region}/campaigns",
            new { title = "Мониторинг региона 2026", periodFrom = "2026-01-01", periodTo = "2026-12-31" }, 201); // due 28 December 2026
        (await s.Get(s.DistrictCurator, $"/api/districts/{District}/submission-auto-draft").Json()).GetProperty("daysBefore").GetInt32().ShouldBe(3);

        // 24 December, 23:59 in Komi (Moscow time): four days before — nothing yet.
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 24, 20, 59, 0, TimeSpan.Zero));
        (await Draft.RunAsync()).Drafted.ShouldBe(0);
        (await DraftedAsync()).ShouldBe(0L);

        // 25 December from midnight in Komi: the demo campaign is the one the region's draws on, and its curator already
        // assembled a submission of it: the platform adds none beside it.
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 24, 21, 0, 0, TimeSpan.Zero));
        (await Draft.RunAsync()).Drafted.ShouldBe(0);
        (await DraftedAsync()).ShouldBe(0L);
        (await api.OwnerCountAsync("SELECT count(*) FROM reporting.submissions WHERE tenant_id = $1 AND campaign_id = $2", District, DemoReporting.CampaignId))
            .ShouldBe(1L);

        // A later campaign of the district, due by the region's date: two reports accepted, one only generated, none assembled.
        var campaign = await s.OpenCampaignAsync([Sosh1, Oosh, School411], dueOn: "2026-12-24", title: "Мониторинг 2026 (итоговый)");
        await AcceptedReportAsync(s, Sosh1, campaign);
        await AcceptedReportAsync(s, School411, campaign);
        await s.GenerateAsync(Oosh, campaign);

        // Two nodes at once, then again: one draft.
        var runs = await Task.WhenAll(Draft.RunAsync(), Draft.RunAsync());
        runs.Sum(r => r.Drafted).ShouldBe(1);
        (await Draft.RunAsync()).Drafted.ShouldBe(0);
        (await DraftedAsync()).ShouldBe(1L);

        var list = await s.Get(s.DistrictCurator, $"/api/districts/{District}/submissions?campaignId={campaign}").Json();
        var summary = list.EnumerateArray().Single();
        summary.GetProperty("autoDrafted").GetBoolean().ShouldBeTrue();
        var id = summary.GetProperty("id").GetGuid();
        var view = await s.Get(s.DistrictCurator, $"/api/districts/{District}/submissions/{id}").Json();
        view.GetProperty("autoDrafted").GetBoolean().ShouldBeTrue();
        view.GetProperty("expected").GetInt32().ShouldBe(3);
        view.GetProperty("schools").EnumerateArray().Select(x => x.GetProperty("schoolId").GetGuid()).Order().ShouldBe(new[] { Sosh1, School411 }.Order());
        (await api.Database.OwnerScalarAsync<Guid>("SELECT submission_id FROM reporting.submission_auto_drafts WHERE tenant_id = $1", District)).ShouldBe(id);

        // One in-app notice per district curator, queued with the draft.
        var curators = await api.Database.OwnerListAsync<Guid>(
            "SELECT id FROM identity.users WHERE tenant_id = $1 AND 'DistrictCurator' = ANY (roles) AND blocked_at IS NULL ORDER BY id", District);
        curators.ShouldNotBeEmpty();
        (await api.Database.OwnerListAsync<Guid>("""
            SELECT recipient_id FROM jobs.deliveries WHERE tenant_id = $1 AND channel = 'inbox' AND payload->>'kind' = 'submission_auto_draft' ORDER BY recipient_id
            """, District)).ShouldBe(curators);

        await api.DeliveredAsync();
        var curator = await api.AccountTokenAsync("district.curator");
        var inbox = await s.Get(curator, "/api/me/notifications").Json<NotificationPage>();
        var notice = inbox.Items.Single(n => n.Title.Contains("Черновик сводного отчёта"));
        notice.Title.ShouldBe("Черновик сводного отчёта сформирован автоматически: Мониторинг 2026 (итоговый)");
        notice.Body.ShouldContain("включено 2 из 3 организаций");
        notice.Body.ShouldContain("«Мониторинг региона 2026» — 28.12.2026, через 3 дня");
        notice.Link.ShouldBe($"https://nastavnik.test/districts/{District}/campaigns/{campaign}");

        // The web page of the campaign says the draft is the platform's.
        await api.Scenario(x =>
        {
            x.WithBearerToken(curator);
            x.WithRequestHeader("Accept", "text/html");
            x.Get.Url($"/districts/{District}/campaigns/{campaign}");
            x.ContentShouldContain("черновик сформирован автоматически");
        });

        // The district's setting: 0 to 30 days, 0 turns the draft off; the region officer only reads it.
        var url = $"/api/districts/{District}/submission-auto-draft";
        await s.Put(s.DistrictCurator, url, new { daysBefore = 31 }, 400);
        (await s.Put(s.DistrictCurator, url, new { daysBefore = 0 }).Json()).GetProperty("daysBefore").GetInt32().ShouldBe(0);
        (await s.Get(s.DistrictCurator, url).Json()).GetProperty("isDefault").GetBoolean().ShouldBeFalse();
        await s.Put(s.RegionOfficer, url, new { daysBefore = 5 }, 403);
    }
}
