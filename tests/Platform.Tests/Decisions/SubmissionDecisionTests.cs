using Platform.Reporting.Indicators;
using Platform.Reporting.Submissions;
using static Platform.Tests.Decisions.Refusals;

namespace Platform.Tests.Decisions;

/// <summary>A district's submission to the regional institute: the moment of assembly, submitting for a region campaign, the endpoint.</summary>
public sealed class SubmissionDecisionTests
{
    private static readonly Guid RegionCampaign = Guid.Parse("c0000000-0000-4000-8000-0000000000aa");
    private static readonly Indicator Mentors = new("mentors_total", "Наставников всего", IndicatorSource.Computed, IndicatorKind.Count, "чел.");

    private static Submission Assembled(params SubmissionRow[] rows) => Submission.Create(new SubmissionAssembled(
        Guid.Parse("5b000000-0000-4000-8000-000000000001"), Guid.Parse("c0000000-0000-4000-8000-000000000001"), null, "Мониторинг 2025",
        "Ольхонский район", Now.AddDays(-1), [Mentors], rows, 2, Now.AddDays(-1)));

    private static SubmissionRow Row() => new(Guid.Parse("50000000-0000-4000-8000-000000000001"), "СОШ № 1",
        Guid.Parse("a0000000-0000-4000-8000-000000000001"), 4, Now.AddDays(-2), new() { ["mentors_total"] = 12 });

    private static RegionDuty Duty(DateTimeOffset? lockedFrom = null) =>
        new(RegionCampaign, "Мониторинг региона 2025", Now.AddDays(3), lockedFrom, lockedFrom is null ? null : new DateOnly(2025, 12, 28));

    [Fact]
    public void A_submission_with_accepted_reports_is_submitted_for_the_region_campaign_on_time()
    {
        var e = SubmissionCommands.Submit(Assembled(Row()), new SubmitToRegion(RegionCampaign), Duty(), Now);
        e.RegionCampaignId.ShouldBe(RegionCampaign);
        e.SubmittedAt.ShouldBe(Now);
        e.Late.ShouldBeFalse();
        var s = Assembled(Row()).Apply(e);
        s.RegionCampaignId.ShouldBe(RegionCampaign);
        s.Late.ShouldBe(false);
    }

    [Fact]
    public void Submitted_from_the_late_moment_on_it_is_late()
    {
        SubmissionCommands.Submit(Assembled(Row()), new SubmitToRegion(RegionCampaign), Duty(), Now.AddDays(3)).Late.ShouldBeTrue();
    }

    [Fact]
    public void The_region_campaign_must_be_given_and_be_one_the_district_takes_part_in()
    {
        Invalid(() => SubmissionCommands.Submit(Assembled(Row()), new SubmitToRegion(null), null, Now))["regionCampaignId"]
            .ShouldBe(["Укажите кампанию региона (regionCampaignId)."]);
        Invalid(() => SubmissionCommands.Submit(Assembled(Row()), new SubmitToRegion(RegionCampaign), null, Now))["regionCampaignId"]
            .ShouldBe(["Район не участвует в этой кампании региона."]);
    }

    [Fact]
    public void Nothing_is_submitted_to_a_locked_region_campaign()
    {
        Rule(() => SubmissionCommands.Submit(Assembled(Row()), new SubmitToRegion(RegionCampaign), Duty(Now), Now))
            .ShouldBe("Кампания региона «Мониторинг региона 2025» закрыта 28.12.2025.");
    }

    [Fact]
    public void An_empty_submission_is_not_submitted()
    {
        Rule(() => SubmissionCommands.Submit(Assembled(), new SubmitToRegion(RegionCampaign), Duty(), Now))
            .ShouldBe("В сводном отчёте нет ни одного принятого отчёта организаций.");
    }

    [Fact]
    public void The_assembly_moment_defaults_to_now_and_may_not_be_in_the_future()
    {
        SubmissionCommands.CheckAsOf(null, Now).ShouldBe(Now);
        SubmissionCommands.CheckAsOf(Now.AddDays(-3), Now).ShouldBe(Now.AddDays(-3));
        Invalid(() => SubmissionCommands.CheckAsOf(Now.AddMinutes(1), Now))["asOf"].ShouldBe(["Момент сборки не может быть в будущем."]);
        Invalid(() => SubmissionCommands.CheckAsOf(new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero), Now))["asOf"].ShouldBe(["Укажите момент сборки."]);
    }

    [Fact]
    public void The_institute_endpoint_is_an_absolute_http_or_https_address()
    {
        SubmissionCommands.CheckUrl(" https://iro.example.ru/api/monitoring ").ShouldBe("https://iro.example.ru/api/monitoring");
        SubmissionCommands.CheckUrl("http://iro.example.ru").ShouldBe("http://iro.example.ru/");
        foreach (var bad in new[] { null, "", "iro.example.ru/api", "ftp://iro.example.ru/" })
            Invalid(() => SubmissionCommands.CheckUrl(bad))["url"].ShouldBe(["Укажите адрес приёма данных института: полный адрес http(s)://…"]);
    }

    [Fact]
    public void A_rebuild_replaces_the_rows_and_counts_the_rebuilds()
    {
        var s = Assembled().Apply(new SubmissionRebuilt(Now, [Mentors], [Row()], Now));
        s.Rows.Count.ShouldBe(1);
        s.AsOf.ShouldBe(Now);
        s.Rebuilds.ShouldBe(1);
    }
}
