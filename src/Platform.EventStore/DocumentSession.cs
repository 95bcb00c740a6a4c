using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using JasperFx.Events;
using Marten.Exceptions;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.EventStore.PersonalData;
using MartenSession = Marten.IDocumentSession;
using MartenSessionOptions = Marten.Services.SessionOptions;

namespace Platform.EventStore;

/// <summary>
/// One PostgreSQL transaction with its tenant scope set, and a Marten session working inside it. Events appended
/// through <see cref="Events"/> are written by Marten, with the inline projections' changes, by
/// <see cref="SaveChangesAsync"/> in that same transaction. Disposing without saving rolls back.
/// </summary>
public sealed class DocumentSession : IAsyncDisposable
{
    private static readonly ConditionalWeakTable<MartenSession, DocumentSession> Owners = new();

    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;
    private bool _scopeApplied;
    private MartenSession? _marten;
    // Appends queued before the first round trip: the Marten session needs the open transaction.
    private readonly List<Action<MartenSession>> _deferred = [];
    private readonly List<ICommitParticipant> _participants = [];

    // The home database's standby, for a read-only session whose tenant lives in the home database.
    private readonly NpgsqlDataSource? _replica;

    internal DocumentSession(DocumentStore store, TenantScope? scope, Guid? tenantId, string? database, NpgsqlDataSource? replica)
    {
        Store = store;
        Database = database;
        _replica = replica;
        Scope = scope;
        TenantId = tenantId ?? (scope is { Kind: not ScopeKind.Platform } ? scope.Id : null);
        Events = new EventOperations(this, TenantId);
        PersonalData = new PersonalDataKeys();
    }

    public DocumentStore Store { get; }
    public TenantScope? Scope { get; }

    /// <summary>The database the session works in (<see cref="Databases.TenantDatabases"/>); known once it is open, or when given.</summary>
    public string? Database { get; private set; }
    /// <summary>A session that only reads (maybe on the standby): saving is refused.</summary>
    public bool ReadOnly { get; init; }
    /// <summary>The tenant new streams go to and stream reads look in.</summary>
    public Guid? TenantId { get; }
    public EventOperations Events { get; }

    /// <summary>The keys of the people whose personal data the session's events hold (crypto-shredding: destroy one to erase them).</summary>
    public PersonalDataKeys PersonalData { get; }

    /// <summary>The people whose personal data the pending events hold, with the tenant their keys belong to.</summary>
    internal Dictionary<Guid, Guid> PendingSubjects { get; } = [];

    /// <summary>
    /// Runs a read of events with the session's keys: the stream's own key (a person's stream) loaded first; keys of other people the
    /// read met (a pair's consents) loaded after it, and the read done again.
    /// </summary>
    internal async Task<T> ReadEventsAsync<T>(Guid? streamId, Func<Task<T>> read, CancellationToken ct)
    {
        if (streamId is { } id) await PersonalData.LoadAsync(this, [id], ct);
        using (PersonalData.Enter())
        {
            var result = await read();
            var missing = PersonalData.TakeMissing();
            if (missing.Length == 0) return result;
            await PersonalData.LoadAsync(this, missing, ct);
        }
        using (PersonalData.Enter()) return await read();
    }

    /// <summary>Metadata written with every event of this session.</summary>
    public string? UserName { get; set; }
    public string? CorrelationId { get; set; }
    public string? CausationId { get; set; }

    /// <summary>Events appended and not yet saved.</summary>
    public int PendingEventCount { get; private set; }

    /// <summary>Writes the inline projections queued during Marten's save; sent after the events, in the same transaction.</summary>
    internal List<NpgsqlBatchCommand> ProjectionWrites { get; } = [];

    /// <summary>The version each optimistic append expects its stream at, for the conflict's message.</summary>
    internal Dictionary<Guid, long> ExpectedVersions { get; } = [];

    /// <summary>The session's participant of that type, created on first use (one per type and transaction).</summary>
    public T Participant<T>(Func<T> create) where T : class, ICommitParticipant
    {
        foreach (var p in _participants)
            if (p is T existing) return existing;
        var created = create();
        _participants.Add(created);
        return created;
    }

