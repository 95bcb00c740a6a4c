using System.Diagnostics;
using Hangfire;
using Hangfire.PostgreSql;
using Npgsql;
using Platform.Jobs.Reminders;
using Platform.Jobs.Scheduling;
using Platform.Operations;

/// <summary>
/// Hangfire 1.8 on the bench database (schema hangfire from migration V054), as the product sets it up in
/// Scheduling.AddPlatformScheduling: each node its own Scheduling.Storage as platform_system (its own connection pool, named
/// by Application Name), sliding invisibility timeout, long polling, the JobsOptions defaults (4 workers, 15 s polls).
/// The times are Hangfire's own: the states' createdat (written by the node that changes the state, this machine's clock)
/// and the Succeeded state's Latency and PerformanceDuration.
/// </summary>
static class HangfireBench
{
    private static readonly JobsOptions Defaults = new();

    public static void Configure() => GlobalConfiguration.Configuration.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
        .UseSimpleAssemblyNameTypeSerializer()
        .UseRecommendedSerializerSettings()
        .UseLogProvider(new WarningsToStderr());

    public static PostgreSqlStorage Storage(string system, string node)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(system) { ApplicationName = "hangfire-" + node }.ConnectionString;
        return Scheduling.Storage(connectionString, Defaults);
    }

    public static BackgroundJobServer Server(JobStorage storage, string name, TimeSpan schedulePoll, JobActivator? activator = null) =>
        new(new BackgroundJobServerOptions
        {
            ServerName = name,
            WorkerCount = Defaults.Workers,
            SchedulePollingInterval = schedulePoll,
            Queues = [Queues.Default],
            Activator = activator ?? JobActivator.Current,
        }, storage);

    /// <summary>Empties Hangfire's tables (no server running): rounds do not see each other's jobs, locks or servers.</summary>
    public static async Task CleanAsync(string owner)
    {
        await using var c = new NpgsqlConnection(owner);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            TRUNCATE hangfire.job, hangfire.state, hangfire.jobparameter, hangfire.jobqueue, hangfire.set, hangfire.hash, hangfire.list,
                     hangfire.counter, hangfire.aggregatedcounter, hangfire.lock, hangfire.server CASCADE
            """, c);
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task WaitForServersAsync(string owner, int count)
    {
        await using var c = new NpgsqlConnection(owner);
        await c.OpenAsync();
        var sw = Stopwatch.StartNew();
        while (await Scalar<long>(c, "SELECT count(*) FROM hangfire.server") < count)
        {
            if (sw.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"{count} Hangfire servers did not start.");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until every job is Succeeded (throws when one failed or the wait exceeds <paramref name="timeout"/>).</summary>
    public static async Task WaitSucceededAsync(string owner, long[] ids, TimeSpan timeout)
    {
        await using var c = new NpgsqlConnection(owner);
        await c.OpenAsync();
        var sw = Stopwatch.StartNew();
        while (true)
        {
            await using var cmd = new NpgsqlCommand(
                "SELECT count(*) FILTER (WHERE statename = 'Succeeded'), count(*) FILTER (WHERE statename IN ('Failed', 'Deleted')) FROM hangfire.job WHERE id = ANY($1)", c);
            cmd.Parameters.Add(new NpgsqlParameter { Value = ids });
            await using (var r = await cmd.ExecuteReaderAsync())
            {
                await r.ReadAsync();
                if (r.GetInt64(1) > 0) throw new InvalidOperationException($"{r.GetInt64(1)} Hangfire jobs failed.");
                if (r.GetInt64(0) == ids.Length) return;
            }
            if (sw.Elapsed > timeout) throw new TimeoutException($"Hangfire jobs not done after {timeout.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }

    /// <summary>Per job: created, Enqueued, Processing (and its node), Succeeded with its Latency and PerformanceDuration (ms).</summary>
    public static async Task<List<JobTimes>> TimesAsync(string owner, long[] ids)
    {
        await using var c = new NpgsqlConnection(owner);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT j.id, j.createdat,
                   max(s.createdat) FILTER (WHERE s.name = 'Enqueued'), max(s.createdat) FILTER (WHERE s.name = 'Processing'),
                   max(s.createdat) FILTER (WHERE s.name = 'Succeeded'), max(s.data ->> 'ServerId') FILTER (WHERE s.name = 'Processing'),
                   max((s.data ->> 'Latency')::bigint) FILTER (WHERE s.name = 'Succeeded'),
                   max((s.data ->> 'PerformanceDuration')::bigint) FILTER (WHERE s.name = 'Succeeded')
              FROM hangfire.job j JOIN hangfire.state s ON s.jobid = j.id
             WHERE j.id = ANY($1)
             GROUP BY j.id, j.createdat
            """, c);
        cmd.Parameters.Add(new NpgsqlParameter { Value = ids });
        var times = new List<JobTimes>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            times.Add(new JobTimes(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetFieldValue<DateTimeOffset>(2), r.GetFieldValue<DateTimeOffset>(3),
                r.GetFieldValue<DateTimeOffset>(4), r.GetString(5), r.GetInt64(6), r.GetInt64(7)));
        return times;
    }

    /// <summary>The recurring job's runs (ids, oldest first).</summary>
    public static async Task<long[]> RecurringRunsAsync(string owner, string recurringJobId)
    {
        await using var c = new NpgsqlConnection(owner);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT jobid FROM hangfire.jobparameter WHERE name = 'RecurringJobId' AND value = $1 ORDER BY jobid", c);
        cmd.Parameters.Add(new NpgsqlParameter { Value = $"\"{recurringJobId}\"" });
        var ids = new List<long>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) ids.Add(r.GetInt64(0));
        return [.. ids];
    }

    public static async Task<T> Scalar<T>(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

sealed record JobTimes(long Id, DateTimeOffset Created, DateTimeOffset Enqueued, DateTimeOffset Processing, DateTimeOffset Succeeded, string ServerId,
    long LatencyMs, long DurationMs);

/// <summary>The jobs of the delay rounds: public static methods, found by Hangfire by type and method name.</summary>
public static class BenchJobs
{
    /// <summary>A short job: 20 ms of waiting, as a job that calls a service or runs a small query would.</summary>
    public static Task Short() => Task.Delay(20);

    public static void Tick() { }
}

/// <summary>Builds the product's ReminderScanJob around the bench's scan (fixed clock); other job types as Hangfire would.</summary>
sealed class BenchActivator(ReminderScan scan) : JobActivator
{
    public override object ActivateJob(Type jobType) =>
        jobType == typeof(ReminderScanJob) ? new ReminderScanJob(scan) : base.ActivateJob(jobType);
}

/// <summary>
/// The scan's result as it logs it ("Reminder scan: {Reminders} reminders, {Escalations} escalations, …"): the product's
/// job returns nothing, the log line is what an operator sees.
/// </summary>
sealed class ScanResultLog : Microsoft.Extensions.Logging.ILogger<ReminderScan>
{
    public ScanResult? Last { get; private set; }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> values || !values.Any(v => v.Key == "Reminders")) return;
        var v = values.ToDictionary(p => p.Key, p => p.Value);
        Last = new ScanResult((int)v["Reminders"]!, (int)v["Escalations"]!, (int)v["Deliveries"]!, TimeSpan.FromMilliseconds((int)v["Ms"]!));
    }
}

/// <summary>Hangfire's warnings and errors on stderr (the bench's output stays the figures).</summary>
sealed class WarningsToStderr : Hangfire.Logging.ILogProvider, Hangfire.Logging.ILog
{
    public Hangfire.Logging.ILog GetLogger(string name) => this;

    public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
    {
        if (logLevel < Hangfire.Logging.LogLevel.Warn) return false;
        if (messageFunc != null) Console.Error.WriteLine($"hangfire {logLevel}: {messageFunc()} {exception?.GetType().Name} {exception?.Message}");
        return true;
    }
}
