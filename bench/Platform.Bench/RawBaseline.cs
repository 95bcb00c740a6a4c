using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.EventStore;

namespace Platform.Bench;

/// <summary>
/// Plain Npgsql on public.bench_raw_events (es.mt_events' shape): what the store's work costs without the store.
/// tenant_id is the tenant's Guid as text, as Marten's conjoined tenancy writes it; each event gets a client-side id, as in Marten.
/// </summary>
public sealed class RawBaseline(NpgsqlDataSource dataSource, DocumentStoreOptions options)
{
    private const string Copy = """
        COPY public.bench_raw_events (id, tenant_id, stream_id, version, type, data, timestamp, user_name, correlation_id, causation_id)
        FROM STDIN (FORMAT BINARY)
        """;

    /// <summary>One binary COPY (one implicit transaction) for all the batch's events; seq_id comes from the column default.</summary>
    public async Task WriteBatchAsync(Guid tenantId, (Guid Id, object[] Events)[] streams)
    {
        var now = options.Time.GetUtcNow();
        var tenant = tenantId.ToString();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(Copy);
        foreach (var (id, events) in streams)
            for (var i = 0; i < events.Length; i++)
            {
                var e = events[i];
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await writer.WriteAsync(tenant, NpgsqlDbType.Varchar);
                await writer.WriteAsync(id, NpgsqlDbType.Uuid);
                await writer.WriteAsync((long)i + 1, NpgsqlDbType.Bigint);
                await writer.WriteAsync(options.Events.NameOf(e.GetType()), NpgsqlDbType.Text);
                await writer.WriteAsync(JsonSerializer.Serialize(e, e.GetType(), options.Json), NpgsqlDbType.Jsonb);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteNullAsync();
                await writer.WriteNullAsync();
                await writer.WriteNullAsync();
            }
        await writer.CompleteAsync();
    }

    /// <summary>One event in its own (implicit) transaction: the floor for a durable single append.</summary>
    public async Task InsertOneAsync(Guid tenantId, Guid streamId, long version, object e)
    {
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO public.bench_raw_events (id, tenant_id, stream_id, version, type, data, timestamp)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenantId.ToString() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = streamId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = version });
        cmd.Parameters.Add(new NpgsqlParameter { Value = options.Events.NameOf(e.GetType()) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(e, e.GetType(), options.Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new NpgsqlParameter { Value = options.Time.GetUtcNow() });
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The stream's rows in version order, deserialized and folded by hand.</summary>
    public async Task<Tally?> LoadAsync(Guid tenantId, Guid streamId)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT type, data FROM public.bench_raw_events WHERE tenant_id = $1 AND stream_id = $2 ORDER BY version");
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenantId.ToString() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = streamId });
        await using var reader = await cmd.ExecuteReaderAsync();
        Tally? tally = null;
        while (await reader.ReadAsync())
        {
            var e = JsonSerializer.Deserialize(reader.GetString(1), options.Events.TypeOf(reader.GetString(0)), options.Json);
            tally = e switch
            {
                TallyOpened o => Tally.Create(o),
                TallyIncremented i => tally!.Apply(i),
                _ => tally,
            };
        }
        return tally;
    }
}
