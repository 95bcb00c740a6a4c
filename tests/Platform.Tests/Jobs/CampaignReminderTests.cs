using Platform.Jobs.Notifications;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Jobs;

/// <summary>The demo campaign's deadline (23 December, seed 001) reminds the schools whose report is not submitted, and only them.</summary>
public sealed class CampaignReminderTests(JobsApi api) : IClassFixture<JobsApi>
{
    [Fact]
    public async Task Schools_that_still_owe_their_report_are_reminded_and_those_that_submitted_are_not()
    {
        var due = (await api.Database.OwnerListAsync<DateOnly>("SELECT DISTINCT due_on FROM reporting.campaign_schools")).Single();
        // 09:00 in Moscow seven days before: past 09:00 in Irkutsk as well.
        api.Clock.AdjustTime(new DateTimeOffset(due.AddDays(-7).ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
        await api.Scan.RunAsync();
        await api.Scan.RunAsync();

        var owing = await api.Database.OwnerListAsync<Guid>(
            "SELECT tenant_id FROM reporting.campaign_schools WHERE report_status IS NULL OR report_status IN ('draft', 'returned') ORDER BY tenant_id");
        var submitted = await api.Database.OwnerListAsync<Guid>(
            "SELECT tenant_id FROM reporting.campaign_schools WHERE report_status IN ('submitted', 'accepted') ORDER BY tenant_id");
        owing.ShouldNotBeEmpty();
        submitted.ShouldNotBeEmpty();
        var reminded = await api.Database.OwnerListAsync<Guid>(
            "SELECT DISTINCT tenant_id FROM jobs.reminder_log WHERE deadline_key LIKE 'campaign:%' ORDER BY tenant_id");
        reminded.ShouldBe(owing);
        (await api.Database.OwnerListAsync<int>("SELECT DISTINCT offset_days FROM jobs.reminder_log WHERE deadline_key LIKE 'campaign:%'")).ShouldBe([7]);
        (await api.Database.OwnerListAsync<string>("SELECT DISTINCT payload->>'link' FROM jobs.reminder_log WHERE deadline_key LIKE 'campaign:%' LIMIT 1"))
            .Single().ShouldEndWith("/monitoring");
    }

    [Fact]
    public async Task The_district_curator_is_reminded_of_the_regions_deadline_until_the_district_submits()
    {
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs("platform"));
            s.Post.Json(new { title = "Мониторинг региона 2026", periodFrom = "2026-01-01", periodTo = "2026-12-31" })
                .ToUrl($"/api/regions/{DemoDistrict.RegionId}/campaigns");
            s.StatusCodeShouldBe(201);
        });
        var due = (await api.Database.OwnerListAsync<DateOnly>("SELECT due_on FROM reporting.campaign_districts WHERE tenant_id = $1", DemoDistrict.DistrictId)).Single();
        due.ShouldBe(new DateOnly(2026, 12, 28)); // seed 001: the district sends its results by 28 December

        api.Clock.AdjustTime(new DateTimeOffset(due.AddDays(-3).ToDateTime(new TimeOnly(5, 59)), TimeSpan.Zero)); // 08:59 in Komi (Moscow time)
        await api.Scan.RunAsync();
        const string logged = "SELECT count(*) FROM jobs.reminder_log WHERE deadline_key LIKE 'region_campaign:%' AND tenant_id = $1";
        (await api.OwnerCountAsync(logged, DemoDistrict.DistrictId)).ShouldBe(0L);
        api.Clock.AdjustTime(new DateTimeOffset(due.AddDays(-3).ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
        await api.Scan.RunAsync();
        await api.Scan.RunAsync();
        var curator = await api.AccountIdAsync("district.curator");
        (await api.Database.OwnerListAsync<string>("SELECT recipient_id || ' ' || offset_days FROM jobs.reminder_log WHERE deadline_key LIKE 'region_campaign:%'"))
            .ShouldBe([$"{curator} 3"]);

        await api.DeliveredAsync();
        var token = await api.AccountTokenAsync("district.curator");
        var inbox = await api.Scenario(s =>
        {
            s.WithBearerToken(token);
            s.Get.Url("/api/me/notifications");
        }).Json<NotificationPage>();
        inbox.Items.ShouldContain(n => n.Title.Contains("Сдать сводный отчёт района: Мониторинг региона 2026") && n.Title.Contains("28.12.2026"));

        // Submitted: no more reminders for it.
        await api.Database.OwnerExecuteAsync("UPDATE reporting.campaign_districts SET submitted_at = now() WHERE tenant_id = $1", DemoDistrict.DistrictId);
        api.Clock.AdjustTime(new DateTimeOffset(due.AddDays(-1).ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
        await api.Scan.RunAsync();
        (await api.OwnerCountAsync(logged, DemoDistrict.DistrictId)).ShouldBe(1L);
    }
}
