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

public sealed record CreateRoadMapForm(string? TemplateId, string? FirstYear, FormErrors Errors);

public sealed record RoadMapPageModel(RoadMapView Map, IReadOnlyList<HistoryEntry> History, DateOnly? AsOf);

/// <summary>Road maps: the list, creation from a model road map, the timeline by months with «done, with evidence».</summary>
public static class RoadMapPages
{
    public static RouteGroupBuilder MapRoadMapPages(this RouteGroupBuilder school)
    {
        school.MapGet("/road-maps", List).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/road-maps", Create).RequireAuthorization(Policies.SchoolWrite);
        school.MapGet("/road-maps/{id:guid}", Show).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/road-maps/{id:guid}/activities/{activityId:guid}/done", MarkDone).RequireAuthorization(Policies.SchoolWrite);
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
        string? templateId = Pages.Text(form["templateId"]), firstYear = Pages.Text(form["firstYear"]);
        var templates = await RoadMapTemplateEndpoints.ListAsync(session, ui.School!.DistrictId, ct);
        IResult Again(FormErrors errors) =>
            Pages.Render<CreateRoadMapFormView>(new { Ui = ui, Form = new CreateRoadMapForm(templateId, firstYear, errors), Templates = templates });
        if (!valid) return Pages.Render<CreateRoadMapFormView>(new { Ui = ui, Form = new CreateRoadMapForm(templateId, firstYear, FormErrors.General(Pages.StaleForm)),
            Templates = templates }, StatusCodes.Status400BadRequest);
        return await Pages.Attempt(async () =>
        {
            var errors = new Dictionary<string, string[]>();
            if (templateId is null) errors["templateId"] = ["Выберите примерную дорожную карту."];
            if (!int.TryParse(firstYear, out var year) || year is < 2000 or > 2100) errors["firstYear"] = ["Укажите год начала учебного года, например 2026."];
            if (errors.Count > 0) throw new DomainValidationException(errors);
            var (id, _) = await RoadMapEndpoints.StartAsync(new CreateRoadMap(null, year, null, templateId), session, tenant, time, ct);
            return Pages.RedirectTo(http, ui.SchoolPath($"/road-maps/{id}"));
        }, Again);
    }

    private static async Task<IResult> Show(Guid schoolId, Guid id, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "asOf")] string? asOfText, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (asOf, refusal) = Pages.AsOf(ui, asOfText);
        if (refusal is not null) return refusal;
        var events = await session.Events.FetchStreamAsync(id, timestamp: Pages.EndOfDay(asOf, ui.TimeZone), ct: ct);
        if (events.Count == 0 || events[0].Data is not RoadMapCreated)
            return Pages.Render<NotFoundPage>(new { Ui = ui, Message = asOf is null ? "Дорожная карта не найдена." : "На эту дату дорожной карты ещё не было." }, StatusCodes.Status404NotFound);
        var map = session.Store.Fold<RoadMap>(null, events.Select(e => e.Data))!;
        var view = RoadMapView.From(map, events[^1].Version, ui.Today);
        return Pages.Render<RoadMapPage>(new { Ui = ui, Model = new RoadMapPageModel(view, await RecordHistory.LoadAsync(session, id, ct), asOf) });
    }

    private static async Task<IResult> MarkDone(Guid schoolId, Guid id, Guid activityId, HttpContext http, RoadMapDecision decide, DocumentSession session,
        CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (form, valid) = await Pages.ReadFormAsync(http);
        var evidence = Pages.Text(form["evidence"]);
        RoadMapView? current = null;
        IResult Card(ActivityView activity, FormErrors errors, RoadMapView map, IReadOnlyList<HistoryEntry>? history = null) =>
            Pages.Render<ActivityCard>(new { Ui = ui, Map = map, Activity = activity, Errors = errors, Evidence = evidence, Swap = true, History = history });
        if (!valid) return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: Pages.StaleForm);
        return await Pages.Attempt(async () =>
        {
            var result = (await decide.Ok(id, ct, map =>
            {
                current = RoadMapView.From(map, 0, ui.Today);
                return RoadMapCommands.ChangeStatus(map, activityId, new ChangeActivityStatus(ActivityStatus.Done, evidence, null), ui.Today);
            })).Result;
            if (result is not Ok<RoadMapView> { Value: { } view }) return Results.NotFound();
            return Card(view.Stages.SelectMany(s => s.Activities).Single(a => a.Id == activityId), FormErrors.None, view,
                await RecordHistory.LoadAsync(session, id, ct));
        }, errors => current?.Stages.SelectMany(s => s.Activities).FirstOrDefault(a => a.Id == activityId) is { } a
            ? Card(a, errors, current) : Pages.Render<FormAlert>(new { Errors = errors }));
    }
}
