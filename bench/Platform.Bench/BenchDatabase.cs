using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.EventStore.Migrations;

namespace Platform.Bench;

/// <summary>Arranges the benchmark database as the owner (superuser: bypasses row-level security).</summary>
public sealed class BenchDatabase(string ownerConnectionString)
{
    public static readonly Guid Region = Guid.Parse("00000000-0000-4000-8000-0000000be0a1");

    /// <summary>platform_system's connection beside the application's (the platform scope is refused to platform_app).</summary>
    public static string System(string appConnectionString) =>
        new Npgsql.NpgsqlConnectionStringBuilder(appConnectionString) { Username = "platform_system", MaxPoolSize = 10 }.ConnectionString;
    public static readonly Guid District = Guid.Parse("00000000-0000-4000-8000-0000000be0d1");

    public static readonly Guid[] Schools =
    [
        Guid.Parse("00000000-0000-4000-8000-0000000be001"),
        Guid.Parse("00000000-0000-4000-8000-0000000be002"),
        Guid.Parse("00000000-0000-4000-8000-0000000be003"),
        Guid.Parse("00000000-0000-4000-8000-0000000be004"),
    ];

    public Task MigrateAsync() =>
        new SchemaMigrator(ownerConnectionString, NullLogger.Instance, Platform.Api.Infrastructure.PlatformServices.MigrationAssemblies).MigrateAsync();

    public async Task SeedRegistryAsync()
    {
        await ExecuteAsync("INSERT INTO registry.regions VALUES ($1, $1, 'B1', 'Bench region', 'Bench institute', 'Europe/Moscow', 1)", Region);
        await ExecuteAsync("INSERT INTO registry.districts VALUES ($1, $2, $1, 'Bench district', 'Bench', 'Europe/Moscow', 1)", Region, District);
        foreach (var school in Schools)
            await ExecuteAsync(
                "INSERT INTO registry.schools VALUES ($1, $2, $1, 'Bench school', 'Bench', 'school', 'Europe/Moscow', NULL, NULL, 1)",
                District, school);
    }

    /// <summary>
    /// The raw baseline's table: es.mt_events' columns, defaults, primary key and indexes (seq_id, and the unique
    /// tenant_id, stream_id, version), without row-level security, without the foreign key to es.mt_streams, and with
    /// seq_id from its own sequence (Marten takes es.mt_events_sequence's numbers itself; the column has no default).
    /// </summary>
    public Task CreateRawTableAsync() => ExecuteAsync("""
        DROP TABLE IF EXISTS public.bench_raw_events;
        DROP SEQUENCE IF EXISTS public.bench_raw_seq;
        CREATE SEQUENCE public.bench_raw_seq AS bigint;
        CREATE TABLE public.bench_raw_events (LIKE es.mt_events INCLUDING DEFAULTS INCLUDING INDEXES);
        ALTER TABLE public.bench_raw_events ALTER COLUMN seq_id SET DEFAULT nextval('public.bench_raw_seq');
        GRANT SELECT, INSERT ON public.bench_raw_events TO platform_app;
        GRANT USAGE ON SEQUENCE public.bench_raw_seq TO platform_app;
        """);

    /// <summary>
    /// Puts a stream's rows from es.mt_events into the raw table too, so both loads read the same data; seq_id comes from
    /// the raw table's own sequence (the store's numbers may already be taken there).
    /// </summary>
    public Task CopyStreamToRawAsync(Guid tenantId, Guid streamId) => ExecuteAsync($"""
        INSERT INTO public.bench_raw_events ({RawColumns}) SELECT {RawColumns} FROM es.mt_events WHERE tenant_id = $1 AND stream_id = $2
        """, tenantId.ToString(), streamId);

    private const string RawColumns =
        "id, stream_id, version, data, bdata, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, causation_id, headers, user_name, is_archived";

    /// <summary>Starts each timed run without a pending checkpoint from the previous one.</summary>
    public Task CheckpointAsync() => ExecuteAsync("CHECKPOINT");

    public async Task<string> ServerInfoAsync() => (string)(await ScalarAsync("""
        SELECT 'PostgreSQL ' || current_setting('server_version') || ', fsync=' || current_setting('fsync')
            || ', synchronous_commit=' || current_setting('synchronous_commit')
            || ', full_page_writes=' || current_setting('full_page_writes')
            || ', shared_buffers=' || current_setting('shared_buffers')
        """))!;

    public async Task<long> CountAsync(string table) => (long)(await ScalarAsync($"SELECT count(*) FROM {table}"))!;

    public Task ExecuteAsync(string sql, params object[] args) => ScalarAsync(sql, args);

    private async Task<object?> ScalarAsync(string sql, params object[] args)
    {
        await using var c = new NpgsqlConnection(ownerConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        return await cmd.ExecuteScalarAsync();
    }
}
