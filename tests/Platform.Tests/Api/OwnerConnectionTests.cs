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
}
