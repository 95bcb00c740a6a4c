using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.People;
using Platform.Web.Shell;

namespace Platform.Web.Schools.People;

public sealed record PeopleModel(string Pool, string? Search, Platform.Tenancy.Registry.Page<PersonRow> People, int Mentors, int Mentees, int All)
{
    /// <summary>The «Добавить участника» form after a refusal.</summary>
    public FormState Add { get; init; } = FormState.Empty;
}

/// <summary>The school's people and its two pools, with the state of each person's consent to personal data processing.</summary>
public static class PeoplePages
{
    public static readonly (string Code, string Label)[] Pools = [("any", "Все участники"), ("mentor", "Банк наставников"), ("mentee", "Банк наставляемых"), ("none", "Вне банков")];

    public static RouteGroupBuilder MapPeoplePages(this RouteGroupBuilder school)
    {
        school.MapGet("/people", List).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/people", Register).RequireAuthorization(Policies.SchoolWrite);
        school.MapImportPages();
        school.MapPersonPages();
        school.MapGet("/people/views", async (Guid schoolId, Guid? personId, HttpContext http, DocumentSession session, CancellationToken ct) =>
            Pages.Render<PersonalDataViewsPage>(new { Ui = UiContext.For(http), Views = await PersonalDataJournal.QueryAsync(session, schoolId, personId, ct) }))
            .RequireAuthorization(Policies.SchoolDirector);
        return school;
    }

    private static async Task<IResult> List(Guid schoolId, string? pool, string? search, HttpContext http, DocumentSession session, TimeProvider time,
        CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var model = await ModelAsync(schoolId, pool, search, ui, session, ct);
        await PersonalDataJournal.RecordManyAsync(session, ui.Caller, schoolId, [.. model.People.Items.Select(p => p.Id)], PersonalDataJournal.PeopleList, time.GetUtcNow(), ct);
        // A search from the filter box answers with the table alone (htmx); the address bar keeps the filter.
        return http.Request.Headers.ContainsKey("HX-Request")
            ? Pages.Render<PeopleTable>(new { Ui = ui, Model = model })
            : Pages.Render<PeoplePage>(new { Ui = ui, Model = model });
    }

    /// <summary>
    /// «Добавить участника»: the registration of the API (<see cref="PersonCommands.Register"/>), with the consent and the details
    /// under it when given; the new person's page next, or the form again with the typed values and the messages.
    /// </summary>
    private static async Task<IResult> Register(Guid schoolId, HttpContext http, DocumentSession session, PersonDecision decide, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (form, valid) = await Pages.ReadFormAsync(http);
        var model = await ModelAsync(schoolId, null, null, ui, session, ct);
        IResult Again(FormErrors errors) => Pages.Render<PeoplePage>(new { Ui = ui, Model = model with { Add = FormState.Of("add", form, errors) } });
        if (!valid) return Again(FormErrors.General(Pages.StaleForm));
        return await Pages.Attempt(() => FormState.Folded(async () =>
        {
            string? V(string f) => Pages.Text(form[f].ToString());
            var consent = V("withConsent") == "1"
                ? new GiveConsent(V("consent.signedBy"), V("consent.guardianName"), Pages.Date(V("consent.givenOn"), "consent.givenOn"), V("consent.scope"),
                    V("consent.documentNumber"))
                : null;
            var command = new RegisterPerson(V("kind"), V("fullName"), V("position"), FormState.Number(V("birthYear"), "birthYear", "2012"), V("externalRole"),
                consent, DetailsFields.Draft(form, "details.", nullWhenEmpty: true));
            var id = Guid.CreateVersion7();
            var (events, details) = PersonCommands.Register(id, command, decide.Today, decide.Now, Guid.CreateVersion7());
            if (details is not null) await PersonDetailsTable.SaveAsync(session, id, details, decide.Now, ct);
            session.Events.StartStream<Person>(id, events);
            await session.SaveChangesAsync(ct);
            return Results.Redirect(ui.SchoolPath($"/people/{id}?added=1"));
        }), Again);
    }

    private static async Task<PeopleModel> ModelAsync(Guid schoolId, string? pool, string? search, UiContext ui, DocumentSession session, CancellationToken ct)
    {
        pool = Pools.Any(p => p.Code == pool) ? pool! : "any";
        var people = await PersonList.QueryAsync(session, schoolId, ui.Today,
            new PersonListQuery(InPool: pool == "any" ? null : pool, Search: Pages.Text(search), PageSize: 500), ct);
        async Task<int> Count(string? p) => (await PersonList.QueryAsync(session, schoolId, ui.Today, new PersonListQuery(InPool: p, PageSize: 1), ct)).Total;
        return new PeopleModel(pool, Pages.Text(search), people, await Count("mentor"), await Count("mentee"), await Count(null));
    }
}
