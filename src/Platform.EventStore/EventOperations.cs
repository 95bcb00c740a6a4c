
namespace Platform.EventStore;

/// <summary>Event operations of a session for one tenant (Marten's IEventStoreOperations).</summary>
public sealed class EventOperations
{
    private readonly DocumentSession _session;

    internal EventOperations(DocumentSession session, Guid? tenantId)
    {
        _session = session;
        _tenantId = tenantId;
    }

    private readonly Guid? _tenantId;

    public Guid TenantId => _tenantId
        ?? throw new InvalidOperationException("This session has no tenant to write to: open it with a tenant id or use ForTenant().");

    private DocumentStoreOptions Options => _session.Store.Options;

    public void StartStream<TAggregate>(Guid streamId, params object[] events) =>
        StartStream(typeof(TAggregate), streamId, events);

    public void StartStream(Type aggregateType, Guid streamId, params object[] events) =>
        Queue(streamId, StreamActionKind.Start, 0, Options.AggregateName(aggregateType), events);

    /// <summary>Appends at whatever version the stream is at; a missing stream is created.</summary>
    public void Append(Guid streamId, params object[] events) =>
        Queue(streamId, StreamActionKind.Append, 0, null, events);

    /// <summary>Appends only if the stream is still at <paramref name="expectedVersion"/> when saved (0: must not exist).</summary>
    public void Append(Guid streamId, long expectedVersion, params object[] events) =>
        Queue(streamId, expectedVersion == 0 ? StreamActionKind.Start : StreamActionKind.AppendExpected, expectedVersion, null, events);

    /// <summary>
    /// Locks the stream (SELECT … FOR UPDATE) until the session commits, then queues the events at the
    /// locked version: concurrent exclusive writers wait for each other instead of failing.
    /// </summary>
    public async Task AppendExclusive(Guid streamId, CancellationToken ct, params object[] events)
    {
        var version = await LockStreamAsync(streamId, ct);
        Append(streamId, version, events);
    }

    public async Task<IReadOnlyList<IEvent>> FetchStreamAsync(
        Guid streamId, long version = 0, DateTimeOffset? timestamp = null, CancellationToken ct = default)
    {
        return await _session.QueryAsync($"""
            SELECT {EventRows.Columns}
              FROM es.events
             WHERE tenant_id = $1 AND stream_id = $2 AND ($3 = 0 OR version <= $3) AND ($4::timestamptz IS NULL OR timestamp <= $4)
             ORDER BY version
            """, r => EventRows.Read(r, Options), ct, TenantId, streamId, version, timestamp);
    }

    /// <summary>Several streams of this tenant in one query (bulk work, e.g. an import): stream id → its events in order; absent streams are left out.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<IEvent>>> FetchStreamsAsync(IReadOnlyCollection<Guid> streamIds, CancellationToken ct = default)
    {
        if (streamIds.Count == 0) return new Dictionary<Guid, IReadOnlyList<IEvent>>();
        var events = await _session.QueryAsync($"""
            SELECT {EventRows.Columns}
              FROM es.events
             WHERE tenant_id = $1 AND stream_id = ANY ($2)
             ORDER BY stream_id, version
            """, r => EventRows.Read(r, Options), ct, TenantId, streamIds.ToArray());
        return events.GroupBy(e => e.StreamId).ToDictionary(g => g.Key, g => (IReadOnlyList<IEvent>)g.ToList());
    }

    /// <summary>Replays the stream into its aggregate, optionally as it was at a version or at a moment.</summary>
    public async Task<T?> AggregateStreamAsync<T>(
        Guid streamId, long version = 0, DateTimeOffset? timestamp = null, CancellationToken ct = default) where T : class
    {
        var events = await FetchStreamAsync(streamId, version, timestamp, ct);
        return (T?)Options.FolderFor(typeof(T)).Fold(null, events.Select(e => e.Data));
    }

    /// <summary>Loads the aggregate and its version; appends through the result are checked against that version.</summary>
    public async Task<EventStream<T>> FetchForWriting<T>(Guid streamId, CancellationToken ct = default) where T : class
    {
        var events = await FetchStreamAsync(streamId, ct: ct);
        var aggregate = (T?)Options.FolderFor(typeof(T)).Fold(null, events.Select(e => e.Data));
        return new EventStream<T>(this, streamId, aggregate, events.Count == 0 ? 0 : events[^1].Version);
    }

    /// <summary>As <see cref="FetchForWriting{T}"/>, holding the stream's lock until the session commits.</summary>
    public async Task<EventStream<T>> FetchForExclusiveWriting<T>(Guid streamId, CancellationToken ct = default) where T : class
    {
        await LockStreamAsync(streamId, ct);
        return await FetchForWriting<T>(streamId, ct);
    }

    public async Task<StreamState?> FetchStreamStateAsync(Guid streamId, CancellationToken ct = default)
    {
        var rows = await _session.QueryAsync(
            "SELECT type, version, created_at, updated_at FROM es.streams WHERE tenant_id = $1 AND id = $2",
            r => new StreamState(streamId, TenantId, r.IsDBNull(0) ? null : r.GetString(0), r.GetInt64(1),
                r.GetFieldValue<DateTimeOffset>(2), r.GetFieldValue<DateTimeOffset>(3)), ct, TenantId, streamId);
        return rows.Count == 0 ? null : rows[0];
    }

    private async Task<long> LockStreamAsync(Guid streamId, CancellationToken ct)
    {
        var versions = await _session.QueryAsync(
            "SELECT version FROM es.streams WHERE tenant_id = $1 AND id = $2 FOR UPDATE", r => r.GetInt64(0), ct, TenantId, streamId);
        return versions.Count == 1 ? versions[0] : throw new StreamNotFoundException(streamId);
    }

    private void Queue(Guid streamId, StreamActionKind kind, long expectedVersion, string? aggregateType, object[] events)
    {
        if (events.Length == 0) throw new ArgumentException("At least one event is needed.", nameof(events));
        var action = _session.Pending.Find(a => a.TenantId == TenantId && a.StreamId == streamId);
        if (action is null)
        {
            action = new StreamAction(TenantId, streamId, kind, expectedVersion, aggregateType);
            _session.Pending.Add(action);
        }
        else if (kind != StreamActionKind.Append && (action.Kind != kind || action.BaseVersion != expectedVersion))
        {
            throw new InvalidOperationException($"Stream {streamId} already has pending events with another expectation.");
        }
        foreach (var e in events) Options.Events.NameOf(e.GetType());
        action.Events.AddRange(events);
    }
}

public sealed record StreamState(Guid Id, Guid TenantId, string? AggregateType, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
