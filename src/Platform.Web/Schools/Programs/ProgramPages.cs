using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Programs;
using Platform.Tenancy.Registry;
using Platform.Web.Schools.History;
using Platform.Web.Shell;

namespace Platform.Web.Schools.Programs;

public sealed record CreateProgramForm(string? MentorshipId, string? Problem, string? Goal, string? Tasks, string? PlannedResults, string? StartOn,
    string? EndOn, FormErrors Errors);

public sealed record ProgramPageModel(ProgramView Program, IReadOnlyList<HistoryEntry> History, DateOnly? AsOf);

/// <summary>What a section's form holds after a refusal: the values typed and the messages.</summary>
public sealed record SectionForm(IReadOnlyDictionary<string, string?> Values, FormErrors Errors)
{
    public static readonly SectionForm Empty = new(new Dictionary<string, string?>(), FormErrors.None);
    public string? this[string name] => Values.GetValueOrDefault(name);
    public static SectionForm From(IFormCollection form, FormErrors errors) => new(form.Keys.ToDictionary(k => k, k => (string?)form[k].ToString()), errors);
}

/// <summary>
/// Personalized programs: the list, composing one for an approved pair, and one program with its interaction plan, meetings and
/// evaluation (the level shown as the nine indicators are scored). Each section's form answers with the section re-rendered.
/// </summary>
public static class ProgramPages
{
    public static RouteGroupBuilder MapProgramPages(this RouteGroupBuilder school)
    {
        school.MapGet("/programs", List).RequireAuthorization(Policies.SchoolRead);
        school.MapGet("/programs/new", New).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/programs", Create).RequireAuthorization(Policies.SchoolWrite);
        school.MapGet("/programs/{id:guid}", Show).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/programs/{id:guid}/plan", AddPlanRow).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/programs/{id:guid}/plan/{rowId:guid}/done", MarkDone).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/programs/{id:guid}/meetings", HoldMeeting).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/programs/{id:guid}/evaluations", Evaluate).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/programs/{id:guid}/extend", Extend).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/programs/{id:guid}/complete", Complete).RequireAuthorization(Policies.SchoolWrite);
        return school;
    }

    private static async Task<IResult> List(Guid schoolId, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var programs = await ProgramList.QueryAsync(session, schoolId, ui.Today, new ProgramListQuery(PageSize: 500), ct);
        return Pages.Render<ProgramsPage>(new { Ui = ui, Programs = programs });
    }

    /// <summary>Approved pairs without a program in progress: those a program can be composed for.</summary>
    private static async Task<IReadOnlyList<MentorshipRow>> FreePairsAsync(Guid schoolId, DocumentSession session, CancellationToken ct) =>
        (await MentorshipList.QueryAsync(session, schoolId, new MentorshipListQuery(Status: "active", PageSize: 500), ct)).Items.Where(p => p.ProgramId is null).ToList();

    private static async Task<IResult> New(Guid schoolId, Guid? mentorshipId, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var start = ui.Today;
        var form = new CreateProgramForm(mentorshipId?.ToString(), null, null, null, null, Format.InputDate(start),
            Format.InputDate(ProgramCommands.LatestEnd(start)), FormErrors.None);
        return Pages.Render<NewProgramPage>(new { Ui = ui, Form = form, Pairs = await FreePairsAsync(schoolId, session, ct) });
    }

    private static async Task<IResult> Create(Guid schoolId, HttpContext http, DocumentSession session, ProgramDecision decide, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (f, valid) = await Pages.ReadFormAsync(http);
        var form = new CreateProgramForm(f["mentorshipId"], f["problem"], f["goal"], f["tasks"], f["plannedResults"], f["startOn"], f["endOn"], FormErrors.None);
        var pairs = await FreePairsAsync(schoolId, session, ct);
        IResult Again(FormErrors errors) => Pages.Render<CreateProgramFormView>(new { Ui = ui, Form = form with { Errors = errors }, Pairs = pairs });
        if (!valid) return Pages.Render<CreateProgramFormView>(new { Ui = ui, Form = form with { Errors = FormErrors.General(Pages.StaleForm) }, Pairs = pairs },
            StatusCodes.Status400BadRequest);
        return await Pages.Attempt(async () =>
        {
            var tasks = (form.Tasks ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var (program, _) = await ProgramEndpoints.CreateAsync(new CreateProgram(Pages.Id(form.MentorshipId), Pages.Text(form.Problem), Pages.Text(form.Goal),
                tasks, Pages.Text(form.PlannedResults), Pages.Date(form.StartOn, "startOn"), Pages.Date(form.EndOn, "endOn")), session, decide, ct);
            return Pages.RedirectTo(http, ui.SchoolPath($"/programs/{program.Id}"));
        }, Again);
    }

    private static async Task<IResult> Show(Guid schoolId, Guid id, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "asOf")] string? asOfText, HttpContext http, DocumentSession session, ProgramDecision decide, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (asOf, refusal) = Pages.AsOf(ui, asOfText);
        if (refusal is not null) return refusal;
        var moment = Pages.EndOfDay(asOf, ui.TimeZone);
        var events = await session.Events.FetchStreamAsync(id, timestamp: moment, ct: ct);
        if (events.Count == 0 || events[0].Data is not ProgramCreated)
            return Pages.Render<NotFoundPage>(new { Ui = ui, Message = asOf is null ? "Программа не найдена." : "На эту дату программы ещё не было." }, StatusCodes.Status404NotFound);
        var program = session.Store.Fold<MentoringProgram>(null, events.Select(e => e.Data))!;
        var view = await decide.ViewAsync(program, events[^1].Version, ct, moment);
        return Pages.Render<ProgramPage>(new { Ui = ui, Model = new ProgramPageModel(view, await RecordHistory.LoadAsync(session, id, ct), asOf) });
    }

    /// <summary>
    /// Runs a decision on the program and answers with one of its sections, re-rendered (with the form's messages on a refusal).
    /// With <paramref name="reload"/>, a change that concerns the whole page (its end date, its status) reloads the program's page instead.
    /// </summary>
    private static async Task<IResult> Section<TSection>(HttpContext http, Guid id, ProgramDecision decide, DocumentSession session, CancellationToken ct,
        Func<IFormCollection, Func<MentoringProgram, object[]>> decision, bool reload = false) where TSection : Microsoft.AspNetCore.Components.IComponent
    {
        var ui = UiContext.For(http);
        var (form, valid) = await Pages.ReadFormAsync(http);
        async Task<IResult> Render(SectionForm state)
        {
            var (program, version) = await session.Events.FetchLatestAsync<MentoringProgram>(id, ct);
            return Pages.Render<TSection>(new { Ui = ui, Program = await decide.ViewAsync(program!, version, ct), Form = state });
        }
        if (!valid) return Pages.Render<FormAlert>(new { Errors = FormErrors.General(Pages.StaleForm) }, StatusCodes.Status400BadRequest);
        try
        {
            var view = await decide.ApplyAsync(id, ct, decision(form));
            if (view is null) return Results.NotFound();
            if (reload) return Pages.RedirectTo(http, ui.SchoolPath($"/programs/{id}"));
            return Pages.Render<TSection>(new { Ui = ui, Program = view, Form = SectionForm.Empty, History = await RecordHistory.LoadAsync(session, id, ct) });
        }
        catch (DomainValidationException e) { return Status(await Render(SectionForm.From(form, new FormErrors(e.Errors))), 422); }
        catch (DomainRuleException e) { return Status(await Render(SectionForm.From(form, FormErrors.General(e.Message))), 409); }
        catch (RecordNotFoundException e) { return Status(await Render(SectionForm.From(form, FormErrors.General(e.Message))), 404); }
    }

    private static IResult Status(IResult result, int status)
    {
        if (result is Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult razor) razor.StatusCode = status;
        return result;
    }

    private static Task<IResult> AddPlanRow(Guid schoolId, Guid id, HttpContext http, ProgramDecision decide, DocumentSession session, CancellationToken ct) =>
        Section<PlanSection>(http, id, decide, session, ct, f => p => [ProgramCommands.AddPlanRow(p, Guid.CreateVersion7(), new PlanRowDraft(
            Pages.Text(f["content"]), Pages.Text(f["expectedResult"]), Pages.Text(f["methods"]), Pages.Date(f["deadline"], "deadline"), Pages.Text(f["control"])))]);

    private static Task<IResult> MarkDone(Guid schoolId, Guid id, Guid rowId, HttpContext http, ProgramDecision decide, DocumentSession session, CancellationToken ct) =>
        Section<PlanSection>(http, id, decide, session, ct, f => p => [ProgramCommands.MarkDone(p, rowId, new MarkPlanRowDone(decide.Today), decide.Today)]);

    private static Task<IResult> HoldMeeting(Guid schoolId, Guid id, HttpContext http, ProgramDecision decide, DocumentSession session, CancellationToken ct) =>
        Section<MeetingsSection>(http, id, decide, session, ct, f => p => [ProgramCommands.HoldMeeting(p, Guid.CreateVersion7(), new HoldMeeting(
            ProgramNames.TryParse<MeetingKind>(f["kind"], out var kind) ? kind : (MeetingKind?)null, Pages.Date(f["date"], "date"), Pages.Text(f["notes"])), decide.Today)]);

    private static Task<IResult> Evaluate(Guid schoolId, Guid id, HttpContext http, ProgramDecision decide, DocumentSession session, CancellationToken ct) =>
        Section<EvaluationSection>(http, id, decide, session, ct, f => p => [ProgramCommands.Evaluate(p, new EvaluateProgram(
            EvaluationCriteria.All.ToDictionary(c => c.Code, c => int.TryParse(f[$"score.{c.Code}"], out var s) ? s : (int?)null),
            Pages.Date(f["evaluatedOn"], "evaluatedOn"), Pages.Text(f["note"])), decide.Today, Guid.CreateVersion7())]);

    /// <summary>Extension by mutual consent: the new end date shows in the page's header, so the page reloads.</summary>
    private static Task<IResult> Extend(Guid schoolId, Guid id, HttpContext http, ProgramDecision decide, DocumentSession session, CancellationToken ct) =>
        Section<ExtendSection>(http, id, decide, session, ct, f => p => [ProgramCommands.Extend(p, new ExtendProgram(
            Pages.Date(f["endOn"], "endOn"), Pages.Text(f["reason"]), Pages.Date(f["agreedOn"], "agreedOn")), decide.Today)], reload: true);

    /// <summary>Completion with a reason: the page shows the status and the reason, and its forms close.</summary>
    private static Task<IResult> Complete(Guid schoolId, Guid id, HttpContext http, ProgramDecision decide, DocumentSession session, CancellationToken ct) =>
        Section<CompleteSection>(http, id, decide, session, ct, f => p => [ProgramCommands.Complete(p, new CompleteProgram(
            ProgramNames.TryParse<CompletionReason>(f["reason"], out var reason) ? reason : (CompletionReason?)null, Pages.Text(f["note"]),
            Pages.Date(f["completedOn"], "completedOn")), decide.Today)], reload: true);
}
