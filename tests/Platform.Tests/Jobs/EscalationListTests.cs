using System.Text.Json;
using Platform.Jobs.Reminders;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Jobs;

/// <summary>
/// Every deadline a school let pass and has not done is in the district's escalation and on «Рассылки», however long ago it fell
/// due: no window of recent ones. A yearly activity counts per school year: done last year, late this year.
/// </summary>
public sealed class EscalationListTests(JobsApi api) : IClassFixture<JobsApi>
{
    private async Task<Guid> YearlyDoneIn2025Async(string title)
    {
        var map = Guid.NewGuid();
        var id = Guid.NewGuid();
        await api.Database.OwnerExecuteAsync("""
            INSERT INTO mentoring.road_maps (tenant_id, id, title, first_year, years, created_at, updated_at, version)
            VALUES ($1, $2, 'Дорожная карта 2025–2027', 2025, 2, now(), now(), 1)
            """, JobsApi.Sosh1, map);
        await api.Database.OwnerExecuteAsync("""
            INSERT INTO mentoring.road_map_activities (tenant_id, id, road_map_id, stage_id, stage_title, position, title, period_kind, period_text,
                                                       last_day, yearly_month, responsible_roles, status, year_statuses)
            VALUES ($1, $2, $3, $4, 'Этап', 1, $5, 'yearly', 'ежегодно, октябрь', NULL, 10, '{curator}', 'planned', '{"2025": "done"}')
            """, JobsApi.Sosh1, id, map, Guid.NewGuid(), title);
        return id;
    }

    [Fact]
    public async Task Every_overdue_activity_is_escalated_and_listed_late_however_long_ago_it_fell_due()
    {
        // 16 December 2026, 09:00 in Moscow (the district's and the school's zone).
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 16, 6, 0, 0, TimeSpan.Zero));
        // The demo road maps' own overdue activities are done here, so that the digest's first fifty lines hold these.
        await api.Database.OwnerExecuteAsync("UPDATE mentoring.road_map_activities SET status = 'done' WHERE status IN ('planned', 'in_progress')");
        var recent = await api.ActivityAsync(JobsApi.Sosh1, "Эскалация: протокол заседания (10 дней)", new DateOnly(2026, 12, 6));
        var months = await api.ActivityAsync(JobsApi.Sosh1, "Эскалация: приказ о закреплении пар (76 дней)", new DateOnly(2026, 10, 1));
        var years = await api.ActivityAsync(JobsApi.Sosh1, "Эскалация: положение о наставничестве (534 дня)", new DateOnly(2025, 6, 30));
        var done = await api.ActivityAsync(JobsApi.Sosh1, "Эскалация: выполнено давно", new DateOnly(2025, 6, 30), "done");
        var yearly = await YearlyDoneIn2025Async("Эскалация: ежегодный семинар наставников");

        var curator = await api.AccountTokenAsync("district.curator");
        var late = await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Get.Url($"/api/districts/{JobsApi.District}/reminders/late");
        }).Json<List<LateDeadline>>();
        late.Single(l => l.DeadlineId == recent.ToString()).DaysLate.ShouldBe(10);
        late.Single(l => l.DeadlineId == months.ToString()).DaysLate.ShouldBe(76);
        late.Single(l => l.DeadlineId == years.ToString()).DaysLate.ShouldBe(534);
        late.ShouldNotContain(l => l.DeadlineId == done.ToString());
        // Done in 2025/2026 (October 2025), open in 2026/2027: late since 31 October 2026.
        late.Where(l => l.DeadlineId.StartsWith(yearly.ToString())).Select(l => (l.DeadlineId, l.DaysLate)).ShouldBe([($"{yearly}:2026", 46)]);

        // The district curator's digest of the day counts and lists them all, the old ones too.
        await api.Scan.RunAsync();
        var payload = JsonDocument.Parse(await api.Database.OwnerScalarAsync<string>("""
            SELECT l.payload::text FROM jobs.reminder_log l JOIN identity.users u ON u.id = l.recipient_id AND u.user_name = 'district.curator'
             WHERE l.deadline_key = 'escalation:2026-12-16'
            """)).RootElement;
        payload.GetProperty("total").GetInt32().ShouldBe(late.Count);
        var lines = payload.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("deadline").GetString()).ToList();
        lines.ShouldContain("Эскалация: протокол заседания (10 дней)");
        lines.ShouldContain("Эскалация: приказ о закреплении пар (76 дней)");
        lines.ShouldContain("Эскалация: положение о наставничестве (534 дня)");
        lines.ShouldContain("Эскалация: ежегодный семинар наставников");
        lines.ShouldNotContain("Эскалация: выполнено давно");

        // «Рассылки» shows the same list.
        var html = await (await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.WithRequestHeader("Accept", "text/html");
            s.Get.Url($"/districts/{JobsApi.District}/deliveries");
        })).ReadAsTextAsync();
        html.ShouldContain("Эскалация: положение о наставничестве (534 дня)");
        html.ShouldContain("Эскалация: приказ о закреплении пар (76 дней)");
        html.ShouldContain("Эскалация: ежегодный семинар наставников");
    }
}
