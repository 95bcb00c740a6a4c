using Npgsql;
using Platform.EventStore;
using Platform.Tenancy.Registry;

namespace Platform.Mentoring.LocalActs;

public sealed record LocalActAttachmentView(Guid Id, string FileName, string ContentType, long Size, string Sha256, string Url);

/// <summary>One act as it is (or was, with asOf), with its files.</summary>
public sealed record LocalActView(
    Guid Id, LocalActKind Kind, string KindName, string Number, DateOnly Date, string Title, string? Note, string Citation,
    bool Repealed, DateOnly? RepealedOn, string? RepealReason, IReadOnlyList<LocalActAttachmentView> Attachments, long Version)
{
    public static LocalActView From(Guid schoolId, LocalAct a, long version) => new(
        a.Id, a.Kind, a.Kind.Russian(), a.Number, a.Date, a.Title, a.Note, LocalAct.Citation(a.Number, a.Date),
        a.IsRepealed, a.RepealedOn, a.RepealReason,
        a.Attachments.Select(f => new LocalActAttachmentView(f.Id, f.FileName, f.ContentType, f.Size, f.Sha256,
            $"/api/schools/{schoolId}/local-acts/{a.Id}/attachments/{f.Id}")).ToList(),
        version);
}

/// <summary>A row of the school's list of acts.</summary>
public sealed record LocalActRow(
    Guid Id, LocalActKind Kind, string KindName, string Number, DateOnly Date, string Title, string? Note, string Citation,
    bool Repealed, DateOnly? RepealedOn, int Attachments, DateTimeOffset RegisteredAt, string? RegisteredBy, DateTimeOffset UpdatedAt, long Version);

public sealed record LocalActListQuery(
    string? Kind = null, int? Year = null, string? Search = null, bool IncludeRepealed = false, string? Sort = null, int Page = 1, int PageSize = 50);

/// <summary>The school's acts, from mentoring.local_acts: by kind, year, words of the title or the number; newest first.</summary>
public static class LocalActList
{
    private static readonly Dictionary<string, string> Sorts = new()
    {
        ["date"] = "date", ["number"] = "number", ["title"] = "title", ["kind"] = "kind", ["registeredAt"] = "registered_at",
    };

    public static bool IsValidSort(string? sort) => sort is null || Sorts.ContainsKey(sort.TrimStart('-'));

    public static Dictionary<string, string[]> Check(LocalActListQuery q)
    {
        var errors = new Dictionary<string, string[]>();
        if (q.Kind is not null && !LocalActKinds.TryParse(q.Kind, out _))
            errors["kind"] = ["Вид акта: " + string.Join(", ", Enum.GetValues<LocalActKind>().Select(k => k.Code())) + "."];
        if (q.Year is not null and (< 1992 or > 2100)) errors["year"] = ["Год: от 1992 до 2100."];
        if (!IsValidSort(q.Sort)) errors["sort"] = ["Сортировка: date, number, title, kind или registeredAt (с «-» — по убыванию)."];
        return errors;
    }

    public static async Task<Page<LocalActRow>> QueryAsync(DocumentSession session, Guid schoolId, LocalActListQuery q, CancellationToken ct)
    {
        var sort = q.Sort ?? "-date";
        var order = $"{Sorts[sort.TrimStart('-')]} {(sort.StartsWith('-') ? "DESC" : "ASC")}, date DESC, registered_at DESC, id";
        var pageSize = Math.Clamp(q.PageSize, 1, 200);
        var page = Math.Max(q.Page, 1);
        var search = string.IsNullOrWhiteSpace(q.Search) ? null : "%" + q.Search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        var rows = await session.QueryAsync($"""
            SELECT id, kind, number, date, title, note, repealed_on, attachments, registered_at, registered_by, updated_at, version, count(*) OVER ()
              FROM mentoring.local_acts
             WHERE tenant_id = $1
               AND ($2::text IS NULL OR kind = $2)
               AND ($3::int IS NULL OR date >= make_date($3, 1, 1) AND date < make_date($3 + 1, 1, 1))
               AND ($4::text IS NULL OR title ILIKE $4 OR number ILIKE $4)
               AND ($5 OR repealed_on IS NULL)
               AND kind = ANY ($8)
             ORDER BY {order}
             LIMIT $6 OFFSET $7
            """, r => (Row: Read(r), Total: (int)r.GetInt64(12)), ct,
            schoolId, q.Kind is null ? null : LocalActKinds.Parse(q.Kind).Code(), q.Year, search, q.IncludeRepealed, pageSize, (page - 1) * pageSize,
            StoredCode.All<LocalActKind>());
        return new Page<LocalActRow>(rows.Select(r => r.Row).ToList(), rows.Count > 0 ? rows[0].Total : 0, page, pageSize);
    }

    private static LocalActRow Read(NpgsqlDataReader r)
    {
        var kind = LocalActKinds.Parse(r.GetString(1));
        var number = r.GetString(2);
        var date = r.GetFieldValue<DateOnly>(3);
        var repealedOn = r.IsDBNull(6) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(6);
        return new LocalActRow(r.GetGuid(0), kind, kind.Russian(), number, date, r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
            LocalAct.Citation(number, date), repealedOn is not null, repealedOn, r.GetInt32(7), r.GetFieldValue<DateTimeOffset>(8),
            r.IsDBNull(9) ? null : r.GetString(9), r.GetFieldValue<DateTimeOffset>(10), r.GetInt64(11));
    }

    /// <summary>Another act of the school with the same kind, number and date (a second registration of one order), if any.</summary>
    public static async Task<bool> DuplicateExistsAsync(DocumentSession session, Guid schoolId, Guid? except, LocalActKind kind, string number, DateOnly date, CancellationToken ct) =>
        (await session.QueryAsync("""
            SELECT 1 FROM mentoring.local_acts
             WHERE tenant_id = $1 AND kind = $2 AND lower(number) = lower($3) AND date = $4 AND ($5::uuid IS NULL OR id <> $5)
             LIMIT 1
            """, r => r.GetInt32(0), ct, schoolId, kind.Code(), number.Trim(), date, except)).Count > 0;
}
