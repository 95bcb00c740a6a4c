using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using Platform.Reporting.Dashboard;

namespace Platform.Bench;

/// <summary>
/// The floor of the load test ("load-floor"): each operation of deploy/bench/load.lua, with its weight, done as hand-written
/// SQL over the same read models with Npgsql, as platform_app in the caller's scope (row-level security on, as the product
/// reads), every row read and dropped: no HTTP, no authentication, no rendering. The same concurrency and the same picks of
/// schools, road maps and programs. Writes are one event-like row inserted and, for an activity, its read-model row updated,
/// in one transaction. Prints one JSON line with the figures per operation (the format of load.py's rounds).
/// </summary>
public static partial class LoadFloor
{
    private sealed record School(Guid Id, Guid CuratorId, Guid MentorId, (Guid Id, Guid[] Activities)[] RoadMaps, Guid[] Programs);

    public static Task CreateEventTableAsync(string ownerConnection) => Exec(ownerConnection, """
        CREATE TABLE IF NOT EXISTS public.bench_load_events (seq bigserial PRIMARY KEY, tenant_id uuid NOT NULL, stream_id uuid NOT NULL, type text NOT NULL, data jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now());
        GRANT SELECT, INSERT ON public.bench_load_events TO platform_app;
        GRANT USAGE ON SEQUENCE public.bench_load_events_seq_seq TO platform_app;
        """);

