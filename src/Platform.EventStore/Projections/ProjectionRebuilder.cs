using Npgsql;

namespace Platform.EventStore.Projections;

public sealed record RebuildProgress(string Projection, long Processed, long Total)
{
    public double Percent => Total == 0 ? 100 : Math.Round(100.0 * Processed / Total, 1);
}

/// <summary>
/// Rebuilds an inline projection from es.mt_events, for one tenant or all, in a single transaction:
/// readers see either the old read model or the complete new one, never half of it.
/// </summary>
public sealed class ProjectionRebuilder(DocumentStore store)
{
    private const int PageSize = 5_000;

    public async Task<RebuildProgress> RebuildAsync(
        string projectionName, Guid? tenantId, IProgress<RebuildProgress>? progress = null, CancellationToken ct = default)
    {
        var projection = store.Options.Projections.SingleOrDefault(p => p.Name == projectionName)
            ?? throw new ArgumentException($"Unknown projection '{projectionName}'. Known: {string.Join(", ", store.Options.Projections.Select(p => p.Name))}.");
        var typeNames = projection.EventTypes.Select(store.Options.Events.NameOf).ToArray();

        await using var session = store.LightweightSession(TenantScope.Platform);
        var commands = new List<NpgsqlBatchCommand>();
        var context = new ProjectionContext(session, commands);
        projection.Reset(context, tenantId);
        await FlushAsync(session, commands, ct);

        var total = (long)(await session.QueryAsync(
            "SELECT count(*) FROM es.mt_events WHERE type = ANY($1) AND ($2::text IS NULL OR tenant_id = $2)",
            r => r.GetInt64(0), ct, typeNames, tenantId?.ToString()))[0];
        var state = new RebuildProgress(projectionName, 0, total);
        progress?.Report(state);

        long after = 0;
        while (true)
        {
            var page = await session.QueryAsync($"""
                SELECT {EventRows.Columns}
                  FROM es.mt_events
                 WHERE seq_id > $1 AND type = ANY($2) AND ($3::text IS NULL OR tenant_id = $3)
                 ORDER BY seq_id LIMIT $4
                """, r => EventRows.Read(r, store.Options),
                ct, after, typeNames, tenantId?.ToString(), PageSize);
            if (page.Count == 0) break;
            await projection.ApplyAsync(context, page, ct);
            await FlushAsync(session, commands, ct);
            after = page[^1].Sequence;
            state = state with { Processed = state.Processed + page.Count };
            progress?.Report(state);
        }
        await session.SaveChangesAsync(ct);
        return state;
    }

    private static async Task FlushAsync(DocumentSession session, List<NpgsqlBatchCommand> commands, CancellationToken ct)
    {
        if (commands.Count == 0) return;
        var connection = await session.ConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var c in commands) batch.BatchCommands.Add(c);
        await batch.ExecuteNonQueryAsync(ct);
        commands.Clear();
    }
}
