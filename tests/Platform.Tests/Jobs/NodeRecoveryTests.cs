using System.Diagnostics;
using Platform.Jobs.Messaging;

namespace Platform.Tests.Jobs;

/// <summary>The host as one node of a cluster with the product's own Wolverine timing (MessagingOptions' defaults).</summary>
public sealed class ShippedTimingClusterApi : JobsApi
{
    protected override bool Balanced => true;

    protected override void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.Configure(builder);
        foreach (var (key, value) in Shipped) builder.UseSetting(key, value);
    }

    /// <summary>Every timing setting of the Messaging section, as shipped.</summary>
    public static readonly Dictionary<string, string> Shipped = new()
    {
        ["Messaging:StaleNodeTimeout"] = new MessagingOptions().StaleNodeTimeout.ToString(),
        ["Messaging:HealthCheckInterval"] = new MessagingOptions().HealthCheckInterval.ToString(),
        ["Messaging:PollingInterval"] = new MessagingOptions().PollingInterval.ToString(),
    };
}

/// <summary>
/// A node killed (SIGKILL) with deliveries it had claimed: the node left standing sends them all within 30 s of the kill,
/// with the shipped settings — not after Wolverine's minutes of a silent node's lease.
/// </summary>
public sealed class NodeRecoveryTests(ShippedTimingClusterApi api, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ShippedTimingClusterApi>
{
    private Task<long> Count(string sql, string prefix) => api.OwnerCountAsync(sql, prefix + "%");

    [Fact]
    public async Task Deliveries_claimed_by_a_killed_node_are_all_sent_by_the_remaining_node_within_30_seconds()
    {
        await api.Database.OwnerExecuteAsync("UPDATE identity.users SET email = user_name || '@school.test' WHERE user_name LIKE 'curator.%'");
        await api.Database.OwnerExecuteAsync("""
            INSERT INTO jobs.reminder_policies (tenant_id, kind, offsets, send_at, escalate, escalation_days, updated_at)
            VALUES ($1, 'road_map_activity', '{5,4,3,2,1,0}', '00:00', false, 1, now())
            """, JobsApi.District);
        var prefix = "Узел убит";
        await api.ActivitiesAsync(prefix, 5, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3));
        api.Smtp.HoldQuit = true; // the worker's e-mails wait on the server's last answer: claimed, not done

        var settings = ShippedTimingClusterApi.Shipped.ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value);
        using var worker = await WorkerProcess.StartAsync(api, output, settings);
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until && api.Smtp.HeldQuits == 0) await Task.Delay(100);
        api.Smtp.HeldQuits.ShouldBeGreaterThan(0, "the worker sent no e-mail");
        worker.Kill();
        var killed = Stopwatch.StartNew();
        var open = "SELECT count(*) FROM jobs.deliveries WHERE payload->>'deadline' LIKE $1 AND status <> 'sent'";
        (await Count(open, prefix)).ShouldBeGreaterThan(0L);
        (await api.OwnerCountAsync("SELECT count(*) FROM wolverine.wolverine_incoming_envelopes WHERE owner_id <> 0 AND status = 'Incoming'"))
            .ShouldBeGreaterThan(0L, "the killed node owned messages");
        api.Smtp.HoldQuit = false;

        while (killed.Elapsed < TimeSpan.FromSeconds(120) && await Count(open, prefix) > 0) await Task.Delay(250);
        output.WriteLine($"all sent {killed.Elapsed.TotalSeconds:0.0} s after the kill");
        (await Count(open, prefix)).ShouldBe(0L);
        killed.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
        (await Count("SELECT count(*) FROM jobs.deliveries WHERE payload->>'deadline' LIKE $1", prefix)).ShouldBe(20L); // 10 reminders × 2 channels
        // The e-mails the killed node had handed over show their cut-short attempt, then the one that went through.
        var attempts = "SELECT count(*) FROM jobs.delivery_attempts a JOIN jobs.deliveries d ON d.tenant_id = a.tenant_id AND d.id = a.delivery_id"
            + " WHERE d.payload->>'deadline' LIKE $1 AND a.outcome = ";
        (await Count(attempts + "'interrupted'", prefix)).ShouldBeGreaterThan(0L);
        (await Count(attempts + "'sending'", prefix)).ShouldBe(0L);
    }
}
