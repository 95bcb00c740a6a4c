using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Operations;
using Platform.Reporting.Campaigns;
using Platform.Reporting.SchoolReports;
using Platform.Reporting.Submissions;
using Platform.Tenancy.Resolution;
using Platform.Web.Shell;

namespace Platform.Web.Districts.Campaigns;

public sealed record CampaignRow(CampaignView Campaign, Completeness Totals);

public sealed record CreateCampaignForm(string? Title, string? PeriodFrom, string? PeriodTo, string? DueOn, string? LateAfterDays, string? LockOn,
    FormErrors Errors);

public sealed record CampaignPageModel(DistrictCampaignProgress Progress, IReadOnlyList<SubmissionSummary> Submissions);

public sealed record SubmissionsModel(Guid CampaignId, int Accepted, IReadOnlyList<SubmissionSummary> Submissions, FormErrors Errors, Guid? Fresh = null,
    OperationView? Operation = null);

public sealed record ReviewForm(SchoolReportView Report, Guid SchoolId, string SchoolName, string? Comment, FormErrors Errors, string? Notice = null);

/// <summary>
/// The district's campaigns: completeness of each, opening one, a row per school with its report, accepting or returning a
/// report with a comment, and the submission assembled from the accepted reports with its files (the API's download addresses:
/// the sign-in cookie authenticates them).
/// </summary>
public static class CampaignPages
{
    public static RouteGroupBuilder MapCampaignPages(this RouteGroupBuilder district)
    {
        district.MapGet("/campaigns", List).RequireAuthorization(Policies.DistrictRead);
        district.MapPost("/campaigns", Create).RequireAuthorization(Policies.DistrictWrite);
        district.MapGet("/campaigns/{id:guid}", Show).RequireAuthorization(Policies.DistrictRead);
        district.MapPost("/campaigns/{id:guid}/submissions", Assemble).RequireAuthorization(Policies.DistrictWrite);
        district.MapGet("/campaigns/{id:guid}/submissions", Submissions).RequireAuthorization(Policies.DistrictRead);
        district.MapGet("/reports/{id:guid}", Report).RequireAuthorization(Policies.DistrictRead);
        district.MapPost("/reports/{id:guid}/accept", Accept).RequireAuthorization(Policies.DistrictWrite);
        district.MapPost("/reports/{id:guid}/return", Return).RequireAuthorization(Policies.DistrictWrite);
        return district;
    }

    private static CreateCampaignForm DefaultForm(DateOnly today)
    {
        // The autumn monitoring covers the calendar year and is due on 23 December (seed 001).
        var year = today.Year;
        return new CreateCampaignForm($"Мониторинг {year}", $"{year}-01-01", $"{year}-12-31",
            Format.InputDate(new DateOnly(year, 12, CampaignCommands.DistrictDueDay)), "0", "", FormErrors.None);
    }

    private static async Task<List<CampaignRow>> RowsAsync(Guid districtId, DocumentSession session, DateTimeOffset now, CancellationToken ct)
    {
        var rows = new List<CampaignRow>();
        foreach (var c in await CampaignQueries.ListAsync(session, districtId, ct))
            if (await CampaignQueries.DistrictAsync(session, districtId, c.Id, now, ct) is { } p) rows.Add(new CampaignRow(c, p.Totals));
        return rows;
    }

    private static async Task<IResult> List(Guid districtId, HttpContext http, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        return Pages.Render<CampaignsPage>(new { Ui = ui, Campaigns = await RowsAsync(districtId, session, time.GetUtcNow(), ct), Form = DefaultForm(ui.Today) });
    }

