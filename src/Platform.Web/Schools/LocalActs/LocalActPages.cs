using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.LocalActs;
using Platform.Tenancy.Registry;
using Platform.Web.Shell;

namespace Platform.Web.Schools.LocalActs;

public sealed record RegisterActForm(string? Kind, string? Number, string? Date, string? Title, string? Note, FormErrors Errors)
{
    public static RegisterActForm Empty(DateOnly today) => new(null, null, Format.InputDate(today), null, null, FormErrors.None);
}

/// <summary>The repeal form of one act after a refusal: which act, the values typed and the messages.</summary>
public sealed record RepealActForm(Guid ActId, string? Date, string? Reason, FormErrors Errors);

/// <param name="Repeal">Set when a repeal was refused: that act's form is shown open with its messages.</param>
public sealed record LocalActsModel(IReadOnlyList<LocalActRow> Acts, RegisterActForm Register, RepealActForm? Repeal);

/// <summary>
/// The school's local acts and orders (in force and repealed), registering one and repealing one with a date and reason. Both
/// forms answer with the section re-rendered: the list with the change, or the form with the decision's messages.
/// </summary>
public static class LocalActPages
{
    public static RouteGroupBuilder MapLocalActPages(this RouteGroupBuilder school)
    {
        school.MapGet("/local-acts", List).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/local-acts", Register).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/local-acts/{id:guid}/repeal", Repeal).RequireAuthorization(Policies.SchoolWrite);
        return school;
    }

    private static async Task<IReadOnlyList<LocalActRow>> ActsAsync(Guid schoolId, DocumentSession session, CancellationToken ct) =>
        (await LocalActList.QueryAsync(session, schoolId, new LocalActListQuery(IncludeRepealed: true, PageSize: 200), ct)).Items;

    private static async Task<IResult> List(Guid schoolId, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var model = new LocalActsModel(await ActsAsync(schoolId, session, ct), RegisterActForm.Empty(ui.Today), null);
        return Pages.Render<LocalActsPage>(new { Ui = ui, Model = model });
    }

    private static async Task<IResult> Section(UiContext ui, Guid schoolId, DocumentSession session, RegisterActForm register, RepealActForm? repeal,
        CancellationToken ct) =>
        Pages.Render<LocalActsSection>(new { Ui = ui, Model = new LocalActsModel(await ActsAsync(schoolId, session, ct), register, repeal) });

    private static async Task<IResult> Register(Guid schoolId, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (f, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return Pages.Render<FormAlert>(new { Errors = FormErrors.General(Pages.StaleForm) }, StatusCodes.Status400BadRequest);
        var form = new RegisterActForm(f["kind"], f["number"], f["date"], f["title"], f["note"], FormErrors.None);
        // The section for a refusal is rendered before the decision: Attempt's answer to a refusal is synchronous.
        var acts = await ActsAsync(schoolId, session, ct);
        IResult Again(FormErrors errors) =>
            Pages.Render<LocalActsSection>(new { Ui = ui, Model = new LocalActsModel(acts, form with { Errors = errors }, null) });
        return await Pages.Attempt(async () =>
        {
            LocalActKind? kind = LocalActKinds.TryParse(form.Kind, out var k) ? k : null;
            var id = Guid.CreateVersion7();
            var registered = LocalActCommands.Register(id,
                new RegisterLocalAct(kind, Pages.Text(form.Number), Pages.Date(form.Date, "date"), Pages.Text(form.Title), form.Note), ui.Today);
            await LocalActEndpoints.RefuseDuplicateAsync(session, schoolId, null, registered.Kind, registered.Number, registered.Date, ct);
            session.Events.StartStream<LocalAct>(id, registered);
            await session.SaveChangesAsync(ct);
            return await Section(ui, schoolId, session, RegisterActForm.Empty(ui.Today), null, ct);
        }, Again);
    }

    private static async Task<IResult> Repeal(Guid schoolId, Guid id, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (f, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return Pages.Render<FormAlert>(new { Errors = FormErrors.General(Pages.StaleForm) }, StatusCodes.Status400BadRequest);
        var form = new RepealActForm(id, f["date"], f["reason"], FormErrors.None);
        var acts = await ActsAsync(schoolId, session, ct);
        IResult Again(FormErrors errors) =>
            Pages.Render<LocalActsSection>(new { Ui = ui, Model = new LocalActsModel(acts, RegisterActForm.Empty(ui.Today), form with { Errors = errors }) });
        if (acts.All(a => a.Id != id))
            return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Акт не найден." }, StatusCodes.Status404NotFound);
        return await Pages.Attempt(async () =>
        {
            var stream = await session.Events.FetchForWriting<LocalAct>(id, ct);
            if (stream.Aggregate is null) throw new RecordNotFoundException("Акт не найден.");
            await stream.DecideAsync(session, http, act => [LocalActCommands.Repeal(act, new RepealLocalAct(Pages.Date(form.Date, "date"), Pages.Text(form.Reason)), ui.Today)], ct);
            return await Section(ui, schoolId, session, RegisterActForm.Empty(ui.Today), null, ct);
        }, Again);
    }
}
