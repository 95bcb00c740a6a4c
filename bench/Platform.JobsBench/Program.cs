using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.EventStore;
using Platform.EventStore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Jobs.Deadlines;
using Platform.Jobs.Deliveries;
using Platform.Jobs.Messaging;
using Platform.Jobs.Reminders;
using Platform.Jobs.Scheduling;
using Hangfire;

// Reminder scan benchmark (bench.sh, docs/performance.md): one scan over PLATFORM_BENCH_SCHOOLS schools (default 40,000)
// × 12 open deadlines each (10 road map activities, 1 plan row, 1 program end), in 7 Russian time zones, one curator
// with an e-mail address per school. Target: one scan < 10 s. Then Hangfire (HangfireBench.cs, ≈2.5 min): the scan of a
// later day as the product's ReminderScanJob on one node, and the delay between delayed jobs' due time and their start
// at 1, 2 and 4 nodes with the schedule polled every 15 s (the product's default) and every second.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var owner = Environment.GetEnvironmentVariable("PLATFORM_BENCH_OWNER") ?? throw new InvalidOperationException("PLATFORM_BENCH_OWNER is not set.");
var app = Environment.GetEnvironmentVariable("PLATFORM_BENCH_APP") ?? throw new InvalidOperationException("PLATFORM_BENCH_APP is not set.");
var schools = int.Parse(Environment.GetEnvironmentVariable("PLATFORM_BENCH_SCHOOLS") ?? "40000");
const int schoolsPerDistrict = 400;
var districts = Math.Max(1, (schools + schoolsPerDistrict - 1) / schoolsPerDistrict);

await new SchemaMigrator(owner, NullLogger.Instance,
    typeof(Platform.Tenancy.TenancyModule).Assembly, typeof(Platform.Identity.IdentityModule).Assembly,
    typeof(Platform.Mentoring.MentoringModule).Assembly, typeof(Platform.Jobs.JobsModule).Assembly).MigrateAsync();

