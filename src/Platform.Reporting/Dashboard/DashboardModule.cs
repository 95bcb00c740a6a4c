using Microsoft.AspNetCore.Routing;
using Platform.EventStore;

namespace Platform.Reporting.Dashboard;

/// <summary>The district and region dashboard: its rollup projection and its endpoints.</summary>
public static class DashboardModule
{
    /// <summary>Registers the rollup after the mentoring projections it reads (call after AddMentoring).</summary>
    public static DocumentStoreOptions AddDashboard(this DocumentStoreOptions options) =>
        options.Project(new SchoolRollupProjection(options.Projections));

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app) => app.MapDashboardEndpoints();
}
