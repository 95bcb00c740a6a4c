using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Platform.Jobs.Scheduling;

/// <summary>Hangfire's dashboard under /admin/jobs, for the platform administrator only.</summary>
public static class JobsDashboard
{
    public const string Path = "/admin/jobs";

    /// <summary>
    /// The endpoint requires the platform policy (anonymous 401, any other role 403, as every endpoint of the product);
    /// the dashboard's own filter checks the role again, so the page stays closed if it is ever mapped without the policy.
    /// </summary>
    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new PlatformAdminOnly()],
            DashboardTitle = "Фоновые задания",
            AppPath = "/",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(Policies.Platform);
        return app;
    }

    private sealed class PlatformAdminOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.PlatformAdmin);
    }
}
