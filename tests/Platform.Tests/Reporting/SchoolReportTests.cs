using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Tests.Infrastructure;
using static Platform.Tests.Reporting.ReportingScenario;

namespace Platform.Tests.Reporting;

/// <summary>A school report through its life: generated from the school's data, filled by hand, submitted, returned, resubmitted, accepted and locked.</summary>
public sealed class SchoolReportTests(ApiHost api) : IClassFixture<ApiHost>
{
    private ReportingScenario S => new(api);

    [Fact]
    public async Task A_report_is_generated_filled_submitted_returned_resubmitted_accepted_and_then_locked_with_every_version_kept()
    {
        var s = S;
        var campaign = await s.OpenCampaignAsync([Sosh1, Oosh]);
        var duties = await Ok(await s.Curator(Sosh1).GetAsync($"/api/schools/{Sosh1}/campaigns"));
        duties.EnumerateArray().Select(d => d.GetProperty("campaignId").GetGuid()).ShouldContain(campaign);

        var report = await s.GenerateAsync(Sosh1, campaign);
        var id = report.GetProperty("id").GetGuid();
        report.GetProperty("status").GetString().ShouldBe("draft");
        // Computed from the projection tables: the mentors of pairs active today, as the school's own tables say.
        var mentors = await api.Database.OwnerScalarAsync<long>("""
            SELECT count(DISTINCT mentor_id) FROM mentoring.mentorships
             WHERE tenant_id = $1 AND active_from IS NOT NULL AND active_from <= current_date AND (dissolved_on IS NULL OR dissolved_on > current_date)
            """, Sosh1);
        Value(report, "mentors_total").ShouldBe(mentors);
        var regulation = await api.Database.OwnerScalarAsync<long>(
            "SELECT count(*) FROM mentoring.local_acts WHERE tenant_id = $1 AND kind = 'regulation' AND repealed_on IS NULL", Sosh1);
        Value(report, "regulation_adopted").ShouldBe(regulation > 0 ? 1 : 0);
        Value(report, "website_section").ShouldBeNull();
        report.GetProperty("missingManual").EnumerateArray().Select(x => x.GetString()).ShouldBe(["website_section"]);

        var url = $"/api/schools/{Sosh1}/reports/{id}";
        var incomplete = await s.Curator(Sosh1).PostAsync($"{url}/submit", null);
        incomplete.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json(incomplete)).GetProperty("errors").GetProperty("values.website_section")[0].GetString()!.ShouldContain("Заполните");

