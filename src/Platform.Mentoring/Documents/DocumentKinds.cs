using Platform.Mentoring.DistrictActs.Documents;
using Platform.Mentoring.LocalActs.Documents;
using Platform.Mentoring.Programs.Documents;
using Platform.Mentoring.Recognition.Contests;
using Platform.Mentoring.RoadMaps.Documents;

namespace Platform.Mentoring.Documents;

/// <summary>Every document the platform produces: what a district may replace with its own template.</summary>
public static class DocumentKinds
{
    public static readonly IReadOnlyList<DocumentKind> All =
    [
        RoadMapDocument.Kind,
        PairOrderDocument.Kind,
        ApprovalOrderDocument.Kind,
        CuratorOrderDocument.Kind,
        EncouragementOrderDocument.Kind,
        ProgramDocument.Kind,
        ProgramCompletionOrderDocument.Kind,
        ProgramExtensionOrderDocument.Kind,
        DistrictActDocument.Kind,
        DistrictSummaryKind.Kind,
        AwardOrderDocument.Kind,
    ];

    public static DocumentKind? Find(string? code) => All.FirstOrDefault(k => k.Code == code);
}
