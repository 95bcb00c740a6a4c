using Microsoft.Extensions.Caching.Memory;
using Npgsql;
using Platform.EventStore;
using Platform.EventStore.Databases;
using Platform.Tenancy.Registry;

namespace Platform.Tenancy.Resolution;

public sealed record SchoolEntry(
    Guid Id, Guid DistrictId, Guid RegionId, string FullName, string ShortName, SchoolKind Kind,
    string TimeZone, DateOnly? OpenedOn, DateOnly? ClosedOn, long Version);

public sealed record DistrictEntry(Guid Id, Guid RegionId, string Name, string ShortName, string TimeZone, long Version, DateOnly? ClosedOn = null);

public sealed record RegionEntry(Guid Id, string Code, string Name, string InstituteName, string TimeZone, IReadOnlyList<string>? TimeZones = null, long Version = 0)
{
    /// <summary>Every time zone of the region, its default first.</summary>
    public IReadOnlyList<string> AllTimeZones => TimeZones ?? [TimeZone];
}

/// <summary>
/// The tenant store (Finbuckle's role): looks schools and districts up in the registry catalog,
/// which every session may read, with a short cache. Writes through the API invalidate it.
/// </summary>
public sealed class TenantDirectory(DocumentStore store, IMemoryCache cache)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    public Task<SchoolEntry?> FindSchoolAsync(Guid id, CancellationToken ct = default) =>
        cache.GetOrCreateAsync(("school", id), async e =>
        {
            e.AbsoluteExpirationRelativeToNow = Ttl;
            return await QuerySingle("""
                SELECT s.id, s.district_id, d.region_id, s.full_name, s.short_name, s.kind, s.time_zone, s.opened_on, s.closed_on, s.version
                  FROM registry.schools s JOIN registry.districts d ON d.id = s.district_id
                 WHERE s.id = $1
                """, id, ReadSchool, ct);
        });

    public Task<DistrictEntry?> FindDistrictAsync(Guid id, CancellationToken ct = default) =>
        cache.GetOrCreateAsync(("district", id), async e =>
        {
            e.AbsoluteExpirationRelativeToNow = Ttl;
            return await QuerySingle(
                "SELECT id, region_id, name, short_name, time_zone, version, closed_on FROM registry.districts WHERE id = $1", id, ReadDistrict, ct);
        });

    public Task<RegionEntry?> FindRegionAsync(Guid id, CancellationToken ct = default) =>
        cache.GetOrCreateAsync(("region", id), async e =>
        {
            e.AbsoluteExpirationRelativeToNow = Ttl;
            return await QuerySingle($"SELECT {RegionColumns} FROM registry.regions WHERE id = $1", id, ReadRegion, ct);
        });

    public async Task<IReadOnlyList<RegionEntry>> ListRegionsAsync(CancellationToken ct = default)
    {
        await using var cmd = store.DataSource.CreateCommand($"SELECT {RegionColumns} FROM registry.regions ORDER BY name");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<RegionEntry>();
        while (await r.ReadAsync(ct)) list.Add(ReadRegion(r));
        return list;
    }

    /// <summary>
    /// After a registry change committed by <paramref name="session"/>: in a region's own database, the home database's copy
    /// of that database's registry follows (routes resolve from it); the cache forgets the tenant.
    /// </summary>
    public async Task ChangedAsync(Guid id, DocumentSession session, CancellationToken ct)
    {
        var database = await session.DatabaseOfAsync(ct);
        if (database != TenantDatabases.Home) await CopyRegistryHomeAsync(database, ct);
        Invalidate(id);
    }

    /// <summary>
    /// Copies a region database's registry rows into the home database, replacing the rows of the same keys (rows are never
    /// deleted from the registry).
    /// </summary>
    public async Task CopyRegistryHomeAsync(string database, CancellationToken ct = default)
    {
        foreach (var table in (string[])["registry.regions", "registry.districts", "registry.schools"])
            await DatabaseCopy.CopyAsync(store, database, $"SELECT * FROM {table}", [], TenantDatabases.Home, [
                $"DELETE FROM {table} t USING json_populate_recordset(NULL::{table}, $1::json) j WHERE t.tenant_id = j.tenant_id AND t.id = j.id",
                $"INSERT INTO {table} SELECT * FROM json_populate_recordset(NULL::{table}, $1::json)",
            ], ct);
    }

    public void Invalidate(Guid id)
    {
        cache.Remove(("school", id));
        cache.Remove(("district", id));
        cache.Remove(("region", id));
    }

    public const string RegionColumns = "id, code, name, institute_name, time_zone, coalesce(time_zones, ARRAY[time_zone]), version";

    public static RegionEntry ReadRegion(NpgsqlDataReader r) =>
        new(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetFieldValue<string[]>(5), r.GetInt64(6));

    /// <summary>Reads id, region_id, name, short_name, time_zone, version, closed_on.</summary>
    public static DistrictEntry ReadDistrict(NpgsqlDataReader r) =>
        new(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.IsDBNull(6) ? null : r.GetFieldValue<DateOnly>(6));

    public static SchoolEntry ReadSchool(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetString(3), r.GetString(4), RegistryProjection.ParseKind(r.GetString(5)),
        r.GetString(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateOnly>(7), r.IsDBNull(8) ? null : r.GetFieldValue<DateOnly>(8),
        r.GetInt64(9));

    private async Task<T?> QuerySingle<T>(string sql, Guid id, Func<NpgsqlDataReader, T> map, CancellationToken ct) where T : class
    {
        await using var cmd = store.DataSource.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? map(r) : null;
    }
}
