using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.EventStore;
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
        await using var system = NpgsqlDataSource.Create(config.GetConnectionString("PlatformSystem")!);
        await using var find = system.CreateCommand($"""
            SELECT d.tenant_id, d.id, d.channel FROM jobs.deliveries d
             WHERE d.status IN ('pending', 'failed')
               AND NOT EXISTS (SELECT 1 FROM {MessagingSetup.Schema}.wolverine_incoming_envelopes e WHERE e.id = d.id)
               AND NOT EXISTS (SELECT 1 FROM {MessagingSetup.Schema}.wolverine_dead_letters x WHERE x.id = d.id)
            """);
        var orphans = new List<(Guid, Guid, string)>();
        await using (var r = await find.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) orphans.Add((r.GetGuid(0), r.GetGuid(1), r.GetString(2)));
        if (orphans.Count == 0) return;
        try
        {
            await using var session = services.GetRequiredService<DocumentStore>().LightweightSession(TenantScope.Platform);
            await services.GetRequiredService<DeliveryQueue>().PublishAsync(session, orphans);
            await session.SaveChangesAsync(ct);
            logger.LogInformation("Queued {Count} deliveries that had no message", orphans.Count);
        }
        catch (DuplicateIncomingEnvelopeException)
        {
            logger.LogInformation("Deliveries without a message were queued by another node meanwhile");
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
