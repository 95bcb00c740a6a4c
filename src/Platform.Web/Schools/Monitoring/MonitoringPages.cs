using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Reporting.Indicators;
using Platform.Reporting.SchoolReports;
using Platform.Tenancy.Resolution;
using Platform.Web.Schools.History;
using Platform.Web.Shell;

namespace Platform.Web.Schools.Monitoring;

/// <summary>The report's values as the form shows them: what was typed (kept after a refusal) and the messages.</summary>
public sealed record ReportForm(SchoolReportView Report, IReadOnlyDictionary<string, string?> Typed, FormErrors Errors, string? Notice = null)
{
    public string Shown(ReportValue v) => Typed.TryGetValue(v.Code, out var t) ? t ?? "" : ReportFormat.Input(v.Value);
}

/// <summary>
/// The school's monitoring: the campaigns it must report in with the report's status; the report generated from the school's
/// data, its hand-entered values, the submission to the district; a returned report shows the district's comment.
/// </summary>
public static class MonitoringPages
{
    public static RouteGroupBuilder MapMonitoringPages(this RouteGroupBuilder school)
    {
        school.MapGet("/monitoring", List).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/monitoring/reports", Generate).RequireAuthorization(Policies.SchoolWrite);
        school.MapGet("/monitoring/reports/{id:guid}", Show).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/monitoring/reports/{id:guid}/values", Save).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/monitoring/reports/{id:guid}/refresh", Refresh).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/monitoring/reports/{id:guid}/submit", Submit).RequireAuthorization(Policies.SchoolWrite);
        return school;
    }

    private static async Task<IResult> List(Guid schoolId, HttpContext http, DocumentSession session, CancellationToken ct) =>
        Pages.Render<MonitoringPage>(new { Ui = UiContext.For(http), Duties = await SchoolDuties.ListAsync(session, schoolId, ct) });

    private static async Task<IResult> Generate(Guid schoolId, HttpContext http, DocumentSession session, TenantContext tenant, TimeProvider time,
        CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (form, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return Pages.Render<FormAlert>(new { Errors = FormErrors.General(Pages.StaleForm) }, StatusCodes.Status400BadRequest);
        return await Pages.Attempt(async () =>
        {
            var report = await SchoolReportEndpoints.GenerateAsync(schoolId, new GenerateReport(Pages.Id(form["campaignId"])), tenant, session, time, ct);
            return Pages.RedirectTo(http, ui.SchoolPath($"/monitoring/reports/{report.Id}"));
        }, errors => Pages.Render<FormAlert>(new { Errors = errors }));
    }

    /// <summary>The report, or with <c>asOf</c> the version it had at the end of that day, and its history.</summary>
    private static async Task<IResult> Show(Guid schoolId, Guid id, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "asOf")] string? asOfText, HttpContext http, DocumentSession session, TimeProvider time,
        CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (asOf, refusal) = Pages.AsOf(ui, asOfText);
        if (refusal is not null) return refusal;
        if (await SchoolReportEndpoints.ViewAsync(session, session.Events, schoolId, id, Pages.EndOfDay(asOf, ui.TimeZone), time.GetUtcNow(), ct) is not { } report)
            return Pages.Render<NotFoundPage>(new { Ui = ui, Message = asOf is null ? "Отчёт не найден." : "На эту дату отчёта ещё не было." },
                StatusCodes.Status404NotFound);
        return Pages.Render<ReportPage>(new
        {
            Ui = ui, Form = new ReportForm(report, new Dictionary<string, string?>(), FormErrors.None),
            History = await RecordHistory.LoadAsync(session, id, ct), AsOf = asOf,
        });
    }

    /// <summary>The hand-entered values posted as <c>values.{code}</c>; a value that is not a number is a message next to its field.</summary>
    private static (Dictionary<string, decimal?> Values, Dictionary<string, string?> Typed, Dictionary<string, string[]> Errors) ReadValues(
        IFormCollection form, SchoolReportView report)
    {
        var values = new Dictionary<string, decimal?>();
        var typed = new Dictionary<string, string?>();
        var errors = new Dictionary<string, string[]>();
        foreach (var v in report.Values.Where(v => v.Source == IndicatorSource.Manual))
        {
            var key = $"values.{v.Code}";
            if (!form.ContainsKey(key)) continue;
            string? text = form[key];
            typed[v.Code] = text;
            if (ReportFormat.TryParse(text, out var number)) values[v.Code] = number;
            else errors[key] = [$"«{v.Name}»: введите число, например 12 или 12,5."];
        }
        return (values, typed, errors);
    }

    private static async Task<IResult> Save(Guid schoolId, Guid id, HttpContext http, DocumentSession session, ReportDecision decide, TimeProvider time,
        CancellationToken ct) =>
        await Change(schoolId, id, http, session, time, ct, async (report, values) =>
        {
            await decide.ApplyAsync(session.Events, schoolId, id, ct, (r, duty, now) =>
                Task.FromResult<object>(SchoolReportCommands.Enter(r, duty, new EnterValues(values), now)));
            return "Значения сохранены.";
        });

    private static async Task<IResult> Refresh(Guid schoolId, Guid id, HttpContext http, DocumentSession session, ReportDecision decide, TenantContext tenant,
        TimeProvider time, CancellationToken ct) =>
        await Change(schoolId, id, http, session, time, ct, async (report, values) =>
        {
            await decide.ApplyAsync(session.Events, schoolId, id, ct, async (r, duty, now) =>
            {
                var computed = await SchoolReportEndpoints.ComputeAsync(session, tenant.School!, duty, now, ct);
                return SchoolReportCommands.Refresh(r, duty, now, computed, now);
            });
            return "Показатели пересчитаны по данным на сейчас.";
        }, keepTyped: true);

    /// <summary>Saves what was typed and submits, in one append: the curator need not press «Сохранить» first.</summary>
    private static async Task<IResult> Submit(Guid schoolId, Guid id, HttpContext http, DocumentSession session, TimeProvider time, CancellationToken ct) =>
        await Change(schoolId, id, http, session, time, ct, async (report, values) =>
        {
            var stream = await session.Events.FetchForWriting<SchoolReport>(id, ct);
            if (stream.Aggregate is not { } r) throw new RecordNotFoundException("Отчёт не найден.");
            var duty = await SchoolDuties.FindAsync(session, schoolId, r.CampaignId, ct) ?? throw new RecordNotFoundException("Кампания отчёта не найдена.");
            var now = time.GetUtcNow();
            var events = new List<object>();
            var changed = values.Where(kv => r.Values.GetValueOrDefault(kv.Key) != kv.Value).ToDictionary();
            if (changed.Count > 0 && r.Status is ReportStatus.Draft or ReportStatus.Returned)
            {
                var entered = SchoolReportCommands.Enter(r, duty, new EnterValues(changed), now);
                events.Add(entered);
                r = session.Store.Fold(r, [entered])!;
            }
            events.Add(SchoolReportCommands.Submit(r, duty, now));
            stream.AppendMany([.. events]);
            await session.SaveChangesAsync(ct);
            return "Отчёт сдан в район.";
        });

    private static async Task<IResult> Change(Guid schoolId, Guid id, HttpContext http, DocumentSession session, TimeProvider time, CancellationToken ct,
        Func<SchoolReportView, Dictionary<string, decimal?>, Task<string>> change, bool keepTyped = false)
    {
        var ui = UiContext.For(http);
        if (await SchoolReportEndpoints.ViewAsync(session, session.Events, schoolId, id, null, time.GetUtcNow(), ct) is not { } report)
            return Pages.Render<FormAlert>(new { Errors = FormErrors.General("Отчёт не найден.") }, StatusCodes.Status404NotFound);
        var (form, valid) = await Pages.ReadFormAsync(http);
        var (values, typed, errors) = ReadValues(form, report);
        IResult Section(ReportForm f) => Pages.Render<ReportSection>(new { Ui = ui, Form = f });
        if (!valid) return Pages.Render<ReportSection>(new { Ui = ui, Form = new ReportForm(report, typed, FormErrors.General(Pages.StaleForm)) },
            StatusCodes.Status400BadRequest);
        return await Pages.Attempt(async () =>
        {
            if (errors.Count > 0) throw new DomainValidationException(errors);
            var notice = await change(report, values);
            var fresh = (await SchoolReportEndpoints.ViewAsync(session, session.Events, schoolId, id, null, time.GetUtcNow(), ct))!;
            return Section(new ReportForm(fresh, keepTyped ? typed : new Dictionary<string, string?>(), FormErrors.None, notice));
        }, e => Section(new ReportForm(report, typed, e)));
    }
}
