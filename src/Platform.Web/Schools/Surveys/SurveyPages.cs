using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Monitoring;
using Platform.Mentoring.Programs;
using Platform.Web.Shell;

namespace Platform.Web.Schools.Surveys;

/// <summary>A participant of the program and the role the survey asks them in.</summary>
public sealed record SurveyParticipant(Guid PersonId, string FullName, SurveyRole Role);

/// <summary>The survey being entered: whose, which stage, and what was typed (kept after a refusal).</summary>
public sealed record SurveyForm(SurveyParticipant Participant, MonitoringStage Stage, IReadOnlyDictionary<string, string?> Typed, string? TakenOn, FormErrors Errors);

public sealed record SurveyPageModel(Guid ProgramId, ProgramMonitoringView View, IReadOnlyList<SurveyParticipant> Participants, SurveyForm? Form,
    string? Notice);

/// <summary>
/// «Мониторинг программы»: the participants' interim («вход») and final («выход») surveys entered by the curator, the entry vs exit
/// comparison by group and item, and who has not answered yet. The answers are validated by the same command as the API's.
/// </summary>
public static class SurveyPages
{
    public static RouteGroupBuilder MapSurveyPages(this RouteGroupBuilder school)
    {
        school.MapGet("/programs/{id:guid}/monitoring", Show).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/programs/{id:guid}/monitoring", Take).RequireAuthorization(Policies.SchoolWrite);
        return school;
    }

    private static IReadOnlyList<SurveyParticipant> ParticipantsOf(ProgramMonitoringView view) =>
        view.Awaited.Select(a => new SurveyParticipant(a.PersonId, a.FullName, a.Role))
            .Concat(view.Responses.Select(r => new SurveyParticipant(r.PersonId, r.FullName, r.Role)))
            .DistinctBy(p => p.PersonId).OrderBy(p => p.Role).ThenBy(p => p.FullName).ToList();

    private static async Task<IResult> Show(Guid schoolId, Guid id, Guid? person, string? stage, string? saved, HttpContext http, DocumentSession session,
        CancellationToken ct)
    {
        var ui = UiContext.For(http);
        if (await MonitoringEndpoints.LoadAsync(session, id, ct) is not { } view)
            return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Программа не найдена." }, StatusCodes.Status404NotFound);
        var participants = ParticipantsOf(view);
        SurveyForm? form = null;
        if (ui.CanWrite && participants.FirstOrDefault(p => p.PersonId == person) is { } who && ProgramNames.TryParse<MonitoringStage>(stage, out var s))
        {
            var earlier = view.Responses.FirstOrDefault(r => r.PersonId == who.PersonId && r.Stage == s);
            form = new SurveyForm(who, s, earlier?.Scores.ToDictionary(k => k.Key, k => (string?)k.Value.ToString()) ?? new Dictionary<string, string?>(),
                Format.InputDate(earlier?.TakenOn ?? ui.Today), FormErrors.None);
        }
        return Pages.Render<SurveyPage>(new { Ui = ui, Model = new SurveyPageModel(id, view, participants, form, saved is null ? null : "Анкета сохранена.") });
    }

    private static async Task<IResult> Take(Guid schoolId, Guid id, HttpContext http, DocumentSession session, ProgramDecision decide, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (form, valid) = await Pages.ReadFormAsync(http);
        if (await MonitoringEndpoints.LoadAsync(session, id, ct) is not { } view)
            return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Программа не найдена." }, StatusCodes.Status404NotFound);
        var participants = ParticipantsOf(view);
        var who = participants.FirstOrDefault(p => p.PersonId == Pages.Id(form["personId"]));
        if (who is null || !ProgramNames.TryParse<MonitoringStage>(form["stage"], out var stage))
            return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Участник программы не найден." }, StatusCodes.Status404NotFound);
        var typed = SurveyPages.Typed(who.Role, form);
        IResult Again(FormErrors errors) => Pages.Render<SurveyPage>(new
        {
            Ui = ui, Model = new SurveyPageModel(id, view, participants, new SurveyForm(who, stage, typed, form["takenOn"], errors), null),
        });
        if (!valid) return Again(FormErrors.General(Pages.StaleForm));
        var answers = SurveyPages.Scores(typed);
        return await Pages.Attempt(async () =>
        {
            await MonitoringEndpoints.TakeAsync(id, new TakeSurvey(who.PersonId, stage, answers, Pages.Date(form["takenOn"], "takenOn")), session, decide, ct);
            return Results.Redirect(ui.SchoolPath($"/programs/{id}/monitoring?saved=1"));
        }, Again);
    }

    /// <summary>The scores as the form sends them, by item of the role's survey: what a refusal shows again.</summary>
    public static Dictionary<string, string?> Typed(SurveyRole role, IFormCollection form) =>
        MonitoringSurvey.For(role).ToDictionary(i => i.Code, i => (string?)form[$"answers.{i.Code}"].ToString());

    /// <summary>The scores as the survey's command reads them: a number, or none (which it refuses by item).</summary>
    public static Dictionary<string, int?> Scores(IReadOnlyDictionary<string, string?> typed) =>
        typed.ToDictionary(t => t.Key, t => int.TryParse(t.Value, out var n) ? n : (int?)null);
}
