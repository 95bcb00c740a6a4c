using Microsoft.Extensions.Logging.Abstractions;
using Platform.EventStore.Migrations;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.EventStore;

public sealed class SchemaTests : IAsyncLifetime
{
    /// <summary>Tables with a tenant_id whose row-level security is not enabled and forced, or NULL.</summary>
    internal const string UnprotectedTenantTables = """
        SELECT string_agg(c.oid::regclass::text, ', ')
          FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
         WHERE c.relkind IN ('r', 'p') AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
        """;

    private readonly PostgresDatabase _db = new();
    public Task InitializeAsync() => _db.InitializeAsync();
    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Every_table_with_a_tenant_id_has_row_level_security_enabled_and_forced()
    {
        var unprotected = await _db.OwnerScalarAsync<string>(UnprotectedTenantTables);
        unprotected.ShouldBeNull();
        (await _db.OwnerScalarAsync<long>("""
            SELECT count(*) FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
             WHERE c.relkind = 'r' AND c.relrowsecurity AND c.relforcerowsecurity
            """)).ShouldBeGreaterThanOrEqualTo(6);
    }

    [Fact]
    public async Task Every_primary_key_and_unique_constraint_of_a_tenant_table_leads_with_tenant_id()
    {
        var offenders = await _db.OwnerScalarAsync<string>("""
            SELECT string_agg(con.conname, ', ')
              FROM pg_constraint con
              JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attname = 'tenant_id'
             WHERE con.contype IN ('p', 'u') AND con.conkey[1] <> a.attnum
               -- Accounts: a login is unique across the platform, and Identity keys users by id alone.
               AND con.conrelid <> 'identity.users'::regclass
               -- Marten's events are keyed by their global sequence (its stream/version index leads with tenant_id), and its
               -- projection floors by projection name; Marten grows past one server by tenant databases, not by sharding these.
               AND con.conrelid NOT IN ('es.mt_events'::regclass, 'es.mt_event_projection_floors'::regclass)
            """);
        offenders.ShouldBeNull();
    }

    [Fact]
    public async Task The_application_and_system_roles_own_nothing_and_cannot_bypass_row_level_security()
    {
        foreach (var role in new[] { "platform_app", "platform_system" })
        {
            (await _db.OwnerScalarAsync<long>("""
                SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1
                """, role)).ShouldBe(0, role);
            (await _db.OwnerScalarAsync<bool>(
                "SELECT rolsuper OR rolbypassrls OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = $1", role)).ShouldBeFalse(role);
        }
    }

    [Fact]
    public async Task Nodes_migrating_at_the_same_time_apply_each_migration_once()
    {
        var fresh = new PostgresDatabase();
        await using var c = new Npgsql.NpgsqlConnection(PostgresDatabase.ServerConnectionString);
        await c.OpenAsync();
        await using (var cmd = new Npgsql.NpgsqlCommand($"CREATE DATABASE {fresh.Name}", c)) await cmd.ExecuteNonQueryAsync();
        try
        {
            var nodes = Enumerable.Range(0, 4).Select(_ =>
                Task.Run(() => new SchemaMigrator(fresh.OwnerConnectionString, NullLogger.Instance).MigrateAsync()));
            var applied = await Task.WhenAll(nodes);
            applied.Sum().ShouldBe(new SchemaMigrator(fresh.OwnerConnectionString, NullLogger.Instance).Discover().Count);
            applied.Count(n => n > 0).ShouldBe(1);
            (await fresh.OwnerScalarAsync<long>("SELECT count(*) FROM public.schema_migrations")).ShouldBe(applied.Sum());
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_changed_migration_stops_the_start_up()
    {
        await _db.OwnerExecuteAsync("UPDATE public.schema_migrations SET checksum = 'tampered' WHERE version = 1");
        var error = await Should.ThrowAsync<InvalidOperationException>(
            () => new SchemaMigrator(_db.OwnerConnectionString, NullLogger.Instance).MigrateAsync());
        error.Message.ShouldContain("changed after it was applied");
    }
}