var now = new DateTimeOffset(2026, 12, 16, 7, 0, 0, TimeSpan.Zero); // 10:00 Moscow, 14:00 Irkutsk, 19:00 Kamchatka
var today = DateOnly.FromDateTime(now.UtcDateTime);
await using (var c = new NpgsqlConnection(owner))
{
    await c.OpenAsync();
    var sw = Stopwatch.StartNew();
    await Exec(c, """
        TRUNCATE registry.regions, registry.districts, registry.schools, identity.users CASCADE;
        TRUNCATE mentoring.road_map_activities, mentoring.programs, mentoring.program_plan_rows, jobs.reminder_log, jobs.deliveries, jobs.notifications,
                 jobs.delivery_attempts, jobs.reminder_policies, wolverine.wolverine_incoming_envelopes;
        INSERT INTO registry.regions VALUES ('00000000-0000-0000-0000-0000000000b1', '00000000-0000-0000-0000-0000000000b1', 'B', 'Регион', 'Институт', 'Europe/Moscow', 1);
        """);
    await Exec(c, """
        INSERT INTO registry.districts
        SELECT '00000000-0000-0000-0000-0000000000b1', ('00000000-0000-4000-a000-' || lpad(to_hex(d), 12, '0'))::uuid,
               '00000000-0000-0000-0000-0000000000b1', 'Район ' || d, 'Район ' || d, 'Europe/Moscow', 1
          FROM generate_series(1, $1) d;
        INSERT INTO registry.schools
        SELECT ('00000000-0000-4000-a000-' || lpad(to_hex(1 + (s - 1) / $3), 12, '0'))::uuid, ('00000000-0000-4000-b000-' || lpad(to_hex(s), 12, '0'))::uuid,
               ('00000000-0000-4000-a000-' || lpad(to_hex(1 + (s - 1) / $3), 12, '0'))::uuid, 'Школа № ' || s, 'Школа № ' || s, 'school',
               (ARRAY['Europe/Kaliningrad', 'Europe/Moscow', 'Europe/Samara', 'Asia/Yekaterinburg', 'Asia/Novosibirsk', 'Asia/Irkutsk', 'Asia/Vladivostok'])[1 + s % 7],
               NULL, NULL, 1
          FROM generate_series(1, $2) s;
        """, districts, schools, schoolsPerDistrict);
    await Exec(c, """
        INSERT INTO identity.users (id, tenant_id, scope_kind, full_name, roles, created_at, user_name, normalized_user_name, email, normalized_email,
                                    email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
        SELECT gen_random_uuid(), s.id, 'school', 'Куратор ' || s.short_name, '{SchoolCurator}', now(), 'curator.' || s.id, upper('curator.' || s.id),
               'curator.' || s.id || '@bench.test', upper('curator.' || s.id || '@bench.test'), true, false, false, true, 0
          FROM registry.schools s;
        INSERT INTO identity.users (id, tenant_id, scope_kind, full_name, roles, created_at, user_name, normalized_user_name, email, normalized_email,
                                    email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
        SELECT gen_random_uuid(), d.id, 'district', 'Куратор ' || d.short_name, '{DistrictCurator}', now(), 'district.' || d.id, upper('district.' || d.id),
               'district.' || d.id || '@bench.test', upper('district.' || d.id || '@bench.test'), true, false, false, true, 0
          FROM registry.districts d;
        """);
    // Due dates spread over the school year around "today" (−30 … +180 days), deterministic per school and slot.
    await Exec(c, """
        INSERT INTO mentoring.road_map_activities (tenant_id, id, road_map_id, stage_id, stage_title, position, title, period_kind, period_text,
                                                   last_day, responsible_roles, status)
        SELECT s.id, gen_random_uuid(), s.id, s.id, 'Этап', a, 'Мероприятие ' || a, 'date', '', $1::date - 30 + ((hashtext(s.id::text || a) & 1023) % 211),
               '{curator}', CASE WHEN a = 10 THEN 'in_progress' ELSE 'planned' END
          FROM registry.schools s CROSS JOIN generate_series(1, 10) a;
        INSERT INTO mentoring.programs (tenant_id, id, mentorship_id, problem, goal, form, kind, start_on, end_on, status, created_at, updated_at, version)
        SELECT s.id, s.id, s.id, 'Проблема', 'Адаптация молодого педагога', 'teacher_teacher', 'traditional', $1::date - 120,
               $1::date - 30 + ((hashtext(s.id::text || 'end') & 1023) % 211), 'in_progress', now(), now(), 1
          FROM registry.schools s;
        INSERT INTO mentoring.program_plan_rows (tenant_id, row_id, program_id, content, deadline)
        SELECT s.id, gen_random_uuid(), s.id, 'Открытый урок', $1::date - 30 + ((hashtext(s.id::text || 'row') & 1023) % 211)
          FROM registry.schools s;
        ANALYZE;
        """, today);
    Console.WriteLine($"Reminder scan benchmark: {schools:N0} schools in {districts} districts × 12 deadlines = {schools * 12:N0} open deadlines, " +
                      $"{schools:N0} curators; data written in {sw.Elapsed.TotalSeconds:F1} s; {Environment.ProcessorCount} CPUs, .NET {Environment.Version}");
}

var system = new NpgsqlConnectionStringBuilder(owner) { Username = "platform_system" }.ConnectionString;
await using var store = new DocumentStore(new DocumentStoreOptions { ConnectionString = app + ";Command Timeout=120", SystemConnectionString = system + ";Command Timeout=120" });
// The scan stores a Wolverine message per delivery in its transaction: a Wolverine node runs beside it, its handlers
// held back (one at a time) so that they take little from the scan being measured.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:PlatformSystem"] = system,
    ["Messaging:Mode"] = "Solo",
    ["Messaging:Parallelism"] = "1",
    ["Email:Host"] = "smtp.bench",
});
builder.Services.AddSingleton(store);
builder.Services.AddSingleton<TimeProvider>(new FixedTime(now));
builder.Services.AddPlatformMessaging(builder.Configuration);
using var host = builder.Build();
await host.StartAsync();
var deliveries = host.Services.GetRequiredService<DeliveryQueue>();
var plans = host.Services.GetRequiredService<RetryPlans>();
ReminderScan Scan(DateTimeOffset at, Microsoft.Extensions.Logging.ILogger<ReminderScan>? log = null) => new(store,
    [new RoadMapActivityDeadlines(), new ProgramPlanRowDeadlines(), new ProgramEndDeadlines()], new FixedTime(at),
    Options.Create(new EmailOptions { Host = "smtp.bench" }), deliveries, plans, log ?? NullLogger<ReminderScan>.Instance);
