using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.EventStore.Migrations;

namespace Platform.EventStore.Databases;

/// <summary>
/// The schema migrations, applied to the home database or to a region's own database (the same migrations, the same
/// roles and policies), as the owner. A region's database that does not exist yet is created on the same server first.
/// </summary>
public sealed class DatabaseMigrations(string ownerConnectionString, ILogger logger, params Assembly[] assemblies)
{
    public SchemaMigrator For(TenantDatabase database) =>
        new(TenantDatabases.ConnectionString(database, ownerConnectionString), logger, assemblies);

    /// <summary>Creates the database when it is missing, then applies the migrations it lacks; returns how many it applied.</summary>
    public async Task<int> MigrateAsync(TenantDatabase database, CancellationToken ct = default)
    {
        if (database.Id != TenantDatabases.Home && !await ExistsAsync(database, ct))
        {
            var server = new NpgsqlConnectionStringBuilder(TenantDatabases.ConnectionString(database, ownerConnectionString)) { Database = "postgres", Pooling = false, ApplicationName = SchemaMigrator.ApplicationName };
            await using var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync(ct);
            // The name is checked by the catalog (letters, digits, underscore), so it can be quoted as it is.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
            logger.LogInformation("Created database {Database} for {Id}", database.DatabaseName, database.Id);
        }
        return await For(database).MigrateAsync(ct);
    }

    private async Task<bool> ExistsAsync(TenantDatabase database, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TenantDatabases.ConnectionString(database, ownerConnectionString)) { Pooling = false, ApplicationName = SchemaMigrator.ApplicationName }.ConnectionString);
            await connection.OpenAsync(ct);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return false;
        }
    }
}
