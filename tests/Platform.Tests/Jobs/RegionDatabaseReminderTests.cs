using Alba;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Identity.Accounts;
using Platform.Jobs.Notifications;
using Platform.Tests.Infrastructure;
using Platform.Tests.Tenancy;

namespace Platform.Tests.Jobs;

/// <summary>The jobs' host (test clock, SMTP listener) with Якутия in its second database.</summary>
public sealed class YakutiaJobsApi : JobsApi
{
    public Yakutia Yakutia { get; } = new();

    public override async Task InitializeAsync()
    {
        await Yakutia.Database.InitializeAsync();
        await base.InitializeAsync();
        await Yakutia.CreateAsync(this);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Yakutia.Database.DisposeAsync();
    }
}

/// <summary>
/// A school of a region with its own database is reminded like any other: the scan goes through every database, the
/// reminder is decided once in the school's database, the recipient is the account of the home database, and the
/// notice reaches the curator's inbox.
/// </summary>
public sealed class RegionDatabaseReminderTests(YakutiaJobsApi api) : IClassFixture<YakutiaJobsApi>
{
    [Fact]
    public async Task A_school_in_its_region_s_database_is_reminded_once_at_its_09_00()
    {
        var y = api.Yakutia;
        var curator = await AccountCommands.CreateAsync(api.Services, "curator.namsk", "Егорова Туйаара Ивановна", "SchoolCurator",
            TenantScope.School(y.SchoolId), "Nastavnik-2026", "test");
        // 16 December, 10:00 in Yakutsk (UTC+9): past 09:00, a week before the activity's last day.
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 16, 1, 0, 0, TimeSpan.Zero));
        var activity = Guid.NewGuid();
        await y.Database.OwnerExecuteAsync("""
            INSERT INTO mentoring.road_map_activities (tenant_id, id, road_map_id, stage_id, stage_title, position, title, period_kind, period_text,
                                                       last_day, responsible_roles, status)
            VALUES ($1, $2, $3, $4, 'Этап', 1, 'Педагогический совет по наставничеству', 'date', '', '2026-12-23', '{curator}', 'planned')
            """, y.SchoolId, activity, Guid.NewGuid(), Guid.NewGuid());

        await api.Scan.RunAsync();
        await api.Scan.RunAsync();

        var key = "road_map_activity:" + activity;
        (await y.Database.OwnerListAsync<Guid>("SELECT recipient_id FROM jobs.reminder_log WHERE deadline_key = $1", key)).ShouldBe([curator.Id]);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM jobs.reminder_log WHERE deadline_key = $1", key)).ShouldBe(0);
        // The recipient came from the home database's accounts, copied for the scan (never their credentials).
        (await y.Database.OwnerScalarAsync<string>("SELECT user_name FROM identity.account_copies WHERE id = $1", curator.Id)).ShouldBe("curator.namsk");
        (await y.Database.OwnerScalarAsync<long>("SELECT count(*) FROM identity.users")).ShouldBe(0);

        var until = DateTime.UtcNow.AddSeconds(30);
        while (await y.Database.OwnerScalarAsync<long>("SELECT count(*) FROM jobs.deliveries WHERE status = 'pending'") > 0 && DateTime.UtcNow < until)
            await Task.Delay(50);
        var inbox = await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenFor(curator.Id, "curator.namsk", ["SchoolCurator"], TenantScope.School(y.SchoolId)));
            s.Get.Url("/api/me/notifications");
        }).Json<NotificationPage>();
        inbox.Items.Single().Title.ShouldBe("Срок 23.12.2026 (через 7 дней): Педагогический совет по наставничеству");
        (await y.Database.OwnerScalarAsync<long>("SELECT count(*) FROM jobs.notifications WHERE user_id = $1", curator.Id)).ShouldBe(1);
    }
}
