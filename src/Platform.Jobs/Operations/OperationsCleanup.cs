using Platform.EventStore;

namespace Platform.Jobs.Operations;

/// <summary>Finished operations are kept 30 days: the daily clean-up removes older ones (every tenant's: a set-based delete).</summary>
[Hangfire.AutomaticRetry(Attempts = 0)]
public sealed class OperationsCleanup(DocumentStore store, TimeProvider time) : Scheduling.IRecurringJob
{
    public const string Id = "operations-cleanup";
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(30);

    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var database in await store.Databases.IdsAsync(ct))
        {
            await using var session = store.LightweightSession(TenantScope.Platform, database: database);
            await session.ExecuteAsync("DELETE FROM jobs.operations WHERE finished_at < $1", ct, time.GetUtcNow() - KeepFor);
            await session.SaveChangesAsync(ct);
        }
    }
}
