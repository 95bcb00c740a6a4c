using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.EventStore.Migrations;

public sealed record Migration(int Version, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));
}

/// <summary>
/// Applies versioned SQL migrations (embedded resources named V###__name.sql, from any assembly that
/// ships them) as the schema owner. A session-level advisory lock serialises nodes that start together;
/// each migration runs in its own transaction and is recorded with its checksum, and an applied
/// migration whose text changed stops the start-up.
/// </summary>
public sealed partial class SchemaMigrator(string ownerConnectionString, ILogger logger, params Assembly[] assemblies)
{
    /// <summary>The application name of the migrations' connection (pg_stat_activity).</summary>
    public const string ApplicationName = "platform-migrations";

    // Any constant works: both nodes must simply use the same one.
    private const long LockKey = 0x6E61_7374_6176; // "nastav"

    [GeneratedRegex(@"\.V(\d+)__([A-Za-z0-9_]+)\.sql$")]
    private static partial Regex ResourceName();

    public IReadOnlyList<Migration> Discover()
    {
        var all = new List<Migration>();
        foreach (var assembly in assemblies.Append(typeof(SchemaMigrator).Assembly).Distinct())
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var m = ResourceName().Match(resource);
            if (!m.Success) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            all.Add(new Migration(int.Parse(m.Groups[1].Value), m.Groups[2].Value, reader.ReadToEnd()));
        }
        var duplicate = all.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}.");
        return all.OrderBy(m => m.Version).ToList();
    }

    /// <summary>Applies the migrations not applied yet, up to <paramref name="upTo"/> (all by default).</summary>
    public async Task<int> MigrateAsync(CancellationToken ct = default, int upTo = int.MaxValue)
    {
        var migrations = Discover().Where(m => m.Version <= upTo).ToList();
        // Not pooled: the owner's connection is closed for real once the migrations are applied, so a serving node holds none.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ownerConnectionString)
        {
            Pooling = false, ApplicationName = ApplicationName,
        }.ConnectionString);
        await connection.OpenAsync(ct);
        await Exec(connection, "SELECT pg_advisory_lock($1)", ct, LockKey);
        try
        {
            await Exec(connection, """
                CREATE TABLE IF NOT EXISTS public.schema_migrations (
                  version int PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """, ct);
            var applied = new Dictionary<int, string>();
            await using (var cmd = new NpgsqlCommand("SELECT version, checksum FROM public.schema_migrations", connection))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) applied[reader.GetInt32(0)] = reader.GetString(1);

            var count = 0;
            foreach (var migration in migrations)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (checksum != migration.Checksum)
                        throw new InvalidOperationException(
                            $"Migration V{migration.Version:000} {migration.Name} was changed after it was applied; add a new migration instead.");
                    continue;
                }
                await using var tx = await connection.BeginTransactionAsync(ct);
                await using (var cmd = new NpgsqlCommand(migration.Sql, connection, tx)) await cmd.ExecuteNonQueryAsync(ct);
                await Exec(connection, "INSERT INTO public.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", ct,
                    migration.Version, migration.Name, migration.Checksum);
                await tx.CommitAsync(ct);
                logger.LogInformation("Applied migration V{Version:000} {Name}", migration.Version, migration.Name);
                count++;
            }
            if (count == 0) logger.LogInformation("Database schema is up to date ({Count} migrations)", migrations.Count);
            return count;
        }
        finally
        {
            await Exec(connection, "SELECT pg_advisory_unlock($1)", CancellationToken.None, LockKey);
        }
    }

    private static async Task Exec(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
