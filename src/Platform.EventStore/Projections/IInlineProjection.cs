namespace Platform.EventStore.Projections;

/// <summary>
/// A read model kept in its own tables and updated in the transaction that appends the events
/// (Marten's inline lifecycle). The same code rebuilds it from the stored events.
/// </summary>
public interface IInlineProjection
{
    /// <summary>Stable name, used to rebuild it from the command line.</summary>
    string Name { get; }

    IReadOnlySet<Type> EventTypes { get; }

    /// <summary>Queues the writes for these events (already in sequence order) on <paramref name="context"/>.</summary>
    ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct);

    /// <summary>Queues the deletion of the read model's rows of one tenant, or of all tenants when null.</summary>
    void Reset(ProjectionContext context, Guid? tenantId);
}
