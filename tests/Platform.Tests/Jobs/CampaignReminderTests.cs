using Platform.Tests.Infrastructure;

namespace Platform.Tests.Jobs;

/// <summary>The demo campaign's deadline (23 December, seed 001) reminds the schools whose report is not submitted, and only them.</summary>
public sealed class CampaignReminderTests(JobsApi api) : IClassFixture<JobsApi>
{
    [Fact]
    public async Task Schools_that_still_owe_their_report_are_reminded_and_those_that_submitted_are_not()
    {
        api.Start();
        var due = (await api.Database.OwnerListAsync<DateOnly>("SELECT DISTINCT due_on FROM reporting.campaign_schools")).Single();
        // 09:00 in Moscow seven days before: past 09:00 in Irkutsk as well.
        api.Clock.Set(new DateTimeOffset(due.AddDays(-7).ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
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
}
