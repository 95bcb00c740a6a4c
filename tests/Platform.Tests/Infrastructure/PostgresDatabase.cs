using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.EventStore;
using Platform.EventStore.Migrations;

namespace Platform.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database (a copy of one migrated template) on the throwaway server started by test.sh (PLATFORM_TEST_PG), dropped at the end.
/// Owner = the superuser that runs migrations; App = platform_app, the role the product connects as.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("PLATFORM_TEST_PG") ?? "Host=127.0.0.1;Port=55433;Username=postgres";

    public string Name { get; } = "t_" + Guid.NewGuid().ToString("N")[..16];
    public string OwnerConnectionString => new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = Name }.ConnectionString;
    public string AppConnectionString => new NpgsqlConnectionStringBuilder(ServerConnectionString)
    {
        Database = Name, Username = "platform_app", Password = null, MaxPoolSize = 50,
    }.ConnectionString;

    /// <summary>Migrated once per test run; every test database is a copy of it (CREATE DATABASE … TEMPLATE).</summary>
    private static readonly string Template = "t_template_" + Guid.NewGuid().ToString("N")[..12];
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static bool _templateReady;

    public string SystemConnectionString => new NpgsqlConnectionStringBuilder(ServerConnectionString)
    {
        Database = Name, Username = "platform_system", Password = null, MaxPoolSize = 10,
    }.ConnectionString;

    public async Task InitializeAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (!_templateReady)
            {
                // Migrated as platform_owner, not a superuser, as a deployment migrates (deploy/README.md).
                await ServerExecuteAsync("""
                    DO $$ BEGIN
                      CREATE ROLE platform_owner LOGIN NOSUPERUSER CREATEROLE CREATEDB NOBYPASSRLS;
                    EXCEPTION WHEN duplicate_object THEN NULL;
                    END $$;
                    GRANT SET ON PARAMETER app.scope_kind TO platform_owner;
                    """);
                await ServerExecuteAsync($"CREATE DATABASE {Template} OWNER platform_owner");
                var template = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = Template, Username = "platform_owner", Password = null }.ConnectionString;
                await new SchemaMigrator(template, NullLogger.Instance, Platform.Api.Infrastructure.PlatformServices.MigrationAssemblies)
                    .MigrateAsync();
                await using (var c = new NpgsqlConnection(template)) NpgsqlConnection.ClearPool(c); // a template must have no sessions
                _templateReady = true;
            }
            await ServerExecuteAsync($"CREATE DATABASE {Name} TEMPLATE {Template} STRATEGY FILE_COPY");
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    /// <summary>Runs SQL on the server's maintenance database (CREATE / DROP DATABASE).</summary>
    public static async Task ServerExecuteAsync(string sql)
    {
        await using var c = new NpgsqlConnection(ServerConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(ServerConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", c);
        await cmd.ExecuteNonQueryAsync();
    }

    public DocumentStore CreateStore(Action<DocumentStoreOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new DocumentStoreOptions
        {
            ConnectionString = AppConnectionString, SystemConnectionString = SystemConnectionString, Time = time ?? TimeProvider.System,
        };
        configure?.Invoke(options);
        return new DocumentStore(options);
    }

    /// <summary>Runs SQL as the owner (superuser: bypasses row-level security), for arranging and checking.</summary>
    public async Task<T?> OwnerScalarAsync<T>(string sql, params object[] args)
    {
        await using var c = new NpgsqlConnection(OwnerConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        var result = await cmd.ExecuteScalarAsync();
        return result is DBNull or null ? default : (T)result;
    }

    public Task OwnerExecuteAsync(string sql, params object[] args) => OwnerScalarAsync<object>(sql, args);

    /// <summary>The first column of every row, as the owner.</summary>
    public async Task<List<T>> OwnerListAsync<T>(string sql, params object[] args)
    {
        await using var c = new NpgsqlConnection(OwnerConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<T>();
        while (await r.ReadAsync()) list.Add(r.GetFieldValue<T>(0));
        return list;
    }
}

/// <summary>A registry of one region, two districts and three schools, written as the owner.</summary>
public static class TestRegistry
{
    public static readonly Guid Region = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    public static readonly Guid DistrictA = Guid.Parse("00000000-0000-0000-0000-0000000000d1");
    public static readonly Guid DistrictB = Guid.Parse("00000000-0000-0000-0000-0000000000d2");
    public static readonly Guid SchoolA1 = Guid.Parse("00000000-0000-0000-0000-00000000a001");
    public static readonly Guid SchoolA2 = Guid.Parse("00000000-0000-0000-0000-00000000a002");
    public static readonly Guid SchoolB1 = Guid.Parse("00000000-0000-0000-0000-00000000b001");

    public static async Task SeedAsync(PostgresDatabase db)
    {
        await db.OwnerExecuteAsync("""
            INSERT INTO registry.regions VALUES ($1, $1, '11', 'Республика Коми', 'КРИРО', 'Europe/Moscow', 1);
            """, Region);
        foreach (var d in new[] { DistrictA, DistrictB })
            await db.OwnerExecuteAsync(
                "INSERT INTO registry.districts VALUES ($1, $2, $1, 'Район', 'Район', 'Europe/Moscow', 1)", Region, d);
        foreach (var (d, s) in new[] { (DistrictA, SchoolA1), (DistrictA, SchoolA2), (DistrictB, SchoolB1) })
            await db.OwnerExecuteAsync(
                "INSERT INTO registry.schools VALUES ($1, $2, $1, 'Школа', 'Школа', 'school', 'Europe/Moscow', NULL, NULL, 1)", d, s);
    }
}
