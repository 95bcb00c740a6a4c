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
        var duties = await s.Get(s.Curator(Sosh1), $"/api/schools/{Sosh1}/campaigns").Json();
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
        await api.Scenario(x =>
        {
            x.WithBearerToken(s.Curator(Sosh1));
            x.Post.Url($"{url}/submit");
            x.ProblemShouldBe(400, "values.website_section", "Заполните");
        });

        await api.Scenario(x =>
        {
            x.WithBearerToken(s.Curator(Sosh1));
            x.Put.Json(new { values = new { mentors_total = 5 } }).ToUrl($"{url}/values");
            x.ProblemShouldBe(400, "values.mentors_total", "рассчитывается");
        });
        await s.Put(s.Curator(Sosh1), $"{url}/values", new { values = new { website_section = 2 } }, 400);

        Value(await s.Put(s.Curator(Sosh1), $"{url}/values", new { values = new { website_section = 1 } }).Json(), "website_section").ShouldBe(1);
        var submitted = await s.Post(s.Curator(Sosh1), $"{url}/submit").Json();
        submitted.GetProperty("status").GetString().ShouldBe("submitted");
        submitted.GetProperty("late").GetBoolean().ShouldBeFalse();
        await s.Put(s.Curator(Sosh1), $"{url}/values", new { values = new { website_section = 0 } }, 409);

        var district = $"/api/districts/{District}/reports/{id}";
        await s.Post(s.DistrictCurator, $"{district}/return", new { comment = "" }, 400);
        var returned = await s.Post(s.DistrictCurator, $"{district}/return", new { comment = "Уточните раздел на сайте" }).Json();
        returned.GetProperty("status").GetString().ShouldBe("returned");
        var seen = await s.Get(s.Curator(Sosh1), url).Json();
        seen.GetProperty("returnComment").GetString().ShouldBe("Уточните раздел на сайте");
        var beforeResubmit = DateTimeOffset.UtcNow;
        await Task.Delay(50);

        await s.Put(s.Curator(Sosh1), $"{url}/values", new { values = new { website_section = 0 } });
        await s.Post(s.Curator(Sosh1), $"{url}/submit");
        var accepted = await s.Post(s.DistrictCurator, $"{district}/accept").Json();
        accepted.GetProperty("status").GetString().ShouldBe("accepted");
        accepted.GetProperty("locked").GetBoolean().ShouldBeTrue();
        await s.Post(s.DistrictCurator, $"{district}/accept", status: 409);
        await api.Scenario(x =>
        {
            x.WithBearerToken(s.Curator(Sosh1));
            x.Put.Json(new { values = new { website_section = 1 } }).ToUrl($"{url}/values");
            x.ProblemShouldBe(409, contains: "принят");
        });
        await s.Post(s.Curator(Sosh1), $"{url}/refresh", new { }, 409);

        var history = await s.Get(s.DistrictCurator, $"{district}/history").Json();
        history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldBe([
            "school_report_generated", "school_report_values_entered", "school_report_submitted", "school_report_returned",
            "school_report_values_entered", "school_report_submitted", "school_report_accepted"]);
        var past = await s.Get(s.Curator(Sosh1), $"{url}?asOf={Uri.EscapeDataString(beforeResubmit.ToString("O"))}").Json();
        past.GetProperty("status").GetString().ShouldBe("returned");
        Value(past, "website_section").ShouldBe(1);
        past.GetProperty("version").GetInt64().ShouldBe(4);

        // Another school sees nothing of it; the district sees completeness and timeliness.
        await s.Get(s.Curator(Oosh), $"/api/schools/{Sosh1}/reports/{id}", 404);
        await s.Get(s.Curator(Oosh), $"/api/schools/{Oosh}/reports/{id}", 404);
        var progress = await s.Get(s.DistrictCurator, $"/api/districts/{District}/campaigns/{campaign}").Json();
        var totals = progress.GetProperty("totals");
        (totals.GetProperty("expected").GetInt32(), totals.GetProperty("submitted").GetInt32(), totals.GetProperty("accepted").GetInt32(),
            totals.GetProperty("onTime").GetInt32(), totals.GetProperty("notStarted").GetInt32()).ShouldBe((2, 1, 1, 1, 1));
    }

    [Fact]
    public async Task A_school_outside_the_campaign_cannot_generate_and_a_second_report_is_refused()
    {
        var s = S;
        var campaign = await s.OpenCampaignAsync([Sosh1], title: "Только СОШ № 1");
        await s.Post(s.Curator(Oosh), $"/api/schools/{Oosh}/reports", new { campaignId = campaign }, 404);
        // As of a cut-off before the demo workspace was recorded, the school had nothing yet.
        var early = await s.GenerateAsync(Sosh1, campaign, DateTimeOffset.UtcNow.AddYears(-3));
        Value(early, "mentors_total").ShouldBe(0);
        Value(early, "regulation_adopted").ShouldBe(0);
        Value(early, "curator_appointed").ShouldBe(0);
        var id = early.GetProperty("id").GetGuid();
        var now = await s.Post(s.Curator(Sosh1), $"/api/schools/{Sosh1}/reports/{id}/refresh", new { }).Json();
        Value(now, "regulation_adopted").ShouldBe(await api.Database.OwnerScalarAsync<long>(
            "SELECT count(*) FROM mentoring.local_acts WHERE tenant_id = $1 AND kind = 'regulation' AND repealed_on IS NULL", Sosh1) > 0 ? 1 : 0);
        await s.Post(s.Curator(Sosh1), $"/api/schools/{Sosh1}/reports", new { campaignId = campaign }, 409);
        await s.Post(s.Curator(Sosh1), $"/api/schools/{Sosh1}/reports", new { campaignId = campaign, cutOff = DateTimeOffset.UtcNow.AddDays(2) }, 400);
        await api.Scenario(x =>
        {
            x.WithBearerToken(s.DistrictCurator);
            x.Post.Json(new { title = "", periodFrom = "2026-12-31", periodTo = "2026-01-01", participantIds = new[] { Guid.NewGuid() } })
                .ToUrl($"/api/districts/{District}/campaigns");
            x.ProblemShouldBe(400, "title");
            x.ProblemShouldBe(400, "periodTo");
            x.ProblemShouldBe(400, "participantIds", "не относится к району");
        });
    }

    [Fact]
    public async Task The_demo_campaign_has_reports_submitted_returned_and_accepted_and_a_submission()
    {
        var s = S;
        var progress = await s.Get(s.DistrictCurator, $"/api/districts/{District}/campaigns/{Platform.Reporting.Demo.DemoReporting.CampaignId}").Json();
        var totals = progress.GetProperty("totals");
        totals.GetProperty("expected").GetInt32().ShouldBe(6);
        totals.GetProperty("submitted").GetInt32().ShouldBe(4);
        totals.GetProperty("accepted").GetInt32().ShouldBe(2);
        totals.GetProperty("returned").GetInt32().ShouldBe(1);
        totals.GetProperty("notStarted").GetInt32().ShouldBe(1);
        var submission = await s.Get(s.DistrictCurator, $"/api/districts/{District}/submissions/{Platform.Reporting.Demo.DemoReporting.SubmissionId}").Json();
        submission.GetProperty("schools").GetArrayLength().ShouldBe(2);
        await s.Get(s.DistrictCurator, $"/api/districts/{District}/submissions/{Platform.Reporting.Demo.DemoReporting.SubmissionId}/export.xlsx");
    }
}
