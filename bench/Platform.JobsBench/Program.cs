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

// Reminder scan benchmark (bench.sh, docs/performance.md): one scan over PLATFORM_BENCH_SCHOOLS schools (default 40,000)
// × 12 open deadlines each (10 road map activities, 1 plan row, 1 program end), in 7 Russian time zones, one curator
// with an e-mail address per school. Target: one scan < 10 s.
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

await using var store = new DocumentStore(new DocumentStoreOptions { ConnectionString = app + ";Command Timeout=120" });
// The scan stores a Wolverine message per delivery in its transaction: a Wolverine node runs beside it, its handlers
// held back (one at a time) so that they take little from the scan being measured.
var system = new NpgsqlConnectionStringBuilder(owner) { Username = "platform_system" }.ConnectionString;
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
ReminderScan Scan(DateTimeOffset at) => new(store, [new RoadMapActivityDeadlines(), new ProgramPlanRowDeadlines(), new ProgramEndDeadlines()], new FixedTime(at),
    Options.Create(new EmailOptions { Host = "smtp.bench" }), deliveries, plans, NullLogger<ReminderScan>.Instance);
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
return 0;

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