    /// <summary>Event operations on another tenant within this session's scope and transaction.</summary>
    public EventOperations ForTenant(Guid tenantId) => new(this, tenantId);

    internal static DocumentSession? OwnerOf(MartenSession session) => Owners.TryGetValue(session, out var s) ? s : null;

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

    /// <summary>The Marten session on this transaction (opened on first use, after the scope is set).</summary>
    internal async Task<MartenSession> MartenAsync(CancellationToken ct)
    {
        if (_marten is not null) return _marten;
        await ConnectionAsync(ct);
        var options = MartenSessionOptions.ForTransaction(_transaction!);
        if (TenantId is { } tenant) options.TenantId = tenant.ToString();
        _marten = Store.Marten.LightweightSession(options);
        _marten.LastModifiedBy = UserName;
        _marten.CorrelationId = CorrelationId;
        _marten.CausationId = CausationId;
        Owners.AddOrUpdate(_marten, this);
        foreach (var op in _deferred) op(_marten);
        _deferred.Clear();
        return _marten;
    }

    internal void Queue(Action<MartenSession> append, int events)
    {
        PendingEventCount += events;
        if (_marten is null) _deferred.Add(append);
        else append(_marten);
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params object?[] args)
    {
        await using var batch = await ScopedBatchAsync(ct, (sql, args));
        return await batch.ExecuteNonQueryAsync(ct);
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct, params object?[] args)
    {
        await using var batch = await ScopedBatchAsync(ct, (sql, args));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (batch.BatchCommands.Count > 1) await reader.NextResultAsync(ct); // past the scope prelude
        return await ReadAllAsync(reader, map, ct);
    }

    /// <summary>Three independent queries in one round trip (a page that needs several lists).</summary>
    public async Task<(List<T1>, List<T2>, List<T3>)> QueryAsync<T1, T2, T3>(BatchQuery<T1> first, BatchQuery<T2> second, BatchQuery<T3> third, CancellationToken ct)
    {
        await using var batch = await ScopedBatchAsync(ct, (first.Sql, first.Args), (second.Sql, second.Args), (third.Sql, third.Args));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (batch.BatchCommands.Count > 3) await reader.NextResultAsync(ct);
        var a = await ReadAllAsync(reader, first.Map, ct);
        await reader.NextResultAsync(ct);
        var b = await ReadAllAsync(reader, second.Map, ct);
        await reader.NextResultAsync(ct);
        return (a, b, await ReadAllAsync(reader, third.Map, ct));
    }

