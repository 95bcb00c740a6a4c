using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Platform.Bench;
using Platform.EventStore;
using Platform.Tenancy;

// Event store benchmark (see bench.sh and docs/performance.md). Connection strings come from
// PLATFORM_BENCH_OWNER (migrations, registry, raw table) and PLATFORM_BENCH_APP (platform_app: the store and the raw baseline).
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var ownerConnection = Environment.GetEnvironmentVariable("PLATFORM_BENCH_OWNER") ?? throw new InvalidOperationException("PLATFORM_BENCH_OWNER is not set.");
var appConnection = Environment.GetEnvironmentVariable("PLATFORM_BENCH_APP") ?? throw new InvalidOperationException("PLATFORM_BENCH_APP is not set.");
var totalEvents = int.Parse(Environment.GetEnvironmentVariable("PLATFORM_BENCH_EVENTS") ?? "1000000");
// The region-scale dashboard benchmark: generate, then measure in a fresh process (see DashboardBench).
var benchSchools = int.Parse(Environment.GetEnvironmentVariable("BENCH_SCHOOLS") ?? "1000");
if (args is ["dashboard-generate", ..]) { await DashboardBench.GenerateAsync(ownerConnection, appConnection, benchSchools); return; }
if (args is ["dashboard-measure", ..]) { await DashboardBench.MeasureAsync(ownerConnection, appConnection, benchSchools); return; }
// One aggregate's read and write at 50 and at 5,000 events (snapshots), against its row read by hand-written SQL.
if (args is ["aggregates", ..]) { await AggregateBench.RunAsync(ownerConnection, appConnection); return; }
// The mixed curator load test (deploy/bench/load.sh): its district and accounts, and the hand-written SQL floor of its reads.
if (args is ["load-generate", var loadTargets]) { await LoadData.GenerateAsync(ownerConnection, appConnection, int.Parse(Environment.GetEnvironmentVariable("BENCH_LOAD_SCHOOLS") ?? "40"), loadTargets); return; }
if (args is ["load-floor", var floorTargets, var floorConcurrency, var floorSeconds, var floorLabel])
{ await LoadFloor.RunAsync(appConnection, floorTargets, int.Parse(floorConcurrency), int.Parse(floorSeconds), floorLabel); return; }

const int streamsPerBatch = 10, eventsPerStream = 100, eventsPerBatch = streamsPerBatch * eventsPerStream;
const int rounds = 4, warmupBatches = 100, appends = 2000, appendWarmup = 200, loads = 500, loadWarmup = 50, loadedEvents = 200;
var batches = totalEvents / eventsPerBatch;
var schools = BenchDatabase.Schools;
var writers = schools.Length; // one concurrent writer per school

var db = new BenchDatabase(ownerConnection);
await db.MigrateAsync();
await db.SeedRegistryAsync();
await db.CreateRawTableAsync();

var options = new DocumentStoreOptions { ConnectionString = appConnection, SystemConnectionString = BenchDatabase.System(appConnection) }.AddTenancy().Aggregate<Tally>().Aggregate<BenchPerson>();
await using var store = new DocumentStore(options);
await using var rawSource = NpgsqlDataSource.Create(appConnection);
var raw = new RawBaseline(rawSource, options);

Console.WriteLine($"Event store benchmark: {await db.ServerInfoAsync()}; {Environment.ProcessorCount} CPUs, .NET {Environment.Version}");

// 1. Append throughput.
Console.WriteLine();
Console.WriteLine($"[1] Append throughput: {batches * eventsPerBatch:N0} events, {batches:N0} batches of {eventsPerBatch} " +
                  $"({streamsPerBatch} new streams x {eventsPerStream} events), {writers} concurrent writers (one per school), store and raw alternating in {rounds} rounds");
// Warm-up batches are numbered after the timed ones, so stream ids never collide.
await RunBatchesAsync(StoreBatchAsync, batches, warmupBatches);
await RunBatchesAsync(raw.WriteBatchAsync, batches, warmupBatches);
// Store and raw take turns, so that both meet the same database size, cache pressure and checkpoints.
TimeSpan storeTime = default, rawTime = default;
for (var round = 0; round < rounds; round++)
{
    var (first, end) = (batches * round / rounds, batches * (round + 1) / rounds);
    storeTime += await TimedBatchesAsync(StoreBatchAsync, first, end - first);
    rawTime += await TimedBatchesAsync(raw.WriteBatchAsync, first, end - first);
}
var storeRate = batches * eventsPerBatch / storeTime.TotalSeconds;
var rawRate = batches * eventsPerBatch / rawTime.TotalSeconds;
await ExpectCountAsync("es.mt_events", (long)(batches + warmupBatches) * eventsPerBatch);
await ExpectCountAsync("public.bench_raw_events", (long)(batches + warmupBatches) * eventsPerBatch);
Line("store  StartStream x 10 + SaveChangesAsync (school scope)", $"{storeRate,8:N0} events/s");
Line("raw    Npgsql binary COPY into bench_raw_events", $"{rawRate,8:N0} events/s");
Line("store/raw", $"{storeRate / rawRate,8:P0}   (target >= 50 %)");

