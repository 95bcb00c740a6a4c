using Platform.EventStore;

namespace Platform.Operations;

/// <summary>A checked file kept for its load (one per user and school): in PostgreSQL, so that every web node finds it.</summary>
public static class KeptUploads
{
    public sealed record Kept(Guid Token, string FileName, byte[] Content);

    /// <summary>Keeps the file under a new token, replacing what the same user kept before; expired files of the tenant go.</summary>
    public static async Task<Guid> KeepAsync(DocumentStore store, TenantScope scope, Guid tenantId, string keptBy, string fileName, byte[] content,
        DateTimeOffset until, DateTimeOffset now, CancellationToken ct)
    {
        var token = Guid.NewGuid();
        await using var session = store.LightweightSession(scope);
        await session.ExecuteAsync("DELETE FROM jobs.kept_uploads WHERE tenant_id = $1 AND (kept_by = $2 OR kept_until < $3)", ct, tenantId, keptBy, now);
        await session.ExecuteAsync("INSERT INTO jobs.kept_uploads (tenant_id, token, kept_by, file_name, content, kept_until) VALUES ($1, $2, $3, $4, $5, $6)",
            ct, tenantId, token, keptBy, fileName, content, until);
        await session.SaveChangesAsync(ct);
        return token;
    }

    public static async Task<Kept?> FindAsync(DocumentSession session, Guid tenantId, Guid token, string keptBy, DateTimeOffset now, CancellationToken ct) =>
        (await session.QueryAsync("""
            SELECT token, file_name, content FROM jobs.kept_uploads
             WHERE tenant_id = $1 AND token = $2 AND kept_by = $3 AND kept_until >= $4
            """, r => new Kept(r.GetGuid(0), r.GetString(1), r.GetFieldValue<byte[]>(2)), ct, tenantId, token, keptBy, now)).SingleOrDefault();

    public static async Task ForgetAsync(DocumentStore store, TenantScope scope, Guid tenantId, string keptBy, CancellationToken ct)
    {
        await using var session = store.LightweightSession(scope);
        await session.ExecuteAsync("DELETE FROM jobs.kept_uploads WHERE tenant_id = $1 AND kept_by = $2", ct, tenantId, keptBy);
        await session.SaveChangesAsync(ct);
    }
}