    private async Task<List<T>> ReadAllAsync<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> map, CancellationToken ct)
    {
        var result = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            try
            {
                result.Add(map(reader));
            }
            catch (UnknownStoredValueException unknown)
            {
                Store.Options.Logger.LogWarning(
                    "A row of a read model holds an unknown {What} «{Code}» and is left out of the answer (tenant {TenantId})",
                    unknown.What, unknown.Code, TenantId);
            }
        }
        return result;
    }

    /// <summary>The statements, preceded by the scope prelude when it has not been sent yet: one round trip.</summary>
    private async Task<NpgsqlBatch> ScopedBatchAsync(CancellationToken ct, params (string Sql, object?[] Args)[] statements)
    {
        var batch = new NpgsqlBatch(await EnsureOpenAsync(ct), _transaction);
        if (TakeScopePrelude() is { } prelude) batch.BatchCommands.Add(prelude);
        foreach (var (sql, args) in statements)
        {
            var command = new NpgsqlBatchCommand(sql);
            AddPositional(command.Parameters, sql, args);
            batch.BatchCommands.Add(command);
        }
        return batch;
    }

    /// <summary>Writes pending events and projection changes, and commits.</summary>
    public async Task SaveChangesAsync(CancellationToken ct = default)
    {
        if (ReadOnly) throw new InvalidOperationException("A read-only session (the standby's) cannot save.");
        await FlushAsync(ct);
        if (_participants.Count > 0)
        {
            await ConnectionAsync(ct);
            foreach (var p in _participants) await p.BeforeCommitAsync(_transaction!, ct);
        }
        if (_transaction is not null)
        {
            await _transaction.CommitAsync(ct);
            await ResetAsync();
        }
        if (_participants.Count == 0) return;
        var committed = _participants.ToArray();
        _participants.Clear();
        foreach (var p in committed) await p.AfterCommitAsync();
    }

    /// <summary>Writes pending events and projection changes inside the open transaction, without committing.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        if (PendingEventCount == 0) return;
        var marten = await MartenAsync(ct);
        if (PendingSubjects.Count > 0) await PersonalData.PrepareAsync(this, PendingSubjects, ct);
        try
        {
            using (PersonalData.Enter()) await marten.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException)
        {
            // Marten throws its own type or JasperFx's, depending on where the collision is found.
            var id = e is Marten.Exceptions.ExistingStreamIdCollisionException m ? m.Id : ((JasperFx.Events.ExistingStreamIdCollisionException)e).Id;
            throw new StreamAlreadyExistsException(TenantId ?? Guid.Empty, id is Guid g ? g : Guid.Empty, e);
        }
        catch (JasperFx.ConcurrencyException e)
        {
            var id = e.Id is Guid g ? g : Guid.Empty;
            throw new ConcurrencyException(id, ExpectedVersions.TryGetValue(id, out var v) ? v : null, null);
        }
        catch (MartenCommandException e) when (e.InnerException is PostgresException pg)
        {
            ExceptionDispatchInfo.Throw(pg); // row-level security and constraint failures, as PostgreSQL reported them
        }
        PendingEventCount = 0;
        ExpectedVersions.Clear();
        PendingSubjects.Clear();
        if (ProjectionWrites.Count > 0)
        {
            await using var batch = new NpgsqlBatch(_connection, _transaction);
            foreach (var c in ProjectionWrites) batch.BatchCommands.Add(c);
            ProjectionWrites.Clear();
            await batch.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task<NpgsqlConnection> EnsureOpenAsync(CancellationToken ct)
    {
        if (_connection is not null) return _connection;
        Database ??= await DatabaseOfAsync(ct);
        var source = Database == Databases.TenantDatabases.Home && _replica is not null ? _replica
            : await Store.Databases.SourceAsync(Database, Scope is { Kind: ScopeKind.Platform }, ct);
        _connection = await source.OpenConnectionAsync(ct);
        _transaction = await _connection.BeginTransactionAsync(ct);
        _scopeApplied = false;
        return _connection;
    }

    /// <summary>The tenant's database, or the scope's; the platform scope without a tenant (and no scope) works in the home database.</summary>
    public async ValueTask<string> DatabaseOfAsync(CancellationToken ct = default)
    {
        if (Database is { } known) return known;
        var routeBy = TenantId ?? (Scope is { Kind: not ScopeKind.Platform } ? Scope.Id : null);
        return routeBy is { } tenant ? await Store.Databases.OfTenantAsync(tenant, ct) : Databases.TenantDatabases.Home;
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
        AddPositional(cmd.Parameters, cmd.CommandText, Scope.SqlKind, Scope.Id.ToString());
        return cmd;
    }

    /// <summary>The values as $1, $2…; a null takes the type the statement casts it to (<see cref="NullParameterTypes"/>).</summary>
    internal static void AddPositional(NpgsqlParameterCollection parameters, string sql, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            parameters.Add(values[i] is { } v ? new NpgsqlParameter { Value = v }
                : NullParameterTypes.Of(sql, i) is { } type ? new NpgsqlParameter { Value = DBNull.Value, DataTypeName = type }
                : new NpgsqlParameter { Value = DBNull.Value });
    }

    private async Task ResetAsync()
    {
        if (_marten is not null)
        {
            Owners.Remove(_marten);
            await _marten.DisposeAsync();
        }
        if (_transaction is not null) await _transaction.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
        _marten = null;
        _transaction = null;
        _connection = null;
        ProjectionWrites.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        _deferred.Clear();
        _participants.Clear();
        ExpectedVersions.Clear();
        PendingSubjects.Clear();
        PendingEventCount = 0;
        await ResetAsync();
    }
}
