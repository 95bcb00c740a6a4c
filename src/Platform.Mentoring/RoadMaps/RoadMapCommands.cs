namespace Platform.Mentoring.RoadMaps;

public sealed record ActivityDraft(string Title, string? Content = null, Period? Period = null, string[]? ResponsibleRoles = null,
    string? Responsible = null, string? ExpectedResult = null);
public sealed record StageDraft(string Title, string? Description = null, IReadOnlyList<ActivityDraft>? Activities = null);

/// <summary>A whole road map: the body of a create request, and the content of a template.</summary>
/// <param name="Years">How many school years the road map runs: one up to the whole programme (e.g. «2021–2024» is three). From a
/// template: the template's, unless given; without one: 1, unless given.</param>
public sealed record CreateRoadMap(string? Title, int? FirstYear, int? Years = null, string? TemplateId = null, IReadOnlyList<StageDraft>? Stages = null);
public sealed record ChangeRoadMap(string? Title, int? FirstYear, int? Years);
public sealed record ChangeStage(string? Title, string? Description);
public sealed record AddActivity(Guid? StageId, string? Title, string? Content, Period? Period, string[]? ResponsibleRoles, string? Responsible, string? ExpectedResult);
public sealed record ChangeActivity(string? Title, string? Content, string[]? ResponsibleRoles, string? Responsible, string? ExpectedResult);
public sealed record RescheduleActivity(Period? Period, string? Reason);
/// <param name="SchoolYear">For a yearly activity: the school year marked (its first calendar year, e.g. 2025 for 2025/2026); the
/// current one if not given. A dated activity has no school year of its own.</param>
public sealed record ChangeActivityStatus(ActivityStatus? Status, string? Evidence, string? Note, int? SchoolYear = null);

/// <summary>The road map's decisions: validate, then return the events. Ids are given by the caller (new Guid v7).</summary>
public static class RoadMapCommands
{
    public const int MaxYears = 10;
    // Long texts of the road map, sized to the seed documents' longest with room to spare: a few paragraphs, not a document.
    public const int MaxDescription = 4000, MaxResponsible = 1000, MaxNote = 2000;
    private static readonly string YearsMessage = $"Дорожная карта рассчитана на 1–{MaxYears} учебных лет.";

    public static object[] Create(Guid id, CreateRoadMap c, DateTimeOffset now, Func<Guid> newId)
    {
        var v = new Validation()
            .Text(c.Title, "title", "название дорожной карты", 500)
            .Require(c.FirstYear is >= 2000 and <= 2100, "firstYear", "Укажите учебный год: год его начала, например 2024 для 2024/2025.")
            .Require(c.Years is >= 1 and <= MaxYears, "years", YearsMessage);
        var stages = c.Stages ?? [];
        for (var s = 0; s < stages.Count; s++)
        {
            v.Text(stages[s].Title, $"stages[{s}].title", "название этапа", 500)
                .MaxLength(stages[s].Description, $"stages[{s}].description", "описание этапа", MaxDescription);
            var activities = stages[s].Activities ?? [];
            for (var a = 0; a < activities.Count; a++)
            {
                var d = activities[a];
                CheckActivity(v, $"stages[{s}].activities[{a}]", d.Title, d.Period, d.ResponsibleRoles);
                CheckActivityTexts(v, $"stages[{s}].activities[{a}].", d.Content, d.Responsible, d.ExpectedResult);
            }
        }
        v.ThrowIfInvalid();

        var events = new List<object> { new RoadMapCreated(id, c.Title!.Trim(), c.FirstYear!.Value, c.Years!.Value, c.TemplateId, now) };
        foreach (var stage in stages)
        {
            var stageId = newId();
            events.Add(new StageAdded(stageId, stage.Title.Trim(), Clean(stage.Description)));
            foreach (var a in stage.Activities ?? [])
                events.Add(new ActivityAdded(newId(), stageId, a.Title.Trim(), Clean(a.Content), a.Period, a.ResponsibleRoles ?? [], Clean(a.Responsible), Clean(a.ExpectedResult)));
        }
        return [.. events];
    }

