using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Platform.Identity.Accounts;
using Platform.Identity.Invitations;
using Platform.Identity.Tokens;
using Platform.Jobs.Deliveries;
using Platform.EventStore;
using Platform.Mentoring.People;
using Platform.Mentoring.RoadMaps;
using Platform.Tenancy.Resolution;
using Platform.Web.Schools.History;
using Platform.Web.Shell;

namespace Platform.Web.Schools.People;

public sealed record PersonPageModel(PersonView Person, IReadOnlyList<HistoryEntry> History, FormState Form, IssuedInvitation? Invited = null);

/// <summary>
/// A participant's page: who they are, the consent to personal data processing (given by the person or, for a minor, a legal
/// guardian), its withdrawal or an erasure on request (which destroy the person's key and erase the details, the pool profiles and the
/// survey answers in the same transaction),
/// the details kept under the consent, and the history. The decisions are the API's (<see cref="PersonCommands"/>).
/// </summary>
public static class PersonPages
{
    public static RouteGroupBuilder MapPersonPages(this RouteGroupBuilder school)
    {
        school.MapGet("/people/{id:guid}", Show).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/people/{id:guid}/consents", Give).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/people/{id:guid}/consents/withdraw", Withdraw).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/people/{id:guid}/erasure", Erase).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/people/{id:guid}/change", Change).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/people/{id:guid}/details", ChangeDetails).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/people/{id:guid}/invitation", Invite).RequireAuthorization(Policies.SchoolWrite);
        return school;
    }

    private static async Task<PersonView?> ViewAsync(DocumentSession session, Guid id, DateOnly today, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not PersonRegistered) return null;
        var person = session.Store.Fold<Person>(null, events.Select(e => e.Data))!;
        return PersonView.From(person, events[^1].Version, await PersonDetailsTable.LoadAsync(session, id, ct), today);
    }

    private static async Task<IResult> Show(Guid id, int? added, HttpContext http, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var form = added == 1 ? FormState.Done("Участник добавлен.") : FormState.Empty;
        var person = await ViewAsync(session, id, ui.Today, ct);
        if (person is not null) await PersonalDataJournal.RecordAsync(session, ui.Caller, ui.School!.Id, id, PersonalDataJournal.Card, time.GetUtcNow(), ct);
        return person is not null
            ? Pages.Render<PersonPage>(new { Ui = ui, Model = new PersonPageModel(person, await RecordHistory.LoadAsync(session, id, ct), form) })
            : Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Участник не найден." }, StatusCodes.Status404NotFound);
    }

    private static Task<IResult> Give(Guid id, HttpContext http, DocumentSession session, PersonDecision decide, CancellationToken ct) =>
        Decide(id, http, session, decide, ct, "consent", "Согласие внесено.", form =>
            person => Task.FromResult<object[]>([PersonCommands.GiveConsent(person, new GiveConsent(Pages.Text(form["signedBy"]), Pages.Text(form["guardianName"]),
                Pages.Date(form["givenOn"], "givenOn"), Pages.Text(form["scope"]), Pages.Text(form["documentNumber"])), decide.Today, Guid.CreateVersion7())]));

    private static Task<IResult> Withdraw(Guid id, HttpContext http, DocumentSession session, PersonDecision decide, CancellationToken ct) =>
        Decide(id, http, session, decide, ct, "withdraw", "Согласие отозвано: персональные данные участника уничтожены.", form =>
            person => PersonalDataErasure.WithdrawAsync(session, person,
                new WithdrawConsent(Pages.Date(form["withdrawnOn"], "withdrawnOn"), Pages.Text(form["documentNumber"])), decide.Today, decide.Now, ct));

    private static Task<IResult> Erase(Guid id, HttpContext http, DocumentSession session, PersonDecision decide, CancellationToken ct) =>
        Decide(id, http, session, decide, ct, "erase", "Персональные данные участника уничтожены.", _ =>
            person => PersonalDataErasure.OnRequestAsync(session, person, decide.Today, decide.Now, ct));

    /// <summary>ФИО, должность или класс, год рождения, роль (PATCH …/people/{id}): an empty field stays as it is.</summary>
    private static Task<IResult> Change(Guid id, HttpContext http, DocumentSession session, PersonDecision decide, CancellationToken ct) =>
        Decide(id, http, session, decide, ct, "change", "Данные участника исправлены.", form =>
            person => Task.FromResult(PersonCommands.Change(person, new ChangePerson(Pages.Text(form["fullName"]), Pages.Text(form["position"]),
                FormState.Number(form["birthYear"], "birthYear", "2012"), Pages.Text(form["externalRole"])), decide.Today)));

    /// <summary>The details under the consent (PUT …/details): the form replaces them all, an emptied field is cleared.</summary>
    private static Task<IResult> ChangeDetails(Guid id, HttpContext http, DocumentSession session, PersonDecision decide, CancellationToken ct) =>
        Decide(id, http, session, decide, ct, "details", "Сведения под согласием сохранены.", form =>
            async person =>
            {
                var current = await PersonDetailsTable.LoadAsync(session, id, ct);
                var (details, events) = PersonCommands.ChangeDetails(person, current, DetailsFields.Draft(form, "", nullWhenEmpty: false)!);
                if (events.Length > 0) await PersonDetailsTable.SaveAsync(session, id, details!, decide.Now, ct);
                return events;
            });

    /// <summary>The participant invited to their own page, at the e-mail of their card (the API's <see cref="InvitationEndpoints.IssueForParticipantAsync"/>).</summary>
    private static async Task<IResult> Invite(Guid id, HttpContext http, DocumentSession session, TenantContext tenant, UserManager<PlatformUser> users,
        IOptions<AuthOptions> options, DeliveryQueue deliveries, TimeProvider time, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        if (await ViewAsync(session, id, ui.Today, ct) is not { } person)
            return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Участник не найден." }, StatusCodes.Status404NotFound);
        var history = await RecordHistory.LoadAsync(session, id, ct);
        var (form, valid) = await Pages.ReadFormAsync(http);
        IResult Again(FormErrors errors) => Pages.Render<PersonPage>(new { Ui = ui, Model = new PersonPageModel(person, history, FormState.Of("invite", form, errors)) });
        if (!valid) return Again(FormErrors.General(Pages.StaleForm));
        if (!person.HasValidConsent || person.Kind == PersonKinds.Preschooler)
            return Again(FormErrors.General("Пригласить можно участника с действующим согласием (не воспитанника детского сада)."));
        return await Pages.Attempt(async () =>
        {
            var issued = await InvitationEndpoints.IssueForParticipantAsync(new IssueParticipantInvitation(Pages.Text(form["role"]), person.Details?.Email, person.FullName),
                session, tenant, users, options, deliveries, time, http, ct);
            return Pages.Render<PersonPage>(new { Ui = ui, Model = new PersonPageModel(person, history, FormState.Done("Приглашение создано."), issued) });
        }, Again);
    }

    /// <summary>Runs the decision; the page comes back with the notice, or with the typed values and the messages next to the fields.</summary>
    private static async Task<IResult> Decide(Guid id, HttpContext http, DocumentSession session, PersonDecision decide, CancellationToken ct, string which,
        string notice, Func<IFormCollection, Func<Person, Task<object[]>>> decision)
    {
        var ui = UiContext.For(http);
        if (await ViewAsync(session, id, ui.Today, ct) is not { } before)
            return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Участник не найден." }, StatusCodes.Status404NotFound);
        var history = await RecordHistory.LoadAsync(session, id, ct);
        var (form, valid) = await Pages.ReadFormAsync(http);
        IResult Again(FormErrors errors) => Pages.Render<PersonPage>(new { Ui = ui, Model = new PersonPageModel(before, history, FormState.Of(which, form, errors)) });
        if (!valid) return Again(FormErrors.General(Pages.StaleForm));
        return await Pages.Attempt(() => FormState.Folded(async () =>
        {
            await decide.ApplyAsync(id, ct, decision(form));
            var after = (await ViewAsync(session, id, ui.Today, ct))!;
            return Pages.Render<PersonPage>(new
            {
                Ui = ui, Model = new PersonPageModel(after, await RecordHistory.LoadAsync(session, id, ct), FormState.Done(notice)),
            });
        }), Again);
    }
}
