using Marten;
using Marten.Events;
using Platform.EventStore.PersonalData;
using MartenEvent = JasperFx.Events.IEvent;

namespace Platform.EventStore;

/// <summary>Marten's event operations for one tenant of the session, with our stream conventions (versions counted before the append).</summary>
public sealed class EventOperations
{
    private readonly DocumentSession _session;
    private readonly Guid? _tenantId;

    internal EventOperations(DocumentSession session, Guid? tenantId)
    {
        _session = session;
        _tenantId = tenantId;
    }

    public Guid TenantId => _tenantId
        ?? throw new InvalidOperationException("This session has no tenant to write to: open it with a tenant id or use ForTenant().");

    private DocumentStoreOptions Options => _session.Store.Options;

    private IEventStoreOperations On(IDocumentSession marten) =>
        _session.TenantId == TenantId ? marten.Events : marten.ForTenant(TenantId.ToString()).Events;

    private async Task<IEventStoreOperations> EventsAsync(CancellationToken ct) => On(await _session.MartenAsync(ct));

    public void StartStream<TAggregate>(Guid streamId, params object[] events) =>
        StartStream(typeof(TAggregate), streamId, events);

    public void StartStream(Type aggregateType, Guid streamId, params object[] events)
    {
        Check(events);
        _session.Queue(m => On(m).StartStream(aggregateType, streamId, events), events.Length);
    }

    /// <summary>Appends at whatever version the stream is at; a missing stream is created.</summary>
    public void Append(Guid streamId, params object[] events)
    {
        Check(events);
        _session.Queue(m => On(m).Append(streamId, events), events.Length);
    }

