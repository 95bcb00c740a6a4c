using System.Text;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Operations;

namespace Platform.Jobs.Scheduling;

/// <summary>A recurring job a module brings: run by one node per occurrence, set-based and idempotent.</summary>
public interface IRecurringJob
{
    Task RunAsync(CancellationToken ct);
}

/// <summary>A recurring job's id, default cron (UTC) and how it is registered with Hangfire.</summary>
public sealed record RecurringJobEntry(string Id, string Cron, Action<IRecurringJobManager, string> Register);

/// <summary>
/// Hangfire 1.8 on PostgreSQL (Hangfire.PostgreSql, schema hangfire, created by our migration V054, never by Hangfire).
/// Every node gets the client (queue jobs, the dashboard); nodes in the worker or all role also run the server.
/// </summary>
public static class Scheduling
{
    public const string Schema = "hangfire";

    /// <summary>Registers a module's recurring job; <paramref name="cron"/> (UTC) unless Jobs:Schedules names another.</summary>
    public static IServiceCollection AddPlatformRecurringJob<TJob>(this IServiceCollection services, string id, string cron)
        where TJob : class, IRecurringJob =>
        services.AddSingleton(new RecurringJobEntry(id, cron, (manager, effective) => manager.AddOrUpdate<TJob>(id, j => j.RunAsync(CancellationToken.None),
            effective, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Relaxed })));

    public static IServiceCollection AddPlatformScheduling(this IServiceCollection services, IConfiguration config, NodeRole role)
    {
        var connectionString = config.GetConnectionString("PlatformSystem")
            ?? throw new InvalidOperationException("ConnectionStrings:PlatformSystem is not configured.");
        var options = config.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        // The storage and the activator belong to this host (registered before AddHangfire, which only adds the
        // process-wide JobStorage.Current / JobActivator.Current when none is): several hosts in one process stay apart.
        services.AddSingleton<JobStorage>(Storage(connectionString, options));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, c) => c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>())));
        services.AddPlatformRecurringJob<ReminderScanJob>(ReminderScanJob.Id, "*/5 * * * *");
        services.AddHostedService<RecurringJobsRegistration>();
        if (role != NodeRole.Web)
            services.AddHangfireServer((sp, o) =>
            {
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
                o.WorkerCount = options.Workers;
                o.SchedulePollingInterval = options.SchedulePollInterval;
                o.Queues = [Queues.Default];
            });
        return services;
    }

    /// <summary>Hangfire's storage as the product uses it: our schema (never installed by Hangfire), the system role's connection.</summary>
    public static PostgreSqlStorage Storage(string connectionString, JobsOptions options)
    {
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = Schema,
            PrepareSchemaIfNecessary = false,
            // A job is fetched again only when its node stopped sending keep-alives, never because it runs long.
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = options.InvisibilityTimeout,
            QueuePollInterval = options.QueuePollInterval,
            EnableLongPolling = true,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
    }

    /// <summary>
    /// Hangfire.PostgreSql's installer scripts (each followed by its version update), as migration V054 holds them:
    /// printed by `Platform.Api hangfire-schema` when a new version of the package brings a new script.
    /// </summary>
    public static string SchemaScript()
    {
        var script = new StringBuilder();
        var previous = 1;
        foreach (var (name, version) in InstallScripts())
        {
            using var reader = new StreamReader(typeof(PostgreSqlStorage).Assembly.GetManifestResourceStream(name)!);
            script.Append($"-- {name}\n{reader.ReadToEnd().TrimStart('\uFEFF')}\n;UPDATE \"{Schema}\".\"schema\" SET \"version\" = {version} WHERE \"version\" = {previous};\n");
            previous = version;
        }
        return script.ToString();
    }

    /// <summary>The installed schema version the package expects (the last installer script).</summary>
    public static int SchemaVersion() => InstallScripts().Max(s => s.Version);

    /// <summary>The package's embedded installer scripts (Install.v3.sql … vNN.sql) with their versions, in order.</summary>
    private static IEnumerable<(string Name, int Version)> InstallScripts()
    {
        const string prefix = "Hangfire.PostgreSql.Scripts.Install.v";
        return typeof(PostgreSqlStorage).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix))
            .Select(n => (n, int.Parse(n[prefix.Length..].Split('.')[0]))).OrderBy(s => s.Item2);
    }
}

/// <summary>
/// Hangfire logs through a process-wide provider: this host's logging, and nothing (rather than an exception in a job's
/// scheduling) once the host that set it is gone, when several hosts share a process (tests).
/// </summary>
internal sealed class HostLogProvider(Microsoft.Extensions.Logging.ILoggerFactory factory) : Hangfire.Logging.ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public Hangfire.Logging.ILog GetLogger(string name)
    {
        try { return _inner.GetLogger(name); }
        catch (ObjectDisposedException) { return Silent.Instance; }
    }

    private sealed class Silent : Hangfire.Logging.ILog
    {
        public static readonly Silent Instance = new();
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}

/// <summary>Adds or updates every module's recurring job at start (idempotent: each node may do it).</summary>
internal sealed class RecurringJobsRegistration(IRecurringJobManager manager, IEnumerable<RecurringJobEntry> jobs, IOptions<JobsOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var job in jobs) job.Register(manager, options.Value.Schedules.GetValueOrDefault(job.Id) ?? job.Cron);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
