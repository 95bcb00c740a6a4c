using Platform.Tests.Infrastructure;

namespace Platform.Tests.Jobs;

/// <summary>A module's recurring job (AddPlatformRecurringJob) is stored in the clustered job store beside the scheduler's own.</summary>
public sealed class RecurringJobTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_reporting_modules_auto_draft_is_scheduled_with_the_reminder_scan()
    {
        api.CreateClient().Dispose(); // the host with its scheduler (on by default)
        List<string> jobs = [];
        for (var i = 0; i < 60 && !jobs.Contains("submission-auto-draft"); i++)
        {
            jobs = await api.Database.OwnerListAsync<string>("SELECT job_name FROM quartz.qrtz_job_details ORDER BY job_name");
            if (!jobs.Contains("submission-auto-draft")) await Task.Delay(500);
        }
        jobs.ShouldContain("submission-auto-draft");
        jobs.ShouldContain("reminder-scan");
        (await api.Database.OwnerScalarAsync<bool>(
            "SELECT is_nonconcurrent FROM quartz.qrtz_job_details WHERE job_name = 'submission-auto-draft'")).ShouldBeTrue();
    }
}
