using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.People;
using Platform.Mentoring.Pools;
using Platform.Tenancy.Registry;
using Platform.Web.Schools.People;
using Platform.Web.Shell;

namespace Platform.Web.Schools.Pools;

/// <param name="Joinable">People with a valid consent who are not in this pool yet: whom the join form offers.</param>
public sealed record MentorPoolModel(Page<MentorPoolRow> Mentors, IReadOnlyList<PersonRow> Joinable, string? PersonId, FormState Form);

public sealed record MentorModel(MentorPoolRow Mentor, FormState Form);

/// <summary>
/// «Банк наставников»: the list, joining with the mentor's profile (consent required), changing it, leaving with a reason.
/// The decisions are the API's (<see cref="PoolCommands"/>), on the person's stream like <see cref="PoolEndpoints"/>.
/// </summary>
public static class MentorPoolPages
{
    public static RouteGroupBuilder MapMentorPoolPages(this RouteGroupBuilder school)
    {
        school.MapGet("/pools/mentors", List).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/pools/mentors", Join).RequireAuthorization(Policies.SchoolWrite);
        school.MapGet("/pools/mentors/{personId:guid}", Show).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/pools/mentors/{personId:guid}", Change).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/pools/mentors/{personId:guid}/leave", Leave).RequireAuthorization(Policies.SchoolWrite);
        return school;
    }

    private static async Task<MentorPoolModel> ModelAsync(Guid schoolId, UiContext ui, string? personId, FormState form, DocumentSession session, CancellationToken ct)
    {
        var mentors = await PoolList.MentorsAsync(session, schoolId, ui.Today, new MentorPoolQuery(Sort: "name", PageSize: 500), ct);
        var joinable = ui.CanWrite
            ? (await PersonList.QueryAsync(session, schoolId, ui.Today, new PersonListQuery(HasConsent: true, PageSize: 500), ct)).Items.Where(p => !p.InMentorPool).ToList()
            : [];
        return new MentorPoolModel(mentors, joinable, personId, form);
    }

    private static async Task<IResult> List(Guid schoolId, string? personId, string? left, HttpContext http, DocumentSession session, TimeProvider time,
        CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var form = left == "1" ? FormState.Done("Участник исключён из банка наставников.") : FormState.Empty;
        var model = await ModelAsync(schoolId, ui, personId, form, session, ct);
        await PersonalDataJournal.RecordManyAsync(session, ui.Caller, schoolId, [.. model.Mentors.Items.Select(m => m.PersonId)], PersonalDataJournal.MentorPool,
            time.GetUtcNow(), ct);
        return Pages.Render<MentorPoolPage>(new { Ui = ui, Model = model });
    }

    /// <summary>The profile as the form posts it (field names as in the API).</summary>
    public static ChangeMentorProfile Profile(IFormCollection form)
    {
        string? V(string f) => Pages.Text(form[f].ToString());
        var forms = form["preferredForms"].Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!).ToArray();
        return new ChangeMentorProfile(FormState.Lines(V("competencies")), FormState.Lines(V("subjects")), FormState.Number(V("capacity"), "capacity", "2"),
            V("availability"), Pages.Date(V("availableUntil"), "availableUntil"), forms);
    }

    private static async Task<IResult> Join(Guid schoolId, HttpContext http, DocumentSession session, PersonDecision decide, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (form, valid) = await Pages.ReadFormAsync(http);
        var model = await ModelAsync(schoolId, ui, null, FormState.Empty, session, ct);
        IResult Again(FormErrors errors) => Pages.Render<MentorPoolPage>(new { Ui = ui, Model = model with { PersonId = form["personId"], Form = FormState.Of("join", form, errors) } });
        if (!valid) return Again(FormErrors.General(Pages.StaleForm));
        return await Pages.Attempt(() => FormState.Folded(async () =>
        {
            var personId = Pages.Id(form["personId"]) ?? throw new DomainValidationException(new Dictionary<string, string[]> { ["personId"] = ["Выберите участника."] });
            var p = Profile(form);
            var command = new JoinMentorPool(personId, p.Competencies, p.Subjects, p.Capacity, p.Availability, p.AvailableUntil, p.PreferredForms);
            var result = await decide.ApplyAsync(personId, ct, async person =>
            {
                var (events, profile) = PoolCommands.JoinMentorPool(person, command, decide.Today, decide.Now);
                await PoolProfiles.SaveMentorAsync(session, personId, profile, decide.Now, ct);
                return events;
            });
            if (result is null) throw new RecordNotFoundException("Такого участника в организации нет.");
            return Results.Redirect(ui.SchoolPath($"/pools/mentors/{personId}?joined=1"));
        }), Again);
    }

    private static async Task<IResult> Show(Guid schoolId, Guid personId, string? joined, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var form = joined == "1" ? FormState.Done("Участник включён в банк наставников.") : FormState.Empty;
        return await PoolList.MentorAsync(session, schoolId, personId, ui.Today, ct) is { } mentor
            ? Pages.Render<MentorPage>(new { Ui = ui, Model = new MentorModel(mentor, form) })
            : Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Участника нет в банке наставников." }, StatusCodes.Status404NotFound);
    }

    private static Task<IResult> Change(Guid schoolId, Guid personId, HttpContext http, DocumentSession session, PersonDecision decide, CancellationToken ct) =>
        Decide(schoolId, personId, http, session, decide, ct, "change", form => async person =>
        {
            var current = person.InMentorPool ? await PoolProfiles.LoadMentorAsync(session, personId, ct) : null;
            if (current is null) throw new RecordNotFoundException("Участника нет в банке наставников.");
            var (events, profile) = PoolCommands.ChangeMentorProfile(person, current, Profile(form), decide.Today);
            if (events.Length > 0) await PoolProfiles.SaveMentorAsync(session, personId, profile, decide.Now, ct);
            return events;
        }, "Анкета наставника сохранена.");

    private static Task<IResult> Leave(Guid schoolId, Guid personId, HttpContext http, DocumentSession session, PersonDecision decide, CancellationToken ct) =>
        Decide(schoolId, personId, http, session, decide, ct, "leave", form => async person =>
        {
            var left = PoolCommands.LeaveMentorPool(person, new LeavePool(Pages.Text(form["reason"])), decide.Now);
            await PoolProfiles.DeleteMentorAsync(session, personId, ct);
            return [left];
        }, null);

    /// <param name="notice">null: the person left the pool, the list comes next.</param>
    private static async Task<IResult> Decide(Guid schoolId, Guid personId, HttpContext http, DocumentSession session, PersonDecision decide, CancellationToken ct,
        string which, Func<IFormCollection, Func<Person, Task<object[]>>> decision, string? notice)
    {
        var ui = UiContext.For(http);
        if (await PoolList.MentorAsync(session, schoolId, personId, ui.Today, ct) is not { } before)
            return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Участника нет в банке наставников." }, StatusCodes.Status404NotFound);
        var (form, valid) = await Pages.ReadFormAsync(http);
        IResult Again(FormErrors errors) => Pages.Render<MentorPage>(new { Ui = ui, Model = new MentorModel(before, FormState.Of(which, form, errors)) });
        if (!valid) return Again(FormErrors.General(Pages.StaleForm));
        return await Pages.Attempt(() => FormState.Folded(async () =>
        {
            await decide.ApplyAsync(personId, ct, decision(form));
            if (notice is null) return Results.Redirect(ui.SchoolPath("/pools/mentors?left=1"));
            var after = (await PoolList.MentorAsync(session, schoolId, personId, ui.Today, ct))!;
            return Pages.Render<MentorPage>(new { Ui = ui, Model = new MentorModel(after, FormState.Done(notice)) });
        }), Again);
    }
}
