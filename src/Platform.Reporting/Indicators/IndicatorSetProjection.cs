using System.Text.Json;
using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Platform.Reporting.Indicators;

/// <summary>reporting.indicator_sets: a region's current set, read by every school that generates a report.</summary>
public sealed class IndicatorSetProjection : IInlineProjection
{
    public string Name => "indicator_sets";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type> { typeof(IndicatorSetDefined) };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
            if (e.Data is IndicatorSetDefined d)
                context.Queue("""
                    INSERT INTO reporting.indicator_sets (tenant_id, indicators, updated_at, version) VALUES ($1, $2::jsonb, $3, $4)
                    ON CONFLICT (tenant_id) DO UPDATE SET indicators = excluded.indicators, updated_at = excluded.updated_at, version = excluded.version
                    """, e.TenantId, JsonSerializer.Serialize(d.Indicators, IndicatorSets.Json), e.Timestamp, e.Version);
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId) =>
        context.Queue("DELETE FROM reporting.indicator_sets WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
}

public static class IndicatorSets
{
    internal static readonly JsonSerializerOptions Json = DocumentStoreOptions.CreateJsonOptions();

    /// <summary>The region's set, or the default set when the region has not defined its own.</summary>
    public static async Task<IReadOnlyList<Indicator>> ForRegionAsync(DocumentSession session, Guid regionId, CancellationToken ct)
    {
        var rows = await session.QueryAsync("SELECT indicators::text FROM reporting.indicator_sets WHERE tenant_id = $1",
            r => JsonSerializer.Deserialize<Indicator[]>(r.GetString(0), Json)!, ct, regionId);
        return rows.Count == 0 ? IndicatorCatalog.Default : rows[0];
    }
}
