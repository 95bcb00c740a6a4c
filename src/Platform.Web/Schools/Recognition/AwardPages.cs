using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Recognition.Contests;
using Platform.Web.Shell;

namespace Platform.Web.Schools.Recognition;

/// <summary>The «Награды» block of a person's page (loaded into it by htmx): the contests the person won, of any level.</summary>
public static class AwardPages
{
    public static RouteGroupBuilder MapAwardPages(this RouteGroupBuilder school)
    {
        school.MapGet("/people/{id:guid}/awards", Person).RequireAuthorization(Policies.SchoolRead);
        return school;
    }

    private static async Task<IResult> Person(Guid schoolId, Guid id, HttpContext http, DocumentSession session, CancellationToken ct) =>
        Pages.Render<AwardsCard>(new { Awards = await ContestQueries.AwardsOfPersonAsync(session, schoolId, id, ct), ShowSchool = false });
}
