using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Jobs.Scheduling;

namespace Platform.Tests.Jobs;

/// <summary>
/// What the Hangfire tests on real worker processes arrange and read: reminders the workers send whatever their real
/// clock says, and the reminder-scan jobs in Hangfire's storage.
/// </summary>
internal static class HangfireCluster
{
    /// <summary>Each of the prefix's reminders logged once, its in-app delivery sent once, one notice each.</summary>
    public static async Task RemindedOnceAsync(JobsApi api, string prefix, long reminders)
    {
        await UntilAsync(async () => await CountAsync(api, Unsent, prefix) == 0, 60);
        (await CountAsync(api, Logged, prefix)).ShouldBe(reminders);
        (await CountAsync(api, InboxDeliveries, prefix)).ShouldBe(reminders);
        (await CountAsync(api, DuplicateDeliveries, prefix)).ShouldBe(0L);
        (await CountAsync(api, Unsent, prefix)).ShouldBe(0L);
        (await CountAsync(api, Notifications, prefix)).ShouldBe(reminders);
        (await CountAsync(api, DuplicateNotifications, prefix)).ShouldBe(0L);
    }

    /// <summary>
    /// A district policy that reminds at any hour of the day, 5 … 0 days ahead, and «{prefix} 1…n» activities due in 3 days
    /// in both schools: the workers' scans remind each school's curator once per activity, whatever the hour.
    /// </summary>
    public static async Task ArrangeRemindersAsync(JobsApi api, string prefix, int perSchool)
    {
        await api.Database.OwnerExecuteAsync("""
            INSERT INTO jobs.reminder_policies (tenant_id, kind, offsets, send_at, escalate, escalation_days, updated_at)
            VALUES ($1, 'road_map_activity', '{5,4,3,2,1,0}', '00:00', false, 1, now())
            """, JobsApi.District);
        await api.ActivitiesAsync(prefix, perSchool, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3));
    }

    /// <summary>Jobs of the recurring job reminder-scan (scheduled or triggered), with their state.</summary>
    public const string ScanJobs = """
        SELECT j.id, j.statename FROM hangfire.job j
          JOIN hangfire.jobparameter p ON p.jobid = j.id AND p.name = 'RecurringJobId' AND p.value = '"reminder-scan"'
        """;

    /// <summary>The servers a job was Processing on, in order (a job taken over after its server died has two).</summary>
    public static Task<List<string>> ProcessingServersAsync(JobsApi api, long jobId) => api.Database.OwnerListAsync<string>(
        "SELECT data->>'ServerId' FROM hangfire.state WHERE jobid = $1 AND name = 'Processing' ORDER BY id", jobId);

    public static Task<long> CountAsync(JobsApi api, string sql, string prefix) => api.OwnerCountAsync(sql, prefix + "%");

    public const string Notifications = "SELECT count(*) FROM jobs.notifications WHERE body LIKE '%' || $1 || '%'";
    public const string DuplicateNotifications = """
        SELECT count(*) FROM (SELECT user_id, body FROM jobs.notifications WHERE body LIKE '%' || $1 || '%' GROUP BY 1, 2 HAVING count(*) > 1) d
        """;
    public const string InboxDeliveries = "SELECT count(*) FROM jobs.deliveries WHERE payload->>'deadline' LIKE $1 AND channel = 'inbox'";
    public const string DuplicateDeliveries = """
        SELECT count(*) FROM (SELECT recipient_id, channel, payload->>'deadline' FROM jobs.deliveries WHERE payload->>'deadline' LIKE $1
                               GROUP BY 1, 2, 3 HAVING count(*) > 1) d
        """;
    public const string Unsent = "SELECT count(*) FROM jobs.deliveries WHERE payload->>'deadline' LIKE $1 AND status <> 'sent'";
    public const string Logged = """
        SELECT count(*) FROM jobs.reminder_log l JOIN mentoring.road_map_activities a ON 'road_map_activity:' || a.id = l.deadline_key
         WHERE a.title LIKE $1
        """;

    /// <summary>Polls until the condition holds or the time is up (the caller asserts after it).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, int seconds, int delayMs = 200)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition() && DateTime.UtcNow < until) await Task.Delay(delayMs);
    }
}

