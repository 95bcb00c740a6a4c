using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.EventStore;

namespace Platform.Api.Infrastructure;

public sealed class DatabaseHealthCheck(DocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var cmd = store.DataSource.CreateCommand("SELECT count(*) FROM registry.regions");
            var regions = (long)(await cmd.ExecuteScalarAsync(ct))!;
            return HealthCheckResult.Healthy("PostgreSQL reachable", new Dictionary<string, object> { ["regions"] = regions });
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL unreachable or not migrated", e);
        }
    }
}
