using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Appointments;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Pools;
using Platform.Web.Schools.People;
using Platform.Web.Shell;

namespace Platform.Web.Schools.Mentorships;

/// <summary>
/// A pair's or group's changes from its page: each participant's written consent to the pair, the mentor replaced at a mentee's
/// request, the pair dissolved. The decisions are the API's (<see cref="MentorshipCommands"/>, under <see cref="MentorshipDecision"/>'s lock).
/// </summary>
public static class MentorshipChanges
{
    public static RouteGroupBuilder MapMentorshipChanges(this RouteGroupBuilder school)
    {
        school.MapPost("/mentorships/{id:guid}/consents", RecordConsent).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/mentorships/{id:guid}/replace-mentor", ReplaceMentor).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/mentorships/{id:guid}/dissolve", Dissolve).RequireAuthorization(Policies.SchoolWrite);
        return school;
    }

    /// <summary>The page's model with the mentors the replacement form offers (in the pool, available, with room for all the mentees).</summary>
    public static async Task<MentorshipPageModel> WithMentorsAsync(MentorshipPageModel model, UiContext ui, DocumentSession session, CancellationToken ct)
    {
        if (!ui.CanWrite || model.Pair.Status == MentorshipStatus.Dissolved) return model;
        var mentors = await PoolList.MentorsAsync(session, session.Events.TenantId, ui.Today, new MentorPoolQuery(Available: true, Sort: "name", PageSize: 500), ct);
        return model with
        {
            Mentors = mentors.Items.Where(m => m.PersonId != model.Pair.Mentor.PersonId && m.CapacityLeft >= model.Pair.Mentees.Count).ToList(),
        };
    }

    private static Task<IResult> RecordConsent(Guid schoolId, Guid id, HttpContext http, DocumentSession session, MentorshipDecision decide, CancellationToken ct) =>
        Decide(id, http, session, decide, ct, "consent", form => m => Task.FromResult<object[]>(
        [
            MentorshipCommands.RecordConsent(m, new RecordPairConsent(Pages.Id(form["personId"]), Pages.Date(form["signedOn"], "signedOn"),
                Pages.Text(form["documentNumber"])), decide.Today),
        ]));

    private static Task<IResult> ReplaceMentor(Guid schoolId, Guid id, HttpContext http, DocumentSession session, MentorshipDecision decide, CancellationToken ct) =>
        Decide(id, http, session, decide, ct, "replace", form => async m =>
        {
            var command = new ReplaceMentor(Pages.Id(form["newMentorId"]), Pages.Id(form["requestedBy"]), Pages.Date(form["requestedOn"], "requestedOn"),
                Pages.Text(form["reason"]), Pages.Date(form["consentSignedOn"], "consentSignedOn"), Pages.Date(form["on"], "on"), Pages.Id(form["orderId"]));
            var facts = command.NewMentorId is { } mentor ? (await Participants.LoadAsync(session, [mentor], m.Id, ct)).GetValueOrDefault(mentor) : null;
            var order = await AppointmentList.OrderAsync(session, schoolId, command.OrderId, ct);
            return MentorshipCommands.ReplaceMentor(m, command, facts, order, decide.Today);
        });

    private static Task<IResult> Dissolve(Guid schoolId, Guid id, HttpContext http, DocumentSession session, MentorshipDecision decide, CancellationToken ct) =>
        Decide(id, http, session, decide, ct, "dissolve", form => async m =>
        [
            MentorshipCommands.Dissolve(m, new DissolveMentorship(Pages.Text(form["reason"]), Pages.Date(form["on"], "on")),
                await MentorshipList.ProgramInProgressAsync(session, m.Id, ct) is not null, decide.Today),
        ]);

    /// <summary>Runs the decision: the pair's page next, or the page again with the typed values and the messages next to the fields.</summary>
    private static async Task<IResult> Decide(Guid id, HttpContext http, DocumentSession session, MentorshipDecision decide, CancellationToken ct, string which,
        Func<IFormCollection, Func<Mentorship, Task<object[]>>> decision)
    {
        var ui = UiContext.For(http);
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not MentorshipProposed)
            return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Пара не найдена." }, StatusCodes.Status404NotFound);
        var pair = session.Store.Fold<Mentorship>(null, events.Select(e => e.Data))!;
        var before = await WithMentorsAsync(await MentorshipPages.ModelAsync(await decide.ViewAsync(pair, events[^1].Version, ct), id, null,
            new ApproveForm(null, Format.InputDate(ui.Today), FormErrors.None), session, ct), ui, session, ct);
        var (form, valid) = await Pages.ReadFormAsync(http);
        IResult Again(FormErrors errors) => Pages.Render<MentorshipPage>(new { Ui = ui, Model = before with { Form = FormState.Of(which, form, errors) } });
        if (!valid) return Again(FormErrors.General(Pages.StaleForm));
        return await Pages.Attempt(async () =>
        {
            await decide.ApplyAsync(id, ct, decision(form));
            return Results.Redirect(ui.SchoolPath($"/mentorships/{id}"));
        }, Again);
    }
}
