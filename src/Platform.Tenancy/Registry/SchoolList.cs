using Npgsql;
using Platform.EventStore;
using Platform.Tenancy.Resolution;

namespace Platform.Tenancy.Registry;

public sealed record SchoolCard(
    Guid Id, Guid DistrictId, string FullName, string ShortName, SchoolKind Kind, string KindName,
    string TimeZone, DateOnly? OpenedOn, DateOnly? ClosedOn, long Version)
{
    public static SchoolCard From(SchoolEntry s) =>
        new(s.Id, s.DistrictId, s.FullName, s.ShortName, s.Kind, s.Kind.Russian(), s.TimeZone, s.OpenedOn, s.ClosedOn, s.Version);

    public static SchoolCard From(School s, long version) =>
        new(s.Id, s.DistrictId, s.FullName, s.ShortName, s.Kind, s.Kind.Russian(), s.TimeZone, s.OpenedOn, s.ClosedOn, version);
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

public sealed record SchoolListQuery(
    string? Search = null, string? Kind = null, string? TimeZone = null,
    string? Status = null, string? Sort = null, int Page = 1, int PageSize = 50);

/// <summary>The district's list of schools, read from the registry projection.</summary>
public static class SchoolList
{
    private static readonly Dictionary<string, string> SortColumns = new()
    {
        ["name"] = "short_name", ["fullName"] = "full_name", ["kind"] = "kind", ["timeZone"] = "time_zone", ["openedOn"] = "opened_on",
    };

    public static bool IsValidSort(string? sort) => sort is null || SortColumns.ContainsKey(sort.TrimStart('-'));

    public static bool IsValidStatus(string? status) => status is null or "open" or "closed" or "all";

    public static bool IsValidKind(string? kind) =>
        kind is null || Platform.EventStore.StoredCode.TryParse<SchoolKind>(kind, out _);

    public static async Task<Page<SchoolCard>> QueryAsync(DocumentSession session, Guid districtId, SchoolListQuery q, CancellationToken ct)
    {
        var key = (q.Sort ?? "name").TrimStart('-');
        var direction = q.Sort?.StartsWith('-') == true ? "DESC" : "ASC";
        var order = $"{SortColumns[key]} {direction} NULLS LAST, short_name, id";
        var pageSize = Math.Clamp(q.PageSize, 1, 200);
        var page = Math.Max(q.Page, 1);
        var search = string.IsNullOrWhiteSpace(q.Search) ? null : "%" + q.Search.Trim().Replace("%", "\\%").Replace("_", "\\_") + "%";
        var rows = await session.QueryAsync($"""
            SELECT s.id, s.district_id, d.region_id, s.full_name, s.short_name, s.kind, s.time_zone, s.opened_on, s.closed_on, s.version,
                   count(*) OVER ()
              FROM registry.schools s JOIN registry.districts d ON d.id = s.district_id
             WHERE s.tenant_id = $1
               AND ($2::text IS NULL OR s.full_name ILIKE $2 OR s.short_name ILIKE $2)
               AND ($3::text IS NULL OR s.kind = $3)
               AND ($4::text IS NULL OR s.time_zone = $4)
               AND ($5 = 'all' OR ($5 = 'open') = (s.closed_on IS NULL))
             ORDER BY {order}
             LIMIT $6 OFFSET $7
            """, r => (Card: SchoolCard.From(TenantDirectory.ReadSchool(r)), Total: (int)r.GetInt64(10)), ct,
            districtId, search, q.Kind is { } k ? RegistryProjection.KindCode(RegistryProjection.ParseKind(k)) : null, q.TimeZone,
            q.Status ?? "open", pageSize, (page - 1) * pageSize);
        return new Page<SchoolCard>(rows.Select(r => r.Card).ToList(), rows.Count > 0 ? rows[0].Total : 0, page, pageSize);
    }
}
