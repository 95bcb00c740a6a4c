using Platform.Tests.Infrastructure;

namespace Platform.Tests.Jobs;

/// <summary>A yearly road map activity («ежегодно») is a deadline in every school year of its road map, each with its own keys.</summary>
public sealed class YearlyActivityDeadlineTests(JobsApi api) : IClassFixture<JobsApi>
{
    /// <summary>A road map of school years 2025/26 and 2026/27 with a yearly activity, straight into the read models the scan reads.</summary>
    private async Task<Guid> YearlyActivityAsync(string title, int? month, string status = "planned")
    {
        var map = Guid.NewGuid();
        var id = Guid.NewGuid();
        await api.Database.OwnerExecuteAsync("""
            INSERT INTO mentoring.road_maps (tenant_id, id, title, first_year, years, created_at, updated_at, version)
            VALUES ($1, $2, 'Дорожная карта 2025–2027', 2025, 2, now(), now(), 1)
            """, JobsApi.Sosh1, map);
        await api.Database.OwnerExecuteAsync("""
            INSERT INTO mentoring.road_map_activities (tenant_id, id, road_map_id, stage_id, stage_title, position, title, period_kind, period_text,
                                                       last_day, yearly_month, responsible_roles, status)
            VALUES ($1, $2, $3, $4, 'Этап', 1, $5, 'yearly', 'ежегодно', NULL, $6, '{curator}', $7)
            """, JobsApi.Sosh1, id, map, Guid.NewGuid(), title, (object?)month ?? DBNull.Value, status);
        return id;
    }

    private async Task<List<string>> LogFor(Guid activity) => await api.Database.OwnerListAsync<string>(
        "SELECT deadline_key || ' ' || offset_days FROM jobs.reminder_log WHERE deadline_key LIKE $1 ORDER BY deadline_key, offset_days",
        $"road_map_activity:{activity}%");

    [Fact]
    public async Task The_current_years_occurrence_is_reminded_on_the_policy_days_and_listed_late_after_it()
    {
        var december = await YearlyActivityAsync("Ежегодный отчёт о наставничестве", 12); // 31.12.2025 and 31.12.2026
        var june = await YearlyActivityAsync("Итоговое мероприятие года", null);          // 30.06.2026 and 30.06.2027
        var done = await YearlyActivityAsync("Ежегодное анкетирование", 12, "done");

        // 17 December 2026, 09:00 in Moscow: 14 days before 31 December.
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 17, 6, 0, 0, TimeSpan.Zero));
        await api.Scan.RunAsync();
        await api.Scan.RunAsync();
        (await LogFor(december)).ShouldBe([$"road_map_activity:{december}:2026 14"]);
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 24, 6, 0, 0, TimeSpan.Zero)); // 7 days before
        await api.Scan.RunAsync();
        (await LogFor(december)).ShouldBe([$"road_map_activity:{december}:2026 7", $"road_map_activity:{december}:2026 14"]);
        (await LogFor(june)).ShouldBeEmpty();
        (await LogFor(done)).ShouldBeEmpty();

        var curator = await api.AccountTokenAsync("district.curator");
        var upcoming = await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Get.Url($"/api/districts/{JobsApi.District}/reminders/upcoming?days=30");
        }).Json();
        var next = upcoming.EnumerateArray().Single(r => r.GetProperty("deadlineId").GetString() == $"{december}:2026");
        next.GetProperty("offsetDays").GetInt32().ShouldBe(3);
        next.GetProperty("dueOn").GetString().ShouldBe("2026-12-31");

        // 5 January 2027: the 2026 occurrence is late by 5 days; the one done is not late in any year.
        api.Clock.AdjustTime(new DateTimeOffset(2027, 1, 5, 6, 0, 0, TimeSpan.Zero));
        var late = (await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Get.Url($"/api/districts/{JobsApi.District}/reminders/late");
        }).Json()).EnumerateArray().ToList();
        var row = late.Single(r => r.GetProperty("deadlineId").GetString() == $"{december}:2026");
        row.GetProperty("daysLate").GetInt32().ShouldBe(5);
        row.GetProperty("kind").GetString().ShouldBe("road_map_activity");
        late.ShouldContain(r => r.GetProperty("deadlineId").GetString() == $"{june}:2025"); // 30 June 2026
        late.ShouldNotContain(r => r.GetProperty("deadlineId").GetString()!.StartsWith(done.ToString()));
    }
}
