namespace Platform.Mentoring.RoadMaps;

public enum ActivityStatus { Planned, InProgress, Done, Cancelled }

// A road map (дорожная карта, план мероприятий) of one school, for a school year or a longer span:
// stages, each with its activities. One stream per road map; tenant = the school.

public sealed record RoadMapCreated(Guid RoadMapId, string Title, int FirstYear, int Years, string? TemplateId, DateTimeOffset CreatedAt);
public sealed record RoadMapDetailsChanged(string Title, int FirstYear, int Years);
public sealed record StageAdded(Guid StageId, string Title, string? Description);
public sealed record StageChanged(Guid StageId, string Title, string? Description);
public sealed record StageRemoved(Guid StageId);
public sealed record ActivityAdded(Guid ActivityId, Guid StageId, string Title, string? Content, Period? Period,
    string[] ResponsibleRoles, string? Responsible, string? ExpectedResult);
public sealed record ActivityChanged(Guid ActivityId, string Title, string? Content, string[] ResponsibleRoles, string? Responsible, string? ExpectedResult);
public sealed record ActivityRescheduled(Guid ActivityId, Period? From, Period To, string Reason);
/// <param name="SchoolYear">For a yearly activity («ежегодно»): the school year (its first calendar year) the status is of; a yearly
/// activity is done or overdue in each school year on its own. Null for a dated activity (and in events written before).</param>
public sealed record ActivityStatusChanged(Guid ActivityId, ActivityStatus From, ActivityStatus To, string? Evidence, string? Note, int? SchoolYear = null);
public sealed record ActivityRemoved(Guid ActivityId);

/// <summary>The status of a yearly activity in one school year.</summary>
public sealed record YearStatus(int SchoolYear, ActivityStatus Status, string? Evidence);

/// <param name="Status">A dated activity's status; for a yearly one, the status in a school year with none of its own (planned, unless an
/// event from before statuses were kept per year set it).</param>
/// <param name="Years">A yearly activity's statuses by school year.</param>
public sealed record Activity(Guid Id, Guid StageId, string Title, string? Content, Period? Period, string[] ResponsibleRoles,
    string? Responsible, string? ExpectedResult, ActivityStatus Status, string? Evidence, int Reschedules, IReadOnlyList<YearStatus>? Years = null)
{
    public bool IsYearly => Period?.Kind == PeriodKind.Yearly;

    /// <summary>The status in the school year starting in September of <paramref name="schoolYear"/> (a dated activity has one status).</summary>
    public ActivityStatus StatusIn(int schoolYear) =>
        IsYearly && Years?.FirstOrDefault(y => y.SchoolYear == schoolYear) is { } y ? y.Status : Status;

    public string? EvidenceIn(int schoolYear) =>
        IsYearly && Years?.FirstOrDefault(y => y.SchoolYear == schoolYear) is { } y ? y.Evidence : Evidence;
}

public sealed record Stage(Guid Id, string Title, string? Description);

public sealed record RoadMap(Guid Id, string Title, int FirstYear, int Years, string? TemplateId,
    IReadOnlyList<Stage> Stages, IReadOnlyList<Activity> Activities)
{
    public int LastYear => FirstYear + Years - 1;

    /// <summary>The school year (September to August) of <paramref name="day"/>, kept within the road map's years.</summary>
    public int SchoolYearOf(DateOnly day) => Math.Clamp(day.Month >= 9 ? day.Year : day.Year - 1, FirstYear, LastYear);

    public static RoadMap Create(RoadMapCreated e) => new(e.RoadMapId, e.Title, e.FirstYear, e.Years, e.TemplateId, [], []);

    public RoadMap Apply(RoadMapDetailsChanged e) => this with { Title = e.Title, FirstYear = e.FirstYear, Years = e.Years };
    public RoadMap Apply(StageAdded e) => this with { Stages = [.. Stages, new Stage(e.StageId, e.Title, e.Description)] };
    public RoadMap Apply(StageChanged e) => this with { Stages = Stages.Select(s => s.Id == e.StageId ? s with { Title = e.Title, Description = e.Description } : s).ToList() };
    public RoadMap Apply(StageRemoved e) => this with { Stages = Stages.Where(s => s.Id != e.StageId).ToList() };

    public RoadMap Apply(ActivityAdded e) => this with
    {
        Activities = [.. Activities, new Activity(e.ActivityId, e.StageId, e.Title, e.Content, e.Period, e.ResponsibleRoles, e.Responsible,
            e.ExpectedResult, ActivityStatus.Planned, null, 0)],
    };
    public RoadMap Apply(ActivityChanged e) => With(e.ActivityId, a => a with
    {
        Title = e.Title, Content = e.Content, ResponsibleRoles = e.ResponsibleRoles, Responsible = e.Responsible, ExpectedResult = e.ExpectedResult,
    });
    public RoadMap Apply(ActivityRescheduled e) => With(e.ActivityId, a => a with { Period = e.To, Reschedules = a.Reschedules + 1 });
    public RoadMap Apply(ActivityStatusChanged e) => With(e.ActivityId, a => e.SchoolYear is { } year
        ? a with
        {
            Years = [.. (a.Years ?? []).Where(y => y.SchoolYear != year),
                new YearStatus(year, e.To, e.Evidence ?? a.Years?.FirstOrDefault(y => y.SchoolYear == year)?.Evidence)],
        }
        : a with { Status = e.To, Evidence = e.Evidence ?? a.Evidence });
    public RoadMap Apply(ActivityRemoved e) => this with { Activities = Activities.Where(a => a.Id != e.ActivityId).ToList() };

    public Activity? FindActivity(Guid id) => Activities.FirstOrDefault(a => a.Id == id);
    public Stage? FindStage(Guid id) => Stages.FirstOrDefault(s => s.Id == id);

    private RoadMap With(Guid activityId, Func<Activity, Activity> change) =>
        this with { Activities = Activities.Select(a => a.Id == activityId ? change(a) : a).ToList() };
}
