namespace Platform.EventStore;

/// <summary>
/// An aggregate loaded for writing: new events are appended with the version it was loaded at as
/// the expected version, so a concurrent writer makes SaveChanges fail with <see cref="ConcurrencyException"/>.
/// </summary>
public sealed class EventStream<T> where T : class
{
    private readonly EventOperations _events;

    internal EventStream(EventOperations events, Guid id, T? aggregate, long version)
    {
        _events = events;
        Id = id;
        Aggregate = aggregate;
        Version = version;
    }

    public Guid Id { get; }
    public T? Aggregate { get; }
    /// <summary>The stream's version when loaded; 0 for a stream that does not exist yet.</summary>
    public long Version { get; }

    public void AppendOne(object @event) => AppendMany(@event);

    public void AppendMany(params object[] events)
    {
        if (Version == 0) _events.StartStream(typeof(T), Id, events);
        else _events.Append(Id, Version, events);
    }
}
