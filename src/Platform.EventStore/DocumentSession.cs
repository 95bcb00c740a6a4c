using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.EventStore.Projections;

namespace Platform.EventStore;

/// <summary>
/// One PostgreSQL transaction with its tenant scope set (Marten's IDocumentSession). Events queued
/// through <see cref="Events"/> are written, with the inline projections' changes, by
/// <see cref="SaveChangesAsync"/> in that same transaction. Disposing without saving rolls back.
/// </summary>
public sealed class DocumentSession : IAsyncDisposable
{
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;
    private bool _scopeApplied;

    internal DocumentSession(DocumentStore store, TenantScope? scope, Guid? tenantId)
    {
        Store = store;
        Scope = scope;
        TenantId = tenantId ?? (scope is { Kind: not ScopeKind.Platform } ? scope.Id : null);
        Events = new EventOperations(this, TenantId);
    }

    public DocumentStore Store { get; }
    public TenantScope? Scope { get; }
    /// <summary>The tenant new streams go to and stream reads look in.</summary>
    public Guid? TenantId { get; }
    public EventOperations Events { get; }

    /// <summary>Metadata written with every event of this session.</summary>
    public string? UserName { get; set; }
    public string? CorrelationId { get; set; }
    public string? CausationId { get; set; }

    internal List<StreamAction> Pending { get; } = [];

    /// <summary>Events appended and not yet saved.</summary>
    public int PendingEventCount => Pending.Sum(a => a.Events.Count);

    /// <summary>Event operations on another tenant within this session's scope and transaction.</summary>
    public EventOperations ForTenant(Guid tenantId) => new(this, tenantId);

    /// <summary>The open transaction, after <see cref="ConnectionAsync"/>: for other data access (EF Core) to join it.</summary>
    public NpgsqlTransaction? Transaction => _transaction;

    /// <summary>The session's connection, inside its transaction, with the tenant scope applied.</summary>
    public async Task<NpgsqlConnection> ConnectionAsync(CancellationToken ct = default)
    {
        var connection = await EnsureOpenAsync(ct);
        var prelude = TakeScopePrelude();
        if (prelude is not null)
        {
            await using var batch = new NpgsqlBatch(connection, _transaction) { BatchCommands = { prelude } };
            await batch.ExecuteNonQueryAsync(ct);
        }
        return connection;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params object?[] args)
    {
        await using var batch = await ScopedBatchAsync(sql, args, ct);
        return await batch.ExecuteNonQueryAsync(ct);
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct, params object?[] args)
    {
        await using var batch = await ScopedBatchAsync(sql, args, ct);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (batch.BatchCommands.Count > 1) await reader.NextResultAsync(ct); // past the scope prelude
        var result = new List<T>();
        while (await reader.ReadAsync(ct)) result.Add(map(reader));
        return result;
    }

    /// <summary>The statement, preceded by the scope prelude when it has not been sent yet: one round trip.</summary>
    private async Task<NpgsqlBatch> ScopedBatchAsync(string sql, object?[] args, CancellationToken ct)
    {
        var batch = new NpgsqlBatch(await EnsureOpenAsync(ct), _transaction);
        if (TakeScopePrelude() is { } prelude) batch.BatchCommands.Add(prelude);
        var command = new NpgsqlBatchCommand(sql);
        AddPositional(command.Parameters, args);
        batch.BatchCommands.Add(command);
        return batch;
    }

    /// <summary>Writes pending events and projection changes, and commits.</summary>
    public async Task SaveChangesAsync(CancellationToken ct = default)
    {
        await FlushAsync(ct);
        if (_transaction is not null)
        {
            await _transaction.CommitAsync(ct);
            await ResetAsync();
        }
    }

    /// <summary>Writes pending events and projection changes inside the open transaction, without committing.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        if (Pending.Count == 0) return;
        var connection = await EnsureOpenAsync(ct);
        var now = Store.Options.Time.GetUtcNow();

        await ResolveOpenVersionsAsync(connection, now, ct);

        var envelopes = new List<IEvent>();
        foreach (var action in Pending)
            for (var i = 0; i < action.Events.Count; i++)
                envelopes.Add(new EventEnvelope(0, action.TenantId, action.StreamId, action.BaseVersion + i + 1,
                    Store.Options.Events.NameOf(action.Events[i].GetType()), action.Events[i], now, UserName, CorrelationId, CausationId));

        var projectionCommands = await RunInlineProjectionsAsync(envelopes, ct);

        await using var batch = new NpgsqlBatch(connection, _transaction);
        if (TakeScopePrelude() is { } prelude) batch.BatchCommands.Add(prelude);
        // The transaction id must exist before any sequence number is taken: EventFeedReader relies on
        // "every holder of a sequence number already had an xid", see there.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_current_xact_id()"));
        var checkedCommands = new List<(NpgsqlBatchCommand Command, StreamAction Action)>();
        foreach (var action in Pending)
        {
            var cmd = StreamWrite(action, now);
            if (cmd is null) continue;
            batch.BatchCommands.Add(cmd);
            checkedCommands.Add((cmd, action));
        }
        batch.BatchCommands.Add(InsertEvents(envelopes, now));
        foreach (var cmd in projectionCommands) batch.BatchCommands.Add(cmd);

        try
        {
            await batch.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.TableName == "streams")
        {
            var action = Pending.FirstOrDefault(a => e.Detail?.Contains(a.StreamId.ToString()) == true) ?? Pending[0];
            throw new StreamAlreadyExistsException(action.TenantId, action.StreamId, e);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.TableName == "events")
        {
            // A concurrent writer took these versions first (the stream row's update may not have run yet).
            var action = Pending.FirstOrDefault(a => e.Detail?.Contains(a.StreamId.ToString()) == true) ?? Pending[0];
            throw new ConcurrencyException(action.StreamId, action.BaseVersion, null);
        }
        foreach (var (cmd, action) in checkedCommands)
            if (cmd.RecordsAffected != 1)
                throw new ConcurrencyException(action.StreamId, action.BaseVersion, null);

