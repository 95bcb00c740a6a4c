namespace Platform.EventStore;

public abstract class EventStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Optimistic concurrency failure: the stream is not at the version the writer expected.</summary>
public sealed class ConcurrencyException(Guid streamId, long? expected, long? actual)
    : EventStoreException($"Stream {streamId} was expected at version {expected}, but is at {actual?.ToString() ?? "another version"}.")
{
    public Guid StreamId { get; } = streamId;
    public long? ExpectedVersion { get; } = expected;
    public long? ActualVersion { get; } = actual;
}

/// <summary>A new stream was started with an id the tenant already uses.</summary>
public sealed class StreamAlreadyExistsException(Guid tenantId, Guid streamId, Exception inner)
    : EventStoreException($"Stream {streamId} already exists for tenant {tenantId}.", inner)
{
    public Guid StreamId { get; } = streamId;
}

public sealed class StreamNotFoundException(Guid streamId)
    : EventStoreException($"Stream {streamId} does not exist or is not visible in this scope.")
{
    public Guid StreamId { get; } = streamId;
}