    public static object[] Change(RoadMap map, ChangeRoadMap c)
    {
        new Validation()
            .Require(c.Title is null || !string.IsNullOrWhiteSpace(c.Title), "title", "Название не может быть пустым.")
            .Require(c.Title is null || c.Title.Trim().Length <= 500, "title", "Поле «название дорожной карты» длиннее 500 символов.")
            .Require(c.FirstYear is null or >= 2000 and <= 2100, "firstYear", "Укажите год начала учебного года.")
            .Require(c.Years is null or >= 1 and <= MaxYears, "years", YearsMessage)
            .ThrowIfInvalid();
        var changed = new RoadMapDetailsChanged(c.Title?.Trim() ?? map.Title, c.FirstYear ?? map.FirstYear, c.Years ?? map.Years);
        return changed == new RoadMapDetailsChanged(map.Title, map.FirstYear, map.Years) ? [] : [changed];
    }

    public static StageAdded AddStage(Guid stageId, ChangeStage c)
    {
        new Validation().Text(c.Title, "title", "название этапа", 500).MaxLength(c.Description, "description", "описание этапа", MaxDescription).ThrowIfInvalid();
        return new StageAdded(stageId, c.Title!.Trim(), Clean(c.Description));
    }

    public static object[] ChangeStage(RoadMap map, Guid stageId, ChangeStage c)
    {
        var stage = map.FindStage(stageId) ?? throw new RecordNotFoundException("Этап не найден.");
        new Validation().Require(c.Title is null || !string.IsNullOrWhiteSpace(c.Title), "title", "Название этапа не может быть пустым.")
            .Require(c.Title is null || c.Title.Trim().Length <= 500, "title", "Поле «название этапа» длиннее 500 символов.")
            .MaxLength(c.Description, "description", "описание этапа", MaxDescription).ThrowIfInvalid();
        var changed = new StageChanged(stageId, c.Title?.Trim() ?? stage.Title, c.Description is null ? stage.Description : Clean(c.Description));
        return changed.Title == stage.Title && changed.Description == stage.Description ? [] : [changed];
    }

    public static StageRemoved RemoveStage(RoadMap map, Guid stageId)
    {
        if (map.FindStage(stageId) is null) throw new RecordNotFoundException("Этап не найден.");
        if (map.Activities.Any(a => a.StageId == stageId))
            throw new DomainRuleException("В этапе есть мероприятия: сначала удалите их.");
        return new StageRemoved(stageId);
    }

    public static ActivityAdded AddActivity(RoadMap map, Guid activityId, AddActivity c)
    {
        var v = new Validation().Require(c.StageId is not null && map.FindStage(c.StageId.Value) is not null, "stageId", "Укажите этап этой дорожной карты.");
        CheckActivity(v, "", c.Title, c.Period, c.ResponsibleRoles);
        CheckActivityTexts(v, "", c.Content, c.Responsible, c.ExpectedResult);
        v.ThrowIfInvalid();
        return new ActivityAdded(activityId, c.StageId!.Value, c.Title!.Trim(), Clean(c.Content), c.Period, c.ResponsibleRoles ?? [],
            Clean(c.Responsible), Clean(c.ExpectedResult));
    }

    public static object[] ChangeActivity(RoadMap map, Guid activityId, ChangeActivity c)
    {
        var a = map.FindActivity(activityId) ?? throw new RecordNotFoundException("Мероприятие не найдено.");
        var v = new Validation().Require(c.Title is null || !string.IsNullOrWhiteSpace(c.Title), "title", "Название мероприятия не может быть пустым.")
            .Require(c.Title is null || c.Title.Trim().Length <= 2000, "title", "Поле «название мероприятия» длиннее 2000 символов.");
        CheckRoles(v, "responsibleRoles", c.ResponsibleRoles);
        CheckActivityTexts(v, "", c.Content, c.Responsible, c.ExpectedResult);
        v.ThrowIfInvalid();
        var changed = new ActivityChanged(activityId, c.Title?.Trim() ?? a.Title, c.Content is null ? a.Content : Clean(c.Content),
            c.ResponsibleRoles ?? a.ResponsibleRoles, c.Responsible is null ? a.Responsible : Clean(c.Responsible),
            c.ExpectedResult is null ? a.ExpectedResult : Clean(c.ExpectedResult));
        var same = changed.Title == a.Title && changed.Content == a.Content && changed.ResponsibleRoles.SequenceEqual(a.ResponsibleRoles)
            && changed.Responsible == a.Responsible && changed.ExpectedResult == a.ExpectedResult;
        return same ? [] : [changed];
    }

