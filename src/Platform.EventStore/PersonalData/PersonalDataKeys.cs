using Npgsql;

namespace Platform.EventStore.PersonalData;

/// <summary>
/// The keys of the people whose data one session reads or writes (es.personal_data_keys, under the session's tenant scope). The JSON
/// converter that seals and opens personal data finds them through <see cref="Current"/>, which the session sets around every call into
/// Marten. A read meets a key the session has not loaded: it is noted as missing, and the session loads the missing keys (one query, on
/// its own connection) and reads again; bulk reads load their keys before.
/// </summary>
public sealed class PersonalDataKeys
{
    private static readonly AsyncLocal<PersonalDataKeys?> Ambient = new();

    private readonly Dictionary<Guid, byte[]?> _keys = [];
    private readonly HashSet<Guid> _missing = [];
    private readonly Lock _lock = new();
    private readonly Func<Guid, byte[]?>? _loadOne;

    /// <param name="loadOne">Reads a key the ring does not know, when there is no session to load it and read again.</param>
    internal PersonalDataKeys(Func<Guid, byte[]?>? loadOne = null) => _loadOne = loadOne;

    internal static PersonalDataKeys? Current => Ambient.Value;

    /// <summary>Makes these keys the ones the converter uses until disposed (within the calling async flow).</summary>
    internal Entered Enter()
    {
        var previous = Ambient.Value;
        Ambient.Value = this;
        return new Entered(previous);
    }

    internal readonly struct Entered(PersonalDataKeys? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }

    /// <summary>The subject's key; null when it has none (destroyed: the data is erased) or is not loaded yet (then noted as missing).</summary>
    internal byte[]? Find(Guid subject)
    {
        lock (_lock)
        {
            if (_keys.TryGetValue(subject, out var key)) return key;
            if (_loadOne is null)
            {
                _missing.Add(subject);
                return null;
            }
            return _keys[subject] = _loadOne(subject);
        }
    }

    /// <summary>The keys a read missed, forgotten here: after loading them, the read is done again.</summary>
    internal Guid[] TakeMissing()
    {
        lock (_lock)
        {
            var missing = _missing.ToArray();
            _missing.Clear();
            return missing;
        }
    }

    /// <summary>The key to seal new data with; <see cref="PrepareAsync"/> has made sure there is one.</summary>
    internal byte[] ForWriting(Guid subject)
    {
        lock (_lock)
            return _keys.TryGetValue(subject, out var key) && key is not null
                ? key
                : throw new InvalidOperationException($"No personal data key was prepared for subject {subject}: append its events through the session.");
    }

    /// <summary>Loads the keys of these subjects that the session does not know yet, in one query.</summary>
    internal async Task LoadAsync(DocumentSession session, IEnumerable<Guid> subjects, CancellationToken ct)
    {
        Guid[] wanted;
        lock (_lock) wanted = subjects.Where(s => !_keys.ContainsKey(s)).Distinct().ToArray();
        if (wanted.Length == 0) return;
        var rows = await session.QueryAsync("SELECT subject_id, key FROM es.personal_data_keys WHERE subject_id = ANY ($1)",
            r => (r.GetGuid(0), r.GetFieldValue<byte[]>(1)), ct, wanted);
        lock (_lock)
        {
            foreach (var s in wanted) _keys[s] = null;
            foreach (var (s, key) in rows) _keys[s] = key;
        }
    }

    /// <summary>Every key the session's scope sees (of one tenant when given): before reading all of its events.</summary>
    internal async Task LoadAllAsync(DocumentSession session, Guid? tenantId, CancellationToken ct)
    {
        var rows = await session.QueryAsync("SELECT subject_id, key FROM es.personal_data_keys WHERE $1::uuid IS NULL OR tenant_id = $1",
            r => (r.GetGuid(0), r.GetFieldValue<byte[]>(1)), ct, tenantId);
        lock (_lock)
            foreach (var (s, key) in rows) _keys.TryAdd(s, key);
    }

    /// <summary>
    /// Before the session's events are written: every subject gets its key, an existing one or a new one created in the session's
    /// transaction (a person erased and written again gets a new key; the old data stays unreadable).
    /// </summary>
    internal async Task PrepareAsync(DocumentSession session, IReadOnlyDictionary<Guid, Guid> tenantOfSubject, CancellationToken ct)
    {
        await LoadAsync(session, tenantOfSubject.Keys, ct);
        List<KeyValuePair<Guid, Guid>> created;
        lock (_lock) created = tenantOfSubject.Where(p => _keys[p.Key] is null).ToList();
        if (created.Count == 0) return;
        var fresh = created.Select(_ => PersonalDataCipher.NewKey()).ToArray();
        await session.ExecuteAsync("INSERT INTO es.personal_data_keys (tenant_id, subject_id, key) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bytea[])", ct,
            created.Select(p => p.Value).ToArray(), created.Select(p => p.Key).ToArray(), fresh);
        lock (_lock)
            for (var i = 0; i < created.Count; i++) _keys[created[i].Key] = fresh[i];
    }

    /// <summary>
    /// Destroys the subject's key when the session saves, after its events are written (so that the events erasing the person are
    /// sealed with the key they destroy): once committed, the person's data in every event reads as erased.
    /// </summary>
    public void DestroyOnSave(DocumentSession session, Guid subject) =>
        session.Participant(() => new Destruction(this)).Subjects.Add(subject);

    private sealed class Destruction(PersonalDataKeys keys) : ICommitParticipant
    {
        public HashSet<Guid> Subjects { get; } = [];

        public async Task BeforeCommitAsync(NpgsqlTransaction transaction, CancellationToken ct)
        {
            await using var command = new NpgsqlCommand("DELETE FROM es.personal_data_keys WHERE subject_id = ANY ($1)", transaction.Connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = Subjects.ToArray() });
            await command.ExecuteNonQueryAsync(ct);
            lock (keys._lock)
                foreach (var s in Subjects) keys._keys[s] = null;
        }

        public Task AfterCommitAsync() => Task.CompletedTask;
    }

    /// <summary>A key read on a connection of its own (the session's may be busy reading events), under the same scope.</summary>
    internal static byte[]? LoadOne(NpgsqlDataSource dataSource, TenantScope? scope, Guid subject)
    {
        if (scope is null) return null;
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using var batch = new NpgsqlBatch(connection, transaction);
        var prelude = new NpgsqlBatchCommand("SELECT set_config('app.scope_kind', $1, true), set_config('app.scope_id', $2, true)");
        DocumentSession.AddPositional(prelude.Parameters, prelude.CommandText, scope.SqlKind, scope.Id.ToString());
        var select = new NpgsqlBatchCommand("SELECT key FROM es.personal_data_keys WHERE subject_id = $1");
        DocumentSession.AddPositional(select.Parameters, select.CommandText, subject);
        batch.BatchCommands.Add(prelude);
        batch.BatchCommands.Add(select);
        using var reader = batch.ExecuteReader();
        reader.NextResult();
        return reader.Read() ? reader.GetFieldValue<byte[]>(0) : null;
    }
}
