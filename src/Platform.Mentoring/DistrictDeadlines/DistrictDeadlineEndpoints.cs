using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.DistrictActs;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;

namespace Platform.Mentoring.DistrictDeadlines;

/// <summary>
/// Deadlines the district sets for its schools (set, change, cancel, history; per deadline who is late) and the schools'
/// side (their deadlines with done/overdue; marking one done or taking the mark back).
/// </summary>
public static class DistrictDeadlineEndpoints
{
    public static readonly IReadOnlyDictionary<string, string> EventTitles = new Dictionary<string, string>
    {
        ["district_deadline_set"] = "Срок установлен",
        ["district_deadline_changed"] = "Срок изменён",
        ["district_deadline_cancelled"] = "Срок отменён",
    };

    public static IEndpointRouteBuilder MapDistrictDeadlines(this IEndpointRouteBuilder app)
    {
        var district = app.MapGroup("/api/districts/{districtId:guid}/deadlines").WithTags("Сроки района");
        district.MapGet("", List).RequireAuthorization(Policies.DistrictRead)
            .WithSummary("Сроки района для организаций: сколько выполнили (ежегодный — в этом году) и кто опаздывает");
        district.MapPost("", Set).RequireAuthorization(Policies.DistrictWrite)
            .WithSummary("Установить срок: дата (dueOn) или ежегодно день и месяц (yearlyDay, yearlyMonth), акт района, чем выполняется (completedBy)");
        district.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.DistrictRead).WithSummary("Срок района (ETag: версия)");
        district.MapPut("/{id:guid}", Change).RequireAuthorization(Policies.DistrictWrite).WithSummary("Изменить условия срока (If-Match: версия)");
        district.MapPost("/{id:guid}/cancel", Cancel).RequireAuthorization(Policies.DistrictWrite).WithSummary("Отменить срок: причина");
        district.MapGet("/{id:guid}/history", History).RequireAuthorization(Policies.DistrictRead).WithSummary("История изменений срока");

        var school = app.MapGroup("/api/schools/{schoolId:guid}/district-deadlines").WithTags("Сроки района");
        school.MapGet("", ForSchool).RequireAuthorization(Policies.SchoolRead).WithSummary("Сроки района для организации: выполнено, просрочено, впереди");
        school.MapPost("/{id:guid}/done", MarkDone).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Отметить срок выполненным (ежегодный — за год year, по умолчанию текущий)");
        school.MapDelete("/{id:guid}/done", Undo).RequireAuthorization(Policies.SchoolWrite).WithSummary("Снять отметку о выполнении (ежегодный — за год year)");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<DeadlineProgress>>> List(Guid districtId, DocumentSession session, TenantContext tenant, TimeProvider time,
        CancellationToken ct) =>
        TypedResults.Ok(await DistrictDeadlineList.ProgressAsync(session, districtId, DistrictActEndpoints.Today(tenant, time), ct));

    private static async Task<Created<DistrictDeadlineView>> Set(Guid districtId, SetDistrictDeadline command, DocumentSession session, TenantContext tenant,
        TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var view = await SetAsync(session, districtId, command, DistrictActEndpoints.Today(tenant, time), ct);
        http.Response.Headers.ETag = "\"1\"";
        return TypedResults.Created($"/api/districts/{districtId}/deadlines/{view.Id}", view);
    }

    /// <summary>Sets a deadline (the API's and the web page's way).</summary>
    public static async Task<DistrictDeadlineView> SetAsync(DocumentSession session, Guid districtId, SetDistrictDeadline command, DateOnly today, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        session.Events.StartStream<DistrictDeadline>(id, DistrictDeadlineCommands.Set(id, command, await ActAsync(session, districtId, command.ActId, ct), today));
        await session.SaveChangesAsync(ct);
        return (await DistrictDeadlineList.FindAsync(session, districtId, id, ct))!;
    }

