using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.People;
using Platform.Web.Shell;

namespace Platform.Web.Schools.People;

public sealed record PeopleModel(string Pool, string? Search, Platform.Tenancy.Registry.Page<PersonRow> People, int Mentors, int Mentees, int All);

/// <summary>The school's people and its two pools, with the state of each person's consent to personal data processing.</summary>
public static class PeoplePages
{
    public static readonly (string Code, string Label)[] Pools = [("any", "Все участники"), ("mentor", "Банк наставников"), ("mentee", "Банк наставляемых"), ("none", "Вне банков")];

    public static RouteGroupBuilder MapPeoplePages(this RouteGroupBuilder school)
    {
        school.MapGet("/people", List).RequireAuthorization(Policies.SchoolRead);
        school.MapImportPages();
        school.MapPersonPages();
        return school;
    }

    private static async Task<IResult> List(Guid schoolId, string? pool, string? search, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        pool = Pools.Any(p => p.Code == pool) ? pool! : "any";
        var people = await PersonList.QueryAsync(session, schoolId, ui.Today,
            new PersonListQuery(InPool: pool == "any" ? null : pool, Search: Pages.Text(search), PageSize: 500), ct);
        async Task<int> Count(string? p) => (await PersonList.QueryAsync(session, schoolId, ui.Today, new PersonListQuery(InPool: p, PageSize: 1), ct)).Total;
        var model = new PeopleModel(pool, Pages.Text(search), people, await Count("mentor"), await Count("mentee"), await Count(null));
        // A search from the filter box answers with the table alone (htmx); the address bar keeps the filter.
        return http.Request.Headers.ContainsKey("HX-Request")
            ? Pages.Render<PeopleTable>(new { Ui = ui, Model = model })
            : Pages.Render<PeoplePage>(new { Ui = ui, Model = model });
    }
}
