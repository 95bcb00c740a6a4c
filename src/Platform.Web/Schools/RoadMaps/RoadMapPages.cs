using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.RoadMaps;
using Platform.Mentoring.RoadMaps.Templates;
using Platform.Tenancy.Resolution;
using Platform.Web.Schools.History;
using Platform.Web.Shell;

namespace Platform.Web.Schools.RoadMaps;

public sealed record RoadMapListModel(IReadOnlyList<RoadMapSummary> Maps, IReadOnlyList<TemplateSummary> Templates);

/// <param name="TemplateId">Empty: the school's own road map (its title and years as written).</param>
/// <param name="Years">Empty: the template's length (or one school year without a template).</param>
public sealed record CreateRoadMapForm(string? TemplateId, string? FirstYear, FormErrors Errors, string? Title = null, string? Years = null);

/// <param name="Edit">The form refused (its typed values and messages), null when none was.</param>
public sealed record RoadMapPageModel(RoadMapView Map, IReadOnlyList<HistoryEntry> History, DateOnly? AsOf, EditForm? Edit = null, string? Notice = null);

/// <summary>
/// Road maps: the list, creation from a model road map (its length unless told) or the school's own (title and years as written),
/// the timeline by months with each activity's progress (a yearly one for the current school year), and the editing of stages and
/// activities (<see cref="RoadMapEditPages"/>). The decisions are the API's (<see cref="RoadMapCommands"/>).
/// </summary>
public static class RoadMapPages
{
    public static RouteGroupBuilder MapRoadMapPages(this RouteGroupBuilder school)
    {
        school.MapGet("/road-maps", List).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/road-maps", Create).RequireAuthorization(Policies.SchoolWrite);
        school.MapGet("/road-maps/{id:guid}", Show).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/road-maps/{id:guid}/activities/{activityId:guid}/done", MarkStatus).RequireAuthorization(Policies.SchoolWrite);
        school.MapRoadMapEditPages();
        return school;
    }

    private static async Task<RoadMapListModel> ListModelAsync(Guid schoolId, UiContext ui, DocumentSession session, CancellationToken ct) =>
        new(await ActivityList.RoadMapsAsync(session, schoolId, ui.Today, ct), await RoadMapTemplateEndpoints.ListAsync(session, ui.School!.DistrictId, ct));

    private static async Task<IResult> List(Guid schoolId, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var first = ui.Today.Month >= 9 ? ui.Today.Year : ui.Today.Year - 1;
        return Pages.Render<RoadMapListPage>(new { Ui = ui, Model = await ListModelAsync(schoolId, ui, session, ct), Form = new CreateRoadMapForm(null, first.ToString(), FormErrors.None) });
    }

    private static async Task<IResult> Create(Guid schoolId, HttpContext http, DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (form, valid) = await Pages.ReadFormAsync(http);
        string? templateId = Pages.Text(form["templateId"]), firstYear = Pages.Text(form["firstYear"]), title = Pages.Text(form["title"]), years = Pages.Text(form["years"]);
        var templates = await RoadMapTemplateEndpoints.ListAsync(session, ui.School!.DistrictId, ct);
        IResult Again(FormErrors errors) =>
            Pages.Render<CreateRoadMapFormView>(new { Ui = ui, Form = new CreateRoadMapForm(templateId, firstYear, errors, title, years), Templates = templates });
        if (!valid) return Pages.Render<CreateRoadMapFormView>(new { Ui = ui, Form = new CreateRoadMapForm(templateId, firstYear, FormErrors.General(Pages.StaleForm), title, years),
            Templates = templates }, StatusCodes.Status400BadRequest);
        return await Pages.Attempt(async () =>
        {
            var errors = new Dictionary<string, string[]>();
            int? year = null, length = null;
            if (!int.TryParse(firstYear, out var y) || y is < 2000 or > 2100) errors["firstYear"] = ["Укажите год начала учебного года, например 2026."];
            else year = y;
            if (years is not null)
            {
                if (int.TryParse(years, out var n)) length = n;
                else errors["years"] = [$"Укажите число учебных лет: от 1 до {RoadMapCommands.MaxYears}."];
            }
            if (errors.Count > 0) throw new DomainValidationException(errors);
            var (id, _) = await RoadMapEndpoints.StartAsync(new CreateRoadMap(title, year, length, templateId), session, tenant, time, ct);
            return Pages.RedirectTo(http, ui.SchoolPath($"/road-maps/{id}"));
        }, Again);
    }

