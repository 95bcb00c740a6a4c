using Platform.Reporting.Indicators;
using Platform.Reporting.SchoolReports;
using static Platform.Tests.Decisions.Refusals;

namespace Platform.Tests.Decisions;

/// <summary>A school's monitoring report: generated, filled by hand, submitted, returned or accepted; locked with the campaign.</summary>
public sealed class SchoolReportDecisionTests
{
    private static readonly Guid ReportId = Guid.Parse("a0000000-0000-4000-8000-000000000001");
    private static readonly Guid CampaignId = Guid.Parse("c0000000-0000-4000-8000-000000000001");
    private static readonly Guid DistrictId = Guid.Parse("d0000000-0000-4000-8000-000000000001");

    private static readonly Indicator Mentors = new("mentors_total", "Наставников всего", IndicatorSource.Computed, IndicatorKind.Count, "чел.");
    private static readonly Indicator Website = new("website_section", "Раздел на сайте", IndicatorSource.Manual, IndicatorKind.Flag, "да/нет");
    private static readonly Indicator Share = new("share", "Доля участников", IndicatorSource.Manual, IndicatorKind.Percent, "%");
    private static readonly Indicator Events = new("events", "Мероприятий", IndicatorSource.Manual, IndicatorKind.Count, "ед.");
    private static readonly Indicator[] Set = [Mentors, Website, Share, Events];

    private static readonly DateTimeOffset LateFrom = Now.AddDays(5);

