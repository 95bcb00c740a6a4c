namespace Platform.Reporting.Dashboard;

/// <summary>The acts a school must have (seed 001): regulation, road map approved by order, curator, orders on pairs.</summary>
public sealed record RequiredActs(bool Regulation, bool RoadMapApproved, bool RoadMapOnPlatform, bool CuratorAppointed, int PairOrders)
{
    public bool AllPresent => Regulation && RoadMapApproved && CuratorAppointed && PairOrders > 0;
}

/// <param name="Total">What the school entered for the school year; null until it does (then no percentage is guessed).</param>
/// <param name="TargetApplies">False where the school runs only the other model (its mentees are all students, or all
/// teachers): the target is not its own, TargetMet is null and it is not lagging on it.</param>
public sealed record CoverageFigure(int Mentees, int? Total, decimal? Percent, decimal Target, bool? TargetMet, bool TargetApplies = true);

public sealed record EvaluationLevels(int Optimal, int Acceptable, int Unacceptable);

/// <summary>
/// One school on the district dashboard. Columns are plain named properties, so a column joined in from another read
/// model (the school's status in the current reporting campaign) is one more property here and one more join in
/// <see cref="DashboardQuery"/>.
/// </summary>
public sealed record SchoolDashboardRow(
    Guid SchoolId, Guid DistrictId, string ShortName, string Kind, RequiredActs Acts, int MentorPool, int MenteePool,
    int MentorshipsProposed, int ActiveMentorships, int ProgramsActive, int ProgramsCompleted, CoverageFigure Teachers, CoverageFigure Students,
    int OverdueActivities, EvaluationLevels Evaluations, bool Lagging, IReadOnlyList<string> LaggingReasons, CampaignReport? Campaign = null);

/// <summary>
/// The school's report in its latest reporting campaign (by due date): not_started, draft, submitted, returned or accepted;
/// Overdue once the late moment has passed without a submission.
/// </summary>
public sealed record CampaignReport(Guid CampaignId, string Title, DateOnly DueOn, string Status, string StatusName, bool? Late, bool Overdue);

public sealed record DashboardTotals(
    int Schools, int LaggingSchools, int WithRegulation, int WithRoadMapApproved, int WithCurator, int WithPairOrders, int MentorPool, int MenteePool,
    int ActiveMentorships, int ProgramsActive, int ProgramsCompleted, CoverageFigure Teachers, CoverageFigure Students, int OverdueActivities,
    EvaluationLevels Evaluations);

/// <param name="Shown">Schools after the filter, in the requested order; the totals are the whole district's.</param>
public sealed record DistrictDashboard(
    Guid DistrictId, string DistrictName, int SchoolYear, string SchoolYearText, decimal TeachersTarget, decimal StudentsTarget,
    DashboardTotals Totals, int Shown, IReadOnlyList<SchoolDashboardRow> Schools);

public sealed record DistrictDashboardRow(Guid DistrictId, string DistrictName, DashboardTotals Totals, bool Lagging, IReadOnlyList<string> LaggingReasons);

public sealed record RegionDashboard(
    Guid RegionId, string RegionName, int SchoolYear, string SchoolYearText, decimal TeachersTarget, decimal StudentsTarget,
    DashboardTotals Totals, int Shown, IReadOnlyList<DistrictDashboardRow> Districts);

/// <param name="Mentor">Null where the person has no valid consent: the dashboard shows no name without one.</param>
public sealed record DashboardProgram(
    Guid Id, string Form, string FormName, string Kind, string KindName, DateOnly StartOn, DateOnly EndOn, string Status, string StatusName,
    string? Mentor, IReadOnlyList<string?> Mentees, int HiddenNames, int PlanRows, int PlanDone, int Meetings, string? EvaluationLevel, string? EvaluationLevelName);

/// <summary>A school seen from the district or region: its dashboard row and its programs, read-only.</summary>
public sealed record SchoolDashboard(
    Guid SchoolId, string ShortName, string FullName, int SchoolYear, string SchoolYearText, SchoolDashboardRow Row, IReadOnlyList<DashboardProgram> Programs);
