using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Platform.Tenancy.Resolution;

namespace Platform.Web.Shell;

/// <summary>What every page and fragment needs from the request: who, which school or district, today there, the form token.</summary>
public sealed record UiContext(Caller Caller, SchoolEntry? School, DistrictEntry? District, DateOnly Today, string TimeZone,
    string AntiforgeryField, string AntiforgeryToken, Assets Assets, RegionEntry? Region = null)
{
    /// <summary>A region's own page (its districts, its settings): the route names a region the caller works for.</summary>
    public bool IsRegionPage => Region is not null && School is null && District is null;

    public bool IsPlatformAdmin => Caller.Roles.Contains(Platform.Tenancy.Access.Roles.PlatformAdmin);

    public string RegionPath(string rest = "") => $"/regions/{Region!.Id}{rest}";

    private static readonly string[] Writers = Policies.AllowedRoles[Policies.SchoolWrite];

    /// <summary>May change the school's records (curator, director, platform admin); a district curator reads only.</summary>
    public bool CanWrite => School is not null && Caller.Roles.Any(Writers.Contains);

    private static readonly string[] DistrictWriters = Policies.AllowedRoles[Policies.DistrictWrite];

    /// <summary>May open campaigns, accept or return reports of the district (its curator, the platform admin).</summary>
    public bool CanWriteDistrict => District is not null && School is null && Caller.Roles.Any(DistrictWriters.Contains);

    public string DistrictPath(string rest = "") => $"/districts/{District!.Id}{rest}";

    public bool IsDistrictUser => Caller.Scope.Kind != Platform.EventStore.ScopeKind.School;

    public string SchoolPath(string rest = "") => $"/schools/{School!.Id}{rest}";

    public static UiContext For(HttpContext http)
    {
        var services = http.RequestServices;
        var tenant = (TenantContext)services.GetService(typeof(TenantContext))!;
        var time = (TimeProvider)services.GetService(typeof(TimeProvider))!;
        var antiforgery = (IAntiforgery)services.GetService(typeof(IAntiforgery))!;
        var tokens = antiforgery.GetAndStoreTokens(http);
        var zone = tenant.School?.TimeZone ?? tenant.District?.TimeZone ?? "Europe/Moscow";
        var today = Platform.Tenancy.Registry.RussianTimeZones.Today(time.GetUtcNow(), zone);
        return new UiContext(tenant.Caller!, tenant.School, tenant.District, today, zone, tokens.FormFieldName, tokens.RequestToken!,
            (Assets)services.GetService(typeof(Assets))!, tenant.Scope?.Kind == Platform.EventStore.ScopeKind.Region ? tenant.Region : null);
    }
}
