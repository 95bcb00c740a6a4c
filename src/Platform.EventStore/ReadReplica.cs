using System.Diagnostics;
using Npgsql;

namespace Platform.EventStore;

/// <summary>Endpoint metadata: the request only reads, and may be served from the hot standby (dashboards, public pages).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class ReadsFromReplicaAttribute : Attribute;

/// <summary>
/// A hot standby for read-heavy pages, used while it is fresh: its replay lag is measured at most once a second, and a
/// standby behind by more than <see cref="MaxStaleness"/> (or unreachable) is skipped for the primary until it catches up.
/// So a page read from it is at most MaxStaleness (plus one second of measurement) older than the primary.
/// </summary>
public sealed class ReadReplica(string connectionString, TimeSpan maxStaleness) : IAsyncDisposable
{
    private static readonly TimeSpan MeasureEvery = TimeSpan.FromSeconds(1);
    private readonly object _gate = new();
    private long _measuredAt;
    private Task<bool>? _measuring;
    private bool _fresh;

    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
    {
        ApplicationName = "platform-replica-reads",
        Timeout = 3,
    }.ConnectionString);

    public TimeSpan MaxStaleness { get; } = maxStaleness;

    /// <summary>The last measured lag (null: not measured or unreachable).</summary>
    public TimeSpan? Lag { get; private set; }

    /// <summary>
    /// Whether reads may go to the standby now, by the last measurement; one older than a second starts the next in the
    /// background (a request never waits for it). Until the first measurement completes, reads stay on the primary.
    /// </summary>
    public bool IsFresh
    {
        get
        {
            lock (_gate)
            {
                if (_measuring is null && Stopwatch.GetElapsedTime(_measuredAt) >= MeasureEvery) _measuring = MeasureAsync();
                return _fresh;
            }
        }
    }

    private async Task<bool> MeasureAsync()
    {
        bool fresh;
        try
        {
            await using var cmd = DataSource.CreateCommand("""
                SELECT CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                            ELSE COALESCE(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END
                """);
            var seconds = Convert.ToDouble(await cmd.ExecuteScalarAsync());
            Lag = TimeSpan.FromSeconds(seconds);
            fresh = Lag <= MaxStaleness;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            Lag = null;
            fresh = false;
        }
        lock (_gate)
        {
            _fresh = fresh;
            _measuredAt = Stopwatch.GetTimestamp();
            _measuring = null;
        }
        return fresh;
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}

/// <summary>
/// Endpoint metadata: the request's session works in the home database whatever its tenant (the accounts, their
/// invitations and their journal live there for every region).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class UsesHomeDatabaseAttribute : Attribute;
