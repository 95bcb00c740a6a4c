using Marten;
using Npgsql;
using MartenEvent = JasperFx.Events.IEvent;

namespace Platform.EventStore.Projections;

public sealed record RebuildProgress(string Projection, long Processed, long Total)
{
    public double Percent => Total == 0 ? 100 : Math.Round(100.0 * Processed / Total, 1);
}

/// <summary>
/// Rebuilds an inline projection from Marten's events (read page by page in sequence order), for one tenant or all, in a single transaction:
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

        var marten = await session.MartenAsync(ct);
        await session.PersonalData.LoadAllAsync(session, tenantId, ct);
        using var keys = session.PersonalData.Enter();
        IQueryable<MartenEvent> Events()
        {
            var events = marten.Events.QueryAllRawEvents().Where(e => typeNames.Contains(e.EventTypeName));
            var tenant = tenantId?.ToString();
            return tenant is null ? events.Where(e => e.AnyTenant()) : events.Where(e => e.TenantIsOneOf(tenant));
        }

        var total = await Events().LongCountAsync(ct);
        var state = new RebuildProgress(projectionName, 0, total);
        progress?.Report(state);

        long after = 0;
        while (true)
        {
            var page = await Events().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0) break;
            await projection.ApplyAsync(context, page.Select(EventOperations.Envelope).ToList(), ct);
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
