using Platform.Reporting.Indicators;

namespace Platform.Reporting.SchoolReports;

public enum ReportStatus { Draft, Submitted, Returned, Accepted }

// A school's report in a district campaign (отчёт по мониторингу): generated from the school's data as of a cut-off,
// completed by hand where an indicator is entered by hand, submitted, returned by the district with a comment or accepted
// (then locked). One stream per report; tenant = the school. Every version stays in the stream (history, asOf).

/// <param name="Indicators">The region's indicator set when generated: the report keeps its own copy.</param>
/// <param name="Values">Indicator code → value (flags 1/0); null: not filled.</param>
public sealed record SchoolReportGenerated(Guid ReportId, Guid CampaignId, Guid DistrictId, DateTimeOffset CutOff, Indicator[] Indicators,
    Dictionary<string, decimal?> Values, DateTimeOffset GeneratedAt);
/// <summary>The computed values recomputed at a new cut-off; hand-entered values stay.</summary>
public sealed record SchoolReportRefreshed(DateTimeOffset CutOff, Dictionary<string, decimal?> Values);
public sealed record SchoolReportValuesEntered(Dictionary<string, decimal?> Values);
public sealed record SchoolReportSubmitted(DateTimeOffset SubmittedAt, bool Late);
public sealed record SchoolReportReturned(string Comment, DateTimeOffset ReturnedAt);
public sealed record SchoolReportAccepted(DateTimeOffset AcceptedAt);

public sealed record SchoolReport(
    Guid Id, Guid CampaignId, Guid DistrictId, ReportStatus Status, DateTimeOffset CutOff, IReadOnlyList<Indicator> Indicators,
    IReadOnlyDictionary<string, decimal?> Values, DateTimeOffset? SubmittedAt, bool? Late, string? ReturnComment, DateTimeOffset? AcceptedAt,
    DateTimeOffset GeneratedAt)
{
    public bool Editable => Status is ReportStatus.Draft or ReportStatus.Returned;

    public static SchoolReport Create(SchoolReportGenerated e) =>
        new(e.ReportId, e.CampaignId, e.DistrictId, ReportStatus.Draft, e.CutOff, e.Indicators, e.Values, null, null, null, null, e.GeneratedAt);

    public SchoolReport Apply(SchoolReportRefreshed e) => this with { CutOff = e.CutOff, Values = Merge(e.Values) };
    public SchoolReport Apply(SchoolReportValuesEntered e) => this with { Values = Merge(e.Values) };
    // A first submission's lateness stands: resubmitting after a return does not make a report on time or late again.
    public SchoolReport Apply(SchoolReportSubmitted e) => this with { Status = ReportStatus.Submitted, SubmittedAt = e.SubmittedAt, Late = Late ?? e.Late };
    public SchoolReport Apply(SchoolReportReturned e) => this with { Status = ReportStatus.Returned, ReturnComment = e.Comment };
    public SchoolReport Apply(SchoolReportAccepted e) => this with { Status = ReportStatus.Accepted, AcceptedAt = e.AcceptedAt };

    private Dictionary<string, decimal?> Merge(Dictionary<string, decimal?> changes)
    {
        var values = new Dictionary<string, decimal?>(Values);
        foreach (var (code, value) in changes) values[code] = value;
        return values;
    }
}
