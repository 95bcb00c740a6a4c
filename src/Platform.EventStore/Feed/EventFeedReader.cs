using Npgsql;

namespace Platform.EventStore.Feed;

/// <summary>
/// Follows es.events in global sequence order across all tenants (for async projections and the
/// outbox relay) without ever skipping an event that commits late behind a higher sequence number.
/// </summary>
/// <remarks>
/// The hazard: transaction T1 takes seq 10, T2 takes seq 11 and commits first. A reader that reads
/// "seq > checkpoint" sees 11, moves its checkpoint to 11, and never sees 10 when T1 commits.
///
/// The guard is a safe horizon H: every transaction that could own a sequence number ≤ H has ended
/// (committed or rolled back), so the rows ≤ H visible now are all there will ever be. It is built in
/// two polls:
///   1. read L, the sequence's last allocated value, then take a transaction id N for the reader.
///      Writers take their xid before their sequence numbers (DocumentSession.FlushAsync calls
///      pg_current_xact_id() first), and xids are handed out in order, so every holder of a number
///      ≤ L has an xid below N.
///   2. on a later poll, once the oldest running transaction is at or past N (pg_snapshot_xmin), all of
///      them have ended, and L becomes the horizon.
/// Rolled-back numbers simply never appear; a long transaction holds the horizon back instead of
/// being skipped. No timeouts, no guessing. (pg_snapshot_xmax cannot stand in for N: it is the latest
/// completed xid + 1, and a writer running with a higher xid would be missed.)
/// </remarks>
public sealed class EventFeedReader(DocumentStore store, long checkpoint = 0)
{
    private readonly Queue<(long LastAllocated, ulong ReaderXid)> _candidates = new();
    private long _horizon = checkpoint;

    /// <summary>The sequence of the last event returned; persist it to resume.</summary>
    public long Checkpoint { get; private set; } = checkpoint;

    /// <summary>Highest sequence number known to be final.</summary>
    public long Horizon => _horizon;

    public async Task<IReadOnlyList<IEvent>> ReadNextAsync(int maxEvents = 1_000, CancellationToken ct = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        long lastAllocated;
        await using (var batch = new NpgsqlBatch(connection, tx)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT set_config('app.scope_kind', 'platform', true)"),
                new NpgsqlBatchCommand("SELECT pg_snapshot_xmin(pg_current_snapshot())::text"),
                new NpgsqlBatchCommand("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM es.event_seq"),
            },
        })
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            var oldestRunning = ulong.Parse(reader.GetString(0));
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            lastAllocated = reader.GetInt64(0);

            while (_candidates.TryPeek(out var c) && c.ReaderXid <= oldestRunning)
            {
                _horizon = Math.Max(_horizon, c.LastAllocated);
                _candidates.Dequeue();
            }
        }

        var newest = _candidates.Count > 0 ? _candidates.Last().LastAllocated : _horizon;
        if (lastAllocated > newest)
        {
            await using var xid = new NpgsqlCommand("SELECT pg_current_xact_id()::text", connection, tx);
            _candidates.Enqueue((lastAllocated, ulong.Parse((string)(await xid.ExecuteScalarAsync(ct))!)));
        }

        var events = new List<IEvent>();
        if (_horizon > Checkpoint)
        {
            await using var cmd = new NpgsqlCommand(
                $"SELECT {EventRows.Columns} FROM es.events WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3", connection, tx);
            DocumentSession.AddPositional(cmd.Parameters, Checkpoint, _horizon, maxEvents);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) events.Add(EventRows.Read(reader, store.Options));
            // Fewer rows than asked: everything up to the horizon has been read (gaps are rollbacks).
            Checkpoint = events.Count < maxEvents ? _horizon : events[^1].Sequence;
        }
        await tx.CommitAsync(ct);
        return events;
    }
}
