using Platform.Reporting.Indicators;

namespace Platform.Reporting.Submissions;

/// <summary>An accepted school report as it went into the submission.</summary>
public sealed record SubmissionRow(Guid SchoolId, string SchoolName, Guid ReportId, long ReportVersion, DateTimeOffset AcceptedAt,
    Dictionary<string, decimal?> Values);

// The district's submission to the regional institute (сводный отчёт района): assembled from the school reports of a
// district campaign accepted by a moment; rebuilt at another (or the same) moment; submitted for a region campaign;
// its package pushed to the institute's endpoint. One stream per submission; tenant = the district.

/// <param name="AutoDrafted">Drafted by the platform a few days before the region's due date (SubmissionAutoDraft), not by a curator.</param>
public sealed record SubmissionAssembled(Guid SubmissionId, Guid CampaignId, Guid? RegionCampaignId, string CampaignTitle, string DistrictName,
    DateTimeOffset AsOf, Indicator[] Indicators, SubmissionRow[] Rows, int Expected, DateTimeOffset AssembledAt, bool AutoDrafted = false);
public sealed record SubmissionRebuilt(DateTimeOffset AsOf, Indicator[] Indicators, SubmissionRow[] Rows, DateTimeOffset RebuiltAt);
public sealed record SubmissionSubmitted(Guid RegionCampaignId, DateTimeOffset SubmittedAt, bool Late);
public sealed record SubmissionPushRequested(Guid DeliveryId, string Url, string FileName, string Sha256, DateTimeOffset RequestedAt);

public sealed record Submission(
    Guid Id, Guid CampaignId, Guid? RegionCampaignId, string CampaignTitle, string DistrictName, DateTimeOffset AsOf,
    IReadOnlyList<Indicator> Indicators, IReadOnlyList<SubmissionRow> Rows, int Expected, int Rebuilds, DateTimeOffset? SubmittedAt, bool? Late,
    DateTimeOffset AssembledAt, bool AutoDrafted = false)
{
    public static Submission Create(SubmissionAssembled e) => new(e.SubmissionId, e.CampaignId, e.RegionCampaignId, e.CampaignTitle, e.DistrictName,
        e.AsOf, e.Indicators, e.Rows, e.Expected, 0, null, null, e.AssembledAt, e.AutoDrafted);

    public Submission Apply(SubmissionRebuilt e) => this with { AsOf = e.AsOf, Indicators = e.Indicators, Rows = e.Rows, Rebuilds = Rebuilds + 1 };
    public Submission Apply(SubmissionSubmitted e) => this with { RegionCampaignId = e.RegionCampaignId, SubmittedAt = e.SubmittedAt, Late = e.Late };
    public Submission Apply(SubmissionPushRequested e) => this;
}
