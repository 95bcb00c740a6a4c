using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Documents;
using Platform.Mentoring.RoadMaps.Templates;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;

namespace Platform.Mentoring.RoadMaps;

/// <summary>A school's road maps: create (from a template or a full body), edit stages and activities, statuses, reschedules, history.</summary>
public static class RoadMapEndpoints
{
    /// <summary>The Russian phrase of each event code its history can show (beside the code, which programs keep using).</summary>
    public static readonly IReadOnlyDictionary<string, string> EventTitles = new Dictionary<string, string>
    {
        ["road_map_created"] = "Дорожная карта создана",
        ["road_map_details_changed"] = "Изменены название или учебные годы",
        ["stage_added"] = "Добавлен этап",
        ["stage_changed"] = "Изменён этап",
        ["stage_removed"] = "Удалён этап",
        ["activity_added"] = "Добавлено мероприятие",
        ["activity_changed"] = "Изменено мероприятие",
        ["activity_rescheduled"] = "Перенесён срок мероприятия",
        ["activity_status_changed"] = "Отмечен ход выполнения мероприятия",
        ["activity_removed"] = "Удалено мероприятие",
    };

    public static IEndpointRouteBuilder MapRoadMaps(this IEndpointRouteBuilder app)
    {
        var maps = app.MapGroup("/api/schools/{schoolId:guid}/road-maps").WithTags("Дорожные карты");
        maps.MapGet("", List).RequireAuthorization(Policies.SchoolMember).WithSummary("Дорожные карты организации: сроки, выполнение, просрочка");
        maps.MapPost("", Create).RequireAuthorization(Policies.SchoolWrite).WithSummary("Создать дорожную карту: по шаблону (templateId) или целиком (stages)");
        maps.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.SchoolMember).WithSummary("Дорожная карта с этапами и мероприятиями (asOf: состояние на момент)");
        maps.MapPatch("/{id:guid}", Change).RequireAuthorization(Policies.SchoolWrite).WithSummary("Изменить название или учебные годы (If-Match: версия)");
        maps.MapGet("/{id:guid}/document.docx", Document).RequireAuthorization(Policies.SchoolMember)
            .WithSummary("Дорожная карта документом DOCX (таблица: этапы, мероприятия, сроки, ответственные, ожидаемый результат)");
        maps.MapGet("/{id:guid}/history", History).RequireAuthorization(Policies.SchoolRead).WithSummary("История изменений: кто, когда, что");
        maps.MapPost("/{id:guid}/stages", AddStage).RequireAuthorization(Policies.SchoolWrite).WithSummary("Добавить этап");
        maps.MapPatch("/{id:guid}/stages/{stageId:guid}", ChangeStage).RequireAuthorization(Policies.SchoolWrite).WithSummary("Изменить этап");
        maps.MapDelete("/{id:guid}/stages/{stageId:guid}", RemoveStage).RequireAuthorization(Policies.SchoolWrite).WithSummary("Удалить пустой этап");
        maps.MapPost("/{id:guid}/activities", AddActivity).RequireAuthorization(Policies.SchoolWrite).WithSummary("Добавить мероприятие в этап");
        maps.MapPatch("/{id:guid}/activities/{activityId:guid}", ChangeActivity).RequireAuthorization(Policies.SchoolWrite).WithSummary("Изменить мероприятие");
        maps.MapDelete("/{id:guid}/activities/{activityId:guid}", RemoveActivity).RequireAuthorization(Policies.SchoolWrite).WithSummary("Удалить мероприятие");
        maps.MapPost("/{id:guid}/activities/{activityId:guid}/reschedule", Reschedule).RequireAuthorization(Policies.SchoolWrite).WithSummary("Перенести срок (с причиной)");
        maps.MapPost("/{id:guid}/activities/{activityId:guid}/status", SetStatus).RequireAuthorization(Policies.SchoolWrite).WithSummary("Отметить ход выполнения (для «выполнено» — подтверждение; ежегодное мероприятие — за учебный год, по умолчанию текущий)");

