using System.Text.Json;
using Platform.Api.Infrastructure;
using Platform.EventStore;
using Platform.Mentoring.Appointments;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.People;
using Platform.Mentoring.Programs;
using Platform.Mentoring.RoadMaps;
using Platform.Reporting.SchoolReports;
using Platform.Reporting.Submissions;
using Platform.Tenancy.Registry;

namespace Platform.Tests.Decisions;

/// <summary>Histories title every event their record can hold; refusals say what a field expects.</summary>
public sealed class EventTitleAndFieldFormatTests
{
    public static TheoryData<string, Type, string[]> Histories => new()
    {
        // The aggregate's own events (Create/Apply) and the ones its stream holds without folding them.
        { nameof(RegistryEndpoints), typeof(School), [] },
        { nameof(RoadMapEndpoints), typeof(RoadMap), [] },
        { nameof(LocalActEndpoints), typeof(LocalAct), [] },
        { nameof(PeopleEndpoints), typeof(Person), ["person_details_changed"] },
        { nameof(ProgramEndpoints), typeof(MentoringProgram), [] },
        { nameof(AppointmentEndpoints), typeof(Appointment), [] },
        { nameof(MentorshipEndpoints), typeof(Mentorship), [] },
        { nameof(SubmissionEndpoints), typeof(Submission), ["submission_push_requested"] },
        { nameof(SchoolReportEndpoints), typeof(SchoolReport), [] },
        { nameof(RegionEndpoints), typeof(Region), [] },
        { nameof(RegionEndpoints), typeof(District), [] },
    };

    private static IReadOnlyDictionary<string, string> TitlesOf(string endpoints) => endpoints switch
    {
        nameof(RegistryEndpoints) => RegistryEndpoints.EventTitles,
        nameof(RoadMapEndpoints) => RoadMapEndpoints.EventTitles,
        nameof(LocalActEndpoints) => LocalActEndpoints.EventTitles,
        nameof(PeopleEndpoints) => PeopleEndpoints.EventTitles,
        nameof(ProgramEndpoints) => ProgramEndpoints.EventTitles,
        nameof(AppointmentEndpoints) => AppointmentEndpoints.EventTitles,
        nameof(MentorshipEndpoints) => MentorshipEndpoints.EventTitles,
        nameof(SubmissionEndpoints) => SubmissionEndpoints.EventTitles,
        nameof(RegionEndpoints) => RegionEndpoints.EventTitles,
        _ => SchoolReportEndpoints.EventTitles,
    };

    [Theory]
    [MemberData(nameof(Histories))]
    public void Every_event_a_history_can_show_has_a_Russian_title(string endpoints, Type aggregate, string[] extra)
    {
        var registry = new EventTypeRegistry();
        registry.RegisterAggregate(aggregate);
        var codes = registry.KnownTypes.Select(registry.NameOf).Concat(extra).ToList();
        codes.Count.ShouldBeGreaterThan(1);
        var titles = TitlesOf(endpoints);
        codes.Where(c => !titles.ContainsKey(c)).ShouldBeEmpty($"{endpoints}: events without a Russian title");
        titles.Values.ShouldAllBe(t => t.Any(ch => ch >= 'А' && ch <= 'я'));
    }

    [Theory]
    [InlineData("2026-12-07", true)]
    [InlineData("07.12.2026", false)]
    [InlineData("2026-12-7", false)]
    [InlineData("12/07/2026", false)]
    public void A_date_parameter_is_ISO_8601(string value, bool iso) =>
        FieldFormats.IsIsoDate(typeof(DateOnly?), value).ShouldBe(iso);

    [Theory]
    [InlineData("2026-12-07", true)]
    [InlineData("2026-12-07T09:30:00+03:00", true)]
    [InlineData("2026-12-07T06:30:00.123Z", true)]
    [InlineData("07.12.2026", false)]
    [InlineData("07.12.2026 09:30", false)]
    public void A_moment_parameter_is_ISO_8601(string value, bool iso) =>
        FieldFormats.IsIsoDate(typeof(DateTimeOffset), value).ShouldBe(iso);

    [Fact]
    public void A_field_says_what_it_expects_in_Russian()
    {
        FieldFormats.MessageFor(typeof(DateOnly?)).ShouldBe("Дата — в формате ГГГГ-ММ-ДД, например 2026-12-07.");
        FieldFormats.MessageFor(typeof(int)).ShouldContain("Целое число");
        FieldFormats.MessageFor(typeof(Guid)).ShouldContain("GUID");
        FieldFormats.MessageFor(typeof(string)).ShouldContain("Строка");
        FieldFormats.MessageFor(typeof(string[])).ShouldContain("Список");
        FieldFormats.MessageFor(typeof(SchoolKind?), JsonNamingPolicy.SnakeCaseLower).ShouldContain("lyceum");
    }

    [Fact]
    public void A_JSON_path_leads_to_the_type_of_the_field()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };
        BindingProblems.TypeAt(options, typeof(RegisterSchool), "$.openedOn").ShouldBe(typeof(DateOnly?));
        BindingProblems.TypeAt(options, typeof(RegisterSchool), "$.fullName").ShouldBe(typeof(string));
        BindingProblems.TypeAt(options, typeof(Holder), "$.rows[1].due").ShouldBe(typeof(DateOnly));
        BindingProblems.TypeAt(options, typeof(Holder), "$.answers.comfort").ShouldBe(typeof(int));
        BindingProblems.TypeAt(options, typeof(RegisterSchool), "$.nothing").ShouldBeNull();
    }

    public sealed record Row(DateOnly Due);
    public sealed record Holder(Row[] Rows, Dictionary<string, int> Answers);
}
