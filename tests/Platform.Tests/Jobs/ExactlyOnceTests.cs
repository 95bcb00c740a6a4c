using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.EventStore;
using Platform.Jobs;
using Platform.Mentoring;
using Platform.Jobs.Deadlines;
using Platform.Jobs.Deliveries;
using Platform.Jobs.Email;
using Platform.Jobs.Outbox;
using Platform.Jobs.Reminders;
using Platform.Jobs.Scheduling;

namespace Platform.Tests.Jobs;

/// <summary>
/// Exactly once per (deadline, recipient, offset): two nodes scanning and relaying on one database at the same time,
/// a relay killed between sending and marking and another node taking over, and two real Quartz schedulers clustered
/// on one job store.
/// </summary>
public sealed class ExactlyOnceTests(JobsApi api) : IClassFixture<JobsApi>
{
    /// <summary>A node as a separate process would have it: its own connection pool, scan and relay.</summary>
    private sealed record Node(DocumentStore Store, ReminderScan Scan, OutboxRelay Relay);

    private Node NewNode(string name)
    {
        var store = api.Database.CreateStore(time: api.Clock);
        var sp = api.Services;
        var relay = new OutboxRelay(store, sp.GetRequiredService<SmtpEmailSender>(), sp.GetRequiredService<HttpDeliverySender>(), api.Clock,
            sp.GetRequiredService<IOptions<JobsOptions>>(), sp.GetRequiredService<IOptions<EmailOptions>>(), sp.GetRequiredService<IOptions<DeliveryOptions>>(),
            NullLogger<OutboxRelay>.Instance) { Node = name };
        var scan = new ReminderScan(store, sp.GetServices<IDeadlineSource>(), api.Clock, sp.GetRequiredService<IOptions<EmailOptions>>(),
            sp.GetRequiredService<IOptions<JobsOptions>>(), NullLogger<ReminderScan>.Instance);
        return new Node(store, scan, relay);
    }

    private Task<long> Count(string sql, string prefix) => api.OwnerCountAsync(sql, prefix + "%");

    [Fact]
    public async Task Two_nodes_scanning_and_relaying_at_once_remind_each_curator_once_per_offset()
    {
        api.Start();
        await api.Database.OwnerExecuteAsync("UPDATE identity.users SET email = user_name || '@school.test' WHERE user_name LIKE 'curator.%'");
        api.Clock.Set(new DateTimeOffset(2026, 12, 16, 6, 0, 0, TimeSpan.Zero)); // 09:00 Moscow, 14:00 Irkutsk
        var prefix = "Параллельно";
        await api.ActivitiesAsync(prefix, 15, new DateOnly(2026, 12, 23));
        var a = NewNode("node-a");
        var b = NewNode("node-b");
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).Scan.RunAsync())));
            await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).Relay.DrainAsync())));

            (await Count("SELECT count(*) FROM jobs.outbox WHERE payload->>'deadline' LIKE $1", prefix)).ShouldBe(60L); // 30 reminders × (inbox + e-mail)
            (await Count("SELECT count(*) FROM jobs.outbox WHERE payload->>'deadline' LIKE $1 AND status = 'sent'", prefix)).ShouldBe(60L);
            (await Count("SELECT count(*) FROM jobs.notifications WHERE body LIKE '%' || $1", prefix)).ShouldBe(30L);
            (await Count("""
                SELECT count(*) FROM (SELECT n.user_id, n.body FROM jobs.notifications n WHERE n.body LIKE '%' || $1 GROUP BY 1, 2 HAVING count(*) > 1) d
                """, prefix)).ShouldBe(0L);
            var mails = await api.Smtp.WaitForAsync(m => m.Body.Contains(prefix), 30);
            await Task.Delay(300);
            mails = api.Smtp.Received.Where(m => m.Body.Contains(prefix)).ToList();
            mails.Count.ShouldBe(30);
            mails.Select(m => m.OutboxId).Distinct().Count().ShouldBe(30);
            mails.Count(m => m.To.Single() == "curator.elan@school.test").ShouldBe(15);
        }
        finally
        {
            await a.Store.DisposeAsync();
            await b.Store.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_relay_killed_between_send_and_mark_loses_nothing_and_the_node_taking_over_sends_nothing_twice()
    {
        api.Start();
        await api.Database.OwnerExecuteAsync("UPDATE identity.users SET email = user_name || '@school.test' WHERE user_name LIKE 'curator.%'");
        api.Clock.Set(new DateTimeOffset(2026, 12, 16, 6, 0, 0, TimeSpan.Zero));
        var prefix = "Авария";
        await api.ActivitiesAsync(prefix, 3, new DateOnly(2026, 12, 19)); // 3 days before
        var crashing = NewNode("crashing");
        var takeover = NewNode("takeover");
        try
        {
            (await crashing.Scan.RunAsync()).Reminders.ShouldBeGreaterThanOrEqualTo(6);
            // First crash: after an in-app notification is written, before its row is marked sent.
            crashing.Relay.AfterSend = row => row.Channel == "inbox" ? throw new SimulatedCrashException() : Task.CompletedTask;
            await Should.ThrowAsync<SimulatedCrashException>(() => crashing.Relay.RunOnceAsync());
            // Second crash (the «restarted» node crashes again): after the SMTP server said 250, before the mark.
            api.Clock.Advance(TimeSpan.FromMinutes(6)); // the first claim's lease has run out
            crashing.Relay.AfterSend = row => row.Channel == "email" ? throw new SimulatedCrashException() : Task.CompletedTask;
            await Should.ThrowAsync<SimulatedCrashException>(() => crashing.Relay.RunOnceAsync());
            (await Count("SELECT count(*) FROM jobs.outbox WHERE payload->>'deadline' LIKE $1 AND status = 'sending'", prefix)).ShouldBeGreaterThan(0L);

            // Another node, while the dead node's lease holds: takes nothing of it.
            await takeover.Relay.DrainAsync();
            (await Count("SELECT count(*) FROM jobs.outbox WHERE payload->>'deadline' LIKE $1 AND status = 'sending'", prefix)).ShouldBeGreaterThan(0L);
            // After the lease: takes everything over.
            api.Clock.Advance(TimeSpan.FromMinutes(6));
            await takeover.Relay.DrainAsync();

            (await Count("SELECT count(*) FROM jobs.outbox WHERE payload->>'deadline' LIKE $1 AND status <> 'sent'", prefix)).ShouldBe(0L);
            (await Count("SELECT count(*) FROM jobs.notifications WHERE body LIKE '%' || $1 || '%'", prefix)).ShouldBe(6L);
            await Task.Delay(300);
            var mails = api.Smtp.Received.Where(m => m.Body.Contains(prefix)).ToList();
            var expected = await api.Database.OwnerListAsync<Guid>("SELECT id FROM jobs.outbox WHERE payload->>'deadline' LIKE $1 AND channel = 'email'", prefix + "%");
            expected.Count.ShouldBe(6);
            mails.Select(m => Guid.Parse(m.OutboxId)).Distinct().Order().ShouldBe(expected.Order()); // none lost
            // The one SMTP accepted before the crash went out again with the same Message-ID, which receivers drop.
            mails.GroupBy(m => m.OutboxId).ShouldAllBe(g => g.Select(m => m.MessageId).Distinct().Count() == 1);
            mails.Count.ShouldBeLessThanOrEqualTo(7);
        }
        finally
        {
            await crashing.Store.DisposeAsync();
            await takeover.Store.DisposeAsync();
        }
    }

}

