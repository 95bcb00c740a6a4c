using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Monitoring;
using Platform.Mentoring.Programs;
using Platform.Web.Schools.Surveys;
using Platform.Web.Shell;

namespace Platform.Web.Me;

public sealed record MySurveyPageModel(Guid ProgramId, SurveyForm Form, string? Notice);

/// <summary>
/// A mentor or a mentee fills their own monitoring survey from «Моё наставничество»: only as the participant the account is recognised as
/// (<see cref="MePages.RecogniseAsync"/>), only a survey the program awaits from them or one they have already given (a repeated one replaces
/// it), validated and stored by the same command as the curator's «Мониторинг программы».
/// </summary>
public static class MySurveyPages
{
    public static IEndpointRouteBuilder MapMySurveyPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/schools/{schoolId:guid}/me/programs/{id:guid}/survey", Show).RequireAuthorization(Policies.SchoolMember).ExcludeFromDescription();
        app.MapPost("/schools/{schoolId:guid}/me/programs/{id:guid}/survey", Take).RequireAuthorization(Policies.SchoolMember).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Show(Guid schoolId, Guid id, string? stage, string? saved, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (mine, refusal) = await MineAsync(ui, session, schoolId, id, stage, ct);
        if (refusal is not null) return refusal;
        var (who, s, view) = mine!.Value;
        var earlier = view.Responses.FirstOrDefault(r => r.PersonId == who.PersonId && r.Stage == s);
        var form = new SurveyForm(who, s, earlier?.Scores.ToDictionary(k => k.Key, k => (string?)k.Value.ToString()) ?? new Dictionary<string, string?>(),
            Format.InputDate(earlier?.TakenOn ?? ui.Today), FormErrors.None);
        return Pages.Render<MySurveyPage>(new { Ui = ui, Model = new MySurveyPageModel(id, form, saved is null ? null : "Анкета сохранена.") });
    }

    private static async Task<IResult> Take(Guid schoolId, Guid id, HttpContext http, DocumentSession session, ProgramDecision decide, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (form, valid) = await Pages.ReadFormAsync(http);
        // The form's personId is not trusted: the respondent is always the participant the account is.
        var (mine, refusal) = await MineAsync(ui, session, schoolId, id, form["stage"], ct);
        if (refusal is not null) return refusal;
        var (who, stage, _) = mine!.Value;
        var typed = SurveyPages.Typed(who.Role, form);
        IResult Again(FormErrors errors) => Pages.Render<MySurveyPage>(new
        {
            Ui = ui, Model = new MySurveyPageModel(id, new SurveyForm(who, stage, typed, form["takenOn"], errors), null),
        });
        if (!valid) return Again(FormErrors.General(Pages.StaleForm));
        var answers = SurveyPages.Scores(typed);
        return await Pages.Attempt(async () =>
        {
            await MonitoringEndpoints.TakeAsync(id, new TakeSurvey(who.PersonId, stage, answers, Pages.Date(form["takenOn"], "takenOn")), session, decide, ct);
            return Results.Redirect(ui.SchoolPath($"/me/programs/{id}/survey?stage={stage.Code()}&saved=1"));
        }, Again);
    }

    /// <summary>
    /// The account's own survey in the program at the stage, or the page refusing it: 404 for a survey that is not the account's
    /// (as for a record of another school), so that 403 keeps meaning the role may not open these pages at all.
    /// </summary>
    private static async Task<((SurveyParticipant Who, MonitoringStage Stage, ProgramMonitoringView View)?, IResult?)> MineAsync(UiContext ui,
        DocumentSession session, Guid schoolId, Guid id, string? stage, CancellationToken ct)
    {
        IResult Refuse(int status, string title, string message) =>
            Pages.Render<NotFoundPage>(new { Ui = ui, Title = title, Message = message }, status);
        var (person, _, _) = await MePages.RecogniseAsync(ui, session, schoolId, ct);
        if (person is null)
            return (null, Refuse(StatusCodes.Status404NotFound, "Анкета не найдена",
                "Учётная запись не связана с участником наставничества организации. Попросите куратора внести ваш адрес электронной почты в вашу карточку участника."));
        if (await MonitoringEndpoints.LoadAsync(session, id, ct) is not { } view)
            return (null, Refuse(StatusCodes.Status404NotFound, "Не найдено", "Программа не найдена."));
        if (!ProgramNames.TryParse<MonitoringStage>(stage, out var s))
            return (null, Refuse(StatusCodes.Status404NotFound, "Не найдено", "Этап анкеты не найден: промежуточный (interim) или итоговый (final)."));
        var who = view.Awaited.Where(a => a.PersonId == person.Id && a.Stage == s).Select(a => new SurveyParticipant(a.PersonId, a.FullName, a.Role))
            .Concat(view.Responses.Where(r => r.PersonId == person.Id && r.Stage == s).Select(r => new SurveyParticipant(r.PersonId, r.FullName, r.Role)))
            .FirstOrDefault();
        if (who is null)
            return (null, Refuse(StatusCodes.Status404NotFound, "Анкета не найдена",
                "Эта анкета заполняется не вами: вы не участник этой программы или анкета этого этапа от вас не ожидается."));
        return ((who, s, view), null);
    }
}