        var computed = await s.Curator(Sosh1).PutAsJsonAsync($"{url}/values", new { values = new { mentors_total = 5 } });
        computed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json(computed)).GetProperty("errors").GetProperty("values.mentors_total")[0].GetString()!.ShouldContain("рассчитывается");
        var notFlag = await s.Curator(Sosh1).PutAsJsonAsync($"{url}/values", new { values = new { website_section = 2 } });
        notFlag.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        Value(await Ok(await s.Curator(Sosh1).PutAsJsonAsync($"{url}/values", new { values = new { website_section = 1 } })), "website_section").ShouldBe(1);
        var submitted = await Ok(await s.Curator(Sosh1).PostAsync($"{url}/submit", null));
        submitted.GetProperty("status").GetString().ShouldBe("submitted");
        submitted.GetProperty("late").GetBoolean().ShouldBeFalse();
        (await s.Curator(Sosh1).PutAsJsonAsync($"{url}/values", new { values = new { website_section = 0 } })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var district = $"/api/districts/{District}/reports/{id}";
        (await s.DistrictCurator.PostAsJsonAsync($"{district}/return", new { comment = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var returned = await Ok(await s.DistrictCurator.PostAsJsonAsync($"{district}/return", new { comment = "Уточните раздел на сайте" }));
        returned.GetProperty("status").GetString().ShouldBe("returned");
        var seen = await Ok(await s.Curator(Sosh1).GetAsync(url));
        seen.GetProperty("returnComment").GetString().ShouldBe("Уточните раздел на сайте");
        var beforeResubmit = DateTimeOffset.UtcNow;
        await Task.Delay(50);

        await Ok(await s.Curator(Sosh1).PutAsJsonAsync($"{url}/values", new { values = new { website_section = 0 } }));
        await Ok(await s.Curator(Sosh1).PostAsync($"{url}/submit", null));
        var accepted = await Ok(await s.DistrictCurator.PostAsync($"{district}/accept", null));
        accepted.GetProperty("status").GetString().ShouldBe("accepted");
        accepted.GetProperty("locked").GetBoolean().ShouldBeTrue();
        (await s.DistrictCurator.PostAsync($"{district}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var locked = await s.Curator(Sosh1).PutAsJsonAsync($"{url}/values", new { values = new { website_section = 1 } });
        locked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Json(locked)).GetProperty("detail").GetString()!.ShouldContain("принят");
        (await s.Curator(Sosh1).PostAsJsonAsync($"{url}/refresh", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var history = await Ok(await s.DistrictCurator.GetAsync($"{district}/history"));
        history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldBe([
            "school_report_generated", "school_report_values_entered", "school_report_submitted", "school_report_returned",
            "school_report_values_entered", "school_report_submitted", "school_report_accepted"]);
        var past = await Ok(await s.Curator(Sosh1).GetAsync($"{url}?asOf={Uri.EscapeDataString(beforeResubmit.ToString("O"))}"));
        past.GetProperty("status").GetString().ShouldBe("returned");
        Value(past, "website_section").ShouldBe(1);
        past.GetProperty("version").GetInt64().ShouldBe(4);

        // Another school sees nothing of it; the district sees completeness and timeliness.
        (await s.Curator(Oosh).GetAsync($"/api/schools/{Sosh1}/reports/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await s.Curator(Oosh).GetAsync($"/api/schools/{Oosh}/reports/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var progress = await Ok(await s.DistrictCurator.GetAsync($"/api/districts/{District}/campaigns/{campaign}"));
        var totals = progress.GetProperty("totals");
        (totals.GetProperty("expected").GetInt32(), totals.GetProperty("submitted").GetInt32(), totals.GetProperty("accepted").GetInt32(),
            totals.GetProperty("onTime").GetInt32(), totals.GetProperty("notStarted").GetInt32()).ShouldBe((2, 1, 1, 1, 1));
    }

    [Fact]
    public async Task A_school_outside_the_campaign_cannot_generate_and_a_second_report_is_refused()
    {
        var s = S;
        var campaign = await s.OpenCampaignAsync([Sosh1], title: "Только СОШ № 1");
        (await s.Curator(Oosh).PostAsJsonAsync($"/api/schools/{Oosh}/reports", new { campaignId = campaign })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // As of a cut-off before the demo workspace was recorded, the school had nothing yet.
        var early = await s.GenerateAsync(Sosh1, campaign, DateTimeOffset.UtcNow.AddYears(-3));
        Value(early, "mentors_total").ShouldBe(0);
        Value(early, "regulation_adopted").ShouldBe(0);
        Value(early, "curator_appointed").ShouldBe(0);
        var id = early.GetProperty("id").GetGuid();
        var now = await Ok(await s.Curator(Sosh1).PostAsJsonAsync($"/api/schools/{Sosh1}/reports/{id}/refresh", new { }));
        Value(now, "regulation_adopted").ShouldBe(await api.Database.OwnerScalarAsync<long>(
            "SELECT count(*) FROM mentoring.local_acts WHERE tenant_id = $1 AND kind = 'regulation' AND repealed_on IS NULL", Sosh1) > 0 ? 1 : 0);
        (await s.Curator(Sosh1).PostAsJsonAsync($"/api/schools/{Sosh1}/reports", new { campaignId = campaign })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var future = await s.Curator(Sosh1).PostAsJsonAsync($"/api/schools/{Sosh1}/reports", new { campaignId = campaign, cutOff = DateTimeOffset.UtcNow.AddDays(2) });
        future.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var bad = await s.DistrictCurator.PostAsJsonAsync($"/api/districts/{District}/campaigns",
            new { title = "", periodFrom = "2026-12-31", periodTo = "2026-01-01", participantIds = new[] { Guid.NewGuid() } });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await Json(bad)).GetProperty("errors");
        errors.TryGetProperty("title", out _).ShouldBeTrue();
        errors.TryGetProperty("periodTo", out _).ShouldBeTrue();
        errors.GetProperty("participantIds")[0].GetString()!.ShouldContain("не относится к району");
    }

    [Fact]
    public async Task The_demo_campaign_has_reports_submitted_returned_and_accepted_and_a_submission()
    {
        var s = S;
        var progress = await Ok(await s.DistrictCurator.GetAsync($"/api/districts/{District}/campaigns/{Platform.Reporting.Demo.DemoReporting.CampaignId}"));
        var totals = progress.GetProperty("totals");
        totals.GetProperty("expected").GetInt32().ShouldBe(6);
        totals.GetProperty("submitted").GetInt32().ShouldBe(4);
        totals.GetProperty("accepted").GetInt32().ShouldBe(2);
        totals.GetProperty("returned").GetInt32().ShouldBe(1);
        totals.GetProperty("notStarted").GetInt32().ShouldBe(1);
        var submission = await Ok(await s.DistrictCurator.GetAsync($"/api/districts/{District}/submissions/{Platform.Reporting.Demo.DemoReporting.SubmissionId}"));
        submission.GetProperty("schools").GetArrayLength().ShouldBe(2);
        (await s.DistrictCurator.GetAsync($"/api/districts/{District}/submissions/{Platform.Reporting.Demo.DemoReporting.SubmissionId}/export.xlsx"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
