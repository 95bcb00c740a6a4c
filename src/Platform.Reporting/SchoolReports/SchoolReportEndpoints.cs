using Platform.Mentoring.Facts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Platform.EventStore;
using Platform.Reporting.Campaigns;
using Platform.Reporting.Indicators;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;

namespace Platform.Reporting.SchoolReports;

/// <summary>
/// A school's reports: its campaigns, generate from its data as of a cut-off, fill the values entered by hand, submit;
/// the district reads, accepts or returns them with a comment. Every version: history and asOf.
/// </summary>
public static class SchoolReportEndpoints
{
    /// <summary>The Russian phrase of each event code its history can show (beside the code, which programs keep using).</summary>
    public static readonly IReadOnlyDictionary<string, string> EventTitles = new Dictionary<string, string>
    {
        ["school_report_generated"] = "Отчёт сформирован по данным организации",
        ["school_report_refreshed"] = "Показатели пересчитаны по данным на новую дату",
        ["school_report_values_entered"] = "Внесены значения показателей",
        ["school_report_submitted"] = "Отчёт сдан в район",
        ["school_report_returned"] = "Отчёт возвращён районом на доработку",
        ["school_report_accepted"] = "Отчёт принят районом",
    };

    public static IEndpointRouteBuilder MapSchoolReports(this IEndpointRouteBuilder app)
    {
        var school = app.MapGroup("/api/schools/{schoolId:guid}").WithTags("Мониторинг: отчёты организаций");
        school.MapGet("/campaigns", Duties).RequireAuthorization(Policies.SchoolRead).WithSummary("Кампании мониторинга, в которых организация должна отчитаться");
        school.MapPost("/reports", Generate).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Сформировать отчёт по кампании из данных организации на дату среза (черновик)");
        school.MapGet("/reports/{id:guid}", GetForSchool).RequireAuthorization(Policies.SchoolRead).WithSummary("Отчёт (asOf: версия на момент)");
        school.MapGet("/reports/{id:guid}/history", HistoryForSchool).RequireAuthorization(Policies.SchoolRead).WithSummary("Все версии отчёта: кто, когда, что");
        school.MapPost("/reports/{id:guid}/refresh", Refresh).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Пересчитать показатели по данным на новую дату среза (введённые вручную сохраняются)");
        school.MapPut("/reports/{id:guid}/values", Enter).RequireAuthorization(Policies.SchoolWrite).WithSummary("Внести значения показателей, вводимых вручную");
        school.MapPost("/reports/{id:guid}/submit", Submit).RequireAuthorization(Policies.SchoolWrite).WithSummary("Сдать отчёт в район");

        var district = app.MapGroup("/api/districts/{districtId:guid}/reports/{id:guid}").WithTags("Мониторинг: отчёты организаций");
        district.MapGet("", GetForDistrict).RequireAuthorization(Policies.DistrictRead).WithSummary("Отчёт организации (asOf: версия на момент)");
        district.MapGet("/history", HistoryForDistrict).RequireAuthorization(Policies.DistrictRead).WithSummary("Все версии отчёта");
        district.MapPost("/accept", Accept).RequireAuthorization(Policies.DistrictWrite).WithSummary("Принять отчёт (после этого он закрыт)");
        district.MapPost("/return", Return).RequireAuthorization(Policies.DistrictWrite).WithSummary("Вернуть отчёт на доработку с комментарием");
        return app;
    }

    private static async Task<Ok<List<SchoolDuty>>> Duties(Guid schoolId, DocumentSession session, CancellationToken ct) =>
        TypedResults.Ok(await SchoolDuties.ListAsync(session, schoolId, ct));

    private static async Task<Created<SchoolReportView>> Generate(
        Guid schoolId, GenerateReport command, TenantContext tenant, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var view = await GenerateAsync(schoolId, command, tenant, session, time, ct);
        return TypedResults.Created($"/api/schools/{schoolId}/reports/{view.Id}", view);
    }