        Pending.Clear();
    }

    private async Task ResolveOpenVersionsAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken ct)
    {
        var open = Pending.Where(a => a.Kind == StreamActionKind.Append).ToList();
        if (open.Count == 0) return;
        await using var batch = new NpgsqlBatch(connection, _transaction);
        if (TakeScopePrelude() is { } prelude) batch.BatchCommands.Add(prelude);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_current_xact_id()"));
        foreach (var a in open)
        {
            var cmd = new NpgsqlBatchCommand("""
                INSERT INTO es.streams AS s (tenant_id, id, type, version, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $5)
                ON CONFLICT (tenant_id, id) DO UPDATE SET version = s.version + EXCLUDED.version, updated_at = EXCLUDED.updated_at
                RETURNING version
                """);
            AddPositional(cmd.Parameters, a.TenantId, a.StreamId, a.AggregateType, (long)a.Events.Count, now);
            batch.BatchCommands.Add(cmd);
        }
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var skip = batch.BatchCommands.Count - open.Count;
        for (var i = 0; i < skip; i++) await reader.NextResultAsync(ct);
        foreach (var a in open)
        {
            await reader.ReadAsync(ct);
            a.BaseVersion = reader.GetInt64(0) - a.Events.Count;
            await reader.NextResultAsync(ct);
        }
    }

    private async Task<List<NpgsqlBatchCommand>> RunInlineProjectionsAsync(List<IEvent> envelopes, CancellationToken ct)
    {
        var commands = new List<NpgsqlBatchCommand>();
        foreach (var projection in Store.Options.Projections)
        {
            var relevant = envelopes.Where(e => projection.EventTypes.Contains(e.Data.GetType())).ToList();
            if (relevant.Count == 0) continue;
            var context = new ProjectionContext(this, commands);
            await projection.ApplyAsync(context, relevant, ct);
        }
        return commands;
    }

    private static NpgsqlBatchCommand? StreamWrite(StreamAction action, DateTimeOffset now)
    {
        var newVersion = action.BaseVersion + action.Events.Count;
        switch (action.Kind)
        {
            case StreamActionKind.Start:
                var insert = new NpgsqlBatchCommand(
                    "INSERT INTO es.streams (tenant_id, id, type, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)");
                AddPositional(insert.Parameters, action.TenantId, action.StreamId, action.AggregateType, newVersion, now);
                return insert;
            case StreamActionKind.AppendExpected:
                var update = new NpgsqlBatchCommand(
                    "UPDATE es.streams SET version = $4, updated_at = $5 WHERE tenant_id = $1 AND id = $2 AND version = $3");
                AddPositional(update.Parameters, action.TenantId, action.StreamId, action.BaseVersion, newVersion, now);
                return update;
            default:
                return null; // written while resolving its version
        }
    }

    private NpgsqlBatchCommand InsertEvents(List<IEvent> events, DateTimeOffset now)
    {
        var json = Store.Options.Json;
        var n = events.Count;
        var tenants = new Guid[n];
        var streams = new Guid[n];
        var versions = new long[n];
        var types = new string[n];
        var data = new string[n];
        for (var i = 0; i < n; i++)
        {
            var e = events[i];
            tenants[i] = e.TenantId;
            streams[i] = e.StreamId;
            versions[i] = e.Version;
            types[i] = e.EventTypeName;
            data[i] = JsonSerializer.Serialize(e.Data, e.Data.GetType(), json);
        }
        // ORDER BY ordinality: nextval() runs after the sort, so sequence numbers follow stream order.
        var cmd = new NpgsqlBatchCommand("""
            INSERT INTO es.events (seq, tenant_id, stream_id, version, type, data, timestamp, user_name, correlation_id, causation_id)
            SELECT nextval('es.event_seq'), u.tenant_id, u.stream_id, u.version, u.type, u.data, $6, $7, $8, $9
              FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $5::jsonb[]) WITH ORDINALITY AS u(tenant_id, stream_id, version, type, data, ord)
             ORDER BY u.ord
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenants, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new NpgsqlParameter { Value = streams, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new NpgsqlParameter { Value = versions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)UserName ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)CorrelationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)CausationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return cmd;
    }

    private async Task<NpgsqlConnection> EnsureOpenAsync(CancellationToken ct)
    {
        if (_connection is not null) return _connection;
        _connection = await Store.DataSource.OpenConnectionAsync(ct);
        _transaction = await _connection.BeginTransactionAsync(ct);
        _scopeApplied = false;
        return _connection;
    }

    /// <summary>
    /// The set_config call that scopes the transaction, if it has not been sent yet; it travels in
    /// the same round trip as the first real command. is_local = true: it ends with the transaction.
    /// </summary>
    private NpgsqlBatchCommand? TakeScopePrelude()
    {
        if (_scopeApplied || Scope is null) return null;
        _scopeApplied = true;
        var cmd = new NpgsqlBatchCommand("SELECT set_config('app.scope_kind', $1, true), set_config('app.scope_id', $2, true)");
        AddPositional(cmd.Parameters, Scope.SqlKind, Scope.Id.ToString());
        return cmd;
    }

    internal static void AddPositional(NpgsqlParameterCollection parameters, params object?[] values)
    {
        foreach (var v in values) parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
    }

    private async Task ResetAsync()
    {
        if (_transaction is not null) await _transaction.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
        _transaction = null;
        _connection = null;
    }

    public async ValueTask DisposeAsync()
    {
        Pending.Clear();
        await ResetAsync();
    }
}
