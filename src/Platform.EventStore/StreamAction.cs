namespace Platform.EventStore;

internal enum StreamActionKind
{
    /// <summary>A new stream: fails if the id is taken.</summary>
    Start,
    /// <summary>Append at a known version (optimistic, or after an exclusive lock).</summary>
    AppendExpected,
    /// <summary>Append at whatever version the stream has; creates the stream if missing.</summary>
    Append,
}

internal sealed class StreamAction(Guid tenantId, Guid streamId, StreamActionKind kind, long expectedVersion, string? aggregateType)
{
    public Guid TenantId { get; } = tenantId;
    public Guid StreamId { get; } = streamId;
    public StreamActionKind Kind { get; } = kind;
    public string? AggregateType { get; } = aggregateType;
    /// <summary>The version before this action's events: known for Start/AppendExpected, resolved at flush for Append.</summary>
    public long BaseVersion { get; set; } = expectedVersion;
    public List<object> Events { get; } = [];
}