    /// <summary>The draft report of the school's campaign from its data as of the cut-off (also used by the web UI).</summary>
    public static async Task<SchoolReportView> GenerateAsync(
        Guid schoolId, GenerateReport command, TenantContext tenant, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        new Validation().Require(command.CampaignId is not null, "campaignId", "Укажите кампанию мониторинга (campaignId).").ThrowIfInvalid();
        var duty = await SchoolDuties.FindAsync(session, schoolId, command.CampaignId!.Value, ct);
        if (duty is null) throw new RecordNotFoundException("Организация не участвует в этой кампании.");
        var now = time.GetUtcNow();
        var cut = SchoolReportCommands.CheckCutOff(command.CutOff, now);
        var indicators = await IndicatorSets.ForRegionAsync(session, tenant.School!.RegionId, ct);
        var computed = await ComputeAsync(session, tenant.School, duty, cut, ct);
        var id = Guid.CreateVersion7();
        var generated = SchoolReportCommands.Generate(id, duty, cut, indicators, computed, now);
        session.Events.StartStream<SchoolReport>(id, generated);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new DomainRuleException("Отчёт по этой кампании уже сформирован: обновите его данные или продолжите заполнение.");
        }
        return SchoolReportView.From(SchoolReport.Create(generated), schoolId, duty, 1, now);
    }

    public static Task<Dictionary<string, decimal?>> ComputeAsync(DocumentSession session, SchoolEntry school, SchoolDuty duty, DateTimeOffset cut,
        CancellationToken ct) =>
        SchoolFacts.ComputeAsync(session, new SchoolFacts.Cut(school.Id, school.RegionId, cut, Deadlines.Today(cut, school.TimeZone),
            duty.PeriodFrom, duty.PeriodTo), ct);

    private static Task<Results<Ok<SchoolReportView>, NotFound>> GetForSchool(Guid schoolId, Guid id, DateTimeOffset? asOf, DocumentSession session,
        TimeProvider time, HttpContext http, CancellationToken ct) =>
        GetAsync(session, session.Events, schoolId, id, asOf, time, http, ct);

    private static Task<Results<Ok<IReadOnlyList<EventHistoryItem>>, NotFound>> HistoryForSchool(Guid id, DocumentSession session, CancellationToken ct) =>
        HistoryAsync(session.Events, id, ct);

    private static async Task<Results<Ok<SchoolReportView>, NotFound>> GetForDistrict(Guid districtId, Guid id, DateTimeOffset? asOf,
        DocumentSession session, TimeProvider time, HttpContext http, CancellationToken ct) =>
        await SchoolOfAsync(session, districtId, id, ct) is { } school
            ? await GetAsync(session, session.ForTenant(school), school, id, asOf, time, http, ct)
            : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<EventHistoryItem>>, NotFound>> HistoryForDistrict(Guid districtId, Guid id, DocumentSession session,
        CancellationToken ct) =>
        await SchoolOfAsync(session, districtId, id, ct) is { } school ? await HistoryAsync(session.ForTenant(school), id, ct) : TypedResults.NotFound();

    private static async Task<Results<Ok<SchoolReportView>, NotFound>> GetAsync(DocumentSession session, EventOperations events, Guid schoolId, Guid id,
        DateTimeOffset? asOf, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (await ViewAsync(session, events, schoolId, id, asOf, time.GetUtcNow(), ct) is not { } view) return TypedResults.NotFound();
        http.Response.Headers.ETag = $"\"{view.Version}\"";
        return TypedResults.Ok(view);
    }

    /// <summary>The report as of a moment (the latest without one); null when there is no such report in the school.</summary>
    public static async Task<SchoolReportView?> ViewAsync(DocumentSession session, EventOperations events, Guid schoolId, Guid id,
        DateTimeOffset? asOf, DateTimeOffset now, CancellationToken ct)
    {
        var stream = await events.FetchStreamAsync(id, timestamp: asOf, ct: ct);
        if (stream.Count == 0 || stream[0].Data is not SchoolReportGenerated g) return null;
        var report = session.Store.Fold<SchoolReport>(null, stream.Select(e => e.Data))!;
        var duty = await SchoolDuties.FindAsync(session, schoolId, g.CampaignId, ct);
        return SchoolReportView.From(report, schoolId, duty, stream[^1].Version, now);
    }

    private static async Task<Results<Ok<IReadOnlyList<EventHistoryItem>>, NotFound>> HistoryAsync(EventOperations events, Guid id, CancellationToken ct)
    {
        var stream = await events.FetchStreamAsync(id, ct: ct);
        if (stream.Count == 0 || stream[0].Data is not SchoolReportGenerated) return TypedResults.NotFound();
        return TypedResults.Ok<IReadOnlyList<EventHistoryItem>>(
            stream.Select(e => EventHistoryItem.From(e, EventTitles)).ToList());
    }

    /// <summary>The school whose report this is, if it is a report of the district.</summary>
    public static async Task<Guid?> SchoolOfAsync(DocumentSession session, Guid districtId, Guid reportId, CancellationToken ct) =>
        (await session.QueryAsync("SELECT tenant_id FROM reporting.school_reports WHERE district_id = $1 AND id = $2",
            r => (Guid?)r.GetGuid(0), ct, districtId, reportId)).FirstOrDefault();

    private static Task<Results<Ok<SchoolReportView>, NotFound>> Refresh(Guid schoolId, Guid id, RefreshReport command, TenantContext tenant,
        ReportDecision decide, CancellationToken ct) =>
        decide.ApplyAsync(decide.Session.Events, schoolId, id, ct, async (r, duty, now) =>
        {
            var cut = SchoolReportCommands.CheckCutOff(command.CutOff, now);
            var computed = await ComputeAsync(decide.Session, tenant.School!, duty, cut, ct);
            return SchoolReportCommands.Refresh(r, duty, cut, computed, now);
        });

    private static Task<Results<Ok<SchoolReportView>, NotFound>> Enter(Guid schoolId, Guid id, EnterValues command, ReportDecision decide, CancellationToken ct) =>
        decide.ApplyAsync(decide.Session.Events, schoolId, id, ct, (r, duty, now) => Task.FromResult<object>(SchoolReportCommands.Enter(r, duty, command, now)));

    private static Task<Results<Ok<SchoolReportView>, NotFound>> Submit(Guid schoolId, Guid id, ReportDecision decide, CancellationToken ct) =>
        decide.ApplyAsync(decide.Session.Events, schoolId, id, ct, (r, duty, now) => Task.FromResult<object>(SchoolReportCommands.Submit(r, duty, now)));

    private static async Task<Results<Ok<SchoolReportView>, NotFound>> Accept(Guid districtId, Guid id, ReportDecision decide, CancellationToken ct) =>
        await SchoolOfAsync(decide.Session, districtId, id, ct) is { } school
            ? await decide.ApplyAsync(decide.Session.ForTenant(school), school, id, ct, (r, _, now) => Task.FromResult<object>(SchoolReportCommands.Accept(r, now)))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<SchoolReportView>, NotFound>> Return(Guid districtId, Guid id, ReturnReport command, ReportDecision decide,
        CancellationToken ct) =>
        await SchoolOfAsync(decide.Session, districtId, id, ct) is { } school
            ? await decide.ApplyAsync(decide.Session.ForTenant(school), school, id, ct,
                (r, duty, now) => Task.FromResult<object>(SchoolReportCommands.Return(r, duty, command, now)))
            : TypedResults.NotFound();
}

