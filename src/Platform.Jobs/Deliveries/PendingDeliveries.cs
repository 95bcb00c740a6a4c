using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.EventStore;
using Platform.EventStore.Databases;
using Platform.Jobs.Demo;
using Platform.Jobs.Messaging;
using Wolverine.Persistence.Durability;

namespace Platform.Jobs.Deliveries;

/// <summary>
/// Start-up work that needs Wolverine running (hosted after it): deliveries that are pending or failed and have
/// no message in Wolverine's inbox or dead letters get one (rows queued before the messages moved to Wolverine), then
/// the demo's notices in a development demo. The search runs as platform_system, which reads both tables.
/// </summary>
internal sealed class PendingDeliveries(IServiceProvider services, IConfiguration config, IHostEnvironment env, ILogger<PendingDeliveries> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await QueueOrphansAsync(ct);
        if (config.GetValue("Demo:Seed", false) && env.IsDevelopment()) await DemoNotifications.SeedAsync(services, logger, ct);
    }

    private async Task QueueOrphansAsync(CancellationToken ct)
    {
        var store = services.GetRequiredService<DocumentStore>();
        await using var system = NpgsqlDataSource.Create(config.GetConnectionString("PlatformSystem")!);
        foreach (var database in await store.Databases.IdsAsync(ct))
        {
            var orphans = database == TenantDatabases.Home ? await HomeOrphansAsync(system, ct) : await RegionOrphansAsync(store, system, database, ct);
            if (orphans.Count == 0) continue;
            try
            {
                await using var session = store.LightweightSession(TenantScope.Platform, database: database);
                await services.GetRequiredService<DeliveryQueue>().PublishAsync(session, orphans);
                await session.SaveChangesAsync(ct);
                logger.LogInformation("Queued {Count} deliveries of {Database} that had no message", orphans.Count, database);
            }
            catch (DuplicateIncomingEnvelopeException)
            {
                logger.LogInformation("Deliveries of {Database} without a message were queued by another node meanwhile", database);
            }
        }
    }

    private static async Task<List<(Guid, Guid, string)>> HomeOrphansAsync(NpgsqlDataSource system, CancellationToken ct)
    {
        await using var find = system.CreateCommand($"""
            SELECT d.tenant_id, d.id, d.channel FROM jobs.deliveries d
             WHERE d.status IN ('pending', 'failed')
               AND NOT EXISTS (SELECT 1 FROM {MessagingSetup.Schema}.wolverine_incoming_envelopes e WHERE e.id = d.id)
               AND NOT EXISTS (SELECT 1 FROM {MessagingSetup.Schema}.wolverine_dead_letters x WHERE x.id = d.id)
            """);
        var orphans = new List<(Guid, Guid, string)>();
        await using var r = await find.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) orphans.Add((r.GetGuid(0), r.GetGuid(1), r.GetString(2)));
        return orphans;
    }

    /// <summary>A region database's open deliveries, less those whose message the home database's store holds.</summary>
    private static async Task<List<(Guid, Guid, string)>> RegionOrphansAsync(DocumentStore store, NpgsqlDataSource system, string database, CancellationToken ct)
    {
        await using var session = store.LightweightSession(TenantScope.Platform, database: database);
        var open = await session.QueryAsync("SELECT tenant_id, id, channel FROM jobs.deliveries WHERE status IN ('pending', 'failed')",
            r => (r.GetGuid(0), r.GetGuid(1), r.GetString(2)), ct);
        if (open.Count == 0) return open;
        await using var find = system.CreateCommand($"""
            SELECT id FROM {MessagingSetup.Schema}.wolverine_incoming_envelopes WHERE id = ANY ($1)
            UNION ALL SELECT id FROM {MessagingSetup.Schema}.wolverine_dead_letters WHERE id = ANY ($1)
            """);
        find.Parameters.Add(new NpgsqlParameter { Value = open.Select(o => o.Item2).ToArray() });
        var queued = new HashSet<Guid>();
        await using (var r = await find.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) queued.Add(r.GetGuid(0));
        return open.Where(o => !queued.Contains(o.Item2)).ToList();
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
