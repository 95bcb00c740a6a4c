using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.EventStore;
using Platform.Jobs.Deadlines;
using Platform.Jobs.Deliveries;
using Platform.Jobs.Messaging;
using Platform.Jobs.Reminders;
using Platform.Jobs.Scheduling;

namespace Platform.Tests.Jobs;

/// <summary>Exactly once per (deadline, recipient, offset): two nodes scanning on one database at the same time.</summary>
public sealed class ExactlyOnceTests(JobsApi api) : IClassFixture<JobsApi>
{
    /// <summary>A scanning node as a separate process would have it: its own connection pool and scan.</summary>
    private ReminderScan NewScan(DocumentStore store)
    {
        var sp = api.Services;
        return new ReminderScan(store, sp.GetServices<IDeadlineSource>(), api.Clock, sp.GetRequiredService<IOptions<EmailOptions>>(),
            sp.GetRequiredService<DeliveryQueue>(), sp.GetRequiredService<RetryPlans>(), NullLogger<ReminderScan>.Instance);
    }

    private Task<long> Count(string sql, string prefix) => api.OwnerCountAsync(sql, prefix + "%");

    [Fact]
    public async Task Two_nodes_scanning_at_once_remind_each_curator_once_per_offset_and_each_message_is_delivered_once()
    {
        await api.Database.OwnerExecuteAsync("UPDATE identity.users SET email = user_name || '@school.test' WHERE user_name LIKE 'curator.%'");
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 16, 6, 0, 0, TimeSpan.Zero)); // 09:00 Moscow, 14:00 Irkutsk
        var prefix = "Параллельно";
        await api.ActivitiesAsync(prefix, 15, new DateOnly(2026, 12, 23));
        await using var a = api.Database.CreateStore(time: api.Clock);
        await using var b = api.Database.CreateStore(time: api.Clock);
        var scans = new[] { NewScan(a), NewScan(b) };

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => scans[i % 2].RunAsync())));
        await api.DeliveredAsync();

        (await Count("SELECT count(*) FROM jobs.deliveries WHERE payload->>'deadline' LIKE $1", prefix)).ShouldBe(60L); // 30 reminders × (inbox + e-mail)
        (await Count("SELECT count(*) FROM jobs.deliveries WHERE payload->>'deadline' LIKE $1 AND status = 'sent'", prefix)).ShouldBe(60L);
        (await Count("SELECT count(*) FROM jobs.notifications WHERE body LIKE '%' || $1", prefix)).ShouldBe(30L);
        (await Count("""
            SELECT count(*) FROM (SELECT n.user_id, n.body FROM jobs.notifications n WHERE n.body LIKE '%' || $1 GROUP BY 1, 2 HAVING count(*) > 1) d
            """, prefix)).ShouldBe(0L);
        await api.Smtp.WaitForAsync(m => m.Body.Contains(prefix), 30);
        await Task.Delay(300);
        var mails = api.Smtp.Received.Where(m => m.Body.Contains(prefix)).ToList();
        mails.Count.ShouldBe(30);
        mails.Select(m => m.DeliveryId).Distinct().Count().ShouldBe(30);
        mails.Count(m => m.To.Single() == "curator.elan@school.test").ShouldBe(15);
    }

    [Fact]
    public async Task A_transaction_queueing_more_than_a_batch_leaves_them_to_any_node_and_each_is_delivered_once()
    {
        var curator = await api.AccountIdAsync("curator.sosh1");
        var queue = api.Services.GetRequiredService<DeliveryQueue>();
        await using (var session = api.Store.LightweightSession(TenantScope.School(JobsApi.Sosh1)))
        {
            for (var i = 0; i < 700; i++)
                await queue.QueueAsync(session, new Delivery(JobsApi.Sosh1, "inbox", "notice", curator, null,
                    new { title = "Пакет " + i, body = "Пакетная рассылка" }), default);
            await session.SaveChangesAsync();
        }
        // Stored for any node (owner 0), then taken by Wolverine's inbox recovery in pages.
        await api.DeliveredAsync(60);
        (await api.OwnerCountAsync("SELECT count(*) FROM jobs.notifications WHERE body = 'Пакетная рассылка'")).ShouldBe(700L);
        (await api.OwnerCountAsync("SELECT count(DISTINCT title) FROM jobs.notifications WHERE body = 'Пакетная рассылка'")).ShouldBe(700L);
    }
}

/// <summary>The host as one node of a cluster (Wolverine Balanced, a node silent for 3 s is taken for dead).</summary>
public sealed class ClusterApi : JobsApi
{
    protected override bool Balanced => true;