    private static async Task Exec(string connection, string sql)
    {
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    // The district dashboard's own query (DashboardQuery.Rows): the product's SQL, run here without the product around it.
    private static readonly string DashboardRows = (string)typeof(DashboardQuery).GetField("Rows", BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;

    private const string Programs = """
        SELECT pr.id, pr.form, pr.kind, pr.start_on, pr.end_on, pr.status, pr.plan_rows, pr.plan_done, pr.meetings, pr.evaluation_level, pr.mentor_name, pr.mentee_names
          FROM mentoring.program_overview pr WHERE pr.tenant_id = $1 ORDER BY pr.start_on DESC, pr.created_at DESC, pr.id LIMIT 50
        """;
    private const string ProgramCount = "SELECT count(*) FROM mentoring.program_overview WHERE tenant_id = $1";
    private const string Notifications = """
        SELECT id, kind, title, body, link, created_at, read_at FROM jobs.notifications WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 50
        """;
    private const string Unread = "SELECT count(*) FROM jobs.notifications WHERE user_id = $1 AND read_at IS NULL";
    private const string OpenActivities = """
        SELECT a.id, a.road_map_id, m.title, a.stage_title, a.title, a.period_text, a.last_day, a.responsible_roles, a.responsible, a.status, a.reschedules, a.position
          FROM mentoring.road_map_activities a JOIN mentoring.road_maps m ON m.tenant_id = a.tenant_id AND m.id = a.road_map_id
         WHERE a.tenant_id = $1 AND a.status = 'planned' ORDER BY a.last_day, a.id LIMIT 50
        """;
    private const string OpenActivityCount = "SELECT count(*) FROM mentoring.road_map_activities WHERE tenant_id = $1 AND status = 'planned'";
    private const string RoadMaps = """
        SELECT m.id, m.title, m.first_year, m.years, m.template_id, m.stages, m.updated_at, m.version, count(a.id),
               count(a.id) FILTER (WHERE a.status = 'done'), count(a.id) FILTER (WHERE a.status IN ('planned', 'in_progress') AND a.last_day < current_date)
          FROM mentoring.road_maps m LEFT JOIN mentoring.road_map_activities a ON a.tenant_id = m.tenant_id AND a.road_map_id = m.id
         WHERE m.tenant_id = $1 GROUP BY m.tenant_id, m.id ORDER BY m.first_year DESC, m.title
        """;
    private const string RoadMap = "SELECT * FROM mentoring.road_maps WHERE tenant_id = $1 AND id = $2";
    private const string RoadMapActivities = "SELECT * FROM mentoring.road_map_activities WHERE tenant_id = $1 AND road_map_id = $2 ORDER BY position";
    private const string Upcoming = """
        SELECT s.id, s.short_name, a.id, a.title, a.last_day, a.responsible_roles
          FROM mentoring.road_map_activities a JOIN registry.schools s ON s.id = a.tenant_id
         WHERE s.district_id = $1 AND a.status IN ('planned', 'in_progress') AND a.last_day BETWEEN current_date - 1 AND current_date + 44
         ORDER BY a.last_day, s.short_name
        """;
    private const string Event = "INSERT INTO public.bench_load_events (tenant_id, stream_id, type, data) VALUES ($1, $2, $3, $4::jsonb)";
    private const string ActivityRow = "UPDATE mentoring.road_map_activities SET status = $3 WHERE tenant_id = $1 AND id = $2";

    public static async Task RunAsync(string appConnection, string targetsFile, int concurrency, int seconds, string label)
    {
        var targets = JsonDocument.Parse(await File.ReadAllTextAsync(targetsFile)).RootElement;
        var district = targets.GetProperty("district").GetGuid();
        var schools = targets.GetProperty("schools").EnumerateArray().Select(s => new School(s.GetProperty("id").GetGuid(),
            s.GetProperty("curatorId").GetGuid(), s.GetProperty("mentorId").GetGuid(),
            s.GetProperty("roadMaps").EnumerateArray().Select(m => (m.GetProperty("id").GetGuid(), m.GetProperty("activities").EnumerateArray().Select(a => a.GetGuid()).ToArray())).ToArray(),
            s.GetProperty("programs").EnumerateArray().Select(p => p.GetGuid()).ToArray())).ToArray();
        var lua = await File.ReadAllTextAsync(Environment.GetEnvironmentVariable("BENCH_LOAD_LUA") ?? "deploy/bench/load.lua");
        var ops = OpLine().Matches(lua).Select(m => (Name: m.Groups[1].Value, Weight: int.Parse(m.Groups[2].Value))).ToArray();
        var totalWeight = ops.Sum(o => o.Weight);
        var year = DateTime.UtcNow.Month >= 9 ? DateTime.UtcNow.Year : DateTime.UtcNow.Year - 1;

        await using var source = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(appConnection) { MaxPoolSize = concurrency, MinPoolSize = concurrency }.ConnectionString).Build();
        var timings = ops.ToDictionary(o => o.Name, _ => new List<double>());
        var errors = ops.ToDictionary(o => o.Name, _ => 0);

        async Task Do(string op, School s, Random random)
        {
            object N(NpgsqlDbType type) => new NpgsqlParameter { NpgsqlDbType = type, Value = DBNull.Value };
            switch (op)
            {
                case "district_dashboard_api" or "district_dashboard_page":
                    await Read(source, "district", district, (DashboardRows, [district, N(NpgsqlDbType.Uuid), DateTimeOffset.UtcNow, year, N(NpgsqlDbType.Uuid)]));
                    break;
                case "upcoming_reminders_api":
                    await Read(source, "district", district, (Upcoming, [district]));
                    break;
                case "school_overview_page":
                    await Read(source, "school", s.Id, (DashboardRows, [N(NpgsqlDbType.Uuid), N(NpgsqlDbType.Uuid), DateTimeOffset.UtcNow, year, s.Id]),
                        (Programs, [s.Id]), (OpenActivities, [s.Id]), (Unread, [s.CuratorId]));
                    break;
                case "road_maps_api":
                    await Read(source, "school", s.Id, (RoadMaps, [s.Id]));
                    break;
                case "road_map_api":
                    var map = s.RoadMaps[random.Next(s.RoadMaps.Length)].Id;
                    await Read(source, "school", s.Id, (RoadMap, [s.Id, map]), (RoadMapActivities, [s.Id, map]));
                    break;
                case "activities_api":
                    await Read(source, "school", s.Id, (OpenActivities, [s.Id]), (OpenActivityCount, [s.Id]));
                    break;
                case "programs_api" or "programs_page":
                    await Read(source, "school", s.Id, (Programs, [s.Id]), (ProgramCount, [s.Id]));
                    break;
                case "notifications_api" or "notifications_page":
                    var user = op == "notifications_page" || random.Next(2) == 0 ? s.CuratorId : s.MentorId;
                    await Read(source, "school", s.Id, (Notifications, [user]), (Unread, [user]));
                    break;
                case "mentor_page":
                    await Read(source, "school", s.Id, (Programs, [s.Id]), (Unread, [s.MentorId]));
                    break;
                case "write_activity_status":
                    var m = s.RoadMaps[random.Next(s.RoadMaps.Length)];
                    var activity = m.Activities[random.Next(m.Activities.Length)];
                    await Read(source, "school", s.Id, (Event, [s.Id, m.Id, "activity_status_changed", $$"""{"activityId":"{{activity}}","to":"in_progress","note":"нагрузка"}"""]),
                        (ActivityRow, [s.Id, activity, "in_progress"]));
                    break;
                case "write_program_evaluation":
                    var program = s.Programs[random.Next(s.Programs.Length)];
                    await Read(source, "school", s.Id, (Event, [s.Id, program, "program_evaluated", """{"scores":{"c1":2,"c2":1,"c3":2,"c4":1,"c5":2,"c6":1,"c7":2,"c8":1,"c9":2},"total":14}"""]));
                    break;
                default: throw new InvalidOperationException($"No floor for the operation {op}.");
            }
        }

        // A warm-up of 3 s first (JIT, pool, caches), not counted.
        var clock = Stopwatch.StartNew();
        var warmup = TimeSpan.FromSeconds(3);
        var end = warmup + TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var random = new Random(w * 7919 + 1);
            var mine = ops.ToDictionary(o => o.Name, _ => new List<double>());
            var failed = ops.ToDictionary(o => o.Name, _ => 0);
            while (clock.Elapsed < end)
            {
                var r = random.Next(totalWeight);
                var op = ops.First(o => (r -= o.Weight) < 0).Name;
                var s = schools[random.Next(schools.Length)];
                if (op == "write_program_evaluation" && s.Programs.Length == 0 || op is "road_map_api" or "write_activity_status" && s.RoadMaps.Length == 0) op = "school_overview_page";
                var start = Stopwatch.GetTimestamp();
                try { await Do(op, s, random); }
                catch (PostgresException) { failed[op]++; }
                if (clock.Elapsed - Stopwatch.GetElapsedTime(start) >= warmup) mine[op].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            lock (timings)
                foreach (var (op, list) in mine) { timings[op].AddRange(list); errors[op] += failed[op]; }
        })));
        var elapsed = (clock.Elapsed - warmup).TotalSeconds;

        object Figures(List<double> ms, int failed)
        {
            var sorted = ms.Order().ToArray();
            return new { requests = sorted.Length, rps = sorted.Length / elapsed, p50 = P(sorted, 50), p95 = P(sorted, 95), p99 = P(sorted, 99), errors = failed };
        }
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            label, kind = "floor", concurrency,
            all = Figures(timings.Values.SelectMany(x => x).ToList(), errors.Values.Sum()),
            ops = timings.Where(t => t.Value.Count > 0).OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => Figures(t.Value, errors[t.Key])),
        }));
    }

    private static double P(double[] sorted, double p) => sorted.Length == 0 ? 0 : Timing.Pct(sorted, p);

    /// <summary>One transaction in the caller's scope (as the product's sessions set it), every row of every statement read.</summary>
    private static async Task Read(NpgsqlDataSource source, string scopeKind, Guid scopeId, params (string Sql, object[] Args)[] statements)
    {
        await using var c = await source.OpenConnectionAsync();
        await using var tx = await c.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(c, tx);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('app.scope_kind', $1, true), set_config('app.scope_id', $2, true)")
            { Parameters = { new() { Value = scopeKind }, new() { Value = scopeId.ToString() } } });
        foreach (var (sql, args) in statements)
        {
            var cmd = new NpgsqlBatchCommand(sql);
            foreach (var a in args) cmd.Parameters.Add(a as NpgsqlParameter ?? new NpgsqlParameter { Value = a });
            batch.BatchCommands.Add(cmd);
        }
        await using (var r = await batch.ExecuteReaderAsync())
            do
                while (await r.ReadAsync())
                    for (var i = 0; i < r.FieldCount; i++) r.GetValue(i);
            while (await r.NextResultAsync());
        await tx.CommitAsync();
    }

    [GeneratedRegex("""\{ "(\w+)", (\d+) \}""")]
    private static partial Regex OpLine();
}