    /// <summary>Appends only if the stream is still at <paramref name="expectedVersion"/> when saved (0: must not exist).</summary>
    public void Append(Guid streamId, long expectedVersion, params object[] events)
    {
        Check(events);
        // Marten's expected version is the stream's version after the append.
        _session.ExpectedVersions[streamId] = expectedVersion;
        _session.Queue(m =>
        {
            if (expectedVersion == 0) On(m).StartStream(streamId, events);
            else On(m).Append(streamId, expectedVersion + events.Length, events);
        }, events.Length);
    }

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
        var operations = await EventsAsync(ct);
        var events = await _session.ReadEventsAsync(streamId, () => operations.FetchStreamAsync(streamId, version, timestamp, token: ct), ct);
        return events.Select(Envelope).ToList();
    }

    /// <summary>Several streams of this tenant in one query (bulk work, e.g. an import): stream id → its events in order; absent streams are left out.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<IEvent>>> FetchStreamsAsync(IReadOnlyCollection<Guid> streamIds, CancellationToken ct = default)
    {
        if (streamIds.Count == 0) return new Dictionary<Guid, IReadOnlyList<IEvent>>();
        var ids = streamIds.ToArray();
        var tenant = TenantId.ToString();
        var marten = await _session.MartenAsync(ct);
        await _session.PersonalData.LoadAsync(_session, ids, ct);
        var events = await _session.ReadEventsAsync(null, () => marten.Events.QueryAllRawEvents()
            .Where(e => e.TenantIsOneOf(tenant) && ids.Contains(e.StreamId))
            .OrderBy(e => e.StreamId).ThenBy(e => e.Version)
            .ToListAsync(ct), ct);
        return events.Select(Envelope).GroupBy(e => e.StreamId).ToDictionary(g => g.Key, g => (IReadOnlyList<IEvent>)g.ToList());
    }

    /// <summary>Replays the stream into its aggregate (Marten's live aggregation), optionally as it was at a version or at a moment.</summary>
    public async Task<T?> AggregateStreamAsync<T>(
        Guid streamId, long version = 0, DateTimeOffset? timestamp = null, CancellationToken ct = default) where T : class
    {
        var operations = await EventsAsync(ct);
        return await _session.ReadEventsAsync(streamId, () => operations.AggregateStreamAsync<T>(streamId, version, timestamp, token: ct), ct);
    }

    /// <summary>Marten's FetchForWriting: the aggregate and its version; appends through the result expect that version.</summary>
    public async Task<EventStream<T>> FetchForWriting<T>(Guid streamId, CancellationToken ct = default) where T : class
    {
        // No stream has the empty id (Marten refuses to start one), so a request naming it names nothing.
        if (streamId == Guid.Empty) throw new StreamNotFoundException(streamId);
        var operations = await EventsAsync(ct);
        var stream = await _session.ReadEventsAsync(streamId, () => operations.FetchForWriting<T>(streamId, ct), ct);
        if (stream.Aggregate is null && stream.StartingVersion > 0 && Options.Snapshots.ContainsKey(typeof(T))
            && await Projections.SnapshotBackfill.StoreAsync<T>(_session.Store, _session.Database, TenantId, [streamId], ct) > 0)
        {
            // A stream without its snapshot (written before the aggregate was kept as one, and not yet filled in at a start):
            // stored now, in a transaction of its own, then read again. This session's transaction sees it (read committed).
            stream = await _session.ReadEventsAsync(streamId, () => operations.FetchForWriting<T>(streamId, ct), ct);
        }
        return new EventStream<T>(_session, stream, Track);
    }

    /// <summary>The aggregate as it stands and its version, without a lock: a snapshot's row, or the stream replayed (Marten's fetch plan).</summary>
    public async Task<(T? Aggregate, long Version)> FetchLatestAsync<T>(Guid streamId, CancellationToken ct = default) where T : class
    {
        var stream = await FetchForWriting<T>(streamId, ct);
        return (stream.Aggregate, stream.Version);
    }

    /// <summary>As <see cref="FetchForWriting{T}"/>, holding the stream's lock until the session commits.</summary>
    public async Task<EventStream<T>> FetchForExclusiveWriting<T>(Guid streamId, CancellationToken ct = default) where T : class
    {
        await LockStreamAsync(streamId, ct);
        return await FetchForWriting<T>(streamId, ct);
    }

    public async Task<StreamState?> FetchStreamStateAsync(Guid streamId, CancellationToken ct = default)
    {
        // Raw: Marten resolves the stored aggregate alias to a CLR type, and streams copied from the earlier store carry other aliases.
        var rows = await _session.QueryAsync(
            "SELECT type, version, created, timestamp FROM es.mt_streams WHERE tenant_id = $1 AND id = $2",
            r => new StreamState(streamId, TenantId, r.IsDBNull(0) ? null : r.GetString(0), r.GetInt64(1),
                r.GetFieldValue<DateTimeOffset>(2), r.GetFieldValue<DateTimeOffset>(3)), ct, TenantId.ToString(), streamId);
        return rows.Count == 0 ? null : rows[0];
    }

    private async Task<long> LockStreamAsync(Guid streamId, CancellationToken ct)
    {
        var versions = await _session.QueryAsync(
            "SELECT version FROM es.mt_streams WHERE tenant_id = $1 AND id = $2 FOR UPDATE", r => r.GetInt64(0), ct, TenantId.ToString(), streamId);
        return versions.Count == 1 ? versions[0] : throw new StreamNotFoundException(streamId);
    }

    /// <summary>Refuses an append without events, of an unnamed event type, or without a tenant to write to, before it is queued.</summary>
    private void Check(object[] events)
    {
        _ = TenantId;
        if (events.Length == 0) throw new ArgumentException("At least one event is needed.", nameof(events));
        foreach (var e in events) Options.Events.NameOf(e.GetType());
        Track(events);
    }

    /// <summary>Notes whose personal data the events hold: their keys are prepared before the session writes them.</summary>
    private void Track(object[] events)
    {
        foreach (var e in events)
        foreach (var subject in PersonalDataMarker.SubjectsOf(e))
            _session.PendingSubjects[subject] = TenantId;
    }

    internal static IEvent Envelope(MartenEvent e) => new EventEnvelope(
        e.Sequence, Guid.Parse(e.TenantId), e.StreamId, e.Version, e.EventTypeName, e.Data, e.Timestamp, e.UserName, e.CorrelationId, e.CausationId);
}

public sealed record StreamState(Guid Id, Guid TenantId, string? AggregateType, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