    public static ActivityRescheduled Reschedule(RoadMap map, Guid activityId, RescheduleActivity c)
    {
        var a = map.FindActivity(activityId) ?? throw new RecordNotFoundException("Мероприятие не найдено.");
        var v = new Validation()
            .Require(c.Period is not null, "period", "Укажите новый срок.")
            .Text(c.Reason, "reason", "причину переноса", 1000);
        Period.Check(c.Period, "period", v);
        v.ThrowIfInvalid();
        if (a.Status is ActivityStatus.Done or ActivityStatus.Cancelled)
            throw new DomainRuleException("Мероприятие уже выполнено или отменено: переносить нечего.");
        if (c.Period == a.Period) throw new DomainRuleException("Новый срок совпадает с прежним.");
        return new ActivityRescheduled(activityId, a.Period, c.Period!, c.Reason!.Trim());
    }

    /// <summary>
    /// Marks an activity's progress. A yearly one («ежегодно») is marked for one school year (<paramref name="today"/>'s, unless
    /// the command names one of the road map's years): done this year leaves it open next year.
    /// </summary>
    public static object[] ChangeStatus(RoadMap map, Guid activityId, ChangeActivityStatus c, DateOnly today)
    {
        var a = map.FindActivity(activityId) ?? throw new RecordNotFoundException("Мероприятие не найдено.");
        new Validation()
            .Require(c.Status is not null, "status", "Укажите статус: planned, in_progress, done или cancelled.")
            .Require(c.Status != ActivityStatus.Done || !string.IsNullOrWhiteSpace(c.Evidence), "evidence",
                "Укажите подтверждение выполнения: протокол, приказ, ссылку на публикацию.")
            .Require(c.Status != ActivityStatus.Cancelled || !string.IsNullOrWhiteSpace(c.Note), "note", "Укажите, почему мероприятие отменено.")
            .MaxLength(c.Evidence, "evidence", "подтверждение выполнения", MaxDescription)
            .MaxLength(c.Note, "note", "примечание", MaxNote)
            .Require(c.SchoolYear is null || a.IsYearly, "schoolYear", "Учебный год указывают только для ежегодных мероприятий.")
            .Require(c.SchoolYear is null || c.SchoolYear >= map.FirstYear && c.SchoolYear <= map.LastYear, "schoolYear",
                $"Учебный год — один из лет дорожной карты: {map.FirstYear}–{map.LastYear} (год начала учебного года).")
            .ThrowIfInvalid();
        int? year = a.IsYearly ? c.SchoolYear ?? map.SchoolYearOf(today) : null;
        var from = year is { } y ? a.StatusIn(y) : a.Status;
        if (c.Status == from && string.IsNullOrWhiteSpace(c.Evidence)) return [];
        return [new ActivityStatusChanged(activityId, from, c.Status!.Value, Clean(c.Evidence), Clean(c.Note), year)];
    }

    public static ActivityRemoved RemoveActivity(RoadMap map, Guid activityId) =>
        map.FindActivity(activityId) is null ? throw new RecordNotFoundException("Мероприятие не найдено.") : new ActivityRemoved(activityId);

    private static void CheckActivity(Validation v, string prefix, string? title, Period? period, string[]? roles)
    {
        var p = prefix.Length == 0 ? "" : prefix + ".";
        v.Text(title, p + "title", "название мероприятия", 2000);
        Period.Check(period, p + "period", v);
        CheckRoles(v, p + "responsibleRoles", roles);
    }

    private static void CheckActivityTexts(Validation v, string prefix, string? content, string? responsible, string? expectedResult) =>
        v.MaxLength(content, prefix + "content", "содержание мероприятия", MaxDescription)
            .MaxLength(responsible, prefix + "responsible", "ответственные", MaxResponsible)
            .MaxLength(expectedResult, prefix + "expectedResult", "ожидаемый результат", MaxDescription);

    private static void CheckRoles(Validation v, string field, string[]? roles) =>
        v.Require(roles is null || roles.All(ResponsibleRoles.IsKnown), field,
            "Неизвестная роль ответственного. Возможные: " + string.Join(", ", ResponsibleRoles.Names.Keys) + ".");

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
