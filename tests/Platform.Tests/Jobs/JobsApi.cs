using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Identity.Tokens;
using Platform.Jobs.Reminders;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Jobs;

/// <summary>
/// The real host with a test clock standing at «16 December, 09:00 Asia/Irkutsk» (01:00 UTC, 04:00 in Moscow), a real
/// SMTP listener on 127.0.0.1 as its mail server, and a web node's role (Hangfire's client, no server): the tests run the
/// scan themselves, as the recurring job would, and Wolverine delivers what it queues (one node, retries after 1 s, then 2 s).
/// </summary>
public class JobsApi : ApiHost
{
    public static readonly DateTimeOffset IrkutskNine = new(2026, 12, 16, 1, 0, 0, TimeSpan.Zero);
    public static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001"); // Europe/Moscow
    public static readonly Guid Elan = Guid.Parse("11000000-0000-4000-8000-000000000063");  // Asia/Irkutsk
    public static readonly Guid District = Platform.Tenancy.Demo.DemoDistrict.DistrictId;

    public TestClock Clock { get; } = new(IrkutskNine);
    public SmtpListener Smtp { get; } = new();

    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        builder.UseSetting("role", "web");
        builder.UseSetting("Email:Host", "127.0.0.1");
        builder.UseSetting("Email:Port", Smtp.Port.ToString());
        builder.UseSetting("Email:MaxAttempts", "3");
        builder.UseSetting("Email:FirstRetry", "00:00:01");
        builder.UseSetting("Email:MaxRetry", "00:00:02");
        builder.UseSetting("Deliveries:MaxAttempts", "4");
        builder.UseSetting("Deliveries:FirstRetry", "00:00:01");
        builder.UseSetting("Deliveries:MaxRetry", "00:00:02");
        if (Balanced) builder.UseSetting("Messaging:Mode", "Balanced");
        builder.UseSetting("Messaging:PollingInterval", "00:00:00.100");
        builder.UseSetting("Jobs:PublicUrl", "https://nastavnik.test");
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    public ReminderScan Scan => Services.GetRequiredService<ReminderScan>();
    /// <summary>Wolverine's Balanced mode, for a test that runs other nodes beside this host (else Solo: the only node).</summary>
    protected virtual bool Balanced => false;

    /// <summary>Waits until Wolverine has handled every delivery queued so far (none is pending), as a curator would see it.</summary>
    public async Task DeliveredAsync(int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (await OwnerCountAsync("SELECT count(*) FROM jobs.deliveries WHERE status = 'pending'") > 0)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("Deliveries still pending after " + seconds + " s");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Waits until the delivery has that status and number of attempts (retries come after seconds here), its last
    /// attempt completed: an e-mail's or HTTP attempt counts from the moment it is recorded, before the other side answers.
    /// </summary>
    public async Task<(string Status, int Attempts)> DeliveryReachesAsync(Guid id, string status, int attempts, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var now = await DeliveryStatusAsync(id);
            if ((now == (status, attempts) && await OwnerCountAsync(
                    "SELECT count(*) FROM jobs.delivery_attempts WHERE delivery_id = $1 AND outcome = 'sending'", id) == 0) || DateTime.UtcNow > until)
                return now;
            await Task.Delay(50);
        }
    }

    public async Task<(string Status, int Attempts)> DeliveryStatusAsync(Guid id)
    {
        await using var c = new Npgsql.NpgsqlConnection(Database.OwnerConnectionString);
        await c.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT status, attempts FROM jobs.deliveries WHERE id = $1", c);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = id });
        await using var r = await cmd.ExecuteReaderAsync();
        return await r.ReadAsync() ? (r.GetString(0), r.GetInt32(1)) : ("missing", 0);
    }
    public DocumentStore Store => Services.GetRequiredService<DocumentStore>();

    public async Task<Guid> AccountIdAsync(string login) =>
        await Database.OwnerScalarAsync<Guid>("SELECT id FROM identity.users WHERE user_name = $1", login);

    /// <summary>
    /// An access token of that demo account: its real id, roles and scope (so /api/me sees its own inbox), issued as the
    /// sign-in would issue it.
    /// </summary>
    public async Task<string> AccountTokenAsync(string login)
    {
        var (id, tenant, kind, roles) = await AccountAsync(login);
        var scope = kind switch
        {
            "district" => TenantScope.District(tenant),
            "region" => TenantScope.Region(tenant),
            "platform" => TenantScope.Platform,
            _ => TenantScope.School(tenant),
        };
        return TokenFor(id, login, roles, scope);
    }

    private async Task<(Guid, Guid, string, string[])> AccountAsync(string login)
    {
        await using var c = new Npgsql.NpgsqlConnection(Database.OwnerConnectionString);
        await c.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT id, tenant_id, scope_kind, roles FROM identity.users WHERE user_name = $1", c);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = login });
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return (r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetFieldValue<string[]>(3));
    }

    /// <summary>A dated road map activity of a school, straight into the read model the scan reads.</summary>
    public async Task<Guid> ActivityAsync(Guid school, string title, DateOnly due, string status = "planned")
    {
        var id = Guid.NewGuid();
        await Database.OwnerExecuteAsync("""
            INSERT INTO mentoring.road_map_activities (tenant_id, id, road_map_id, stage_id, stage_title, position, title, period_kind, period_text,
                                                       last_day, responsible_roles, status)
            VALUES ($1, $2, $3, $4, 'Этап', 1, $5, 'date', '', $6, '{curator}', $7)
            """, school, id, Guid.NewGuid(), Guid.NewGuid(), title, due, status);
        return id;
    }

    /// <summary>«{prefix} 1» … «{prefix} n» activities due on one day, in the Moscow school and in the Irkutsk one.</summary>
    public async Task<List<Guid>> ActivitiesAsync(string prefix, int perSchool, DateOnly due)
    {
        var ids = new List<Guid>();
        foreach (var school in new[] { Sosh1, Elan })
            for (var i = 0; i < perSchool; i++)
                ids.Add(await ActivityAsync(school, $"{prefix} {i + 1}", due));
        return ids;
    }

    public Task<long> OwnerCountAsync(string sql, params object[] args) => Database.OwnerScalarAsync<long>(sql, args);

    public override async Task DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await base.DisposeAsync();
    }
}
