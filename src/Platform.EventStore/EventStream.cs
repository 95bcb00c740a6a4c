using JasperFx.Events;

namespace Platform.EventStore;

/// <summary>
/// An aggregate loaded for writing (Marten's <see cref="IEventStream{T}"/>): new events are appended with the version it
/// was loaded at as the expected version, so a concurrent writer makes SaveChanges fail with <see cref="ConcurrencyException"/>.
/// </summary>
public sealed class EventStream<T> where T : class
{
    private readonly DocumentSession _session;
    private readonly IEventStream<T> _stream;
    private readonly Action<object[]> _check;

    internal EventStream(DocumentSession session, IEventStream<T> stream, Action<object[]> check)
    {
        _session = session;
        _stream = stream;
        _check = check;
    }

    public Guid Id => _stream.Id;
    public T? Aggregate => _stream.Aggregate;
    /// <summary>The stream's version when loaded; 0 for a stream that does not exist yet.</summary>
    public long Version => _stream.StartingVersion ?? 0;

    public void AppendOne(object @event) => AppendMany(@event);

    public void AppendMany(params object[] events)
    {
        _check(events);
        _session.ExpectedVersions[Id] = Version;
        _session.Queue(_ => _stream.AppendMany(events), events.Length);
    }
}
