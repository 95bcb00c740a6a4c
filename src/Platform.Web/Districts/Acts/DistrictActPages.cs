using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.DistrictActs;
using Platform.Web.Shell;

namespace Platform.Web.Districts.Acts;

public sealed record DistrictActForm(string? Kind, string? Number, string? Date, string? Title, string? Note, FormErrors Errors)
{
    public static DistrictActForm Empty(DateOnly today) => new(null, null, today.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture), null, null, FormErrors.None);
}

/// <summary>The repeal form of one act after a refusal: which act, the values typed and the messages.</summary>
public sealed record DistrictActRepealForm(Guid ActId, string? Date, string? Reason, FormErrors Errors);

public sealed record DistrictActsModel(IReadOnlyList<DistrictActView> Acts, DistrictActForm Register, DistrictActRepealForm? Repeal);

/// <summary>
/// «Акты района»: the district's own acts (in force and repealed), registering one and repealing one. Both forms answer with
/// the section re-rendered: the list with the change, or the form with the decision's messages and the values typed.
/// </summary>
public static class DistrictActPages
{
    public static RouteGroupBuilder MapDistrictActPages(this RouteGroupBuilder district)
    {
        district.MapGet("/acts", List).RequireAuthorization(Policies.DistrictRead);
        district.MapPost("/acts", Register).RequireAuthorization(Policies.DistrictWrite);
        district.MapPost("/acts/{id:guid}/repeal", Repeal).RequireAuthorization(Policies.DistrictWrite);
        return district;
    }

    private static Task<IReadOnlyList<DistrictActView>> ActsAsync(Guid districtId, DocumentSession session, CancellationToken ct) =>
        DistrictActList.QueryAsync(session, districtId, includeRepealed: true, ct);

    private static async Task<IResult> List(Guid districtId, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        return Pages.Render<DistrictActsPage>(new { Ui = ui, Model = new DistrictActsModel(await ActsAsync(districtId, session, ct), DistrictActForm.Empty(ui.Today), null) });
    }

    private static async Task<IResult> Section(UiContext ui, Guid districtId, DocumentSession session, CancellationToken ct) =>
        Pages.Render<DistrictActsSection>(new { Ui = ui, Model = new DistrictActsModel(await ActsAsync(districtId, session, ct), DistrictActForm.Empty(ui.Today), null) });

    private static async Task<IResult> Register(Guid districtId, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (f, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return Pages.Render<FormAlert>(new { Errors = FormErrors.General(Pages.StaleForm) }, StatusCodes.Status400BadRequest);
        var form = new DistrictActForm(f["kind"], f["number"], f["date"], f["title"], f["note"], FormErrors.None);
        var acts = await ActsAsync(districtId, session, ct);
        IResult Again(FormErrors errors) => Pages.Render<DistrictActsSection>(new { Ui = ui, Model = new DistrictActsModel(acts, form with { Errors = errors }, null) });
        return await Pages.Attempt(async () =>
        {
            DistrictActKind? kind = DistrictActKinds.TryParse(form.Kind, out var k) ? k : null;
            await DistrictActEndpoints.RegisterAsync(session, districtId,
                new RegisterDistrictAct(kind, form.Number, Pages.Date(form.Date, "date"), Pages.Text(form.Title), form.Note), ui.Today, ct);
            return await Section(ui, districtId, session, ct);
        }, Again);
    }

    private static async Task<IResult> Repeal(Guid districtId, Guid id, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (f, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return Pages.Render<FormAlert>(new { Errors = FormErrors.General(Pages.StaleForm) }, StatusCodes.Status400BadRequest);
        var form = new DistrictActRepealForm(id, f["date"], f["reason"], FormErrors.None);
        var acts = await ActsAsync(districtId, session, ct);
        IResult Again(FormErrors errors) =>
            Pages.Render<DistrictActsSection>(new { Ui = ui, Model = new DistrictActsModel(acts, DistrictActForm.Empty(ui.Today), form with { Errors = errors }) });
        if (acts.All(a => a.Id != id)) return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Акт не найден." }, StatusCodes.Status404NotFound);
        return await Pages.Attempt(async () =>
        {
            var repeal = new RepealDistrictAct(Pages.Date(form.Date, "date"), Pages.Text(form.Reason));
            await DistrictActEndpoints.DecideAsync(districtId, id, session, http, ct, act => Task.FromResult<object[]>([DistrictActCommands.Repeal(act, repeal, ui.Today)]));
            return await Section(ui, districtId, session, ct);
        }, Again);
    }
}