    private static async Task<Results<Ok<DistrictDeadlineView>, NotFound>> Get(Guid districtId, Guid id, DocumentSession session, HttpContext http, CancellationToken ct)
    {
        if (await DistrictDeadlineList.FindAsync(session, districtId, id, ct) is not { } view) return TypedResults.NotFound();
        http.Response.Headers.ETag = $"\"{view.Version}\"";
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<DistrictDeadlineView>, NotFound>> Change(Guid districtId, Guid id, SetDistrictDeadline command, DocumentSession session,
        TenantContext tenant, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var act = await ActAsync(session, districtId, command.ActId, ct);
        var today = DistrictActEndpoints.Today(tenant, time);
        return await DecideAsync(districtId, id, session, http, ct, d => DistrictDeadlineCommands.Change(d, command, act, today)) is { } view
            ? TypedResults.Ok(view) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<DistrictDeadlineView>, NotFound>> Cancel(Guid districtId, Guid id, CancelDistrictDeadline command, DocumentSession session,
        TenantContext tenant, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var today = DistrictActEndpoints.Today(tenant, time);
        return await DecideAsync(districtId, id, session, http, ct, d => [DistrictDeadlineCommands.Cancel(d, command, today)]) is { } view
            ? TypedResults.Ok(view) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<IReadOnlyList<EventHistoryItem>>, NotFound>> History(Guid id, DocumentSession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not DistrictDeadlineSet) return TypedResults.NotFound();
        return TypedResults.Ok<IReadOnlyList<EventHistoryItem>>(events.Select(e => EventHistoryItem.From(e, EventTitles)).ToList());
    }

    /// <summary>Load, decide, append; null: no such deadline in the district.</summary>
    public static async Task<DistrictDeadlineView?> DecideAsync(Guid districtId, Guid id, DocumentSession session, HttpContext http, CancellationToken ct,
        Func<DistrictDeadline, object[]> decide)
    {
        var stream = await session.Events.FetchForWriting<DistrictDeadline>(id, ct);
        if (stream.Aggregate is null) return null;
        await stream.DecideAsync(session, http, decide, ct);
        return await DistrictDeadlineList.FindAsync(session, districtId, id, ct);
    }

    private static async Task<CitedAct?> ActAsync(DocumentSession session, Guid districtId, Guid? actId, CancellationToken ct) =>
        actId is null ? null : (await session.QueryAsync(
            "SELECT id, date, repealed_on IS NOT NULL FROM mentoring.district_acts WHERE tenant_id = $1 AND id = $2",
            r => new CitedAct(r.GetGuid(0), r.GetFieldValue<DateOnly>(1), r.GetBoolean(2)), ct, districtId, actId)).SingleOrDefault();

    private static async Task<Ok<IReadOnlyList<SchoolDeadlineRow>>> ForSchool(Guid schoolId, DocumentSession session, TenantContext tenant, TimeProvider time,
        CancellationToken ct) =>
        TypedResults.Ok(await DistrictDeadlineList.ForSchoolAsync(session, schoolId, SchoolToday(tenant, time), ct));

    private static async Task<Results<Ok<IReadOnlyList<SchoolDeadlineRow>>, NotFound>> MarkDone(Guid schoolId, Guid id, MarkDistrictDeadline command,
        DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct)
    {
        var today = SchoolToday(tenant, time);
        if (!await MarkAsync(session, tenant.School!, id, today, ct, (d, marks) => DistrictDeadlineCommands.MarkDone(d, marks, command, today)))
            return TypedResults.NotFound();
        return TypedResults.Ok(await DistrictDeadlineList.ForSchoolAsync(session, schoolId, today, ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<SchoolDeadlineRow>>, NotFound>> Undo(Guid schoolId, Guid id, int? year, DocumentSession session,
        TenantContext tenant, TimeProvider time, CancellationToken ct)
    {
        var today = SchoolToday(tenant, time);
        if (!await MarkAsync(session, tenant.School!, id, today, ct, (d, marks) => DistrictDeadlineCommands.Undo(d, marks, year)))
            return TypedResults.NotFound();
        return TypedResults.Ok(await DistrictDeadlineList.ForSchoolAsync(session, schoolId, today, ct));
    }

    /// <summary>
    /// The school's mark on a deadline of its district (the API's and the overview page's way): the deadline is read from the
    /// catalog table, the marks from the school's own stream for it. False: the district has no such deadline.
    /// </summary>
    public static async Task<bool> MarkAsync(DocumentSession session, SchoolEntry school, Guid deadlineId, DateOnly today, CancellationToken ct,
        Func<DistrictDeadline, DistrictDeadlineMarks?, object> decide)
    {
        if (await DistrictDeadlineList.FindAsync(session, school.DistrictId, deadlineId, ct) is not { } view) return false;
        var streamId = DistrictDeadlineMarks.StreamId(school.Id, deadlineId);
        var stream = await session.Events.FetchForWriting<DistrictDeadlineMarks>(streamId, ct);
        // A first mark starts the stream: Marten appends to a new stream expecting version 0, so two first marks cannot both pass.
        stream.AppendOne(decide(DistrictDeadlineList.State(view), stream.Aggregate));
        await session.SaveChangesAsync(ct);
        return true;
    }

    private static DateOnly SchoolToday(TenantContext tenant, TimeProvider time) => RussianTimeZones.Today(time.GetUtcNow(), tenant.School!.TimeZone);
}
