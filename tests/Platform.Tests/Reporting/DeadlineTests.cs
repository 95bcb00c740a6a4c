using System.Net;
using System.Net.Http.Json;
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
            await Ok(await s.Curator(school).PutAsJsonAsync($"/api/schools/{school}/reports/{id}/values", new { values = new { website_section = 1 } }));

        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 24, 23, 59, 0, TimeSpan.FromHours(3)).ToUniversalTime()); // the last day of grace, in Moscow
        (await Ok(await s.Curator(Sosh1).PostAsync($"/api/schools/{Sosh1}/reports/{onTime}/submit", null))).GetProperty("late").GetBoolean().ShouldBeFalse();
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 25, 0, 1, 0, TimeSpan.FromHours(3)).ToUniversalTime());
        (await Ok(await s.Curator(Oosh).PostAsync($"/api/schools/{Oosh}/reports/{late}/submit", null))).GetProperty("late").GetBoolean().ShouldBeTrue();

        // Returned on the lock date, not corrected in time: after it the school changes nothing, and the district can only accept.
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 28, 23, 0, 0, TimeSpan.FromHours(3)).ToUniversalTime());
        await Ok(await s.DistrictCurator.PostAsJsonAsync($"/api/districts/{District}/reports/{late}/return", new { comment = "Исправьте" }));
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 29, 0, 1, 0, TimeSpan.FromHours(3)).ToUniversalTime());
        var noReturn = await s.DistrictCurator.PostAsJsonAsync($"/api/districts/{District}/reports/{onTime}/return", new { comment = "Поздно" });
        noReturn.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Json(noReturn)).GetProperty("detail").GetString()!.ShouldContain("можно только принять");
        var refused = await s.Curator(Oosh).PutAsJsonAsync($"/api/schools/{Oosh}/reports/{late}/values", new { values = new { website_section = 0 } });
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Json(refused)).GetProperty("detail").GetString()!.ShouldContain("закрыта 28.12.2026");

        var totals = (await Ok(await s.DistrictCurator.GetAsync($"/api/districts/{District}/campaigns/{campaign}"))).GetProperty("totals");
        (totals.GetProperty("submitted").GetInt32(), totals.GetProperty("onTime").GetInt32(), totals.GetProperty("late").GetInt32(),
            totals.GetProperty("returned").GetInt32()).ShouldBe((2, 1, 1, 1));
    }

    [Fact]
    public async Task The_due_date_defaults_to_23_December_and_a_region_campaign_to_28_December()
    {
        var s = new ReportingScenario(api);
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(3)).ToUniversalTime());
        var response = await s.DistrictCurator.PostAsJsonAsync($"/api/districts/{District}/campaigns",
            new { title = "По умолчанию", periodFrom = "2026-01-01", periodTo = "2026-12-31" });
        var campaign = (await Ok(response)).GetProperty("campaign");
        campaign.GetProperty("dueOn").GetString().ShouldBe("2026-12-23");
        campaign.GetProperty("participants").GetInt32().ShouldBe(6);
        var region = await s.Admin.PostAsJsonAsync($"/api/regions/{Region}/campaigns", new { title = "Мониторинг региона", periodFrom = "2026-01-01", periodTo = "2026-12-31" });
        (await Ok(region)).GetProperty("campaign").GetProperty("dueOn").GetString().ShouldBe("2026-12-28");
    }
}
