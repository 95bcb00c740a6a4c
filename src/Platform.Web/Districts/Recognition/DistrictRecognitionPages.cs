using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Recognition.BestPractices;
using Platform.Mentoring.Recognition.Contests;
using Platform.Tenancy.Resolution;
using Platform.Web.Schools.Recognition;
using Platform.Web.Shell;

namespace Platform.Web.Districts.Recognition;

/// <param name="Nominate">The nomination form of one practice after a refusal: which, the note typed and the messages.</param>
public sealed record DistrictPracticesModel(IReadOnlyList<BestPracticeRow> Practices, Guid? Refused, string? Note, FormErrors Errors);

/// <summary>
/// The district's recognition pages: «Лучшие практики» of its schools with the nomination to the region, its contests (the
/// school's contest pages under the district's route), and the winners block of its summary. The region's list of nominated
/// practices and its own contests are here too: the same rows and pages, seen from above.
/// </summary>
public static class DistrictRecognitionPages
{
    public static RouteGroupBuilder MapDistrictRecognitionPages(this RouteGroupBuilder district)
    {
        district.MapGet("/best-practices", List).RequireAuthorization(Policies.DistrictRead);
        district.MapPost("/best-practices/{id:guid}/nominate", Nominate).RequireAuthorization(Policies.DistrictWrite);
        district.MapGet("/awards", Awards).RequireAuthorization(Policies.DistrictRead);
        ContestPages.Map(district, Policies.DistrictRead, Policies.DistrictWrite, Policies.DistrictRead);
        return district;
    }

    public static RouteGroupBuilder MapRegionBestPracticePages(this RouteGroupBuilder region)
    {
        region.MapGet("/best-practices", Region).RequireAuthorization(Policies.RegionRead);
        ContestPages.Map(region, Policies.RegionRead, Policies.RegionWrite, Policies.RegionRead);
        return region;
    }

    private static async Task<IResult> List(Guid districtId, HttpContext http, DocumentSession session, CancellationToken ct) =>
        Pages.Render<DistrictPracticesPage>(new
        {
            Ui = UiContext.For(http),
            Model = new DistrictPracticesModel(await BestPracticeQueries.OfDistrictAsync(session, districtId, ct), null, null, FormErrors.None),
        });

    private static async Task<IResult> Nominate(Guid districtId, Guid id, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (f, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return Pages.Render<FormAlert>(new { Errors = FormErrors.General(Pages.StaleForm) }, StatusCodes.Status400BadRequest);
        string? note = f["note"];
        return await Pages.Attempt(async () =>
        {
            if (await BestPracticeEndpoints.NominateAsync(session, districtId, id, new NominateBestPractice(Pages.Text(note)), ui.Today, http, ct) is null)
                return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Практика не найдена." }, StatusCodes.Status404NotFound);
            return Pages.Render<DistrictPracticesSection>(new
            {
                Ui = ui, Model = new DistrictPracticesModel(await BestPracticeQueries.OfDistrictAsync(session, districtId, ct), null, null, FormErrors.None),
            });
        }, async (errors, status) => Pages.Render<DistrictPracticesSection>(new
        {
            Ui = ui, Model = new DistrictPracticesModel(await BestPracticeQueries.OfDistrictAsync(session, districtId, ct), id, note, errors),
        }, status));
    }

    private static async Task<IResult> Awards(Guid districtId, DocumentSession session, CancellationToken ct) =>
        Pages.Render<AwardsCard>(new { Awards = await ContestQueries.DistrictWinnersAsync(session, districtId, ct), ShowSchool = true });

    private static async Task<IResult> Region(Guid regionId, HttpContext http, DocumentSession session, CancellationToken ct) =>
        Pages.Render<RegionPracticesPage>(new { Ui = UiContext.For(http), Practices = await BestPracticeQueries.NominatedInRegionAsync(session, regionId, ct) });
}