    /// <summary>The road map as it stands (or stood at the end of <paramref name="asOf"/>), null if there is none.</summary>
    internal static async Task<RoadMapView?> ViewAsync(DocumentSession session, Guid id, UiContext ui, DateOnly? asOf, CancellationToken ct)
    {
        if (asOf is null)
        {
            var (current, version) = await session.Events.FetchLatestAsync<RoadMap>(id, ct);
            return current is null ? null : RoadMapView.From(current, version, ui.Today);
        }
        var events = await session.Events.FetchStreamAsync(id, timestamp: Pages.EndOfDay(asOf, ui.TimeZone), ct: ct);
        if (events.Count == 0 || events[0].Data is not RoadMapCreated) return null;
        var map = session.Store.Fold<RoadMap>(null, events.Select(e => e.Data))!;
        return RoadMapView.From(map, events[^1].Version, ui.Today);
    }

    private static async Task<IResult> Show(Guid schoolId, Guid id, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "asOf")] string? asOfText, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (asOf, refusal) = Pages.AsOf(ui, asOfText);
        if (refusal is not null) return refusal;
        if (await ViewAsync(session, id, ui, asOf, ct) is not { } view)
            return Pages.Render<NotFoundPage>(new { Ui = ui, Message = asOf is null ? "Дорожная карта не найдена." : "На эту дату дорожной карты ещё не было." }, StatusCodes.Status404NotFound);
        return Pages.Render<RoadMapPage>(new { Ui = ui, Model = new RoadMapPageModel(view, await RecordHistory.LoadAsync(session, id, ct), asOf) });
    }

    /// <summary>
    /// The progress of one activity (in progress, done with evidence, cancelled with a note), swapped into its card; a yearly one is
    /// marked for the school year chosen (the current one by default): done this year leaves it open next year.
    /// </summary>
    private static async Task<IResult> MarkStatus(Guid schoolId, Guid id, Guid activityId, HttpContext http, RoadMapDecision decide, DocumentSession session,
        CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (form, valid) = await Pages.ReadFormAsync(http);
        var typed = new StatusForm(Pages.Text(form["status"]) ?? "done", Pages.Text(form["evidence"]), Pages.Text(form["note"]), Pages.Text(form["schoolYear"]));
        RoadMapView? current = null;
        IResult Card(ActivityView activity, FormErrors errors, RoadMapView map, IReadOnlyList<HistoryEntry>? history = null) =>
            Pages.Render<ActivityCard>(new { Ui = ui, Map = map, Activity = activity, Errors = errors, Typed = typed, Swap = true, History = history });
        if (!valid) return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: Pages.StaleForm);
        return await Pages.Attempt(async () =>
        {
            var status = typed.Status switch
            {
                "in_progress" => ActivityStatus.InProgress,
                "cancelled" => ActivityStatus.Cancelled,
                "planned" => ActivityStatus.Planned,
                "done" => ActivityStatus.Done,
                _ => (ActivityStatus?)null,
            };
            var year = PeriodForm.Number(typed.SchoolYear, "schoolYear", "Учебный год — год его начала, например 2026.");
            var result = (await decide.Ok(id, ct, map =>
            {
                current = RoadMapView.From(map, 0, ui.Today);
                return RoadMapCommands.ChangeStatus(map, activityId, new ChangeActivityStatus(status, typed.Evidence, typed.Note, year), ui.Today);
            })).Result;
            if (result is not Ok<RoadMapView> { Value: { } view }) return Results.NotFound();
            return Card(view.Stages.SelectMany(s => s.Activities).Single(a => a.Id == activityId), FormErrors.None, view,
                await RecordHistory.LoadAsync(session, id, ct));
        }, errors => current?.Stages.SelectMany(s => s.Activities).FirstOrDefault(a => a.Id == activityId) is { } a
            ? Card(a, errors, current) : Pages.Render<FormAlert>(new { Errors = errors }));
    }
}

/// <summary>What the status form of an activity card held (kept after a refusal).</summary>
public sealed record StatusForm(string Status, string? Evidence, string? Note, string? SchoolYear)
{
    public static readonly StatusForm Empty = new("done", null, null, null);
}
