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

/// <param name="WithoutMentor">The list of mentees not in a current pair (longest waiting first), without the join form.</param>
public sealed record MenteePoolModel(Page<MenteePoolRow> Mentees, IReadOnlyList<PersonRow> Joinable, string? PersonId, FormState Form, bool WithoutMentor);

public sealed record MenteeModel(MenteePoolRow Mentee, SuggestionsView Suggestions, FormState Form);

/// <summary>
/// «Банк наставляемых» and «Без наставника»: the lists, joining with the mentee's profile, changing it, leaving with a reason, and
/// the mentors the ranking of the API suggests (<see cref="MentorSuggestions"/>) with each part of their score explained.
/// </summary>
public static class MenteePoolPages
{
    public static RouteGroupBuilder MapMenteePoolPages(this RouteGroupBuilder school)
    {
        school.MapGet("/pools/mentees", List).RequireAuthorization(Policies.SchoolRead);
        school.MapGet("/pools/mentees/without-mentor", WithoutMentor).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/pools/mentees", Join).RequireAuthorization(Policies.SchoolWrite);
        school.MapGet("/pools/mentees/{personId:guid}", Show).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/pools/mentees/{personId:guid}", Change).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/pools/mentees/{personId:guid}/leave", Leave).RequireAuthorization(Policies.SchoolWrite);
        return school;
    }

    /// <summary>What each part of a suggestion's score counts, in Russian, from the ranking's own points.</summary>
    public static readonly IReadOnlyDictionary<string, string> ScoreRules = new Dictionary<string, string>
    {
        ["subjects"] = $"{Format.Plural(MentorSuggestions.SubjectPoints, "балл", "балла", "баллов")} за каждый предмет, общий у наставника и наставляемого",
        ["competencies"] = $"{Format.Plural(MentorSuggestions.WordPoints, "балл", "балла", "баллов")} за каждое слово из компетенций наставника, "
            + "которое встречается в запросах или затруднениях наставляемого",
        ["form"] = $"{Format.Plural(MentorSuggestions.FormPoints, "балл", "балла", "баллов")}, если наставник готов работать в форме, которую хочет наставляемый",
        ["capacity"] = $"{Format.Plural(MentorSuggestions.CapacityPoints, "балл", "балла", "баллов")}, если у наставника есть свободное место",
    };

    private static async Task<MenteePoolModel> ModelAsync(Guid schoolId, UiContext ui, string? personId, FormState form, bool withoutMentor,
        DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var mentees = await PoolList.MenteesAsync(session, schoolId, ui.Today, time.GetUtcNow(), new MenteePoolQuery(PageSize: 500), withoutMentor, ct);
        var joinable = ui.CanWrite && !withoutMentor
            ? (await PersonList.QueryAsync(session, schoolId, ui.Today, new PersonListQuery(HasConsent: true, PageSize: 500), ct)).Items.Where(p => !p.InMenteePool).ToList()
            : [];
        return new MenteePoolModel(mentees, joinable, personId, form, withoutMentor);
    }

    private static async Task<IResult> List(Guid schoolId, string? personId, string? left, HttpContext http, DocumentSession session, TimeProvider time,
        CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var form = left == "1" ? FormState.Done("Участник исключён из банка наставляемых.") : FormState.Empty;
        return await ShownAsync(ui, await ModelAsync(schoolId, ui, personId, form, false, session, time, ct), session, time, ct);
    }

    private static async Task<IResult> WithoutMentor(Guid schoolId, HttpContext http, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        return await ShownAsync(ui, await ModelAsync(schoolId, ui, null, FormState.Empty, true, session, time, ct), session, time, ct);
    }

    /// <summary>The list, each mentee shown on it journaled as a view of their data.</summary>
    private static async Task<IResult> ShownAsync(UiContext ui, MenteePoolModel model, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        await PersonalDataJournal.RecordManyAsync(session, ui.Caller, ui.School!.Id, [.. model.Mentees.Items.Select(m => m.PersonId)], PersonalDataJournal.MenteePool,
            time.GetUtcNow(), ct);
        return Pages.Render<MenteePoolPage>(new { Ui = ui, Model = model });
    }

    public static ChangeMenteeProfile Profile(IFormCollection form)
    {
        string? V(string f) => Pages.Text(form[f].ToString());
        return new ChangeMenteeProfile(FormState.Lines(V("difficulties")), FormState.Lines(V("requests")), FormState.Lines(V("subjects")), V("desiredForm"));
    }

    private static async Task<IResult> Join(Guid schoolId, HttpContext http, DocumentSession session, PersonDecision decide, TimeProvider time, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (form, valid) = await Pages.ReadFormAsync(http);
        var model = await ModelAsync(schoolId, ui, null, FormState.Empty, false, session, time, ct);
        IResult Again(FormErrors errors) => Pages.Render<MenteePoolPage>(new { Ui = ui, Model = model with { PersonId = form["personId"], Form = FormState.Of("join", form, errors) } });
        if (!valid) return Again(FormErrors.General(Pages.StaleForm));
        return await Pages.Attempt(() => FormState.Folded(async () =>
        {
            var personId = Pages.Id(form["personId"]) ?? throw new DomainValidationException(new Dictionary<string, string[]> { ["personId"] = ["Выберите участника."] });
            var p = Profile(form);
            var command = new JoinMenteePool(personId, p.Difficulties, p.Requests, p.Subjects, p.DesiredForm);
            var result = await decide.ApplyAsync(personId, ct, async person =>
            {
                var (events, profile) = PoolCommands.JoinMenteePool(person, command, decide.Now);
                await PoolProfiles.SaveMenteeAsync(session, personId, profile, decide.Now, ct);
                return events;
            });
            if (result is null) throw new RecordNotFoundException("Такого участника в организации нет.");
            return Results.Redirect(ui.SchoolPath($"/pools/mentees/{personId}?joined=1"));
        }), Again);
    }

    /// <summary>The mentee and the suggested mentors, ranked as the API's suggestions (GET …/mentee-pool/{id}/suggestions).</summary>
    private static async Task<MenteeModel?> MenteeAsync(Guid schoolId, Guid personId, UiContext ui, FormState form, DocumentSession session, TimeProvider time,
        CancellationToken ct)
    {
        if (await PoolList.MenteeAsync(session, schoolId, personId, ui.Today, time.GetUtcNow(), ct) is not { } mentee) return null;
        return new MenteeModel(mentee, await PoolEndpoints.SuggestAsync(session, schoolId, personId, mentee, ui.Today, 20, ct), form);
    }

    private static async Task<IResult> Show(Guid schoolId, Guid personId, string? joined, HttpContext http, DocumentSession session, TimeProvider time,
        CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var form = joined == "1" ? FormState.Done("Участник включён в банк наставляемых.") : FormState.Empty;
        return await MenteeAsync(schoolId, personId, ui, form, session, time, ct) is { } model
            ? Pages.Render<MenteePage>(new { Ui = ui, Model = model })
            : Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Участника нет в банке наставляемых." }, StatusCodes.Status404NotFound);
    }

    private static Task<IResult> Change(Guid schoolId, Guid personId, HttpContext http, DocumentSession session, PersonDecision decide, TimeProvider time,
        CancellationToken ct) =>
        Decide(schoolId, personId, http, session, decide, time, ct, "change", form => async person =>
        {
            var current = person.InMenteePool ? await PoolProfiles.LoadMenteeAsync(session, personId, ct) : null;
            if (current is null) throw new RecordNotFoundException("Участника нет в банке наставляемых.");
            var (events, profile) = PoolCommands.ChangeMenteeProfile(person, current, Profile(form));
            if (events.Length > 0) await PoolProfiles.SaveMenteeAsync(session, personId, profile, decide.Now, ct);
            return events;
        }, "Анкета наставляемого сохранена.");

    private static Task<IResult> Leave(Guid schoolId, Guid personId, HttpContext http, DocumentSession session, PersonDecision decide, TimeProvider time,
        CancellationToken ct) =>
        Decide(schoolId, personId, http, session, decide, time, ct, "leave", form => async person =>
        {
            var left = PoolCommands.LeaveMenteePool(person, new LeavePool(Pages.Text(form["reason"])), decide.Now);
            await PoolProfiles.DeleteMenteeAsync(session, personId, ct);
            return [left];
        }, null);

    private static async Task<IResult> Decide(Guid schoolId, Guid personId, HttpContext http, DocumentSession session, PersonDecision decide, TimeProvider time,
        CancellationToken ct, string which, Func<IFormCollection, Func<Person, Task<object[]>>> decision, string? notice)
    {
        var ui = UiContext.For(http);
        if (await MenteeAsync(schoolId, personId, ui, FormState.Empty, session, time, ct) is not { } before)
            return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Участника нет в банке наставляемых." }, StatusCodes.Status404NotFound);
        var (form, valid) = await Pages.ReadFormAsync(http);
        IResult Again(FormErrors errors) => Pages.Render<MenteePage>(new { Ui = ui, Model = before with { Form = FormState.Of(which, form, errors) } });
        if (!valid) return Again(FormErrors.General(Pages.StaleForm));
        return await Pages.Attempt(() => FormState.Folded(async () =>
        {
            await decide.ApplyAsync(personId, ct, decision(form));
            if (notice is null) return Results.Redirect(ui.SchoolPath("/pools/mentees?left=1"));
            return Pages.Render<MenteePage>(new { Ui = ui, Model = (await MenteeAsync(schoolId, personId, ui, FormState.Done(notice), session, time, ct))! });
        }), Again);
    }
}
