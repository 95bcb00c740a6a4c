using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;
using Platform.Web.Schools.People;
using Platform.Web.Shell;

namespace Platform.Web.Regions;

public sealed record RetentionModel(RegionEntry Region, int Years, string? Typed, FormErrors Errors, string? Notice = null);

/// <summary>
/// The region's «Персональные данные»: how many years after a participant's last program the schools keep their personal data; the
/// nightly job erases it after that. The API's decision (<see cref="RegionEndpoints.SetRetentionAsync"/>).
/// </summary>
public static class RetentionPages
{
    public static RouteGroupBuilder MapRetentionPages(this RouteGroupBuilder region)
    {
        region.MapGet("/personal-data", Show).RequireAuthorization(Policies.RegionWrite);
        region.MapPost("/personal-data", Set).RequireAuthorization(Policies.RegionWrite);
        return region;
    }

    private static async Task<IResult> Render(HttpContext http, DocumentSession session, TenantDirectory directory, Guid regionId, string? typed,
        FormErrors errors, string? notice, CancellationToken ct, int status = StatusCodes.Status200OK)
    {
        var region = (await directory.FindRegionAsync(regionId, ct))!;
        var years = (await session.Events.AggregateStreamAsync<Region>(regionId, ct: ct))?.RetentionYears ?? Region.DefaultRetentionYears;
        return Pages.Render<RetentionPage>(new { Ui = UiContext.For(http), Model = new RetentionModel(region, years, typed, errors, notice) }, status);
    }

    private static Task<IResult> Show(Guid regionId, HttpContext http, DocumentSession session, TenantDirectory directory, CancellationToken ct) =>
        Render(http, session, directory, regionId, null, FormErrors.None, null, ct);

    private static async Task<IResult> Set(Guid regionId, HttpContext http, DocumentSession session, TenantDirectory directory, CancellationToken ct)
    {
        var (form, valid) = await Pages.ReadFormAsync(http);
        var typed = Pages.Text(form["years"]);
        if (!valid) return await Render(http, session, directory, regionId, typed, FormErrors.General(Pages.StaleForm), null, ct, StatusCodes.Status400BadRequest);
        return await Pages.Attempt(async () =>
            {
                var years = FormState.Number(form["years"], "years", "3");
                await RegionEndpoints.SetRetentionAsync(regionId, new SetRetention(years), session, http, ct);
                return await Render(http, session, directory, regionId, null, FormErrors.None, "Срок хранения сохранён.", ct);
            },
            (errors, status) => Render(http, session, directory, regionId, typed, errors, null, ct, status));
    }
}
