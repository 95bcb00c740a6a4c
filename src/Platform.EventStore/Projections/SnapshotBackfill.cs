using Microsoft.Extensions.Logging;

namespace Platform.EventStore.Projections;

/// <summary>
/// Gives a snapshot (<see cref="DocumentStoreOptions.Snapshot{T}"/>) to every stream of a snapshotted aggregate that has none or an
/// outdated one: streams written before the aggregate was kept as a snapshot, or by a node of an earlier version during a rolling
/// upgrade. Each is replayed once and stored at its stream's version, as Marten's inline projection would have left it.
/// </summary>
public static class SnapshotBackfill
{
    private const int StreamsPerSession = 200;

    public static async Task<int> RunAsync(DocumentStore store, string database, ILogger logger, CancellationToken ct = default)
    {
        var total = 0;
        foreach (var (type, snapshot) in store.Options.Snapshots)
        {
            var count = await snapshot.Backfill(store, database, ct);
            if (count > 0) logger.LogInformation("Snapshots of {Aggregate}: {Streams} streams replayed and stored in database {Database}", type.Name, count, database);
            total += count;
        }
        return total;
    }

    internal static async Task<int> BackfillAsync<T>(DocumentStore store, string database, CancellationToken ct) where T : class
    {
        var creators = CreatingEvents(typeof(T)).Select(store.Options.Events.NameOf).ToArray();
        List<(string Tenant, Guid Id)> stale;
        await using (var session = store.LightweightSession(TenantScope.Platform, database: database))
        {
            stale = await session.QueryAsync($"""
                SELECT s.tenant_id, s.id FROM es.mt_streams s
                  LEFT JOIN {TableOf<T>(store)} d ON d.tenant_id = s.tenant_id AND d.id = s.id
                 WHERE (d.id IS NULL OR d.mt_version <> s.version)
                   AND EXISTS (SELECT 1 FROM es.mt_events e
                                WHERE e.tenant_id = s.tenant_id AND e.stream_id = s.id AND e.version = 1 AND e.type = ANY($1))
                """, r => (r.GetString(0), r.GetGuid(1)), ct, (object)creators);
        }
        foreach (var batch in stale.GroupBy(s => s.Tenant).SelectMany(g => g.Chunk(StreamsPerSession)))
            await StoreAsync<T>(store, database, Guid.Parse(batch[0].Tenant), batch.Select(s => s.Id), ct);
        return stale.Count;
    }

    private static string TableOf<T>(DocumentStore store) => store.Marten.Options.FindOrResolveDocumentType(typeof(T)).TableName.QualifiedName;

    /// <summary>The events an aggregate's stream starts with: the parameters of its static Create methods (Marten's convention).</summary>
    private static IEnumerable<Type> CreatingEvents(Type aggregate) =>
        aggregate.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(m => m.Name == "Create" && m.GetParameters().Length == 1)
            .Select(m => m.GetParameters()[0].ParameterType);

    /// <summary>
    /// Replays the streams of one tenant and stores their snapshots at the streams' versions, in one transaction; a stream that
    /// is not one of <typeparamref name="T"/> (another aggregate's id) is left alone. The number stored.
    /// </summary>
    internal static async Task<int> StoreAsync<T>(DocumentStore store, string? database, Guid tenant, IEnumerable<Guid> streams, CancellationToken ct) where T : class
    {
        var table = TableOf<T>(store);
        var creators = CreatingEvents(typeof(T)).ToHashSet();
        await using var session = store.LightweightSession(TenantScope.Platform, tenantId: tenant, database: database);
        var marten = await session.MartenAsync(ct);
        var versions = new List<(Guid Id, long Version)>();
        foreach (var id in streams)
        {
            var events = await session.Events.FetchStreamAsync(id, ct: ct);
            if (events.Count == 0 || !creators.Contains(events[0].Data.GetType())) continue;
            if (store.Fold<T>(null, events.Select(e => e.Data)) is not { } state) continue;
            marten.Store(state);
            versions.Add((id, events[^1].Version));
        }
        await marten.SaveChangesAsync(ct);
        // The stream's version, as the inline projection records it: the next start finds the snapshot current.
        foreach (var (id, version) in versions)
            await session.ExecuteAsync($"UPDATE {table} SET mt_version = $1 WHERE tenant_id = $2 AND id = $3", ct, version, tenant.ToString(), id);
        await session.SaveChangesAsync(ct);
        return versions.Count;
    }
}