        app.MapGet("/api/schools/{schoolId:guid}/activities", Activities).WithTags("Дорожные карты").RequireAuthorization(Policies.SchoolMember)
            .WithSummary("Мероприятия всех дорожных карт: фильтры по статусу, просрочке, ответственным, срокам");
        return app;
    }

    private static async Task<Ok<List<RoadMapSummary>>> List(Guid schoolId, DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await ActivityList.RoadMapsAsync(session, schoolId, Today(tenant, time), ct));

    private static async Task<Results<Ok<Page<ActivityRow>>, ValidationProblem>> Activities(
        Guid schoolId, [AsParameters] ActivityListQuery query, DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (query.Status is not null && !ActivityList.Statuses.Contains(query.Status)) errors["status"] = ["Статус: planned, in_progress, done или cancelled."];
        if (query.Role is not null && !ResponsibleRoles.IsKnown(query.Role)) errors["role"] = ["Роль: " + string.Join(", ", ResponsibleRoles.Names.Keys) + "."];
        if (!ActivityList.IsValidSort(query.Sort)) errors["sort"] = ["Сортировка: due, title или stage (с «-» — по убыванию)."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Проверьте параметры запроса");
        return TypedResults.Ok(await ActivityList.QueryAsync(session, schoolId, Today(tenant, time), query, ct));
    }

    private static async Task<Created<RoadMapView>> Create(
        Guid schoolId, CreateRoadMap command, DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct)
    {
        var (id, events) = await StartAsync(command, session, tenant, time, ct);
        var map = session.Store.Fold<RoadMap>(null, events)!;
        return TypedResults.Created($"/api/schools/{schoolId}/road-maps/{id}", RoadMapView.From(map, events.Length, Today(tenant, time)));
    }

    /// <summary>Creates a road map, from a template (its periods shifted to the first school year) or from the stages given; saves it.</summary>
    public static async Task<(Guid Id, object[] Events)> StartAsync(
        CreateRoadMap command, DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct)
    {
        var c = command;
        if (c.TemplateId is { } templateId)
        {
            var template = await RoadMapTemplateEndpoints.FindAsync(session, tenant.School!, templateId, ct)
                ?? throw new DomainValidationException(new Dictionary<string, string[]> { ["templateId"] = ["Такой примерной дорожной карты нет."] });
            var firstYear = c.FirstYear ?? template.BaseYear;
            // The template's length unless the request gives one: a three-year model makes a three-year road map.
            c = c with { Title = string.IsNullOrWhiteSpace(c.Title) ? template.Title : c.Title, FirstYear = firstYear, Years = c.Years ?? template.Years,
                Stages = c.Stages is { Count: > 0 } ? c.Stages : template.StagesFor(firstYear) };
        }
        else c = c with { Years = c.Years ?? 1 };
        var id = Guid.CreateVersion7();
        var events = RoadMapCommands.Create(id, c, time.GetUtcNow(), Guid.CreateVersion7);
        session.Events.StartStream<RoadMap>(id, events);
        await session.SaveChangesAsync(ct);
        return (id, events);
    }

    private static async Task<Results<Ok<RoadMapView>, NotFound>> Get(
        Guid id, DateTimeOffset? asOf, DocumentSession session, TenantContext tenant, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (asOf is null)
        {
            var (current, version) = await session.Events.FetchLatestAsync<RoadMap>(id, ct);
            if (current is null) return TypedResults.NotFound();
            http.Response.Headers.ETag = $"\"{version}\"";
            return TypedResults.Ok(RoadMapView.From(current, version, Today(tenant, time)));
        }
        var events = await session.Events.FetchStreamAsync(id, timestamp: asOf, ct: ct);
        if (events.Count == 0 || events[0].Data is not RoadMapCreated) return TypedResults.NotFound();
        var map = session.Store.Fold<RoadMap>(null, events.Select(e => e.Data))!;
        http.Response.Headers.ETag = $"\"{events[^1].Version}\"";
        return TypedResults.Ok(RoadMapView.From(map, events[^1].Version, Today(tenant, time)));
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> Document(Guid id, DocumentSession session, TenantContext tenant, TimeProvider time,
        CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not RoadMapCreated) return TypedResults.NotFound();
        var map = RoadMapView.From(session.Store.Fold<RoadMap>(null, events.Select(e => e.Data))!, events[^1].Version, Today(tenant, time));
        var school = tenant.School!;
        return await DocumentFiles.ProduceAsync(session, school.DistrictId, Documents.RoadMapDocument.Kind, Documents.RoadMapDocument.Fields(map, school.FullName),
            () => Documents.RoadMapDocument.Write(map, school.FullName, events[^1].Timestamp), "Дорожная карта.docx", events[^1].Timestamp, ct);
    }

    private static async Task<Results<Ok<IReadOnlyList<EventHistoryItem>>, NotFound>> History(Guid id, DocumentSession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not RoadMapCreated) return TypedResults.NotFound();
        return TypedResults.Ok<IReadOnlyList<EventHistoryItem>>(
            events.Select(e => EventHistoryItem.From(e, EventTitles)).ToList());
    }

    private static Task<Results<Ok<RoadMapView>, NotFound>> Change(Guid id, ChangeRoadMap command, RoadMapDecision decide, CancellationToken ct) =>
        decide.Ok(id, ct, map => RoadMapCommands.Change(map, command));

    private static Task<Results<Created<RoadMapView>, NotFound>> AddStage(Guid schoolId, Guid id, ChangeStage command, RoadMapDecision decide, CancellationToken ct)
    {
        var stageId = Guid.CreateVersion7();
        return decide.Created(id, ct, map => [RoadMapCommands.AddStage(stageId, command)], $"/api/schools/{schoolId}/road-maps/{id}#stage-{stageId}");
    }

    private static Task<Results<Ok<RoadMapView>, NotFound>> ChangeStage(Guid id, Guid stageId, ChangeStage command, RoadMapDecision decide, CancellationToken ct) =>
        decide.Ok(id, ct, map => RoadMapCommands.ChangeStage(map, stageId, command));

    private static Task<Results<Ok<RoadMapView>, NotFound>> RemoveStage(Guid id, Guid stageId, RoadMapDecision decide, CancellationToken ct) =>
        decide.Ok(id, ct, map => [RoadMapCommands.RemoveStage(map, stageId)]);

    private static Task<Results<Created<RoadMapView>, NotFound>> AddActivity(Guid schoolId, Guid id, AddActivity command, RoadMapDecision decide, CancellationToken ct)
    {
        var activityId = Guid.CreateVersion7();
        return decide.Created(id, ct, map => [RoadMapCommands.AddActivity(map, activityId, command)], $"/api/schools/{schoolId}/road-maps/{id}#activity-{activityId}");
    }

    private static Task<Results<Ok<RoadMapView>, NotFound>> ChangeActivity(Guid id, Guid activityId, ChangeActivity command, RoadMapDecision decide, CancellationToken ct) =>
        decide.Ok(id, ct, map => RoadMapCommands.ChangeActivity(map, activityId, command));

    private static Task<Results<Ok<RoadMapView>, NotFound>> RemoveActivity(Guid id, Guid activityId, RoadMapDecision decide, CancellationToken ct) =>
        decide.Ok(id, ct, map => [RoadMapCommands.RemoveActivity(map, activityId)]);

    private static Task<Results<Ok<RoadMapView>, NotFound>> Reschedule(Guid id, Guid activityId, RescheduleActivity command, RoadMapDecision decide, CancellationToken ct) =>
        decide.Ok(id, ct, map => [RoadMapCommands.Reschedule(map, activityId, command)]);

    private static Task<Results<Ok<RoadMapView>, NotFound>> SetStatus(Guid id, Guid activityId, ChangeActivityStatus command, RoadMapDecision decide,
        TenantContext tenant, TimeProvider time, CancellationToken ct) =>
        decide.Ok(id, ct, map => RoadMapCommands.ChangeStatus(map, activityId, command, Today(tenant, time)));

    /// <summary>Today in the school's time zone.</summary>
    internal static DateOnly Today(TenantContext tenant, TimeProvider time) =>
        RussianTimeZones.Today(time.GetUtcNow(), tenant.School!.TimeZone);
}

/// <summary>Load, decide, append for one road map: optimistic against If-Match, or the version just loaded.</summary>
public sealed class RoadMapDecision(DocumentSession session, TenantContext tenant, TimeProvider time, IHttpContextAccessor accessor)
{
    public async Task<Results<Ok<RoadMapView>, NotFound>> Ok(Guid id, CancellationToken ct, Func<RoadMap, object[]> decide) =>
        await ApplyAsync(id, ct, decide) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    public async Task<Results<Created<RoadMapView>, NotFound>> Created(Guid id, CancellationToken ct, Func<RoadMap, object[]> decide, string location) =>
        await ApplyAsync(id, ct, decide) is { } view ? TypedResults.Created(location, view) : TypedResults.NotFound();

    private async Task<RoadMapView?> ApplyAsync(Guid id, CancellationToken ct, Func<RoadMap, object[]> decide)
    {
        var http = accessor.HttpContext!;
        var stream = await session.Events.FetchForWriting<RoadMap>(id, ct);
        if (stream.Aggregate is null) return null;
        var (map, version) = await stream.DecideAsync(session, http, decide, ct);
        return RoadMapView.From(map, version, RoadMapEndpoints.Today(tenant, time));
    }
}
