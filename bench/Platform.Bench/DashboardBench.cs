using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Api.Infrastructure;
using Platform.EventStore;
using Platform.EventStore.Migrations;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Platform.Identity.Tokens;
using Platform.Mentoring;
using Platform.Reporting.Dashboard;
using Platform.Tenancy;
using Platform.Tenancy.Access;

namespace Platform.Bench;

/// <summary>
/// The region-scale dashboard benchmark (bench.sh, docs/performance.md). "dashboard-generate" fills the region through the
/// event store; "dashboard-measure" then starts the real host in this process (TestServer: the whole pipeline with
/// authentication, tenant resolution, row-level security and JSON, without a socket), times the dashboard endpoints
/// against the hand-written SQL aggregate (<see cref="DashboardBaseline"/>) over the same data, then the reporting round
/// (<see cref="ReportingBench"/>: report generation, assembly, export), and notes the memory.
/// </summary>
public static class DashboardBench
{
    public static async Task GenerateAsync(string ownerConnection, string appConnection, int schools)
    {
        await new SchemaMigrator(ownerConnection, NullLogger.Instance, PlatformServices.MigrationAssemblies).MigrateAsync();
        var options = new DocumentStoreOptions { ConnectionString = appConnection, SystemConnectionString = BenchDatabase.System(appConnection) }.AddTenancy().AddMentoring().AddDashboard();
        await using var store = new DocumentStore(options);
        var years = int.Parse(Environment.GetEnvironmentVariable("BENCH_YEARS") ?? "4");
        var generator = new RegionGenerator(store, ownerConnection, years);
        await generator.SeedRegistryAsync(schools);
        Console.WriteLine($"[G] Generating a region of {schools:N0} schools in {(schools + RegionGenerator.SchoolsPerDistrict - 1) / RegionGenerator.SchoolsPerDistrict} districts with {years} school years each, through the event store (inline projections, one transaction per school and year, 3 writers)");
        var clock = Stopwatch.StartNew();
        var events = await generator.GenerateAsync(schools, 3, DateOnly.FromDateTime(DateTime.UtcNow));
        Console.WriteLine($"    {events:N0} events in {clock.Elapsed:hh\\:mm\\:ss} ({events / Math.Max(1, clock.Elapsed.TotalSeconds):N0} events/s) this run");
    }