var scan = Scan(now);

if (Environment.GetEnvironmentVariable("PLATFORM_BENCH_EXPLAIN") == "1")
{
    await using var c = new NpgsqlConnection(owner);
    await c.OpenAsync();
    await using var tx = await c.BeginTransactionAsync();
    await using var cmd = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + scan.EscalationSql(), c, tx);
    foreach (var a in new object[] { today.AddDays(-32), today, now, ReminderPolicy.DefaultSendAt, 30, true, 8, 10 })
        cmd.Parameters.Add(new NpgsqlParameter { Value = a });
    await using (var r = await cmd.ExecuteReaderAsync())
        while (await r.ReadAsync()) Console.WriteLine(r.GetString(0));
    await tx.RollbackAsync();
}
var first = await scan.RunAsync();
Line($"first scan  (decides {first.Reminders:N0} reminders, {first.Escalations} escalations, {first.Deliveries:N0} deliveries and their messages)",
    $"{first.Took.TotalSeconds,6:F2} s   (target < 10 s)");
var second = await scan.RunAsync();
Line($"repeat scan (same moment: {second.Reminders} new, deduplicated)", $"{second.Took.TotalSeconds,6:F2} s");
var third = await Scan(now.AddDays(1)).RunAsync();
Line($"next day    (decides {third.Reminders:N0} reminders, {third.Escalations} escalations)", $"{third.Took.TotalSeconds,6:F2} s");
if (first.Reminders == 0 || second.Reminders != 0) throw new InvalidOperationException("The scan decided nothing, or decided twice.");
long stored;
await using (var c = new NpgsqlConnection(owner))
{
    await c.OpenAsync();
    await using var count = new NpgsqlCommand("SELECT count(*) FROM wolverine.wolverine_incoming_envelopes", c);
    stored = (long)(await count.ExecuteScalarAsync())!;
}
if (stored < first.Deliveries) throw new InvalidOperationException($"{stored} messages stored for {first.Deliveries} deliveries.");

// Hangfire (HangfireBench.cs): the scan as the product's job on one node, then the delay between a delayed job's due time
// and its start at 1, 2 and 4 nodes, each node a BackgroundJobServer with its own storage and the product's options.
HangfireBench.Configure();
var hangfirePart = Stopwatch.StartNew();
var jobsDefaults = new JobsOptions();
Console.WriteLine($"Hangfire: each node a BackgroundJobServer with its own PostgreSqlStorage as platform_system, {jobsDefaults.Workers} workers, " +
                  $"long polling, queue poll {jobsDefaults.QueuePollInterval.TotalSeconds:0} s; load average {string.Join(" ", File.ReadAllText("/proc/loadavg").Split(" ")[..3])}");
{
    // Fresh data for the scan: the day after the "next day" scan decides about as much as that one did.
    await HangfireBench.CleanAsync(owner);
    var scanLog = new ScanResultLog();
    var storage = HangfireBench.Storage(system, "scan");
    var server = HangfireBench.Server(storage, "scan-node", jobsDefaults.SchedulePollInterval, new BenchActivator(Scan(now.AddDays(2), scanLog)));
    await HangfireBench.WaitForServersAsync(owner, 1);
    await Task.Delay(1000); // the workers wait in their fetch
    var client = new BackgroundJobClient(storage);
    var warm = long.Parse(client.Enqueue(() => BenchJobs.Tick()));
    await HangfireBench.WaitSucceededAsync(owner, [warm], TimeSpan.FromSeconds(60));
    var job = long.Parse(client.Enqueue<ReminderScanJob>(j => j.RunAsync(CancellationToken.None)));
    await HangfireBench.WaitSucceededAsync(owner, [job], TimeSpan.FromMinutes(10));
    var times = (await HangfireBench.TimesAsync(owner, [warm, job])).ToDictionary(t => t.Id);
    server.SendStop();
    server.Dispose();
    var result = scanLog.Last ?? throw new InvalidOperationException("The scan run by Hangfire decided nothing.");
    Line($"Hangfire job on 1 node: scan of day +2 (decides {result.Reminders:N0} reminders, {result.Escalations} escalations)",
        $"{times[job].DurationMs / 1000.0,6:F2} s   (scan's own time {result.Took.TotalSeconds:F2} s)");
    Line("   its queue latency, enqueue → start (Hangfire's Latency; a first job on the fresh node)", $"{times[job].LatencyMs,6} ms  ({times[warm].LatencyMs} ms)");
}
// The delay rounds run without the Wolverine node (its handlers would still be sending the scans' messages).
await host.StopAsync();
var random = new Random();
foreach (var poll in new[] { jobsDefaults.SchedulePollInterval, TimeSpan.FromSeconds(1) })
    foreach (var nodes in new[] { 1, 2, 4 })
        await DelayRound(nodes, poll);
