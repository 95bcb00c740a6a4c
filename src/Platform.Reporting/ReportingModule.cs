using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Reporting.Campaigns;
using Platform.Reporting.Indicators;
using Platform.Reporting.SchoolReports;
using Platform.Jobs.Scheduling;
using Platform.Reporting.Submissions;

namespace Platform.Reporting;

/// <summary>District oversight: indicator sets, reporting campaigns, school reports, submissions to the regional institute.</summary>
public static class ReportingModule
{
    public static DocumentStoreOptions AddReporting(this DocumentStoreOptions options) => options
        .Aggregate<IndicatorSet>()
        .Aggregate<Campaign>()
        .Aggregate<SchoolReport>()
        .Aggregate<Submission>()
        .Project(new IndicatorSetProjection())
        .Project(new CampaignProjection())
        .Project(new SchoolReportProjection())
        .Project(new SubmissionProjection());

    public static IServiceCollection AddReportingServices(this IServiceCollection services) => services
        .AddScoped<ReportDecision>()
        .AddSingleton<SubmissionPackages>()
        .AddSingleton<Platform.Jobs.Deadlines.IDeadlineSource, Campaigns.SchoolReportDeadlines>()
        .AddSingleton<Platform.Jobs.Deadlines.IDeadlineSource, Campaigns.DistrictSubmissionDeadlines>()
        .AddSingleton<SubmissionAutoDraft>()
        .AddSingleton<SubmissionAssembly>()
        .AddSingleton<Platform.Operations.IOperationHandler>(sp => sp.GetRequiredService<SubmissionAssembly>())
        .AddPlatformRecurringJob<SubmissionAutoDraftJob>(SubmissionAutoDraftJob.Id, "0 * * * *");

    public static IEndpointRouteBuilder MapReporting(this IEndpointRouteBuilder app)
    {
        app.MapIndicators();
        app.MapCampaigns();
        app.MapSchoolReports();
        app.MapSubmissions();
        app.MapSubmissionAutoDraft();
        return app;
    }
}
