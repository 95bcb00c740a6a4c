using Npgsql;
using Platform.Tests.Infrastructure;
using Scheduling = Platform.Jobs.Scheduling.Scheduling;

namespace Platform.Tests.Jobs;

/// <summary>
/// Hangfire as the product runs it: the modules' recurring jobs in its storage, its tables from our migration V054 and
/// of the version the package expects, reached by the system role only; Quartz's job store gone.
/// </summary>
public sealed class SchedulingTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task The_reminder_scan_the_auto_draft_and_the_cleanup_are_registered_with_their_cron_in_UTC()
    {
        var expected = new Dictionary<string, (string Cron, string Job)>
        {
            ["reminder-scan"] = ("*/5 * * * *", "ReminderScanJob"),
            ["submission-auto-draft"] = ("0 * * * *", "SubmissionAutoDraftJob"),
            ["operations-cleanup"] = ("30 2 * * *", "OperationsCleanup"),
            ["token-pruning"] = ("45 2 * * *", "TokenPruning"),
            ["personal-data-retention"] = ("15 3 * * *", "PersonalDataRetentionJob"),
        };
        // A hosted service registers them as the host starts.
        var until = DateTime.UtcNow.AddSeconds(30);
        List<string> registered;
        while ((registered = await api.Database.OwnerListAsync<string>("SELECT value FROM hangfire.set WHERE key = 'recurring-jobs' ORDER BY value")).Count < expected.Count
               && DateTime.UtcNow < until)
            await Task.Delay(100);
        registered.ShouldBe(expected.Keys.Order().ToList());

        foreach (var (id, (cron, job)) in expected)
        {
            (await FieldAsync(id, "Cron")).ShouldBe(cron);
            (await FieldAsync(id, "TimeZoneId")).ShouldBe(TimeZoneInfo.Utc.Id);
            (await FieldAsync(id, "Job")).ShouldNotBeNull().ShouldContain(job);
        }
    }

    private Task<string?> FieldAsync(string id, string field) =>
        api.Database.OwnerScalarAsync<string>("SELECT value FROM hangfire.hash WHERE key = $1 AND field = $2", "recurring-job:" + id, field);

    [Fact]
    public async Task The_migrated_schema_is_the_one_the_package_installs_at_its_version()
    {
        (await api.Database.OwnerScalarAsync<int>("SELECT max(version) FROM hangfire.schema")).ShouldBe(Scheduling.SchemaVersion());
        var migration = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "src", "Platform.Jobs", "Migrations", "V054__hangfire.sql"));
        migration.Contains(Scheduling.SchemaScript()).ShouldBeTrue(
            "V054 must hold the package's installer scripts as `dotnet src/Platform.Api/bin/Release/net10.0/Platform.Api.dll hangfire-schema` prints them");
    }

    [Fact]
    public async Task The_app_role_has_no_right_in_Hangfires_tables_and_the_system_role_uses_them()
    {
        (await api.Database.OwnerScalarAsync<bool>("SELECT has_schema_privilege('platform_app', 'hangfire', 'USAGE')")).ShouldBeFalse();
        var granted = await api.Database.OwnerScalarAsync<string>("""
            SELECT string_agg(c.relname || ':' || p.privilege, ', ' ORDER BY c.relname, p.privilege)
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             CROSS JOIN unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p (privilege)
             WHERE n.nspname = 'hangfire' AND c.relkind IN ('r', 'p', 'v', 'm') AND has_table_privilege('platform_app', c.oid, p.privilege)
            """);
        granted.ShouldBeNull();
        (await api.Database.OwnerScalarAsync<string>("""
            SELECT string_agg(c.relname, ', ' ORDER BY c.relname)
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'hangfire'
               AND CASE WHEN c.relkind = 'S' THEN has_sequence_privilege('platform_app', c.oid, 'USAGE')
                         OR has_sequence_privilege('platform_app', c.oid, 'SELECT') OR has_sequence_privilege('platform_app', c.oid, 'UPDATE') END
            """)).ShouldBeNull();

        var tables = await api.Database.OwnerListAsync<string>("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'hangfire' AND c.relkind = 'r' ORDER BY 1
            """);
        tables.ShouldContain("job");
        tables.ShouldContain("lock");
        (await api.Database.OwnerScalarAsync<string>("""
            SELECT string_agg(c.relname || ':' || p.privilege, ', ' ORDER BY c.relname, p.privilege)
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             CROSS JOIN unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) p (privilege)
             WHERE n.nspname = 'hangfire' AND c.relkind = 'r' AND NOT has_table_privilege('platform_system', c.oid, p.privilege)
            """)).ShouldBeNull();
        (await api.Database.OwnerScalarAsync<string>("""
            SELECT string_agg(c.relname, ', ' ORDER BY c.relname)
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'hangfire' AND CASE WHEN c.relkind = 'S' THEN NOT has_sequence_privilege('platform_system', c.oid, 'USAGE') END
            """)).ShouldBeNull();

        // And in use: every table read as platform_system, and this host's server (role all) beating in hangfire.server.
        await using var system = new NpgsqlConnection(api.Database.SystemConnectionString);
        await system.OpenAsync();
        foreach (var table in tables)
        {
            await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM hangfire.\"{table}\"", system);
            await cmd.ExecuteScalarAsync();
        }
        var until = DateTime.UtcNow.AddSeconds(30);
        while (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM hangfire.server") == 0 && DateTime.UtcNow < until)
            await Task.Delay(100);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM hangfire.server")).ShouldBe(1L);
    }

    [Fact]
    public async Task Quartzs_job_store_is_gone()
    {
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = 'quartz'")).ShouldBe(0L);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname LIKE 'qrtz\\_%'")).ShouldBe(0L);
    }
}
