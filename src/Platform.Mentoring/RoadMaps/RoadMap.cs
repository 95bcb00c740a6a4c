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
public sealed record ActivityStatusChanged(Guid ActivityId, ActivityStatus From, ActivityStatus To, string? Evidence, string? Note);
public sealed record ActivityRemoved(Guid ActivityId);

public sealed record Activity(Guid Id, Guid StageId, string Title, string? Content, Period? Period, string[] ResponsibleRoles,
    string? Responsible, string? ExpectedResult, ActivityStatus Status, string? Evidence, int Reschedules);

public sealed record Stage(Guid Id, string Title, string? Description);

public sealed record RoadMap(Guid Id, string Title, int FirstYear, int Years, string? TemplateId,
    IReadOnlyList<Stage> Stages, IReadOnlyList<Activity> Activities)
{
    public int LastYear => FirstYear + Years - 1;

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
    public RoadMap Apply(ActivityStatusChanged e) => With(e.ActivityId, a => a with { Status = e.To, Evidence = e.Evidence ?? a.Evidence });
    public RoadMap Apply(ActivityRemoved e) => this with { Activities = Activities.Where(a => a.Id != e.ActivityId).ToList() };

    public Activity? FindActivity(Guid id) => Activities.FirstOrDefault(a => a.Id == id);
    public Stage? FindStage(Guid id) => Stages.FirstOrDefault(s => s.Id == id);

    private RoadMap With(Guid activityId, Func<Activity, Activity> change) =>
        this with { Activities = Activities.Select(a => a.Id == activityId ? change(a) : a).ToList() };
}
