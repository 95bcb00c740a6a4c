using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Mentoring.RoadMaps;
using Platform.Reporting.Dashboard;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Reporting.Dashboard;

/// <summary>
/// The dashboard reads a school's overdue road map activities off the step function kept in its rollup: on every day
/// around the due dates and school year boundaries it must equal the count the from-scratch baseline makes, and the
/// known figures of a road map with dated and yearly activities.
/// </summary>
public sealed class OverdueStepsTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid D = DemoDistrict.DistrictId;
    private static readonly Guid School = Guid.Parse("00000000-0000-4000-8000-00000000f0e1");

    [Fact]
    public async Task Overdue_activities_follow_due_dates_and_school_years_of_a_road_map()
    {
        await api.Database.OwnerExecuteAsync(
            "INSERT INTO registry.schools VALUES ($1, $2, $1, 'Школа сроков', 'Школа сроков', 'school', 'Asia/Irkutsk', NULL, NULL, 1)",
            D, School);
        var store = api.Services.GetRequiredService<DocumentStore>();
        var map = Guid.NewGuid();
        var stage = Guid.NewGuid();
        Guid dated = Guid.NewGuid(), october = Guid.NewGuid(), june = Guid.NewGuid(), yearlyDone = Guid.NewGuid(), undated = Guid.NewGuid();
        await using (var session = store.LightweightSession(TenantScope.School(School)))
        {
            // School years 2024/25 and 2025/26.
            session.Events.StartStream<RoadMap>(map,
                new RoadMapCreated(map, "Дорожная карта 2024–2026", 2024, 2, null, DateTimeOffset.UtcNow),
                new StageAdded(stage, "Реализация", null),
                new ActivityAdded(dated, stage, "Сформировать пары", null, Period.OnDate(new DateOnly(2025, 3, 15)), ["curator"], null, null),
                new ActivityAdded(october, stage, "Обновить базу наставников", null, Period.Yearly(10), ["curator"], null, null),
                new ActivityAdded(june, stage, "Мониторинг программ", null, Period.Yearly(), ["curator"], null, null),
                new ActivityAdded(yearlyDone, stage, "Совещание", null, Period.Yearly(9), ["curator"], null, null),
                new ActivityStatusChanged(yearlyDone, ActivityStatus.Planned, ActivityStatus.Done, "протокол", null),
                new ActivityAdded(undated, stage, "Без срока", null, null, ["curator"], null, null));
            await session.SaveChangesAsync();
        }

        async Task<(int Dashboard, int Baseline)> OverdueOn(DateOnly day)
        {
            // Noon in Irkutsk on that day.
            var now = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(8)).ToUniversalTime();
            await using var session = store.LightweightSession(TenantScope.District(D));
            var targets = await Platform.Mentoring.Coverage.CoverageQuery.TargetsAsync(session, DemoDistrict.RegionId, default);
            var row = (await DashboardQuery.SchoolRowsAsync(session, null, null, School, now, 2024, targets, default)).Single();
            var baseline = (await DashboardBaseline.QueryAsync(session, D, null, now, 2024, false, default)).Single(r => r.SchoolId == School);
            return (row.OverdueActivities, baseline.Overdue);
        }

        var expected = new Dictionary<DateOnly, int>
        {
            [new(2024, 6, 1)] = 0,    // before the road map: the first year's dates are ahead
            [new(2024, 10, 31)] = 0,  // the October activity's last day
            [new(2024, 11, 1)] = 1,   // October missed
            [new(2025, 3, 15)] = 1,
            [new(2025, 3, 16)] = 2,   // and the dated one
            [new(2025, 7, 1)] = 3,    // and June
            [new(2025, 8, 31)] = 3,
            [new(2025, 9, 1)] = 1,    // a new school year: the yearly ones are due again
            [new(2025, 11, 1)] = 2,
            [new(2026, 7, 1)] = 3,
            [new(2026, 9, 1)] = 3,    // after the road map's last year they stay overdue
            [new(2027, 12, 1)] = 3,
        };
        foreach (var (day, count) in expected)
        {
            var (dashboard, baseline) = await OverdueOn(day);
            dashboard.ShouldBe(count, $"dashboard on {day}");
            baseline.ShouldBe(count, $"baseline on {day}");
        }

        // Done or rescheduled: the rollup follows.
        await using (var session = store.LightweightSession(TenantScope.School(School)))
        {
            session.Events.Append(map,
                new ActivityStatusChanged(october, ActivityStatus.Planned, ActivityStatus.Done, "приказ", null),
                new ActivityRescheduled(dated, Period.OnDate(new DateOnly(2025, 3, 15)), Period.OnDate(new DateOnly(2025, 5, 20)), "перенос"));
            await session.SaveChangesAsync();
        }
        (await OverdueOn(new DateOnly(2025, 4, 1))).ShouldBe((0, 0));
        (await OverdueOn(new DateOnly(2025, 7, 1))).ShouldBe((2, 2));
    }
}
