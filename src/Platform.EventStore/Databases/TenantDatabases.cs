using System.Collections.Concurrent;
using Npgsql;

namespace Platform.EventStore.Databases;

/// <summary>A region's own database, as the home database's catalog lists it (tenancy.databases).</summary>
/// <param name="Host">Null: the home database's server.</param>
public sealed record TenantDatabase(string Id, string DatabaseName, string? Host, int? Port);

/// <summary>
/// Where each tenant's streams and read models live: the home database, or the database of the tenant's region
/// (tenancy.region_databases, resolved through the registry copy the home database keeps of every region). A school,
/// district or region never moves between databases, so a tenant's database is cached once found; a database added on
/// another node is found at the first tenant that lives in it. Connections to a region's database use the node's own
/// connection strings (same roles and passwords) with that database's name, host and port.
/// </summary>
public sealed class TenantDatabases : IAsyncDisposable
{
    public const string Home = "home";

    private readonly DocumentStoreOptions _options;
    private readonly NpgsqlDataSource _home;
    private readonly NpgsqlDataSource _homeSystem;
    private readonly ConcurrentDictionary<Guid, string> _tenants = new();
    private readonly ConcurrentDictionary<string, TenantDatabase> _databases = new();
    private readonly ConcurrentDictionary<string, NpgsqlDataSource> _sources = new();
    private readonly ConcurrentDictionary<string, NpgsqlDataSource> _systemSources = new();

    internal TenantDatabases(DocumentStoreOptions options, NpgsqlDataSource home, NpgsqlDataSource homeSystem)
    {
        _options = options;
        _home = home;
        _homeSystem = homeSystem;
    }

    /// <summary>The database the tenant (a school, district or region) lives in: <see cref="Home"/> unless its region has its own.</summary>
    public async ValueTask<string> OfTenantAsync(Guid tenantId, CancellationToken ct = default)
    {
        if (_tenants.TryGetValue(tenantId, out var known)) return known;
        await using var cmd = _home.CreateCommand("SELECT tenancy.database_of($1), EXISTS (SELECT 1 FROM registry.regions WHERE id = $1 UNION ALL SELECT 1 FROM registry.districts WHERE id = $1 UNION ALL SELECT 1 FROM registry.schools WHERE id = $1)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var database = reader.IsDBNull(0) ? Home : reader.GetString(0);
        // An id the registry does not know (yet) is not cached: a region being registered in its own database is assigned
        // before its registry row exists.
        if (database != Home || reader.GetBoolean(1)) _tenants[tenantId] = database;
        return database;
    }

    /// <summary>
    /// The connections to a database (the home one's are the store's own): the application role's, or platform_system's
    /// for the platform scope.
    /// </summary>
    public async ValueTask<NpgsqlDataSource> SourceAsync(string database, bool system = false, CancellationToken ct = default)
    {
        if (database == Home) return system ? _homeSystem : _home;
        var sources = system ? _systemSources : _sources;
        if (sources.TryGetValue(database, out var source)) return source;
        var described = await DescribeAsync(database, ct);
        var node = system ? _options.SystemConnectionString ?? _options.ConnectionString : _options.ConnectionString;
        return sources.GetOrAdd(database, _ => NpgsqlDataSource.Create(DocumentStore.Tuned(ConnectionString(described, node))));
    }

    /// <summary>Every database: the home one first, then the regions' databases in the order they were added.</summary>
    public async Task<IReadOnlyList<TenantDatabase>> ListAsync(CancellationToken ct = default)
    {
        var list = new List<TenantDatabase> { new(Home, new NpgsqlConnectionStringBuilder(_options.ConnectionString).Database ?? "", null, null) };
        await using var cmd = _home.CreateCommand("SELECT id, database_name, host, port FROM tenancy.databases ORDER BY added_at, id");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var database = new TenantDatabase(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3));
            _databases[database.Id] = database;
            list.Add(database);
        }
        return list;
    }

    /// <summary>The ids of every database, home first.</summary>
    public async Task<IReadOnlyList<string>> IdsAsync(CancellationToken ct = default) => (await ListAsync(ct)).Select(d => d.Id).ToList();

    /// <summary>A connection string of the node (the app's, the system's or the owner's) pointed at <paramref name="database"/>.</summary>
    public static string ConnectionString(TenantDatabase database, string nodeConnectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(nodeConnectionString);
        if (database.Id == Home) return builder.ConnectionString;
        builder.Database = database.DatabaseName;
        if (database.Host is { } host) builder.Host = host;
        if (database.Port is { } port) builder.Port = port;
        builder.ApplicationName = $"{builder.ApplicationName ?? "platform"}:{database.Id}";
        return builder.ConnectionString;
    }

    /// <summary>The catalog's description of a database (the home one included).</summary>
    public async Task<TenantDatabase> DescribeAsync(string database, CancellationToken ct = default)
    {
        if (_databases.TryGetValue(database, out var known)) return known;
        return (await ListAsync(ct)).FirstOrDefault(d => d.Id == database)
            ?? throw new InvalidOperationException($"No database '{database}' in the catalog (tenancy.databases).");
    }

    /// <summary>Registers a region's database in the catalog (as platform_system: the application's role only reads it).</summary>
    public async Task AddAsync(TenantDatabase database, CancellationToken ct = default)
    {
        await using var connection = await OpenSystemAsync(ct);
        await using var cmd = new NpgsqlCommand("INSERT INTO tenancy.databases (id, database_name, host, port) VALUES ($1, $2, $3, $4)", connection);
        DocumentSession.AddPositional(cmd.Parameters, cmd.CommandText, database.Id, database.DatabaseName, database.Host, database.Port);
        await cmd.ExecuteNonQueryAsync(ct);
        _databases[database.Id] = database;
    }

    /// <summary>Places a region (before it is registered) in a database.</summary>
    public async Task AssignRegionAsync(Guid regionId, string database, CancellationToken ct = default)
    {
        if (database == Home) return;
        await using var connection = await OpenSystemAsync(ct);
        await using var cmd = new NpgsqlCommand("INSERT INTO tenancy.region_databases (region_id, database_id) VALUES ($1, $2)", connection);
        DocumentSession.AddPositional(cmd.Parameters, cmd.CommandText, regionId, database);
        await cmd.ExecuteNonQueryAsync(ct);
        _tenants[regionId] = database;
    }

    private ValueTask<NpgsqlConnection> OpenSystemAsync(CancellationToken ct) => _options.SystemConnectionString is null
        ? throw new InvalidOperationException("The system connection string is required to change the database catalog.")
        : _homeSystem.OpenConnectionAsync(ct);

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources.Values.Concat(_systemSources.Values)) await source.DisposeAsync();
        _sources.Clear();
        _systemSources.Clear();
    }
}
