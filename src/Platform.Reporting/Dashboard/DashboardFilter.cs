namespace Platform.Reporting.Dashboard;

/// <param name="SchoolYear">The school year by its first year (2025 = 2025/2026); the current one by default.</param>
/// <param name="Sort">name, lagging, overdue, mentorships, programs, completed, teachers, students, mentor_pool, mentee_pool; «-» for descending.</param>
/// <param name="Lagging">Only lagging (true) or only on-track (false) rows.</param>
/// <param name="Missing">Only schools without this act: regulation, road_map, curator, pair_orders.</param>
/// <param name="Overdue">Only schools with (true) or without (false) overdue road map activities.</param>
/// <param name="Search">Part of the name.</param>
public sealed record DashboardFilter(int? SchoolYear = null, string? Sort = null, bool? Lagging = null, string? Missing = null, bool? Overdue = null,
    string? Search = null)
{
    private static readonly string[] Missings = ["regulation", "road_map", "curator", "pair_orders"];

    private static readonly Dictionary<string, Func<SchoolDashboardRow, IComparable?>> SchoolSorts = new()
    {
        ["name"] = r => r.ShortName, ["lagging"] = r => r.LaggingReasons.Count, ["overdue"] = r => r.OverdueActivities,
        ["mentorships"] = r => r.ActiveMentorships, ["programs"] = r => r.ProgramsActive, ["completed"] = r => r.ProgramsCompleted,
        ["teachers"] = r => r.Teachers.Percent, ["students"] = r => r.Students.Percent, ["mentor_pool"] = r => r.MentorPool,
        ["mentee_pool"] = r => r.MenteePool,
    };

    private static readonly Dictionary<string, Func<DistrictDashboardRow, IComparable?>> DistrictSorts = new()
    {
        ["name"] = r => r.DistrictName, ["lagging"] = r => r.Totals.LaggingSchools, ["overdue"] = r => r.Totals.OverdueActivities,
        ["mentorships"] = r => r.Totals.ActiveMentorships, ["programs"] = r => r.Totals.ProgramsActive, ["completed"] = r => r.Totals.ProgramsCompleted,
        ["teachers"] = r => r.Totals.Teachers.Percent, ["students"] = r => r.Totals.Students.Percent, ["mentor_pool"] = r => r.Totals.MentorPool,
        ["mentee_pool"] = r => r.Totals.MenteePool,
    };

    public Dictionary<string, string[]> Check(bool forDistricts = false)
    {
        var errors = new Dictionary<string, string[]>();
        if (SchoolYear is < 2000 or > 2100) errors["schoolYear"] = ["Учебный год: первый год от 2000 до 2100 (2025 — это 2025/2026)."];
        if (Sort is not null && !SchoolSorts.ContainsKey(Sort.TrimStart('-')))
            errors["sort"] = ["Сортировка: " + string.Join(", ", SchoolSorts.Keys) + " (с «-» — по убыванию)."];
        if (Missing is not null && (forDistricts || !Missings.Contains(Missing)))
            errors["missing"] = [forDistricts ? "Отбор по актам доступен в сводке района." : "Отсутствующий акт: " + string.Join(", ", Missings) + "."];
        if (Search is { Length: > 200 }) errors["search"] = ["Строка поиска длиннее 200 символов."];
        return errors;
    }

    public IReadOnlyList<SchoolDashboardRow> Apply(IEnumerable<SchoolDashboardRow> rows)
    {
        var q = rows.Where(r => (Lagging is null || r.Lagging == Lagging) && (Overdue is null || (r.OverdueActivities > 0) == Overdue)
            && (Search is null || r.ShortName.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase))
            && (Missing switch
            {
                "regulation" => !r.Acts.Regulation,
                "road_map" => !r.Acts.RoadMapApproved,
                "curator" => !r.Acts.CuratorAppointed,
                "pair_orders" => r.Acts.PairOrders == 0,
                _ => true,
            }));
        return Order(q, SchoolSorts, r => r.ShortName, r => r.SchoolId);
    }

    public IReadOnlyList<DistrictDashboardRow> Apply(IEnumerable<DistrictDashboardRow> rows)
    {
        var q = rows.Where(r => (Lagging is null || r.Lagging == Lagging) && (Overdue is null || (r.Totals.OverdueActivities > 0) == Overdue)
            && (Search is null || r.DistrictName.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase)));
        return Order(q, DistrictSorts, r => r.DistrictName, r => r.DistrictId);
    }

    // Rows without a value (no totals entered, so no percentage) go last in either direction.
    private List<T> Order<T>(IEnumerable<T> rows, Dictionary<string, Func<T, IComparable?>> sorts, Func<T, string> name, Func<T, Guid> id)
    {
        var key = (Sort ?? "name").TrimStart('-');
        var descending = Sort?.StartsWith('-') == true;
        var pick = sorts[key];
        var withValue = rows.Where(r => pick(r) is not null);
        var ordered = descending ? withValue.OrderByDescending(pick) : withValue.OrderBy(pick);
        return ordered.ThenBy(name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("ru-RU"), false)).ThenBy(id)
            .Concat(rows.Where(r => pick(r) is null).OrderBy(name).ThenBy(id)).ToList();
    }
}