/// <summary>Load, decide, append for one report: optimistic against If-Match, or the version just loaded.</summary>
public sealed class ReportDecision(DocumentSession session, TimeProvider time, IHttpContextAccessor accessor)
{
    public DocumentSession Session => session;

    public async Task<Results<Ok<SchoolReportView>, NotFound>> ApplyAsync(EventOperations events, Guid schoolId, Guid id, CancellationToken ct,
        Func<SchoolReport, SchoolDuty, DateTimeOffset, Task<object>> decide)
    {
        var http = accessor.HttpContext!;
        var stream = await events.FetchForWriting<SchoolReport>(id, ct);
        if (stream.Aggregate is null) return TypedResults.NotFound();
        var ifMatch = http.Request.Headers.IfMatch.ToString().Trim('"', 'W', '/');
        var expected = long.TryParse(ifMatch, out var v) ? v : stream.Version;
        if (expected != stream.Version) throw new ConcurrencyException(id, expected, stream.Version);
        var duty = await SchoolDuties.FindAsync(session, schoolId, stream.Aggregate.CampaignId, ct)
            ?? throw new RecordNotFoundException("Кампания отчёта не найдена.");
        var now = time.GetUtcNow();
        var e = await decide(stream.Aggregate, duty, now);
        stream.AppendOne(e);
        await session.SaveChangesAsync(ct);
        var report = session.Store.Fold(stream.Aggregate, [e])!;
        http.Response.Headers.ETag = $"\"{stream.Version + 1}\"";
        return TypedResults.Ok(SchoolReportView.From(report, schoolId, duty, stream.Version + 1, now));
    }
}
