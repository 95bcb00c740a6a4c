using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Api.Infrastructure;
using Platform.EventStore;
using Platform.EventStore.Migrations;
using Platform.Identity.Accounts;
using Platform.Jobs.Reminders;
using Platform.Mentoring;
using Platform.Mentoring.Programs;
using Platform.Reporting.Dashboard;
using Platform.Tenancy;
using Platform.Tenancy.Access;

namespace Platform.Bench;

/// <summary>
/// The district of the load test (deploy/bench/load.sh, "load-generate"): one district of the region generator
/// (<see cref="RegionGenerator"/>), then, through the product's own code in a host of this process, the people who sign in
/// (a district curator, a curator per school, a mentor per school, all with <see cref="Password"/>), and one real reminder
/// scan, so that reminders are on their way to the curators' inboxes. Writes the ids the workload needs as JSON.
/// </summary>
public static class LoadData
{
    public const string Password = "Nagruzka-2026";
    public static string DistrictLogin => "load.district";
    public static string CuratorLogin(int school) => $"load.curator.{school}";
    public static string MentorLogin(int school) => $"load.mentor.{school}";

    public static async Task GenerateAsync(string ownerConnection, string appConnection, int schools, string output)
    {
        var systemConnection = BenchDatabase.System(appConnection);
        await new SchemaMigrator(ownerConnection, NullLogger.Instance, PlatformServices.MigrationAssemblies).MigrateAsync();
        var options = new DocumentStoreOptions { ConnectionString = appConnection, SystemConnectionString = systemConnection }.AddTenancy().AddMentoring().AddDashboard();
        var years = int.Parse(Environment.GetEnvironmentVariable("BENCH_YEARS") ?? "1");
        await using (var store = new DocumentStore(options))
        {
            var generator = new RegionGenerator(store, ownerConnection, years);
            await generator.SeedRegistryAsync(schools);
            var started = DateTime.UtcNow;
            var events = await generator.GenerateAsync(schools, 2, DateOnly.FromDateTime(DateTime.UtcNow));
            Console.WriteLine($"    {schools} schools, {years} school year(s): {events:N0} events in {(DateTime.UtcNow - started).TotalSeconds:F0} s");
        }

        Environment.SetEnvironmentVariable("Serilog__MinimumLevel__Default", "Warning");
        await using var host = new WebApplicationFactory<DatabaseHealthCheck>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("ConnectionStrings:Platform", appConnection);
            b.UseSetting("ConnectionStrings:PlatformOwner", ownerConnection);
            b.UseSetting("ConnectionStrings:PlatformSystem", systemConnection);
            b.UseSetting("Demo:Seed", "false");
        });
        var services = host.Services;
        var district = RegionGenerator.District(0);
        if (!await ExistsAsync(ownerConnection, DistrictLogin))
        {
            await AccountCommands.CreateAsync(services, DistrictLogin, "Нагрузкина Галина Петровна", Roles.DistrictCurator, TenantScope.District(district), Password, "load-generate");
            for (var s = 0; s < schools; s++)
            {
                await AccountCommands.CreateAsync(services, CuratorLogin(s), $"Куратор Школы {s + 1}", Roles.SchoolCurator, TenantScope.School(RegionGenerator.School(s)), Password, "load-generate");
                await AccountCommands.CreateAsync(services, MentorLogin(s), $"Наставник Школы {s + 1}", Roles.Mentor, TenantScope.School(RegionGenerator.School(s)), Password, "load-generate");
            }
        }
        var scan = await services.GetRequiredService<ReminderScan>().RunAsync();
        Console.WriteLine($"    accounts: 1 district curator, {schools} school curators, {schools} mentors; reminder scan: {scan.Reminders} reminders, {scan.Escalations} escalations, {scan.Deliveries} deliveries");

        await LoadFloor.CreateEventTableAsync(ownerConnection);
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(await TargetsAsync(ownerConnection, schools), new JsonSerializerOptions { WriteIndented = true }));
    }

    private static async Task<bool> ExistsAsync(string ownerConnection, string login)
    {
        await using var c = new NpgsqlConnection(ownerConnection);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM identity.accounts WHERE user_name = $1", c) { Parameters = { new() { Value = login } } };
        return (long)(await cmd.ExecuteScalarAsync())! > 0;
    }

    /// <summary>What the workload picks from: per school its road maps with their activities and its programs started (evaluable today).</summary>
    private static async Task<object> TargetsAsync(string ownerConnection, int schools)
    {
        await using var c = new NpgsqlConnection(ownerConnection);
        await c.OpenAsync();
        var list = new List<object>();
        for (var s = 0; s < schools; s++)
        {
            var school = RegionGenerator.School(s);
            var maps = new List<object>();
            foreach (var map in await Ids(c, "SELECT id FROM mentoring.road_maps WHERE tenant_id = $1 ORDER BY first_year DESC, id", school))
                maps.Add(new { id = map, activities = await Ids(c, "SELECT id FROM mentoring.road_map_activities WHERE tenant_id = $1 AND road_map_id = $2 ORDER BY id", school, map) });
            var programs = await Ids(c, "SELECT id FROM mentoring.program_overview WHERE tenant_id = $1 AND start_on <= current_date ORDER BY id", school);
            list.Add(new
            {
                id = school, curator = CuratorLogin(s), mentor = MentorLogin(s), roadMaps = maps, programs,
                curatorId = (await Ids(c, "SELECT id FROM identity.accounts WHERE user_name = $1", CuratorLogin(s))).Single(),
                mentorId = (await Ids(c, "SELECT id FROM identity.accounts WHERE user_name = $1", MentorLogin(s))).Single(),
            });
        }
        return new
        {
            district = RegionGenerator.District(0), districtCurator = DistrictLogin, password = Password,
            criteria = EvaluationCriteria.All.Select(x => x.Code).ToArray(), schools = list,
        };
    }

    private static async Task<List<Guid>> Ids(NpgsqlConnection c, string sql, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        var ids = new List<Guid>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) ids.Add(r.GetGuid(0));
        return ids;
    }
}
