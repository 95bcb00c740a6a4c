using System.Text.Json;
using Npgsql;
using Platform.EventStore;
using Platform.Mentoring.RoadMaps;

namespace Platform.Bench;

/// <summary>
/// Reading and writing one road map at 50 and at 5,000 events (`./bench.sh` with BENCH_ONLY=aggregates): the snapshot a decision
/// loads (FetchForWriting), a decision saved (one status change), the stream replayed as every read did before snapshots, and
/// the floor: the snapshot's row read with hand-written SQL and deserialized.
/// </summary>
public static class AggregateBench
{
    private const int Runs = 500, Warmup = 50;
    private static readonly int[] Sizes = [50, 5_000];

    public static async Task RunAsync(string ownerConnection, string appConnection)
    {
        var db = new BenchDatabase(ownerConnection);
        await db.MigrateAsync();
        await db.SeedRegistryAsync();
        var options = new DocumentStoreOptions { ConnectionString = appConnection, SystemConnectionString = BenchDatabase.System(appConnection) }
            .Snapshot<RoadMap>();
        await using var store = new DocumentStore(options);
        // Prepared after two uses, as the store's statements are (DocumentStore.Tuned).
        await using var raw = NpgsqlDataSource.Create(appConnection + ";Max Auto Prepare=100;Auto Prepare Min Usages=2");
        var school = BenchDatabase.Schools[3];
        var scope = TenantScope.School(school);
        Console.WriteLine();
        Console.WriteLine($"[aggregates] One road map (20 activities, then status changes) at {string.Join(" and ", Sizes)} events: {Runs} sequential runs each after a warm-up");

        foreach (var size in Sizes)
        {
            var (id, activities) = await CreateAsync(store, scope, size);
            var turn = 0;
            var read = await Timing.MeasureAsync(Warmup, Runs, async () =>
            {
                await using var s = store.LightweightSession(scope);
                if ((await s.Events.FetchLatestAsync<RoadMap>(id)).Aggregate?.Activities.Count != activities.Length) throw new InvalidOperationException("Wrong road map.");
            }, TimeSpan.FromSeconds(2));
            var write = await Timing.MeasureAsync(Warmup, Runs, async () =>
            {
                await using var s = store.LightweightSession(scope);
                var stream = await s.Events.FetchForWriting<RoadMap>(id);
                var activity = stream.Aggregate!.FindActivity(activities[turn++ % activities.Length])!;
                var to = activity.Status == ActivityStatus.Done ? ActivityStatus.InProgress : ActivityStatus.Done;
                stream.AppendOne(new ActivityStatusChanged(activity.Id, activity.Status, to, "протокол", null));
                await s.SaveChangesAsync();
            }, TimeSpan.FromSeconds(2));
            // The stream grew by the writes: put it back to its size for the replay, so that each figure is at `size` events.
            await db.ExecuteAsync("DELETE FROM es.mt_events WHERE stream_id = $1 AND version > $2", id, (long)size);
            await db.ExecuteAsync("UPDATE es.mt_streams SET version = $2 WHERE id = $1", id, (long)size);
            var replay = await Timing.MeasureAsync(Warmup / 5, Runs / 5, async () =>
            {
                await using var s = store.LightweightSession(scope);
                var events = await s.Events.FetchStreamAsync(id);
                if (store.Fold<RoadMap>(null, events.Select(e => e.Data))!.Activities.Count != activities.Length) throw new InvalidOperationException("Wrong road map.");
            }, TimeSpan.FromSeconds(2));
            var floor = await Timing.MeasureAsync(Warmup, Runs, async () =>
            {
                await using var c = await raw.OpenConnectionAsync();
                await using var tx = await c.BeginTransactionAsync();
                var scope = new NpgsqlBatchCommand("SELECT set_config('app.scope_kind', 'school', true), set_config('app.scope_id', $1, true)");
                scope.Parameters.Add(new NpgsqlParameter { Value = school.ToString() });
                var row = new NpgsqlBatchCommand(
                    "SELECT d.data, s.version FROM es.mt_doc_roadmap d JOIN es.mt_streams s ON s.tenant_id = d.tenant_id AND s.id = d.id WHERE d.tenant_id = $1 AND d.id = $2");
                row.Parameters.Add(new NpgsqlParameter { Value = school.ToString() });
                row.Parameters.Add(new NpgsqlParameter { Value = id });
                await using var cmd = new NpgsqlBatch(c, tx) { BatchCommands = { scope, row } };
                await using var r = await cmd.ExecuteReaderAsync();
                await r.NextResultAsync();
                await r.ReadAsync();
                if (JsonSerializer.Deserialize<RoadMap>(r.GetString(0), options.Json)!.Activities.Count != activities.Length) throw new InvalidOperationException("Wrong road map.");
            }, TimeSpan.FromSeconds(2));
            Line($"{size,5} events  read: FetchLatestAsync (the snapshot's row)", Timing.Percentiles(read) + "   (target p95 < 10 ms)");
            Line($"{size,5} events  write: FetchForWriting + 1 event + SaveChangesAsync", Timing.Percentiles(write) + "   (target p95 < 10 ms)");
            Line($"{size,5} events  replay: FetchStreamAsync + Fold (before snapshots)", Timing.Percentiles(replay));
            Line($"{size,5} events  floor: the row by hand-written SQL + deserialize", Timing.Percentiles(floor));
            Line($"{size,5} events  read/floor (time, lower is better)", Timing.Ratio(read, floor));
        }
    }

    private static async Task<(Guid Id, Guid[] Activities)> CreateAsync(DocumentStore store, TenantScope scope, int size)
    {
        var id = Guid.NewGuid();
        var stage = Guid.NewGuid();
        var activities = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToArray();
        var events = new List<object>
        {
            new RoadMapCreated(id, "План мероприятий", 2026, 1, null, DateTimeOffset.UtcNow),
            new StageAdded(stage, "Основной этап", null),
        };
        events.AddRange(activities.Select((a, n) => new ActivityAdded(a, stage, $"Мероприятие {n + 1}", "Содержание мероприятия", new Period(PeriodKind.Month, From: "2026-12"),
            ["curator"], "Куратор", "Протокол")));
        var statuses = new Dictionary<Guid, ActivityStatus>();
        for (var n = 0; events.Count < size; n++)
        {
            var a = activities[n % activities.Length];
            var from = statuses.GetValueOrDefault(a, ActivityStatus.Planned);
            var to = from == ActivityStatus.Done ? ActivityStatus.InProgress : ActivityStatus.Done;
            statuses[a] = to;
            events.Add(new ActivityStatusChanged(a, from, to, "протокол совещания", null));
        }
        await using var s = store.LightweightSession(scope);
        s.Events.StartStream<RoadMap>(id, [.. events]);
        await s.SaveChangesAsync();
        return (id, activities);
    }

    private static void Line(string label, string value) => Console.WriteLine($"    {label,-66} {value}");
}