    private static SchoolDuty Duty(Guid? reportId = null, DateTimeOffset? lockedFrom = null) => new(CampaignId, DistrictId, "Мониторинг 2025",
        new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), new DateOnly(2025, 12, 14), 0, lockedFrom is null ? null : new DateOnly(2025, 12, 20),
        LateFrom, lockedFrom, reportId, null);

    private static SchoolDuty Locked => Duty(ReportId, Now.AddMinutes(-1));

    private static SchoolReport Draft() => SchoolReport.Create(
        SchoolReportCommands.Generate(ReportId, Duty(), Now.AddDays(-1), Set, new Dictionary<string, decimal?> { ["mentors_total"] = 12 }, Now));

    private static SchoolReport Filled() => Draft().Apply(new SchoolReportValuesEntered(new() { ["website_section"] = 1, ["share"] = 40, ["events"] = 3 }));

    private static SchoolReport Submitted(bool late = false) => Filled().Apply(new SchoolReportSubmitted(Now, late));

    [Fact]
    public void A_generated_report_copies_the_set_takes_the_computed_values_and_leaves_the_manual_ones_empty()
    {
        var e = SchoolReportCommands.Generate(ReportId, Duty(), Now.AddDays(-1), Set, new Dictionary<string, decimal?> { ["mentors_total"] = 12, ["other"] = 5 }, Now);
        e.ReportId.ShouldBe(ReportId);
        e.CampaignId.ShouldBe(CampaignId);
        e.DistrictId.ShouldBe(DistrictId);
        e.CutOff.ShouldBe(Now.AddDays(-1));
        e.Indicators.ShouldBe(Set);
        e.Values.Count.ShouldBe(4);
        e.Values["mentors_total"].ShouldBe(12);
        e.Values["website_section"].ShouldBeNull();
        e.Values.ShouldNotContainKey("other");
    }

    [Fact]
    public void A_second_report_for_the_same_campaign_is_refused()
    {
        Rule(() => SchoolReportCommands.Generate(ReportId, Duty(ReportId), Now, Set, new Dictionary<string, decimal?>(), Now))
            .ShouldBe("Отчёт по этой кампании уже сформирован: обновите его данные или продолжите заполнение.");
    }

    [Fact]
    public void Nothing_is_generated_once_the_campaign_is_locked()
    {
        Rule(() => SchoolReportCommands.Generate(ReportId, Duty(lockedFrom: Now), Now, Set, new Dictionary<string, decimal?>(), Now))
            .ShouldBe("Кампания «Мониторинг 2025» закрыта 20.12.2025: отчёты больше не изменяются.");
    }

    [Fact]
    public void The_cut_off_defaults_to_now_and_may_not_be_in_the_future()
    {
        SchoolReportCommands.CheckCutOff(null, Now).ShouldBe(Now);
        Invalid(() => SchoolReportCommands.CheckCutOff(Now.AddSeconds(1), Now))["cutOff"].ShouldBe(["Дата среза не может быть в будущем."]);
        Invalid(() => SchoolReportCommands.CheckCutOff(new DateTimeOffset(1999, 12, 31, 0, 0, 0, TimeSpan.Zero), Now))["cutOff"].ShouldBe(["Укажите дату среза."]);
    }

    [Fact]
    public void Refreshing_recomputes_only_the_computed_indicators()
    {
        var e = SchoolReportCommands.Refresh(Filled(), Duty(ReportId), Now, new Dictionary<string, decimal?> { ["mentors_total"] = 15, ["website_section"] = 0 }, Now);
        e.CutOff.ShouldBe(Now);
        e.Values.ShouldBe(new Dictionary<string, decimal?> { ["mentors_total"] = 15 });
        Filled().Apply(e).Values["website_section"].ShouldBe(1);
    }

    [Fact]
    public void Values_entered_by_hand_are_recorded_as_given()
    {
        var e = SchoolReportCommands.Enter(Draft(), Duty(ReportId), new EnterValues(new() { ["website_section"] = 1, ["share"] = 100, ["events"] = null }), Now);
        e.Values.ShouldBe(new Dictionary<string, decimal?> { ["website_section"] = 1, ["share"] = 100, ["events"] = null });
    }

    [Fact]
    public void Each_entered_value_is_checked_against_its_indicator()
    {
        var errors = Invalid(() => SchoolReportCommands.Enter(Draft(), Duty(ReportId), new EnterValues(new()
        {
            ["unknown"] = 1, ["mentors_total"] = 3, ["website_section"] = 2, ["share"] = 101, ["events"] = 1.5m,
        }), Now));
        errors["values.unknown"].ShouldBe(["Показателя «unknown» нет в отчёте."]);
        errors["values.mentors_total"].ShouldBe(["Показатель «Наставников всего» рассчитывается по данным и не вводится вручную."]);
        errors["values.website_section"].ShouldBe(["«Раздел на сайте»: 1 (да) или 0 (нет)."]);
        errors["values.share"].ShouldBe(["«Доля участников»: процент от 0 до 100."]);
        errors["values.events"].ShouldBe(["«Мероприятий»: целое неотрицательное число."]);
    }

    [Fact]
    public void Entering_nothing_is_refused()
    {
        Invalid(() => SchoolReportCommands.Enter(Draft(), Duty(ReportId), new EnterValues(null), Now))["values"].ShouldBe(["Укажите значения показателей."]);
        Invalid(() => SchoolReportCommands.Enter(Draft(), Duty(ReportId), new EnterValues([]), Now)).Keys.ShouldContain("values");
    }

    [Fact]
    public void A_submitted_report_cannot_be_changed_until_the_district_returns_it()
    {
        Rule(() => SchoolReportCommands.Enter(Submitted(), Duty(ReportId), new EnterValues(new() { ["events"] = 4 }), Now))
            .ShouldBe("Отчёт сдан и ждёт проверки района: изменить его можно, если район вернёт его.");
        var returned = Submitted().Apply(new SchoolReportReturned("Проверьте число мероприятий", Now));
        SchoolReportCommands.Enter(returned, Duty(ReportId), new EnterValues(new() { ["events"] = 4 }), Now).Values["events"].ShouldBe(4);
    }

    [Fact]
    public void An_accepted_report_is_closed_for_changes()
    {
        var accepted = Submitted().Apply(new SchoolReportAccepted(Now));
        Rule(() => SchoolReportCommands.Refresh(accepted, Duty(ReportId), Now, new Dictionary<string, decimal?>(), Now))
            .ShouldBe("Отчёт принят районом и закрыт для изменений.");
    }

    [Fact]
    public void Values_cannot_be_entered_after_the_campaign_is_locked()
    {
        Rule(() => SchoolReportCommands.Enter(Draft(), Locked, new EnterValues(new() { ["events"] = 4 }), Now))
            .ShouldBe("Кампания «Мониторинг 2025» закрыта 20.12.2025: отчёты больше не изменяются.");
    }

    [Fact]
    public void Submitting_needs_every_manual_indicator_filled()
    {
        var errors = Invalid(() => SchoolReportCommands.Submit(Draft(), Duty(ReportId), Now));
        errors.Keys.Order().ShouldBe(["values.events", "values.share", "values.website_section"]);
        errors["values.website_section"].ShouldBe(["Заполните показатель «Раздел на сайте»."]);
    }

    [Fact]
    public void A_report_submitted_before_the_late_moment_is_on_time_and_after_it_late()
    {
        var onTime = SchoolReportCommands.Submit(Filled(), Duty(ReportId), Now);
        onTime.SubmittedAt.ShouldBe(Now);
        onTime.Late.ShouldBeFalse();
        SchoolReportCommands.Submit(Filled(), Duty(ReportId), LateFrom).Late.ShouldBeTrue();
    }

    [Fact]
    public void A_first_submissions_lateness_stands_after_a_return_and_resubmission()
    {
        var resubmitted = Submitted(late: true).Apply(new SchoolReportReturned("Исправьте", Now)).Apply(new SchoolReportSubmitted(Now, false));
        resubmitted.Late.ShouldBe(true);
        resubmitted.Status.ShouldBe(ReportStatus.Submitted);
    }

    [Fact]
    public void The_district_returns_a_submitted_report_with_a_trimmed_comment()
    {
        var e = SchoolReportCommands.Return(Submitted(), Duty(ReportId), new ReturnReport("  Уточните долю участников "), Now);
        e.Comment.ShouldBe("Уточните долю участников");
        e.ReturnedAt.ShouldBe(Now);
    }

    [Fact]
    public void Returning_needs_a_comment_and_a_submitted_report()
    {
        Invalid(() => SchoolReportCommands.Return(Submitted(), Duty(ReportId), new ReturnReport(""), Now))["comment"]
            .ShouldBe(["Укажите комментарий: что исправить."]);
        Rule(() => SchoolReportCommands.Return(Filled(), Duty(ReportId), new ReturnReport("Исправьте"), Now))
            .ShouldBe("Отчёт не сдан: принять или вернуть можно только сданный отчёт.");
    }

    [Fact]
    public void After_the_lock_date_a_report_can_only_be_accepted_not_returned()
    {
        Rule(() => SchoolReportCommands.Return(Submitted(), Locked, new ReturnReport("Исправьте"), Now))
            .ShouldBe("Кампания «Мониторинг 2025» закрыта 20.12.2025: организация уже не сможет исправить отчёт, его можно только принять.");
        SchoolReportCommands.Accept(Submitted(), Now).AcceptedAt.ShouldBe(Now);
    }

    [Fact]
    public void Only_a_submitted_report_is_accepted_and_only_once()
    {
        Rule(() => SchoolReportCommands.Accept(Draft(), Now)).ShouldBe("Отчёт не сдан: принять или вернуть можно только сданный отчёт.");
        var accepted = Submitted().Apply(SchoolReportCommands.Accept(Submitted(), Now));
        accepted.Status.ShouldBe(ReportStatus.Accepted);
        Rule(() => SchoolReportCommands.Accept(accepted, Now)).ShouldBe("Отчёт уже принят.");
    }
}
