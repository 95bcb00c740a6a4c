using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.DistrictActs;
using Platform.Mentoring.DistrictDeadlines;
using Platform.Web.Shell;

namespace Platform.Web.Districts.Deadlines;

/// <param name="Repeat">«once» (a date) or «yearly» (a day and month every year).</param>
public sealed record DeadlineForm(string? Title, string? Repeat, string? DueOn, string? YearlyDay, string? YearlyMonth, string? FirstYear, string? ActId,
    string? CompletedBy, FormErrors Errors)
{
    public static readonly DeadlineForm Empty = new(null, "once", null, null, null, null, null, CompletedByNames.Code(Platform.Mentoring.DistrictDeadlines.CompletedBy.School), FormErrors.None);
}

public sealed record CancelDeadlineForm(Guid DeadlineId, string? Reason, FormErrors Errors);

public sealed record DistrictDeadlinesModel(IReadOnlyList<DeadlineProgress> Deadlines, IReadOnlyList<DistrictActView> Acts, DeadlineForm Set, CancelDeadlineForm? Cancel);

/// <summary>
/// «Сроки района»: the deadlines the district sets its schools, each with how many schools have done it and which are late;
/// setting one (a date or a day and month every year, the act it comes from, what completes it) and cancelling one.
/// </summary>
public static class DistrictDeadlinePages
{
    public static RouteGroupBuilder MapDistrictDeadlinePages(this RouteGroupBuilder district)
    {
        district.MapGet("/deadlines", List).RequireAuthorization(Policies.DistrictRead);
        district.MapPost("/deadlines", Set).RequireAuthorization(Policies.DistrictWrite);
        district.MapPost("/deadlines/{id:guid}/cancel", Cancel).RequireAuthorization(Policies.DistrictWrite);
        return district;
    }

    private static async Task<DistrictDeadlinesModel> ModelAsync(UiContext ui, Guid districtId, DocumentSession session, DeadlineForm set, CancelDeadlineForm? cancel,
        CancellationToken ct) =>
        new(await DistrictDeadlineList.ProgressAsync(session, districtId, ui.Today, ct), await DistrictActList.QueryAsync(session, districtId, false, ct), set, cancel);

    private static async Task<IResult> List(Guid districtId, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        return Pages.Render<DistrictDeadlinesPage>(new { Ui = ui, Model = await ModelAsync(ui, districtId, session, DeadlineForm.Empty, null, ct) });
    }

    private static async Task<IResult> Section(UiContext ui, Guid districtId, DocumentSession session, CancellationToken ct) =>
        Pages.Render<DistrictDeadlinesSection>(new { Ui = ui, Model = await ModelAsync(ui, districtId, session, DeadlineForm.Empty, null, ct) });

    private static async Task<IResult> Set(Guid districtId, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (f, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return Pages.Render<FormAlert>(new { Errors = FormErrors.General(Pages.StaleForm) }, StatusCodes.Status400BadRequest);
        var form = new DeadlineForm(f["title"], f["repeat"], f["dueOn"], f["yearlyDay"], f["yearlyMonth"], f["firstYear"], f["actId"], f["completedBy"], FormErrors.None);
        var model = await ModelAsync(ui, districtId, session, form, null, ct);
        IResult Again(FormErrors errors) => Pages.Render<DistrictDeadlinesSection>(new { Ui = ui, Model = model with { Set = form with { Errors = errors } } });
        return await Pages.Attempt(async () =>
        {
            var yearly = form.Repeat == "yearly";
            var command = new SetDistrictDeadline(Pages.Text(form.Title),
                yearly ? null : Pages.Date(form.DueOn, "dueOn"),
                yearly ? Number(form.YearlyMonth, "yearlyMonth", "Выберите месяц.") : null,
                yearly ? Number(form.YearlyDay, "yearlyDay", "День — число от 1 до 31.") : null,
                yearly ? Number(form.FirstYear, "firstYear", "Год — четыре цифры, например 2022.") : null,
                Pages.Id(form.ActId),
                CompletedByNames.TryParse(form.CompletedBy, out var by) ? by : null);
            await DistrictDeadlineEndpoints.SetAsync(session, districtId, command, ui.Today, ct);
            return await Section(ui, districtId, session, ct);
        }, Again);
    }

    private static async Task<IResult> Cancel(Guid districtId, Guid id, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (f, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return Pages.Render<FormAlert>(new { Errors = FormErrors.General(Pages.StaleForm) }, StatusCodes.Status400BadRequest);
        var form = new CancelDeadlineForm(id, f["reason"], FormErrors.None);
        var model = await ModelAsync(ui, districtId, session, DeadlineForm.Empty, null, ct);
        IResult Again(FormErrors errors) => Pages.Render<DistrictDeadlinesSection>(new { Ui = ui, Model = model with { Cancel = form with { Errors = errors } } });
        return await Pages.Attempt(async () =>
        {
            var cancelled = await DistrictDeadlineEndpoints.DecideAsync(districtId, id, session, http, ct,
                d => [DistrictDeadlineCommands.Cancel(d, new CancelDistrictDeadline(null, Pages.Text(form.Reason)), ui.Today)]);
            if (cancelled is null) throw new RecordNotFoundException("Срок не найден.");
            return await Section(ui, districtId, session, ct);
        }, Again);
    }

    /// <summary>A whole number typed into a form; empty is null (the decision says whether it is required).</summary>
    private static int? Number(string? value, string field, string message) =>
        string.IsNullOrWhiteSpace(value) ? null
        : int.TryParse(value.Trim(), out var n) && n is >= 0 and <= 9999 ? n
        : throw new DomainValidationException(new Dictionary<string, string[]> { [field] = [message] });
}
