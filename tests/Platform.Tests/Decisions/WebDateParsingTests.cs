using Platform.Domain;
using Platform.EventStore;
using Platform.Mentoring.Programs;
using Platform.Mentoring.RoadMaps;
using Platform.Reporting.SchoolReports;
using Platform.Tenancy.Registry;
using Platform.Web.Schools.History;
using Platform.Web.Shell;

namespace Platform.Tests.Decisions;

/// <summary>
/// The web forms read a date as a Russian user writes it («07.12.2026») or as a date input sends it («2026-12-07»); a value that
/// is not a date is refused in Russian, never read as another day (12 July) nor taken as «no date». Histories on the pages use
/// the API's own event titles.
/// </summary>
public sealed class WebDateParsingTests
{
    [Theory]
    [InlineData("2026-12-07")]
    [InlineData("07.12.2026")]
    [InlineData("7.12.2026")]
    [InlineData(" 07.12.2026 ")]
    [InlineData("07.12.2026 г.")]
    [InlineData("7 декабря 2026")]
    [InlineData("7 декабря 2026 года")]
    public void A_Russian_or_ISO_date_is_the_seventh_of_December(string typed)
    {
        Pages.ParseDate(typed).ShouldBe((new DateOnly(2026, 12, 7), null));
        Pages.Date(typed, "date").ShouldBe(new DateOnly(2026, 12, 7));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_field_is_no_date_and_the_decision_says_whether_one_is_needed(string? typed)
    {
        Pages.ParseDate(typed).ShouldBe((null, null));
        Pages.Date(typed, "date").ShouldBeNull();
    }

    [Theory]
    [InlineData("31.02.2026")]
    [InlineData("29.02.2025")]
    [InlineData("07.13.2026")]
    [InlineData("2026-02-30")]
    [InlineData("00.12.2026")]
    public void An_impossible_date_is_refused_as_no_such_day(string typed)
    {
        var (date, error) = Pages.ParseDate(typed);
        date.ShouldBeNull();
        error.ShouldBe($"Такой даты нет в календаре: {typed}.");
    }

    [Theory]
    [InlineData("12/07/2026")]
    [InlineData("вчера")]
    [InlineData("07.12.26")]
    [InlineData("2026-12-07T10:00")]
    [InlineData("7 decembre 2026")]
    public void A_value_that_is_not_a_date_is_refused_with_the_formats_it_takes(string typed)
    {
        var (date, error) = Pages.ParseDate(typed);
        date.ShouldBeNull();
        error.ShouldBe(Pages.DateExpected);
        error.ShouldContain("07.12.2026");
        error.ShouldContain("2026-12-07");
    }

    [Fact]
    public void A_refused_date_is_a_message_next_to_the_named_field()
    {
        var refusal = Should.Throw<DomainValidationException>(() => Pages.Date("31.02.2026", "consents[0].signedOn"));
        refusal.Errors.Keys.ShouldBe(["consents[0].signedOn"]);
        refusal.Errors["consents[0].signedOn"].ShouldBe(["Такой даты нет в календаре: 31.02.2026."]);
    }

    [Fact]
    public void The_pages_histories_say_what_the_API_says()
    {
        RecordHistory.Title("program_extended").ShouldBe(ProgramEndpoints.EventTitles["program_extended"]);
        RecordHistory.Title("activity_rescheduled").ShouldBe(RoadMapEndpoints.EventTitles["activity_rescheduled"]);
        RecordHistory.Title("school_report_returned").ShouldBe(SchoolReportEndpoints.EventTitles["school_report_returned"]);
        RecordHistory.Title("district_registered").ShouldBe(RegionEndpoints.EventTitles["district_registered"]);
        RecordHistory.Title("something_new").ShouldBe("Изменение записи", "an unknown code is not shown raw");
        foreach (var (code, title) in ProgramEndpoints.EventTitles.Concat(RegistryEndpoints.EventTitles))
            RecordHistory.Title(code).ShouldBe(title);
    }
}