    public static async Task MeasureAsync(string ownerConnection, string appConnection, int schools)
    {
        // Serilog reads its configuration before the host is built: from the environment.
        Environment.SetEnvironmentVariable("Serilog__MinimumLevel__Default", "Warning");
        await using var host = new WebApplicationFactory<DatabaseHealthCheck>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("ConnectionStrings:Platform", appConnection);
            b.UseSetting("ConnectionStrings:PlatformOwner", ownerConnection);
            b.UseSetting("Demo:Seed", "false");
        });
        var server = host.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue;
        var store = host.Services.GetRequiredService<DocumentStore>();
        HttpClient Client(TenantScope scope, string role)
        {
            var client = host.CreateClient();
            // A token as the token server issues it (its key, issuer and audience), for a made-up account.
            var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = server.Issuer!.AbsoluteUri, Audience = "nastavnik-api", Expires = DateTime.UtcNow.AddHours(1),
                Subject = new System.Security.Claims.ClaimsIdentity(AccountClaims.For(Guid.NewGuid(), "bench", "Бенчмарк", [role], scope)),
                SigningCredentials = server.SigningCredentials[0],
            });
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        var region = RegionGenerator.Region;
        var district = RegionGenerator.District(0);
        var school = RegionGenerator.School(0);
        await using (var s = store.LightweightSession(TenantScope.Platform))
        {
            var figures = await s.QueryAsync("""
                SELECT (SELECT count(*) FROM es.mt_events), (SELECT count(*) FROM registry.schools s JOIN registry.districts d ON d.id = s.district_id WHERE d.region_id = $1),
                       (SELECT count(*) FROM mentoring.people), (SELECT count(*) FROM mentoring.mentorships), (SELECT count(*) FROM mentoring.programs),
                       (SELECT count(*) FROM mentoring.road_map_activities), pg_size_pretty(pg_database_size(current_database()))
                """, r => $"{r.GetInt64(0):N0} events, {r.GetInt64(1):N0} schools, {r.GetInt64(2):N0} people, {r.GetInt64(3):N0} pairs, {r.GetInt64(4):N0} programs, " +
                          $"{r.GetInt64(5):N0} road map activities, database {r.GetString(6)}", default, region);
            Console.WriteLine($"[D] Dashboard at region scale: {figures[0]}");
        }

        var curator = Client(TenantScope.District(district), Roles.DistrictCurator);
        var officer = Client(TenantScope.Region(region), Roles.RegionOfficer);
        var year = RegionYear();
        const int warmup = 30, runs = 300;
        async Task Get(HttpClient c, string url)
        {
            using var response = await c.GetAsync(url);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await response.Content.ReadAsByteArrayAsync();
        }
        async Task Baseline(TenantScope scope, Guid? d, Guid? r)
        {
            await using var session = store.LightweightSession(scope);
            var rows = await DashboardBaseline.QueryAsync(session, d, r, DateTimeOffset.UtcNow, year, false, default);
            if (rows.Count == 0) throw new InvalidOperationException("The baseline found no schools.");
        }

        var districtApi = await Measure(warmup, runs, () => Get(curator, $"/api/districts/{district}/dashboard?sort=-lagging"));
        // The baseline scans the read models: seconds per call at region scale, so fewer runs.
        var districtRaw = await Measure(2, 20, () => Baseline(TenantScope.District(district), district, null));
        var regionApi = await Measure(warmup, runs / 3, () => Get(officer, $"/api/regions/{region}/dashboard"));
        var regionRaw = await Measure(2, 10, () => Baseline(TenantScope.Region(region), null, region));
        var schoolApi = await Measure(warmup, runs, () => Get(curator, $"/api/schools/{school}/dashboard"));

        Line($"district dashboard GET /api/districts/{{d}}/dashboard ({RegionGenerator.SchoolsPerDistrict} schools)", Timing.Percentiles(districtApi) + "   (target p95 < 150 ms)");
        Line("district raw SQL aggregate (DashboardBaseline, same scope)", Timing.Percentiles(districtRaw));
        Line("district dashboard / raw", Timing.Ratio(districtApi, districtRaw) + "   (target <= 3x)");
        Line($"region dashboard GET /api/regions/{{r}}/dashboard ({schools} schools)", Timing.Percentiles(regionApi) + "   (target p95 < 150 ms)");
        Line("region raw SQL aggregate (DashboardBaseline, same scope)", Timing.Percentiles(regionRaw));
        Line("region dashboard / raw", Timing.Ratio(regionApi, regionRaw) + "   (target <= 3x)");
        Line("school indicators + programs GET /api/schools/{s}/dashboard", Timing.Percentiles(schoolApi));
        await new ReportingBench(store, (d, s) => d is { } id ? Client(TenantScope.District(id), Roles.DistrictCurator)
            : Client(TenantScope.School(s!.Value), Roles.SchoolCurator)).RunAsync(schools, Line);
        GC.Collect();
        var process = Process.GetCurrentProcess();
        Line("host process memory (RSS now / peak)", $"{process.WorkingSet64 / (1024.0 * 1024):F0} MB / {process.PeakWorkingSet64 / (1024.0 * 1024):F0} MB   (target < 1.5 GB)");
    }

    private static int RegionYear()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow")).DateTime);
        return SchoolYears.Of(today);
    }

    // More than two warm-up runs: also a few seconds of them (the slow baselines get two runs only).
    private static Task<double[]> Measure(int warmup, int count, Func<Task> operation) =>
        Timing.MeasureAsync(warmup, count, operation, warmup > 2 ? TimeSpan.FromSeconds(3) : TimeSpan.Zero);

    private static void Line(string label, string value) => Console.WriteLine($"    {label,-84} {value}");
}