/// <summary>
/// Two workers (two Hangfire servers, two Wolverine nodes) on one database with the reminder scan every second: the
/// scans run on both, and every reminder is decided and delivered once.
/// </summary>
public sealed class HangfireClusterTests(ClusterApi api, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ClusterApi>
{
    [Fact]
    public async Task Two_Hangfire_servers_on_one_database_share_the_reminder_scans_and_remind_once()
    {
        var prefix = "Кластер Hangfire";
        await HangfireCluster.ArrangeRemindersAsync(api, prefix, 5);

        using var a = await WorkerProcess.StartAsync(api, output);
        using var b = await WorkerProcess.StartAsync(api, output);
        // Several scans, and some on each server; the reminders written by the first ones are met again by the later ones.
        var scanServers = $"""
            SELECT count(DISTINCT s.data->>'ServerId') FROM ({HangfireCluster.ScanJobs}) j
              JOIN hangfire.state s ON s.jobid = j.id AND s.name = 'Processing'
             WHERE j.statename = 'Succeeded'
            """;
        var succeeded = $"SELECT count(*) FROM ({HangfireCluster.ScanJobs}) j WHERE j.statename = 'Succeeded'";
        await HangfireCluster.UntilAsync(async () =>
            await api.OwnerCountAsync(scanServers) >= 2 && await api.OwnerCountAsync(succeeded) >= 8
            && await HangfireCluster.CountAsync(api, HangfireCluster.Notifications, prefix) >= 10, 120);
        (await api.OwnerCountAsync(succeeded)).ShouldBeGreaterThanOrEqualTo(8L);
        (await api.OwnerCountAsync(scanServers)).ShouldBe(2L, "both servers ran reminder-scan");
        (await api.OwnerCountAsync("SELECT count(*) FROM hangfire.server")).ShouldBe(2L);
        (await api.OwnerCountAsync($"SELECT count(*) FROM ({HangfireCluster.ScanJobs}) j WHERE j.statename = 'Failed'")).ShouldBe(0L);
        (await api.OwnerCountAsync($"""
            SELECT count(*) FROM ({HangfireCluster.ScanJobs}) j JOIN hangfire.state s ON s.jobid = j.id AND s.name = 'Processing'
             WHERE s.data->>'ServerId' NOT IN (SELECT id FROM hangfire.server)
            """)).ShouldBe(0L, "every scan ran on one of the two servers");

        await HangfireCluster.RemindedOnceAsync(api, prefix, 10);
    }
}

/// <summary>
/// A worker killed while its reminder-scan job waits half way through the scan: the scan's transaction never commits,
/// and once the dead server's job is visible again (invisibility timeout) another worker runs the same job to the end.
/// Nothing is lost, nothing is sent twice.
/// </summary>
public sealed class KilledSchedulerNodeTests(ClusterApi api, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ClusterApi>
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Jobs__Schedules__reminder-scan"] = "0 0 1 1 *", // not during the test: it triggers the one run itself
        ["Jobs__InvisibilityTimeout"] = "00:00:05",
        ["Jobs__QueuePollInterval"] = "00:00:01", // a dead server's job comes back without a notice: found by polling
    };

    [Fact]
    public async Task A_worker_killed_in_the_middle_of_a_scan_loses_nothing_and_the_next_server_reminds_once()
    {
        var prefix = "Прерванный обход";
        await HangfireCluster.ArrangeRemindersAsync(api, prefix, 5);

        // The scan reads the policies, then waits at its first write, the dedup rows of jobs.reminder_log (within the
        // 30 s of its command timeout: the test kills the worker long before).
        await using var blocker = new NpgsqlConnection(api.Database.OwnerConnectionString);
        await blocker.OpenAsync();
        await using var lockTx = await blocker.BeginTransactionAsync();
        await using (var lockCmd = new NpgsqlCommand("LOCK TABLE jobs.reminder_log IN SHARE ROW EXCLUSIVE MODE", blocker, lockTx))
            await lockCmd.ExecuteNonQueryAsync();

        using var a = await WorkerProcess.StartAsync(api, output, Settings);
        // TriggerJob is Trigger returning the id of the job it queued.
        var jobId = long.Parse(api.Services.GetRequiredService<IRecurringJobManagerV2>().TriggerJob(ReminderScanJob.Id).ShouldNotBeNull());
        var state = $"SELECT statename FROM hangfire.job WHERE id = {jobId}";
        // Only the scan writes jobs.reminder_log: a session blocked by this lock is the scan.
        var waiting = $"""
            SELECT count(*) FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock' AND {blocker.ProcessID} = ANY (pg_blocking_pids(pid))
            """;
        await HangfireCluster.UntilAsync(async () =>
            await api.Database.OwnerScalarAsync<string>(state) == "Processing" && await api.OwnerCountAsync(waiting) > 0, 60, 100);
        (await api.Database.OwnerScalarAsync<string>(state)).ShouldBe("Processing");
        (await api.OwnerCountAsync(waiting)).ShouldBe(1L, "the scan waits on the lock");
        (await HangfireCluster.ProcessingServersAsync(api, jobId)).ShouldHaveSingleItem().ShouldContain($":{a.Id}:");

        a.Kill();
        await lockTx.RollbackAsync();
        // The killed node's transaction cannot commit: its session ends with the connection, its job stays Processing.
        await HangfireCluster.UntilAsync(async () => await api.OwnerCountAsync(waiting) == 0, 30, 100);
        (await HangfireCluster.CountAsync(api, HangfireCluster.Logged, prefix)).ShouldBe(0L);
        (await api.Database.OwnerScalarAsync<string>(state)).ShouldBe("Processing");

        using var b = await WorkerProcess.StartAsync(api, output, Settings);
        await HangfireCluster.UntilAsync(async () => await api.Database.OwnerScalarAsync<string>(state) == "Succeeded", 90);
        (await api.Database.OwnerScalarAsync<string>(state)).ShouldBe("Succeeded");
        var servers = await HangfireCluster.ProcessingServersAsync(api, jobId);
        servers.Count.ShouldBe(2);
        servers[0].ShouldContain($":{a.Id}:");
        servers[1].ShouldContain($":{b.Id}:");
        (await api.OwnerCountAsync($"SELECT count(*) FROM ({HangfireCluster.ScanJobs}) j")).ShouldBe(1L, "no other scan ran");

        await HangfireCluster.RemindedOnceAsync(api, prefix, 10);
    }
}
