using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Jobs.Outbox;
using Platform.Jobs.Reminders;
using Quartz;

namespace Platform.Jobs.Scheduling;

/// <summary>The reminder scan as a Quartz job: one node of the cluster at a time runs it.</summary>
public sealed class ReminderScanJob(ReminderScan scan) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await scan.RunAsync(ct);
}

/// <summary>The outbox relay as a Quartz job; rows are claimed with SKIP LOCKED, so nodes never send the same row at once.</summary>
public sealed class OutboxRelayJob(OutboxRelay relay) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await relay.DrainAsync(ct);
}

// The slot for issue 6: «a few days before the regional deadline, draft the district's submission from the reports
// accepted so far and tell the district curator». Add a job like ReminderScanJob (daily, DisallowConcurrentExecution)
// whose work, per district whose regional campaign is due in N days (N per district, default 3) and not yet drafted,
// drafts the submission and, in the same transaction, queues a "notice" to the district curators with OutboxWriter.

public static class QuartzSetup
{
    public const string SchedulerName = "platform";

    /// <summary>
    /// Quartz 4.7.3 with the clustered AdoJobStore on PostgreSQL (tables quartz.qrtz_*, created by migration V040, not by
    /// Quartz), System.Text.Json for job data. Every node with the scheduler checks in; a dead node's jobs are recovered.
    /// </summary>
    public static IServiceCollection AddPlatformScheduler(this IServiceCollection services, IConfiguration config, JobsOptions options)
    {
        var connectionString = config.GetConnectionString("Platform")
            ?? throw new InvalidOperationException("ConnectionStrings:Platform is not configured.");
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
            q.ScheduleJob<ReminderScanJob>(
                t => t.WithIdentity("reminder-scan").StartNow().WithSchedule(SimpleScheduleBuilder.Create().WithInterval(options.ScanInterval).RepeatForever()),
                j => j.WithIdentity("reminder-scan").DisallowConcurrentExecution(true));
            q.ScheduleJob<OutboxRelayJob>(
                t => t.WithIdentity("outbox-relay").StartNow().WithSchedule(SimpleScheduleBuilder.Create().WithInterval(options.RelayInterval).RepeatForever()),
                j => j.WithIdentity("outbox-relay").DisallowConcurrentExecution(true));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
