using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Jobs.Deadlines;
using Platform.Jobs.Deliveries;
using Platform.Jobs.Email;
using Platform.Jobs.Notifications;
using Platform.Jobs.Messaging;
using Platform.Jobs.Reminders;
using Platform.Jobs.Scheduling;

namespace Platform.Jobs;

/// <summary>Deadlines and reminders (run by the clustered scheduler); notifications, e-mail and pushes (Wolverine messages).</summary>
public static class JobsModule
{
    /// <summary>
    /// `--role worker` (or Role=worker): the same binary runs the scheduler only, with /health and no other endpoint.
    /// </summary>
    public static bool IsWorker(IConfiguration config) => string.Equals(config["role"], "worker", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddJobsServices(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<JobsOptions>(config.GetSection(JobsOptions.Section));
        services.Configure<EmailOptions>(config.GetSection(EmailOptions.Section));
        services.Configure<DeliveryOptions>(config.GetSection(DeliveryOptions.Section));
        // One source per kind of deadline; issue 6 adds its campaign source here.
        services.AddSingleton<IDeadlineSource, RoadMapActivityDeadlines>();
        services.AddSingleton<IDeadlineSource, ProgramPlanRowDeadlines>();
        services.AddSingleton<IDeadlineSource, ProgramEndDeadlines>();
        services.AddSingleton<ReminderScan>();
        services.AddSingleton<SmtpEmailSender>();
        services.AddHttpClient(HttpDeliverySender.ClientName);
        services.AddSingleton<HttpDeliverySender>();
        services.AddPlatformMessaging(config);

        var options = config.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        if (options.Scheduler || IsWorker(config)) services.AddPlatformScheduler(config, options);
        return services;
    }

    public static IEndpointRouteBuilder MapJobs(this IEndpointRouteBuilder app)
    {
        app.MapNotifications();
        app.MapDeliveries();
        app.MapReminders();
        return app;
    }
}