    protected override void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.Configure(builder);
        foreach (var (key, value) in NodeSettings) builder.UseSetting(key, value);
    }

    /// <summary>What every node of these tests shares: Wolverine's cluster timing.</summary>
    public static readonly Dictionary<string, string> NodeSettings = new()
    {
        ["Messaging:Mode"] = "Balanced",
        ["Messaging:StaleNodeTimeout"] = "00:00:03",
        ["Messaging:HealthCheckInterval"] = "00:00:01",
        ["Messaging:PollingInterval"] = "00:00:00.200",
    };
}

/// <summary>
/// A worker node killed mid-delivery, as a real process: it has sent e-mails the SMTP server accepted and not yet
/// recorded them, and written some notices; the node left standing takes its messages over. Nothing is lost, no
/// notice is written twice, and the e-mails sent again carry the Message-ID of the first sending.
/// </summary>
public sealed class KilledNodeTests(ClusterApi api, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ClusterApi>
{
    private Task<long> Count(string sql, string prefix) => api.OwnerCountAsync(sql, prefix + "%");

    [Fact]
    public async Task A_worker_killed_between_the_servers_250_and_its_record_loses_nothing_and_writes_no_notice_twice()
    {
        await api.Database.OwnerExecuteAsync("UPDATE identity.users SET email = user_name || '@school.test' WHERE user_name LIKE 'curator.%'");
        // The worker decides by the real clock: reminders at any hour, for deadlines 2 or 3 days ahead in either zone.
        await api.Database.OwnerExecuteAsync("""
            INSERT INTO jobs.reminder_policies (tenant_id, kind, offsets, send_at, escalate, escalation_days, updated_at)
            VALUES ($1, 'road_map_activity', '{5,4,3,2,1,0}', '00:00', false, 1, now())
            """, JobsApi.District);
        var prefix = "Сбой узла";
        await api.ActivitiesAsync(prefix, 10, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3));
        api.Smtp.HoldQuit = true;

        using var worker = await WorkerProcess.StartAsync(api, output);
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until && (api.Smtp.HeldQuits == 0 || await Count("SELECT count(*) FROM jobs.notifications WHERE body LIKE '%' || $1 || '%'", prefix) == 0))
            await Task.Delay(100);
        api.Smtp.HeldQuits.ShouldBeGreaterThan(0, "the worker sent no e-mail");
        await Task.Delay(500);
        var held = api.Smtp.HeldQuits;
        worker.Kill();
        var unrecorded = await Count("SELECT count(*) FROM jobs.deliveries WHERE payload->>'deadline' LIKE $1 AND status <> 'sent'", prefix);
        unrecorded.ShouldBeGreaterThan(0L);
        api.Smtp.HoldQuit = false;

        // This node takes the dead node's messages over once it is found silent.
        until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until && await Count("SELECT count(*) FROM jobs.deliveries WHERE payload->>'deadline' LIKE $1 AND status <> 'sent'", prefix) > 0)
            await Task.Delay(250);
        (await Count("SELECT count(*) FROM jobs.deliveries WHERE payload->>'deadline' LIKE $1 AND status <> 'sent'", prefix)).ShouldBe(0L);
        (await Count("SELECT count(*) FROM jobs.deliveries WHERE payload->>'deadline' LIKE $1", prefix)).ShouldBe(40L); // 20 reminders × 2 channels

        (await Count("SELECT count(*) FROM jobs.notifications WHERE body LIKE '%' || $1 || '%'", prefix)).ShouldBe(20L);
        (await Count("""
            SELECT count(*) FROM (SELECT user_id, body FROM jobs.notifications WHERE body LIKE '%' || $1 || '%' GROUP BY 1, 2 HAVING count(*) > 1) d
            """, prefix)).ShouldBe(0L);
        await Task.Delay(300);
        var mails = api.Smtp.Received.Where(m => m.Body.Contains(prefix)).ToList();
        var expected = await api.Database.OwnerListAsync<Guid>("SELECT id FROM jobs.deliveries WHERE payload->>'deadline' LIKE $1 AND channel = 'email'", prefix + "%");
        mails.Select(m => Guid.Parse(m.DeliveryId)).Distinct().Order().ShouldBe(expected.Order()); // none lost
        // Those the server had accepted from the killed node went out again, with the same Message-ID, which receivers drop.
        mails.Count.ShouldBeGreaterThan(expected.Count);
        mails.Count.ShouldBeLessThanOrEqualTo(expected.Count + held);
        mails.GroupBy(m => m.DeliveryId).ShouldAllBe(g => g.Select(m => m.MessageId).Distinct().Count() == 1);
        // Both nodes did part of the work.
        (await Count("""
            SELECT count(DISTINCT a.node) FROM jobs.delivery_attempts a JOIN jobs.deliveries d ON d.tenant_id = a.tenant_id AND d.id = a.delivery_id
             WHERE d.payload->>'deadline' LIKE $1
            """, prefix)).ShouldBe(2L);
    }
}
