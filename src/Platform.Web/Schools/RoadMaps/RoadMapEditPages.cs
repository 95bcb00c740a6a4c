using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.RoadMaps;
using Platform.Web.Schools.History;
using Platform.Web.Shell;

namespace Platform.Web.Schools.RoadMaps;

/// <summary>
/// The road map page's editing forms: its title and school years, stages and activities added, changed and removed, an activity's
/// period moved with a reason. Each is the API's decision (<see cref="RoadMapCommands"/>) through the same load-decide-append; a
/// refusal brings the page back with that form open, the typed values kept and the messages next to the fields.
/// </summary>
public static class RoadMapEditPages
{
    private static readonly string[] ActivityFields = ["title", "content", "responsibleRoles", "responsible", "expectedResult"];

    public static RouteGroupBuilder MapRoadMapEditPages(this RouteGroupBuilder school)
    {
        school.MapPost("/road-maps/{id:guid}/details", ChangeDetails).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/road-maps/{id:guid}/stages", AddStage).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/road-maps/{id:guid}/stages/{stageId:guid}", ChangeStage).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/road-maps/{id:guid}/stages/{stageId:guid}/remove", RemoveStage).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/road-maps/{id:guid}/activities", AddActivity).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/road-maps/{id:guid}/activities/{activityId:guid}", ChangeActivity).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/road-maps/{id:guid}/activities/{activityId:guid}/reschedule", Reschedule).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/road-maps/{id:guid}/activities/{activityId:guid}/remove", RemoveActivity).RequireAuthorization(Policies.SchoolWrite);
        return school;
    }

    private static Task<IResult> ChangeDetails(Guid id, HttpContext http, RoadMapDecision decide, DocumentSession session, CancellationToken ct) =>
        Decide(id, http, decide, session, ct, "details", ["title", "firstYear", "years"], "Название и учебные годы сохранены.", form => map =>
            RoadMapCommands.Change(map, new ChangeRoadMap(Limited(form["title"], "title", 500) ?? "",
                PeriodForm.Number(form["firstYear"], "firstYear", "Укажите год начала учебного года, например 2026."),
                PeriodForm.Number(form["years"], "years", $"Укажите число учебных лет: от 1 до {RoadMapCommands.MaxYears}."))));

    private static Task<IResult> AddStage(Guid id, HttpContext http, RoadMapDecision decide, DocumentSession session, CancellationToken ct) =>
        Decide(id, http, decide, session, ct, "add-stage", ["title", "description"], "Этап добавлен.", form => _ =>
            [RoadMapCommands.AddStage(Guid.CreateVersion7(), new ChangeStage(Pages.Text(form["title"]), Limited(form["description"], "description", 2000)))]);

    private static Task<IResult> ChangeStage(Guid id, Guid stageId, HttpContext http, RoadMapDecision decide, DocumentSession session, CancellationToken ct) =>
        Decide(id, http, decide, session, ct, $"stage-{stageId}", ["title", "description"], "Этап сохранён.", form => map =>
            RoadMapCommands.ChangeStage(map, stageId, new ChangeStage(Limited(form["title"], "title", 500) ?? "", Limited(form["description"], "description", 2000) ?? "")));

    private static Task<IResult> RemoveStage(Guid id, Guid stageId, HttpContext http, RoadMapDecision decide, DocumentSession session, CancellationToken ct) =>
        Decide(id, http, decide, session, ct, $"stage-{stageId}", [], "Этап удалён.", _ => map => [RoadMapCommands.RemoveStage(map, stageId)]);

    private static Task<IResult> AddActivity(Guid id, HttpContext http, RoadMapDecision decide, DocumentSession session, CancellationToken ct) =>
        Decide(id, http, decide, session, ct, "add-activity", ["stageId", .. ActivityFields, .. PeriodForm.Fields], "Мероприятие добавлено.", form => map =>
            [RoadMapCommands.AddActivity(map, Guid.CreateVersion7(), new AddActivity(Pages.Id(form["stageId"]), Pages.Text(form["title"]),
                Limited(form["content"], "content", 4000), PeriodForm.Read(form), PeriodForm.Roles(form), Limited(form["responsible"], "responsible", 500),
                Limited(form["expectedResult"], "expectedResult", 2000)))]);

    // Empty fields clear the text (the command reads null as «unchanged», so an empty one is sent as "").
    private static Task<IResult> ChangeActivity(Guid id, Guid activityId, HttpContext http, RoadMapDecision decide, DocumentSession session, CancellationToken ct) =>
        Decide(id, http, decide, session, ct, $"activity-{activityId}", ActivityFields, "Мероприятие сохранено.", form => map =>
            RoadMapCommands.ChangeActivity(map, activityId, new ChangeActivity(Limited(form["title"], "title", 2000) ?? "", Limited(form["content"], "content", 4000) ?? "",
                PeriodForm.Roles(form), Limited(form["responsible"], "responsible", 500) ?? "", Limited(form["expectedResult"], "expectedResult", 2000) ?? "")));

    private static Task<IResult> Reschedule(Guid id, Guid activityId, HttpContext http, RoadMapDecision decide, DocumentSession session, CancellationToken ct) =>
        Decide(id, http, decide, session, ct, $"reschedule-{activityId}", ["reason", .. PeriodForm.Fields], "Срок перенесён.", form => map =>
            [RoadMapCommands.Reschedule(map, activityId, new RescheduleActivity(PeriodForm.Read(form), Pages.Text(form["reason"])))]);

    private static Task<IResult> RemoveActivity(Guid id, Guid activityId, HttpContext http, RoadMapDecision decide, DocumentSession session, CancellationToken ct) =>
        Decide(id, http, decide, session, ct, $"activity-{activityId}", [], "Мероприятие удалено.", _ => map => [RoadMapCommands.RemoveActivity(map, activityId)]);

    /// <summary>A free text within its limit (the command checks titles; descriptions and results are bounded here, as the API's body limit does).</summary>
    private static string? Limited(string? value, string field, int max)
    {
        var text = Pages.Text(value);
        return text is { Length: var n } && n > max ? throw PeriodForm.Refuse(field, $"Не длиннее {max} символов.") : text;
    }

    /// <summary>Runs the decision; the page comes back with the notice, or with the form <paramref name="key"/> open, typed values and messages.</summary>
    private static async Task<IResult> Decide(Guid id, HttpContext http, RoadMapDecision decide, DocumentSession session, CancellationToken ct,
        string key, string[] fields, string notice, Func<IFormCollection, Func<RoadMap, object[]>> decision)
    {
        var ui = UiContext.For(http);
        if (await RoadMapPages.ViewAsync(session, id, ui, null, ct) is not { } before)
            return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Дорожная карта не найдена." }, StatusCodes.Status404NotFound);
        var history = await RecordHistory.LoadAsync(session, id, ct);
        var (form, valid) = await Pages.ReadFormAsync(http);
        var typed = fields.ToDictionary(f => f, f => (string?)string.Join(',', form[f].Where(v => v is not null)));
        IResult Again(FormErrors errors) => Pages.Render<RoadMapPage>(new { Ui = ui, Model = new RoadMapPageModel(before, history, null, new EditForm(key, typed, errors)) });
        if (!valid) return Again(FormErrors.General(Pages.StaleForm));
        return await Pages.Attempt(async () =>
        {
            if ((await decide.Ok(id, ct, decision(form))).Result is not Ok<RoadMapView> { Value: { } after })
                return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Дорожная карта не найдена." }, StatusCodes.Status404NotFound);
            return Pages.Render<RoadMapPage>(new { Ui = ui, Model = new RoadMapPageModel(after, await RecordHistory.LoadAsync(session, id, ct), null, null, notice) });
        }, Again);
    }
}