/// <summary>
/// Two real Quartz schedulers clustered on one job store, on a database of their own (no rows left by the other
/// scenarios, such as e-mails that a worker without SMTP settings could not send).
/// </summary>
public sealed class ClusteredSchedulerTests(JobsApi api, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<JobsApi>
{
    private Task<long> Count(string sql, string prefix) => api.OwnerCountAsync(sql, prefix + "%");

    [Fact]
    public async Task Two_Quartz_schedulers_clustered_on_one_job_store_share_the_work_and_remind_once()
    {
        api.Start();
        api.Clock.Set(new DateTimeOffset(2026, 12, 16, 6, 0, 0, TimeSpan.Zero));
        var prefix = "Кластер";
        await api.ActivitiesAsync(prefix, 5, new DateOnly(2026, 12, 17)); // 1 day before
        var hosts = new[] { SchedulerHost("q1"), SchedulerHost("q2") };
        try
        {
            await Task.WhenAll(hosts.Select(h => h.StartAsync()));
            var until = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < until && await Count("SELECT count(*) FROM jobs.notifications WHERE body LIKE '%' || $1 || '%'", prefix) < 10)
                await Task.Delay(250);
            await Task.Delay(3000); // more scans and relays fire on both nodes
            // Every reminder was delivered by the nodes' own relay jobs, and none twice.
            (await Count("SELECT count(*) FROM jobs.notifications WHERE body LIKE '%' || $1 || '%'", prefix)).ShouldBe(10L);
            (await Count("SELECT count(*) FROM jobs.outbox WHERE payload->>'deadline' LIKE $1 AND status <> 'sent'", prefix)).ShouldBe(0L);
            (await api.OwnerCountAsync("SELECT count(*) FROM quartz.qrtz_scheduler_state WHERE sched_name = 'platform'")).ShouldBe(2L);
        }
        finally
        {
            foreach (var h in hosts) { await h.StopAsync(); h.Dispose(); }
        }
        (await Count("SELECT count(*) FROM jobs.reminder_log l JOIN mentoring.road_map_activities a ON 'road_map_activity:' || a.id = l.deadline_key WHERE a.title LIKE $1", prefix))
            .ShouldBe(10L);
        (await Count("SELECT count(*) FROM jobs.notifications WHERE body LIKE '%' || $1 || '%'", prefix)).ShouldBe(10L);
        (await api.OwnerCountAsync("SELECT count(DISTINCT instance_name) FROM quartz.qrtz_fired_triggers")).ShouldBeLessThanOrEqualTo(2L);
    }

    /// <summary>A worker node: the Jobs module and its scheduler on the test database, no HTTP.</summary>
    private IHost SchedulerHost(string name)
    {
        var config = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Platform"] = api.Database.AppConnectionString,
            ["Jobs:Scheduler"] = "true",
            ["Jobs:ScanInterval"] = "00:00:01",
            ["Jobs:RelayInterval"] = "00:00:01",
            ["Jobs:ClusterCheckin"] = "00:00:02",
        };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = name, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddProvider(new Platform.Tests.Infrastructure.TestOutputLoggerProvider(output));
        // Quartz fires by the container's clock: a frozen one would fire each repeating trigger once, and a relay that
        // ran before the scan had queued anything would never run again (the old flake of this test).
        var clock = api.Clock.Running();
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(sp => api.Database.CreateStore(o => o.AddMentoring(), clock));
        builder.Services.AddJobsServices(builder.Configuration);
        return builder.Build();
    }
}
