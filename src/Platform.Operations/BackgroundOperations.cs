using System.Text.Json;
using Hangfire;
using Platform.EventStore;

namespace Platform.Operations;

/// <summary>Hangfire's queues: one, for every job (Hangfire.PostgreSql fetches queues alphabetically, not by priority).</summary>
public static class Queues
{
    public const string Default = "default";
}

/// <summary>Starts a long operation: its row (what the page shows), then the Hangfire job that runs it on a worker node.</summary>
public sealed class BackgroundOperations(DocumentStore store, IBackgroundJobClient jobs, TimeProvider time)
{
    public const int MaxInputBytes = 64 * 1024;
    public const int MaxPayloadBytes = 8 * 1024 * 1024;

    /// <param name="scope">The scope the work runs in (the district of a district's submission): never wider than it needs.</param>
    /// <param name="tenantId">The tenant the operation belongs to; who can see the row.</param>
    /// <param name="payload">A file the work reads (kept in the row until the operation ends).</param>
    public async Task<OperationView> StartAsync(TenantScope scope, Guid tenantId, string kind, string title, object input, string? requestedBy,
        CancellationToken ct, byte[]? payload = null)
    {
        var json = JsonSerializer.Serialize(input, JsonSerializerOptions.Web);
        if (json.Length > MaxInputBytes) throw new ArgumentException("Operation input too large.", nameof(input));
        if (payload?.Length > MaxPayloadBytes) throw new ArgumentException("Operation payload too large.", nameof(payload));
        var id = Guid.CreateVersion7();
        await using (var session = store.LightweightSession(scope, tenantId))
        {
            await session.ExecuteAsync("""
                INSERT INTO jobs.operations (tenant_id, id, scope_kind, kind, title, input, payload, status, requested_by, created_at)
                VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, 'queued', $8, $9)
                """, ct, tenantId, id, scope.Kind.ToString().ToLowerInvariant(), kind, title, json, payload, requestedBy, time.GetUtcNow());
            await session.SaveChangesAsync(ct);
        }
        // Hangfire's arguments carry ids only: its dashboard shows them.
        var jobId = jobs.Enqueue<OperationJob>(Queues.Default, j => j.RunAsync(id, tenantId, scope.Kind, scope.Id, CancellationToken.None));
        await using (var session = store.LightweightSession(scope, tenantId))
        {
            await session.ExecuteAsync("UPDATE jobs.operations SET job_id = $2 WHERE id = $1 AND job_id IS NULL", ct, id, jobId);
            await session.SaveChangesAsync(ct);
            return (await OperationView.FindAsync(session, id, ct))!;
        }
    }
}