// 2. Latency of a single append with expected version.
var latencySchool = schools[0];
var latencyId = Guid.NewGuid();
await StoreBatchAsync(latencySchool, [(latencyId, [new TallyOpened(latencyId, "latency")])]);
var version = 1L;
var storeAppend = await MeasureAsync(appendWarmup, appends, async () =>
{
    await using var session = store.LightweightSession(TenantScope.School(latencySchool));
    session.Events.Append(latencyId, version, new TallyIncremented(1, "single", DateTimeOffset.UtcNow));
    await session.SaveChangesAsync();
    version++;
});
var rawId = Guid.NewGuid();
var rawVersion = 0L;
var rawAppend = await MeasureAsync(appendWarmup, appends, () =>
    raw.InsertOneAsync(latencySchool, rawId, ++rawVersion, new TallyIncremented(1, "single", DateTimeOffset.UtcNow)));
Console.WriteLine();
Console.WriteLine($"[2] Single append with expected version: {appends:N0} sequential appends to one stream after a warm-up (3 s, >= {appendWarmup} appends), each a session + commit");
Line("store  Append(id, expectedVersion, e) + SaveChangesAsync", Timing.Percentiles(storeAppend) + "   (target p95 < 5 ms)");
Line("raw    single-row INSERT, autocommit (durable commit floor)", Timing.Percentiles(rawAppend));

// 3. Loading a 200-event aggregate.
var loadSchool = schools[1];
var loadId = Guid.NewGuid();
await StoreBatchAsync(loadSchool, [(loadId, Workload.StreamEvents(loadId, loadedEvents))]);
await db.CopyStreamToRawAsync(loadSchool, loadId);
var storeLoad = await MeasureAsync(loadWarmup, loads, async () =>
{
    await using var session = store.LightweightSession(TenantScope.School(loadSchool));
    Check(await session.Events.AggregateStreamAsync<Tally>(loadId));
});
var rawLoad = await MeasureAsync(loadWarmup, loads, async () => Check(await raw.LoadAsync(loadSchool, loadId)));
Console.WriteLine();
Console.WriteLine($"[3] Load a {loadedEvents}-event aggregate: {loads} sequential loads after a warm-up (3 s, >= {loadWarmup} loads)");
Line("store  AggregateStreamAsync<Tally>, new session each", Timing.Percentiles(storeLoad));
Line("raw    SELECT type, data + deserialize + fold", Timing.Percentiles(rawLoad));
Line("store/raw (time, lower is better)", Timing.Ratio(storeLoad, rawLoad));

await PersonalDataBench.RunAsync(store, schools[2], MeasureAsync, Line);

Console.WriteLine();
Console.WriteLine($"Peak working set of the bench process: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024):F0} MB");
return;

async Task StoreBatchAsync(Guid school, (Guid Id, object[] Events)[] streams)
{
    await using var session = store.LightweightSession(TenantScope.School(school));
    foreach (var (id, events) in streams) session.Events.StartStream<Tally>(id, events);
    await session.SaveChangesAsync();
}

async Task<TimeSpan> TimedBatchesAsync(Func<Guid, (Guid Id, object[] Events)[], Task> writeBatch, int first, int count)
{
    await db.CheckpointAsync();
    var clock = Stopwatch.StartNew();
    await RunBatchesAsync(writeBatch, first, count);
    return clock.Elapsed;
}

Task RunBatchesAsync(Func<Guid, (Guid Id, object[] Events)[], Task> writeBatch, int first, int count) =>
    Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
    {
        for (var b = first + w; b < first + count; b += writers)
            await writeBatch(schools[w], Workload.Batch(b, streamsPerBatch, eventsPerStream));
    })));

async Task ExpectCountAsync(string table, long expected)
{
    var actual = await db.CountAsync(table);
    if (actual != expected) throw new InvalidOperationException($"{table} holds {actual:N0} events, expected {expected:N0}.");
}

static void Check(Tally? tally)
{
    if (tally?.Count != loadedEvents - 1) throw new InvalidOperationException($"Loaded {tally?.Count} increments, expected {loadedEvents - 1}.");
}

static Task<double[]> MeasureAsync(int warmup, int count, Func<Task> operation) => Timing.MeasureAsync(warmup, count, operation, TimeSpan.FromSeconds(3));

static void Line(string label, string value) => Console.WriteLine($"    {label,-60} {value}");
