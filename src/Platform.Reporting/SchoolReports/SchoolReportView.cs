using Platform.EventStore;
using Platform.Reporting.Indicators;

namespace Platform.Reporting.SchoolReports;

public sealed record ReportValue(string Code, string Name, IndicatorSource Source, IndicatorKind Kind, string Unit, decimal? Value);

public sealed record SchoolReportView(
    Guid Id, Guid SchoolId, Guid CampaignId, string CampaignTitle, ReportStatus Status, string StatusName, DateTimeOffset CutOff,
    IReadOnlyList<ReportValue> Values, IReadOnlyList<string> MissingManual, DateTimeOffset? SubmittedAt, bool? Late, string? ReturnComment,
    DateTimeOffset? AcceptedAt, bool Locked, long Version)
{
    public static SchoolReportView From(SchoolReport r, Guid schoolId, SchoolDuty? duty, long version, DateTimeOffset now) => new(
        r.Id, schoolId, r.CampaignId, duty?.Title ?? "", r.Status, r.Status.Russian(), r.CutOff,
        r.Indicators.Select(i => new ReportValue(i.Code, i.Name, i.Source, i.Kind, i.Unit, r.Values.GetValueOrDefault(i.Code))).ToList(),
        r.Indicators.Where(i => i.Source == IndicatorSource.Manual && r.Values.GetValueOrDefault(i.Code) is null).Select(i => i.Code).ToList(),
        r.SubmittedAt, r.Late, r.Status == ReportStatus.Returned ? r.ReturnComment : null, r.AcceptedAt,
        r.Status == ReportStatus.Accepted || (duty?.LockedFrom is { } l && now >= l), version);
}

public static class ReportStatusNames
{
    public static string Russian(this ReportStatus s) => s switch
    {
        ReportStatus.Draft => "Черновик",
        ReportStatus.Submitted => "Сдан",
        ReportStatus.Returned => "Возвращён на доработку",
        _ => "Принят",
    };
}

public static class SchoolDuties
{
    private const string Columns = """
        campaign_id, district_id, title, period_from, period_to, due_on, late_after_days, lock_on, late_from, locked_from, report_id, report_status
        """;

    private static SchoolDuty Read(Npgsql.NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetFieldValue<DateOnly>(3), r.GetFieldValue<DateOnly>(4), r.GetFieldValue<DateOnly>(5),
        r.GetInt32(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateOnly>(7), r.GetFieldValue<DateTimeOffset>(8),
        r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9), r.IsDBNull(10) ? null : r.GetGuid(10), r.IsDBNull(11) ? null : r.GetString(11));

    public static async Task<SchoolDuty?> FindAsync(DocumentSession session, Guid schoolId, Guid campaignId, CancellationToken ct) =>
        (await session.QueryAsync($"SELECT {Columns} FROM reporting.campaign_schools WHERE tenant_id = $1 AND campaign_id = $2", Read, ct, schoolId, campaignId))
        .FirstOrDefault();

    public static async Task<List<SchoolDuty>> ListAsync(DocumentSession session, Guid schoolId, CancellationToken ct) =>
        await session.QueryAsync($"SELECT {Columns} FROM reporting.campaign_schools WHERE tenant_id = $1 ORDER BY due_on DESC, title", Read, ct, schoolId);
}
