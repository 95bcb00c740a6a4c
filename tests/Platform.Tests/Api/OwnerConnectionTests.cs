using Npgsql;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Api;

/// <summary>
/// The schema owner is used for the migrations at start-up only: a serving host keeps no connection of it (its pool would
/// keep an idle superuser session open for as long as the process lives).
/// </summary>
public sealed class OwnerConnectionTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_serving_host_holds_no_connection_of_the_schema_owner()
    {
        var owner = new NpgsqlConnectionStringBuilder(api.Database.OwnerConnectionString);
        await api.Scenario(s => s.Get.Url("/health"));
        await using var check = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(owner.ConnectionString)
        {
            Pooling = false, ApplicationName = "owner-check",
        }.ConnectionString);
        await check.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*) FROM pg_stat_activity
             WHERE datname = current_database() AND usename = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'
            """, check);
        cmd.Parameters.Add(new NpgsqlParameter { Value = owner.Username! });
        ((long)(await cmd.ExecuteScalarAsync())!).ShouldBe(0);
    }

    /// <summary>The test databases are copies of one migrated as platform_owner: the migrations need no superuser.</summary>
    [Fact]
    public async Task The_schema_is_migrated_by_an_owner_that_is_not_a_superuser()
    {
        (await api.Database.OwnerScalarAsync<bool>("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = 'platform_owner'")).ShouldBeFalse();
        (await api.Database.OwnerListAsync<string>("""
            SELECT DISTINCT pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND c.relkind IN ('r', 'v', 'S', 'i')
               AND c.relname NOT LIKE 'hangfire%' AND n.nspname NOT IN ('hangfire', 'wolverine')
            """)).ShouldBe(["platform_owner"]);
        // The checks' own owner connections: closed, so that the other test counts the host's only.
        await using var owner = new NpgsqlConnection(api.Database.OwnerConnectionString);
        NpgsqlConnection.ClearPool(owner);
    }
}