await HangfireBench.CleanAsync(owner);
Line("Hangfire part in all (the scan job, six rounds of nodes started, jobs run, nodes stopped)", $"{hangfirePart.Elapsed.TotalSeconds,6:F0} s");
var hwm = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:"))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
if (hwm != null) Line("bench process peak resident memory (VmHWM)", $"{long.Parse(hwm) / 1024.0,6:F0} MB");
return 0;

// Nodes started poll / nodes apart (as nodes started at different moments: their schedulers poll evenly spread), then
// 200 short jobs scheduled for one moment 5 s ahead plus a random part of the poll interval (the schedulers' phase is
// random, as in production; a whole second: Hangfire's schedule keeps whole seconds), and a recurring job every 5 s
// (Relaxed misfire handling, as the product's) for at least 16 s.
async Task DelayRound(int nodes, TimeSpan poll)
{
    const int jobs = 200;
    const string recurringId = "bench-tick";
    await HangfireBench.CleanAsync(owner);
    var storages = Enumerable.Range(1, nodes).Select(i => HangfireBench.Storage(system, $"node{i}")).ToArray();
    var servers = new List<BackgroundJobServer>();
    for (var i = 0; i < nodes; i++)
    {
        if (i > 0) await Task.Delay(poll / nodes);
        servers.Add(HangfireBench.Server(storages[i], $"node{i + 1}", poll));
    }
    await HangfireBench.WaitForServersAsync(owner, nodes);
    var recurring = new RecurringJobManager(storages[0]);
    var registered = DateTimeOffset.UtcNow;
    recurring.AddOrUpdate(recurringId, () => BenchJobs.Tick(), "*/5 * * * * *",
        new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Relaxed });
    var client = new BackgroundJobClient(storages[0]);
    var dueMs = DateTimeOffset.UtcNow.AddSeconds(5).AddMilliseconds(random.NextDouble() * poll.TotalMilliseconds).ToUnixTimeMilliseconds();
    var due = DateTimeOffset.FromUnixTimeSeconds((dueMs + 999) / 1000);
    var ids = new long[jobs];
    for (var i = 0; i < jobs; i++) ids[i] = long.Parse(client.Schedule(() => BenchJobs.Short(), due));
    var scheduledAhead = due - DateTimeOffset.UtcNow;
    if (scheduledAhead <= TimeSpan.Zero) throw new InvalidOperationException($"Scheduling the jobs took until {-scheduledAhead.TotalSeconds:F1} s after their due time.");
    await HangfireBench.WaitSucceededAsync(owner, ids, TimeSpan.FromMinutes(2));
    var rest = registered + TimeSpan.FromSeconds(16) - DateTimeOffset.UtcNow;
    if (rest > TimeSpan.Zero) await Task.Delay(rest);
    recurring.RemoveIfExists(recurringId);
    var runIds = await HangfireBench.RecurringRunsAsync(owner, recurringId);
    await HangfireBench.WaitSucceededAsync(owner, runIds, TimeSpan.FromSeconds(30));
    foreach (var s in servers) s.SendStop();
    await Task.WhenAll(servers.Select(s => Task.Run(s.Dispose)));

    var times = await HangfireBench.TimesAsync(owner, ids);
    var start = times.Select(t => (t.Processing - due).TotalSeconds).Order().ToList();
    var queued = times.Select(t => (t.Processing - t.Enqueued).TotalSeconds).Order().ToList();
    var perNode = string.Join("/", times.GroupBy(t => t.ServerId.Split(':')[0]).OrderBy(g => g.Key).Select(g => g.Count()));
    Line($"{$"{nodes} node{(nodes > 1 ? "s" : "")},",-8} schedule poll {poll.TotalSeconds,2:0} s: {jobs} jobs of 20 ms due at once, start − due p50 / p95 / max",
        $"{HangfireBench.Percentile(start, 50),6:F2} / {HangfireBench.Percentile(start, 95):F2} / {start[^1]:F2} s, all done {(times.Max(t => t.Succeeded) - due).TotalSeconds:F2} s after due");
    Line("   due → enqueued by a scheduler (first … last job); enqueued → start p50 / max; per node",
        $"{(times.Min(t => t.Enqueued) - due).TotalSeconds,6:F2} … {(times.Max(t => t.Enqueued) - due).TotalSeconds:F2} s; " +
        $"{HangfireBench.Percentile(queued, 50) * 1000:F0} / {queued[^1] * 1000:F0} ms; {perNode}");

    // A run's occurrence: the first cron time (every 5 s) after the previous run was triggered (Hangfire's LastExecution;
    // the first run: after its registration, less a second as Hangfire counts); later occurrences before the trigger are merged into the run (Relaxed).
    var runs = (await HangfireBench.TimesAsync(owner, runIds)).OrderBy(t => t.Created).ToList();
    var previous = registered.AddSeconds(-1);
    var delays = new List<double>();
    var merged = 0;
    foreach (var run in runs)
    {
        var occurrence = DateTimeOffset.FromUnixTimeMilliseconds((previous.ToUnixTimeMilliseconds() / 5000 + 1) * 5000);
        merged += Math.Max(0, (int)(run.Created.ToUnixTimeMilliseconds() / 5000 - previous.ToUnixTimeMilliseconds() / 5000) - 1);
        delays.Add((run.Processing - occurrence).TotalSeconds);
        previous = run.Created;
    }
    delays.Sort();
    Line("   recurring job every 5 s (cron */5 * * * * *, Relaxed): start − cron time p50 / max",
        runs.Count == 0 ? "no run" : $"{HangfireBench.Percentile(delays, 50),6:F2} / {delays[^1]:F2} s over {runs.Count} run{(runs.Count > 1 ? "s" : "")}{(merged > 0 ? $" ({merged} more occurrences merged into them)" : "")}");
    await HangfireBench.CleanAsync(owner);
}

// Positional parameters need one statement per command: the script is split at ";" line ends.
static async Task Exec(NpgsqlConnection c, string sql, params object[] args)
{
    foreach (var statement in sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
    {
        if (statement.Trim(';').Length == 0) continue;
        await using var cmd = new NpgsqlCommand(statement.TrimEnd(';'), c) { CommandTimeout = 600 };
        var used = args.Where((_, i) => statement.Contains("$" + (i + 1))).Count();
        foreach (var a in args.Take(used == 0 ? 0 : MaxParameter(statement))) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        await cmd.ExecuteNonQueryAsync();
    }
}

static int MaxParameter(string sql) => System.Text.RegularExpressions.Regex.Matches(sql, @"\$(\d+)").Select(m => int.Parse(m.Groups[1].Value)).DefaultIfEmpty(0).Max();

static void Line(string what, string value) => Console.WriteLine($"  {what,-86} {value}");

sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