    private static async Task<IResult> Create(Guid districtId, HttpContext http, DocumentSession session, TenantContext tenant, TimeProvider time,
        CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (f, valid) = await Pages.ReadFormAsync(http);
        var form = new CreateCampaignForm(f["title"], f["periodFrom"], f["periodTo"], f["dueOn"], f["lateAfterDays"], f["lockOn"], FormErrors.None);
        IResult Again(FormErrors errors) => Pages.Render<CreateCampaignFormView>(new { Ui = ui, Form = form with { Errors = errors } });
        if (!valid) return Pages.Render<CreateCampaignFormView>(new { Ui = ui, Form = form with { Errors = FormErrors.General(Pages.StaleForm) } },
            StatusCodes.Status400BadRequest);
        return await Pages.Attempt(async () =>
        {
            var errors = new Dictionary<string, string[]>();
            DateOnly? Date(string? text, string field)
            {
                var (date, error) = Pages.ParseDate(text);
                if (error is not null) errors[field] = [error];
                return date;
            }
            var from = Date(form.PeriodFrom, "periodFrom");
            var to = Date(form.PeriodTo, "periodTo");
            var due = Date(form.DueOn, "dueOn");
            var lockOn = Date(form.LockOn, "lockOn");
            int? lateAfter = null;
            if (Pages.Text(form.LateAfterDays) is { } days)
            {
                if (int.TryParse(days, out var n)) lateAfter = n;
                else errors["lateAfterDays"] = ["Укажите число дней, например 0 или 3."];
            }
            if (errors.Count > 0) throw new DomainValidationException(errors);
            var id = await CampaignEndpoints.OpenAsync(districtId, new OpenCampaign(Pages.Text(form.Title), from, to, due, lateAfter, lockOn), tenant, session,
                time, ct);
            return Pages.RedirectTo(http, ui.DistrictPath($"/campaigns/{id}"));
        }, Again);
    }

    private static async Task<IResult> Show(Guid districtId, Guid id, HttpContext http, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        if (await CampaignQueries.DistrictAsync(session, districtId, id, time.GetUtcNow(), ct) is not { } progress)
            return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Кампания не найдена." }, StatusCodes.Status404NotFound);
        var submissions = await SubmissionEndpoints.ListAsync(session, districtId, id, ct);
        return Pages.Render<CampaignPage>(new { Ui = ui, Model = new CampaignPageModel(progress, submissions) });
    }

    private static async Task<IResult> Section(HttpContext http, Guid districtId, Guid id, DocumentSession session, TimeProvider time, FormErrors errors,
        OperationView? operation, CancellationToken ct)
    {
        var accepted = (await CampaignQueries.DistrictAsync(session, districtId, id, time.GetUtcNow(), ct))?.Totals.Accepted ?? 0;
        if (operation is { Status: OperationStatus.Failed }) errors = FormErrors.General(operation.Message ?? "Не удалось собрать сводный отчёт.");
        Guid? fresh = operation is { Status: OperationStatus.Succeeded } ? operation.Id : null;
        return Pages.Render<SubmissionsSection>(new
        {
            Ui = UiContext.For(http),
            Model = new SubmissionsModel(id, accepted, await SubmissionEndpoints.ListAsync(session, districtId, id, ct), errors, fresh,
                operation is { Done: false } ? operation : null),
        });
    }

