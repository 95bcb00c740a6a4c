using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Documents;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;

namespace Platform.Mentoring.DistrictActs;

/// <summary>The district's own acts (its order on the mentoring system, working group, model road map): register, correct, repeal, history.</summary>
public static class DistrictActEndpoints
{
    public static readonly IReadOnlyDictionary<string, string> EventTitles = new Dictionary<string, string>
    {
        ["district_act_registered"] = "Акт района зарегистрирован",
        ["district_act_changed"] = "Изменены реквизиты акта",
        ["district_act_repealed"] = "Акт отменён (утратил силу)",
    };

    public static IEndpointRouteBuilder MapDistrictActs(this IEndpointRouteBuilder app)
    {
        var acts = app.MapGroup("/api/districts/{districtId:guid}/acts").WithTags("Акты района");
        acts.MapGet("", List).RequireAuthorization(Policies.DistrictRead).WithSummary("Акты района, новые первыми (includeRepealed: и отменённые)");
        acts.MapPost("", Register).RequireAuthorization(Policies.DistrictWrite).WithSummary("Зарегистрировать акт района: вид, номер как в документе, дата, название");
        acts.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.DistrictRead).WithSummary("Акт района (asOf: состояние на момент; ETag: версия)");
        acts.MapPatch("/{id:guid}", Change).RequireAuthorization(Policies.DistrictWrite).WithSummary("Исправить вид, номер, дату, название или примечание (If-Match: версия)");
        acts.MapPost("/{id:guid}/repeal", Repeal).RequireAuthorization(Policies.DistrictWrite).WithSummary("Отметить, что акт отменён: дата и причина");
        acts.MapGet("/{id:guid}/document.docx", Document).RequireAuthorization(Policies.DistrictRead)
            .WithSummary("Приказ района документом DOCX: реквизиты района, сроки для организаций, заданные со ссылкой на этот акт");
        acts.MapGet("/{id:guid}/history", History).RequireAuthorization(Policies.DistrictRead).WithSummary("История изменений: кто, когда, что");

        app.MapGet("/api/schools/{schoolId:guid}/district-acts", ForSchool).RequireAuthorization(Policies.SchoolRead).WithTags("Акты района")
            .WithSummary("Действующие акты района, к которому относится организация");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<DistrictActView>>> List(Guid districtId, bool? includeRepealed, DocumentSession session, CancellationToken ct) =>
        TypedResults.Ok(await DistrictActList.QueryAsync(session, districtId, includeRepealed ?? false, ct));

    private static async Task<Ok<IReadOnlyList<DistrictActView>>> ForSchool(TenantContext tenant, DocumentSession session, CancellationToken ct) =>
        TypedResults.Ok(await DistrictActList.QueryAsync(session, tenant.School!.DistrictId, false, ct));

    private static async Task<Created<DistrictActView>> Register(
        Guid districtId, RegisterDistrictAct command, DocumentSession session, TenantContext tenant, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var view = await RegisterAsync(session, districtId, command, Today(tenant, time), ct);
        http.Response.Headers.ETag = "\"1\"";
        return TypedResults.Created($"/api/districts/{districtId}/acts/{view.Id}", view);
    }

    /// <summary>Registers an act (the API's and the web page's way): decided, checked against a second registration, appended.</summary>
    public static async Task<DistrictActView> RegisterAsync(DocumentSession session, Guid districtId, RegisterDistrictAct command, DateOnly today, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var registered = DistrictActCommands.Register(id, command, today);
        await DistrictActList.RefuseDuplicateAsync(session, districtId, null, registered.Number, registered.Date, ct);
        session.Events.StartStream<DistrictAct>(id, registered);
        await session.SaveChangesAsync(ct);
        return DistrictActView.From(districtId, DistrictAct.Create(registered), 1);
    }

    private static async Task<Results<Ok<DistrictActView>, NotFound>> Get(
        Guid districtId, Guid id, DateTimeOffset? asOf, DocumentSession session, HttpContext http, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, timestamp: asOf, ct: ct);
        if (events.Count == 0 || events[0].Data is not DistrictActRegistered) return TypedResults.NotFound();
        var act = session.Store.Fold<DistrictAct>(null, events.Select(e => e.Data))!;
        http.Response.Headers.ETag = $"\"{events[^1].Version}\"";
        return TypedResults.Ok(DistrictActView.From(districtId, act, events[^1].Version));
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> Document(Guid districtId, Guid id, DocumentSession session,
        TenantContext tenant, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not DistrictActRegistered) return TypedResults.NotFound();
        var act = session.Store.Fold<DistrictAct>(null, events.Select(e => e.Data))!;
        var deadlines = await Documents.DistrictActDocument.DeadlinesAsync(session, districtId, id, ct);
        if (deadlines.Count == 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                detail: $"По акту {act.Citation} не задано ни одного срока для организаций: задайте сроки в разделе «Сроки района», сославшись на этот акт.");
        var district = tenant.District!;
        var changed = await Documents.DistrictActDocument.ChangedAsync(session, districtId, id, ct) is { } c && c > events[^1].Timestamp ? c : events[^1].Timestamp;
        return await DocumentFiles.ProduceAsync(session, districtId, Documents.DistrictActDocument.Kind,
            Documents.DistrictActDocument.Fields(act, district.Name, district.ShortName, deadlines),
            () => Documents.DistrictActDocument.Write(act, district.Name, district.ShortName, deadlines, changed), $"Приказ района {act.Number.Replace('/', '-')}.docx",
            changed, ct);
    }

    private static async Task<Results<Ok<IReadOnlyList<EventHistoryItem>>, NotFound>> History(Guid id, DocumentSession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not DistrictActRegistered) return TypedResults.NotFound();
        return TypedResults.Ok<IReadOnlyList<EventHistoryItem>>(events.Select(e => EventHistoryItem.From(e, EventTitles)).ToList());
    }

    private static async Task<Results<Ok<DistrictActView>, NotFound>> Change(
        Guid districtId, Guid id, ChangeDistrictAct command, DocumentSession session, TenantContext tenant, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var today = Today(tenant, time);
        return await DecideAsync(districtId, id, session, http, ct, async act =>
        {
            var events = DistrictActCommands.Change(act, command, today);
            if (events is [DistrictActChanged c] && (c.Number, c.Date) != (act.Number, act.Date))
                await DistrictActList.RefuseDuplicateAsync(session, districtId, id, c.Number, c.Date, ct);
            return events;
        }) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<DistrictActView>, NotFound>> Repeal(
        Guid districtId, Guid id, RepealDistrictAct command, DocumentSession session, TenantContext tenant, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var today = Today(tenant, time);
        return await DecideAsync(districtId, id, session, http, ct, act => Task.FromResult<object[]>([DistrictActCommands.Repeal(act, command, today)]))
            is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
    }

    /// <summary>Load, decide, append (optimistic against If-Match or the version just loaded). Null: no such act in the district.</summary>
    public static async Task<DistrictActView?> DecideAsync(
        Guid districtId, Guid id, DocumentSession session, HttpContext http, CancellationToken ct, Func<DistrictAct, Task<object[]>> decide)
    {
        var stream = await session.Events.FetchForWriting<DistrictAct>(id, ct);
        if (stream.Aggregate is null) return null;
        var (act, version) = await stream.DecideAsync(session, http, decide, ct);
        return DistrictActView.From(districtId, act, version);
    }

    /// <summary>Today in the district's time zone: the dates of its acts are its own.</summary>
    public static DateOnly Today(TenantContext tenant, TimeProvider time) => RussianTimeZones.Today(time.GetUtcNow(), tenant.District!.TimeZone);
}
