using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Tenancy.Resolution;

namespace Platform.Web.Home;

/// <summary>The start of the app: signed out → the sign-in page; signed in → the home of the account's scope.</summary>
public static class HomePages
{
    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", Start).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IResult Start(HttpContext http) => Caller.FromPrincipal(http.User) is not { } caller
        ? Results.Redirect("/account/login")
        : Results.Redirect(caller.Scope.Kind switch
        {
            // A mentor or a mentee (no role that reads the school's records): their own page.
            ScopeKind.School when !caller.Roles.Any(Policies.AllowedRoles[Policies.SchoolRead].Contains) => $"/schools/{caller.Scope.Id}/me",
            ScopeKind.School => $"/schools/{caller.Scope.Id}",
            ScopeKind.District => $"/districts/{caller.Scope.Id}",
            ScopeKind.Region => $"/regions/{caller.Scope.Id}", // the region officer: its districts
            _ => "/regions", // the platform administrator: the regions
        });
}
