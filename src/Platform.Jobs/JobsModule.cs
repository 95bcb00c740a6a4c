using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Operations;
using Platform.Jobs.Deadlines;
using Platform.Jobs.Deliveries;
using Platform.Jobs.Email;
using Platform.Jobs.Notifications;
using Platform.Jobs.Operations;
using Platform.Jobs.Messaging;
using Platform.Jobs.Reminders;
using Platform.Jobs.Scheduling;

namespace Platform.Jobs;

/// <summary>Deadlines and reminders (Hangfire recurring jobs); notifications, e-mail and pushes (Wolverine messages).</summary>
public static class JobsModule
{
    /// <summary>
    /// `--role worker|web|all` (or Role=…): a worker runs the jobs (Hangfire's server, Wolverine's handlers) with /health and
    /// no other endpoint; a web node serves pages and the API and queues jobs without running them; all (default) does both.
    /// </summary>
    public static NodeRole Role(IConfiguration config) => config["role"] switch
    {
        null or "" => NodeRole.All,
        var name when Enum.GetNames<NodeRole>().FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } known => Enum.Parse<NodeRole>(known),
        var name => throw new InvalidOperationException($"Unknown role '{name}': all, web or worker."),
    };

    public static bool IsWorker(IConfiguration config) => Role(config) == NodeRole.Worker;

    public static IServiceCollection AddJobsServices(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<JobsOptions>(config.GetSection(JobsOptions.Section));
        services.Configure<EmailOptions>(config.GetSection(EmailOptions.Section));
        services.Configure<DeliveryOptions>(config.GetSection(DeliveryOptions.Section));
        // One source per kind of deadline; issue 6 adds its campaign source here.
        services.AddSingleton<IDeadlineSource, RoadMapActivityDeadlines>();
        services.AddSingleton<IDeadlineSource, ProgramPlanRowDeadlines>();
        services.AddSingleton<IDeadlineSource, ProgramEndDeadlines>();
        services.AddSingleton<IDeadlineSource, DistrictDeadlines>();
        services.AddSingleton<ReminderScan>();
        services.AddSingleton<SmtpEmailSender>();
        services.AddHttpClient(HttpDeliverySender.ClientName);
        services.AddSingleton<HttpDeliverySender>();
        services.AddPlatformMessaging(config);
        services.AddPlatformScheduling(config, Role(config));
        services.AddSingleton<BackgroundOperations>();
        services.AddSingleton<ProjectionRebuild>();
        services.AddSingleton<IOperationHandler>(sp => sp.GetRequiredService<ProjectionRebuild>());
        services.AddPlatformRecurringJob<OperationsCleanup>(OperationsCleanup.Id, "30 2 * * *");
        services.AddSingleton<Platform.Mentoring.People.Retention.PersonalDataRetention>();
        services.AddPlatformRecurringJob<PersonalDataRetentionJob>(PersonalDataRetentionJob.Id, "15 3 * * *");
        return services;
    }

    public static IEndpointRouteBuilder MapJobs(this IEndpointRouteBuilder app)
    {
        app.MapNotifications();
        app.MapDeliveries();
        app.MapReminders();
        app.MapOperations();
        ProjectionRebuild.MapProjectionRebuild(app);
        return app;
    }
}