    /// <summary>Starts the assembly on a worker; the section then follows the operation until the submission is there.</summary>
    private static async Task<IResult> Assemble(Guid districtId, Guid id, HttpContext http, DocumentSession session, TenantContext tenant,
        SubmissionAssembly assembly, TimeProvider time, CancellationToken ct)
    {
        var (_, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return await Section(http, districtId, id, session, time, FormErrors.General(Pages.StaleForm), null, ct);
        try
        {
            if (await assembly.StartAsync(districtId, id, new AssembleSubmission(), session, tenant.Caller?.UserName, time.GetUtcNow(), ct) is not { } operation)
                return await Section(http, districtId, id, session, time, FormErrors.General("Кампания не найдена."), null, ct);
            return await Section(http, districtId, id, session, time, FormErrors.None, operation, ct);
        }
        catch (DomainValidationException e) { return await Section(http, districtId, id, session, time, new FormErrors(e.Errors), null, ct); }
        catch (DomainRuleException e) { return await Section(http, districtId, id, session, time, FormErrors.General(e.Message), null, ct); }
    }

    /// <summary>The section again (htmx polls it while an operation runs: ?operation=id).</summary>
    private static async Task<IResult> Submissions(Guid districtId, Guid id, Guid? operation, HttpContext http, DocumentSession session, TimeProvider time,
        CancellationToken ct) =>
        await Section(http, districtId, id, session, time, FormErrors.None,
            operation is { } op ? await OperationView.FindAsync(session, op, ct) : null, ct);

    private static async Task<(SchoolReportView Report, Guid School, string Name)?> LoadAsync(Guid districtId, Guid id, DocumentSession session,
        TimeProvider time, CancellationToken ct)
    {
        if (await SchoolReportEndpoints.SchoolOfAsync(session, districtId, id, ct) is not { } school) return null;
        if (await SchoolReportEndpoints.ViewAsync(session, session.ForTenant(school), school, id, null, time.GetUtcNow(), ct) is not { } report) return null;
        var name = (await session.QueryAsync("SELECT short_name FROM registry.schools WHERE tenant_id = $1 AND id = $2", r => r.GetString(0), ct,
            districtId, school)).FirstOrDefault() ?? "";
        return (report, school, name);
    }

    private static async Task<IResult> Report(Guid districtId, Guid id, HttpContext http, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        if (await LoadAsync(districtId, id, session, time, ct) is not { } loaded)
            return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Отчёт не найден." }, StatusCodes.Status404NotFound);
        return Pages.Render<DistrictReportPage>(new { Ui = ui, Form = new ReviewForm(loaded.Report, loaded.School, loaded.Name, null, FormErrors.None) });
    }

    private static Task<IResult> Accept(Guid districtId, Guid id, HttpContext http, DocumentSession session, ReportDecision decide, TimeProvider time,
        CancellationToken ct) =>
        Review(districtId, id, http, session, decide, time, ct, (r, duty, now, comment) => SchoolReportCommands.Accept(r, now), "Отчёт принят.");

    private static Task<IResult> Return(Guid districtId, Guid id, HttpContext http, DocumentSession session, ReportDecision decide, TimeProvider time,
        CancellationToken ct) =>
        Review(districtId, id, http, session, decide, time, ct,
            (r, duty, now, comment) => SchoolReportCommands.Return(r, duty, new ReturnReport(comment), now), "Отчёт возвращён организации с комментарием.");

    private static async Task<IResult> Review(Guid districtId, Guid id, HttpContext http, DocumentSession session, ReportDecision decide, TimeProvider time,
        CancellationToken ct, Func<SchoolReport, SchoolDuty, DateTimeOffset, string?, object> decision, string notice)
    {
        var ui = UiContext.For(http);
        if (await LoadAsync(districtId, id, session, time, ct) is not { } loaded)
            return Pages.Render<FormAlert>(new { Errors = FormErrors.General("Отчёт не найден.") }, StatusCodes.Status404NotFound);
        var (form, valid) = await Pages.ReadFormAsync(http);
        var comment = Pages.Text(form["comment"]);
        IResult Section(ReviewForm f) => Pages.Render<ReviewSection>(new { Ui = ui, Form = f });
        if (!valid) return Pages.Render<ReviewSection>(new { Ui = ui, Form = new ReviewForm(loaded.Report, loaded.School, loaded.Name, comment,
            FormErrors.General(Pages.StaleForm)) }, StatusCodes.Status400BadRequest);
        return await Pages.Attempt(async () =>
        {
            await decide.ApplyAsync(session.ForTenant(loaded.School), loaded.School, id, ct,
                (r, duty, now) => Task.FromResult(decision(r, duty, now, comment)));
            var fresh = (await LoadAsync(districtId, id, session, time, ct))!.Value;
            return Section(new ReviewForm(fresh.Report, fresh.School, fresh.Name, null, FormErrors.None, notice));
        }, e => Section(new ReviewForm(loaded.Report, loaded.School, loaded.Name, comment, e)));
    }
}
