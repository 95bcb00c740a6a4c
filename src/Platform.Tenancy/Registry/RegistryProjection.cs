using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Platform.Tenancy.Registry;

/// <summary>
/// The registry tables (registry.regions, .districts, .schools): the tenant catalog used to resolve
/// routes and by row-level security to expand a district or region scope into its schools.
/// </summary>
public sealed class RegistryProjection : IInlineProjection
{
    public string Name => "registry";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type>
    {
        typeof(RegionRegistered), typeof(RegionRenamed), typeof(RegionCodeChanged), typeof(RegionInstituteRenamed), typeof(RegionTimeZonesChanged),
        typeof(DistrictRegistered), typeof(DistrictRenamed), typeof(DistrictTimeZoneChanged), typeof(DistrictClosed), typeof(DistrictReopened),
        typeof(SchoolRegistered), typeof(SchoolRenamed),
        typeof(SchoolKindChanged), typeof(SchoolTimeZoneChanged), typeof(SchoolClosed), typeof(SchoolReopened),
    };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            const string school = "UPDATE registry.schools SET {0}, version = $3 WHERE tenant_id = $1 AND id = $2";
            const string region = "UPDATE registry.regions SET {0}, version = $3 WHERE tenant_id = $1 AND id = $2";
            const string district = "UPDATE registry.districts SET {0}, version = $3 WHERE tenant_id = $1 AND id = $2";
            switch (e.Data)
            {
                case RegionRegistered r:
                    context.Queue("INSERT INTO registry.regions (tenant_id, id, code, name, institute_name, time_zone, time_zones, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                        e.TenantId, r.RegionId, r.Code, r.Name, r.InstituteName, r.TimeZone, Region.ZonesOf(r.TimeZone, r.TimeZones).ToArray(), e.Version);
                    break;
                case RegionRenamed r:
                    context.Queue(string.Format(region, "name = $4"), e.TenantId, e.StreamId, e.Version, r.Name);
                    break;
                case RegionCodeChanged c:
                    context.Queue(string.Format(region, "code = $4"), e.TenantId, e.StreamId, e.Version, c.Code);
                    break;
                case RegionInstituteRenamed i:
                    context.Queue(string.Format(region, "institute_name = $4"), e.TenantId, e.StreamId, e.Version, i.InstituteName);
                    break;
                case RegionTimeZonesChanged t:
                    context.Queue(string.Format(region, "time_zone = $4, time_zones = $5"), e.TenantId, e.StreamId, e.Version, t.TimeZone,
                        Region.ZonesOf(t.TimeZone, t.TimeZones).ToArray());
                    break;
                case DistrictRegistered d:
                    context.Queue("INSERT INTO registry.districts (tenant_id, id, region_id, name, short_name, time_zone, version) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                        e.TenantId, d.DistrictId, d.RegionId, d.Name, d.ShortName, d.TimeZone, e.Version);
                    break;
                case DistrictRenamed r:
                    context.Queue(string.Format(district, "name = $4, short_name = $5"), e.TenantId, e.StreamId, e.Version, r.Name, r.ShortName);
                    break;
                case DistrictTimeZoneChanged t:
                    context.Queue(string.Format(district, "time_zone = $4"), e.TenantId, e.StreamId, e.Version, t.TimeZone);
                    break;
                case DistrictClosed c:
                    context.Queue(string.Format(district, "closed_on = $4"), e.TenantId, e.StreamId, e.Version, c.ClosedOn);
                    break;
                case DistrictReopened:
                    context.Queue(string.Format(district, "closed_on = NULL"), e.TenantId, e.StreamId, e.Version);
                    break;
                case SchoolRegistered s:
                    context.Queue("""
                        INSERT INTO registry.schools (tenant_id, id, district_id, full_name, short_name, kind, time_zone, opened_on, closed_on, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9)
                        """, e.TenantId, s.SchoolId, s.DistrictId, s.FullName, s.ShortName, KindCode(s.Kind), s.TimeZone, s.OpenedOn, e.Version);
                    break;
                case SchoolRenamed r:
                    context.Queue(string.Format(school, "full_name = $4, short_name = $5"), e.TenantId, e.StreamId, e.Version, r.FullName, r.ShortName);
                    break;
                case SchoolKindChanged k:
                    context.Queue(string.Format(school, "kind = $4"), e.TenantId, e.StreamId, e.Version, KindCode(k.Kind));
                    break;
                case SchoolTimeZoneChanged t:
                    context.Queue(string.Format(school, "time_zone = $4"), e.TenantId, e.StreamId, e.Version, t.TimeZone);
                    break;
                case SchoolClosed c:
                    context.Queue(string.Format(school, "closed_on = $4"), e.TenantId, e.StreamId, e.Version, c.ClosedOn);
                    break;
                case SchoolReopened:
                    context.Queue(string.Format(school, "closed_on = NULL"), e.TenantId, e.StreamId, e.Version);
                    break;
            }
        }
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId)
    {
        foreach (var table in new[] { "registry.schools", "registry.districts", "registry.regions" })
            context.Queue($"DELETE FROM {table} WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
    }

    public static string KindCode(SchoolKind kind) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    public static SchoolKind ParseKind(string code) => StoredCode.Parse<SchoolKind>(code, "school kind");
}
