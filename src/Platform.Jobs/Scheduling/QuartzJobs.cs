using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Jobs.Reminders;
using Quartz;

namespace Platform.Jobs.Scheduling;

/// <summary>The reminder scan as a Quartz job: one node of the cluster at a time runs it.</summary>
public sealed class ReminderScanJob(ReminderScan scan) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await scan.RunAsync(ct);
}

/// <summary>
/// A recurring job another module brings (e.g. Reporting's submission auto-draft), scheduled like reminder-scan.
/// Registered with <see cref="QuartzSetup.AddPlatformRecurringJob{TJob}"/>.
/// </summary>
public sealed record RecurringJob(Action<IQuartzBuilder> Schedule);

public static class QuartzSetup
{
    public const string SchedulerName = "platform";

    /// <summary>
    /// Registers a module's recurring job (DisallowConcurrentExecution, clustered, every <paramref name="interval"/>). Call it before
    /// AddJobsServices: the scheduler takes the jobs registered by then.
    /// </summary>
    public static IServiceCollection AddPlatformRecurringJob<TJob>(this IServiceCollection services, string name, TimeSpan interval) where TJob : class, IJob
    {
        if (services.Any(d => d.ServiceType == typeof(SchedulerAdded)))
            throw new InvalidOperationException($"Recurring job {name}: register it before AddJobsServices (the scheduler is already configured).");
        return services.AddSingleton(new RecurringJob(q => Every<TJob>(q, name, interval)));
    }

    /// <summary>A job run every <paramref name="interval"/> by one node of the cluster at a time.</summary>
    private static void Every<TJob>(IQuartzBuilder q, string name, TimeSpan interval) where TJob : class, IJob =>
        q.ScheduleJob<TJob>(
            t => t.WithIdentity(name).StartNow().WithSchedule(SimpleScheduleBuilder.Create().WithInterval(interval).RepeatForever()),
            j => j.WithIdentity(name).DisallowConcurrentExecution(true));

    private sealed class SchedulerAdded;

    /// <summary>
    /// Quartz 4.7.3 with the clustered AdoJobStore on PostgreSQL (tables quartz.qrtz_*, created by migration V040, not by
    /// Quartz), System.Text.Json for job data. Every node with the scheduler checks in; a dead node's jobs are recovered.
    /// </summary>
    public static IServiceCollection AddPlatformScheduler(this IServiceCollection services, IConfiguration config, JobsOptions options)
    {
        var connectionString = config.GetConnectionString("Platform")
            ?? throw new InvalidOperationException("ConnectionStrings:Platform is not configured.");
        var recurring = services.Where(d => d.ServiceType == typeof(RecurringJob)).Select(d => (RecurringJob)d.ImplementationInstance!).ToList();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = SchedulerName;
                o.GenerateInstanceId = true;
                o.IdleWaitTime = options.IdleWait;
            });
            q.UsePersistentStore(s =>
            {
                s.UsePostgres(connectionString);
                s.ConfigureStore(o => o.TablePrefix = "quartz.qrtz_");
                s.UseClustering(c => c.CheckinInterval = options.ClusterCheckin);
                s.UseSerializer<Quartz.Impl.SystemTextJsonObjectSerializer>();
            });
            Every<ReminderScanJob>(q, "reminder-scan", options.ScanInterval);
            foreach (var job in recurring) job.Schedule(q);
        });
        services.AddSingleton<SchedulerAdded>();
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
