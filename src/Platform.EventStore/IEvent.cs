namespace Platform.EventStore;

/// <summary>An event with its stream position and metadata, as stored in es.events.</summary>
public interface IEvent
{
    /// <summary>Global sequence; 0 until the event is read back from the store.</summary>
    long Sequence { get; }
    Guid TenantId { get; }
    Guid StreamId { get; }
    long Version { get; }
    string EventTypeName { get; }
    object Data { get; }
    DateTimeOffset Timestamp { get; }
    string? UserName { get; }
    string? CorrelationId { get; }
    string? CausationId { get; }
}

public sealed record EventEnvelope(
    long Sequence,
    Guid TenantId,
    Guid StreamId,
    long Version,
    string EventTypeName,
    object Data,
    DateTimeOffset Timestamp,
    string? UserName,
    string? CorrelationId,
    string? CausationId) : IEvent;
