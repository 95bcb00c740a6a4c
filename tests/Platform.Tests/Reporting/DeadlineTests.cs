using Platform.Tests.Infrastructure;
using static Platform.Tests.Reporting.ReportingScenario;

namespace Platform.Tests.Reporting;

/// <summary>Late after the due date plus the days of grace; nothing changes after the lock date (both at midnight in the district's zone).</summary>
public sealed class DeadlineTests(FakeClockApi api) : IClassFixture<FakeClockApi>
{
    [Fact]
    public async Task A_report_submitted_after_the_grace_days_is_late_and_after_the_lock_date_nothing_changes()
    {
        var s = new ReportingScenario(api);
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(3)).ToUniversalTime());
        var campaign = await s.OpenCampaignAsync([Sosh1, Oosh], dueOn: "2026-12-23", lateAfterDays: 1, lockOn: "2026-12-28", title: "Сроки");

        var onTime = (await s.GenerateAsync(Sosh1, campaign)).GetProperty("id").GetGuid();
        var late = (await s.GenerateAsync(Oosh, campaign)).GetProperty("id").GetGuid();
        foreach (var (school, id) in new[] { (Sosh1, onTime), (Oosh, late) })
            await s.Put(s.Curator(school), $"/api/schools/{school}/reports/{id}/values", new { values = new { website_section = 1 } });

        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 24, 23, 59, 0, TimeSpan.FromHours(3)).ToUniversalTime()); // the last day of grace, in Moscow
        (await s.Post(s.Curator(Sosh1), $"/api/schools/{Sosh1}/reports/{onTime}/submit").Json()).GetProperty("late").GetBoolean().ShouldBeFalse();
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 25, 0, 1, 0, TimeSpan.FromHours(3)).ToUniversalTime());
        (await s.Post(s.Curator(Oosh), $"/api/schools/{Oosh}/reports/{late}/submit").Json()).GetProperty("late").GetBoolean().ShouldBeTrue();

        // Returned on the lock date, not corrected in time: after it the school changes nothing, and the district can only accept.
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 28, 23, 0, 0, TimeSpan.FromHours(3)).ToUniversalTime());
        await s.Post(s.DistrictCurator, $"/api/districts/{District}/reports/{late}/return", new { comment = "Исправьте" });
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 29, 0, 1, 0, TimeSpan.FromHours(3)).ToUniversalTime());
        await api.Scenario(x =>
        {
            x.WithBearerToken(s.DistrictCurator);
            x.Post.Json(new { comment = "Поздно" }).ToUrl($"/api/districts/{District}/reports/{onTime}/return");
            x.ProblemShouldBe(409, contains: "можно только принять");
        });
        await api.Scenario(x =>
        {
            x.WithBearerToken(s.Curator(Oosh));
            x.Put.Json(new { values = new { website_section = 0 } }).ToUrl($"/api/schools/{Oosh}/reports/{late}/values");
            x.ProblemShouldBe(409, contains: "закрыта 28.12.2026");
        });

        var totals = (await s.Get(s.DistrictCurator, $"/api/districts/{District}/campaigns/{campaign}").Json()).GetProperty("totals");
        (totals.GetProperty("submitted").GetInt32(), totals.GetProperty("onTime").GetInt32(), totals.GetProperty("late").GetInt32(),
            totals.GetProperty("returned").GetInt32()).ShouldBe((2, 1, 1, 1));
    }

    [Fact]
    public async Task The_due_date_defaults_to_23_December_and_a_region_campaign_to_28_December()
    {
        var s = new ReportingScenario(api);
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(3)).ToUniversalTime());
        var campaign = (await s.Post(s.DistrictCurator, $"/api/districts/{District}/campaigns",
            new { title = "По умолчанию", periodFrom = "2026-01-01", periodTo = "2026-12-31" }, 201).Json()).GetProperty("campaign");
        campaign.GetProperty("dueOn").GetString().ShouldBe("2026-12-23");
        campaign.GetProperty("participants").GetInt32().ShouldBe(6);
        var region = await s.Post(s.Admin, $"/api/regions/{Region}/campaigns", new { title = "Мониторинг региона", periodFrom = "2026-01-01", periodTo = "2026-12-31" }, 201).Json();
        region.GetProperty("campaign").GetProperty("dueOn").GetString().ShouldBe("2026-12-28");
    }
}
