using Alba;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Mentoring.Coverage;
using Platform.Mentoring.Facts;
using Platform.Reporting.Dashboard;
using Platform.Tenancy.Demo;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring;

/// <summary>Coverage for a school year: mentees among teachers and students against the totals the school entered and the region's targets.</summary>
public sealed class CoverageTests(FakeClockApi api) : IClassFixture<FakeClockApi>
{
    private MentoringScenario S => new(api, MentoringScenario.Sosh1);
    private string Coverage => $"/api/schools/{S.School}/coverage";

    [Fact]
    public async Task Percentages_follow_the_entered_totals_and_the_regions_configurable_targets()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var empty = await S.Get<SchoolCoverage>($"{Coverage}?schoolYear=2025");

        await S.ApprovedPair("Охватов");
        var mentor = await S.Mentor("Учительница Охвата Петровна");
        var student = await S.Mentee("Школьник Охвата Ильич", student: true);
        var pair = await S.Pair(mentor, [student], form: "teacher_student");
        await S.Approve(pair.Id, (await S.Order("Охват-2-од")).Id);

        // The demo pairs may be in this school year too (the host seeded them at the test's clock): count on top of them.
        var (teachers, students) = (empty.TeacherMentees + 1, empty.StudentMentees + 1);
        await S.Put($"{Coverage}/2025/totals", new { teachers = teachers * 20, students = students * 100 });
        var low = await S.Get<SchoolCoverage>(Coverage);
        (low.SchoolYear, low.SchoolYearText).ShouldBe((2025, "2025/2026 учебный год"));
        (low.TeacherMentees, low.StudentMentees, low.Mentors).ShouldBe((teachers, students, empty.Mentors + 2));
        (low.TeachersPercent, low.StudentsPercent, low.TeachersTargetMet, low.StudentsTargetMet).ShouldBe((5.0m, 1.0m, false, false));

        var met = await S.Put($"{Coverage}/2025/totals", new { teachers = teachers * 6, students = students * 10 }).Json<SchoolCoverage>();
        (met.TeachersPercent, met.StudentsPercent, met.TeachersTargetMet, met.StudentsTargetMet).ShouldBe((16.7m, 10.0m, true, true));

        // The region raises the bar: the same figures fall short.
        var admin = api.TokenAs("platform");
        var targets = $"/api/regions/{DemoDistrict.RegionId}/coverage-targets";
        await S.Put(targets, new { teachersPercent = 20, studentsPercent = 10 }, 403);
        (await MentoringScenario.Error(S.Put(targets, new { teachersPercent = 0, studentsPercent = 10 }, 400, admin), "teachersPercent"))
            .ShouldContain("от 0 до 100");
        await S.Put(targets, new { teachersPercent = 20, studentsPercent = 10, basis = "Решение министерства" }, 200, admin);
        var raised = await S.Get<SchoolCoverage>(Coverage);
        (raised.TeachersTargetMet, raised.StudentsTargetMet).ShouldBe((false, true));

        var district = await S.Get<CoverageReport>($"/api/districts/{DemoDistrict.DistrictId}/coverage?schoolYear=2025",
            api.TokenAs($"district:{DemoDistrict.DistrictId}"));
        district.Targets.TeachersPercent.ShouldBe(20m);
        district.Schools.Count.ShouldBe(DemoDistrict.Schools.Count);
        district.Schools.Single(s => s.SchoolId == S.School).TeachersPercent.ShouldBe(16.7m);
        // The support centre has not entered its numbers (demo): no percentage is guessed.
        district.Schools.Single(s => s.SchoolName == "ГБУ ЦППМСП Пушкинского района").ShouldSatisfyAllConditions(
            s => s.TeachersTotal.ShouldBeNull(), s => s.TeachersPercent.ShouldBeNull(), s => s.TeachersTargetMet.ShouldBeNull());
    }

    [Fact]
    public async Task Totals_are_checked_and_a_future_school_year_is_refused()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        (await MentoringScenario.Error(S.Put($"{Coverage}/2030/totals", new { teachers = 10, students = 10 }, 400), "schoolYear"))
            .ShouldBe("Учебный год — не позже следующего.");
        (await MentoringScenario.Error(S.Put($"{Coverage}/2025/totals", new { teachers = -1, students = 10 }, 400), "teachers"))
            .ShouldContain("число педагогов");
        await S.Put($"{Coverage}/2025/totals", new { teachers = 10, students = 10 }, 404, api.TokenAs($"school:{MentoringScenario.Oosh}"));
    }

    [Fact]
    public async Task Where_the_region_counts_mentors_as_covered_every_figure_counts_them_once_beside_the_mentees()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var admin = api.TokenAs("platform");
        var region = await api.Scenario(s =>
        {
            s.WithBearerToken(admin);
            s.Post.Json(new { code = "871", name = "Область Охватная", instituteName = "ИРО Охватной области", timeZone = "Europe/Moscow" }).ToUrl("/api/regions");
            s.StatusCodeShouldBe(201);
        }).Json<RegionCard>();
        var district = await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"region:{region.Id}"));
            s.Post.Json(new { name = "Управление образования Охватного района", shortName = "Охватный", timeZone = "Europe/Moscow" })
                .ToUrl($"/api/regions/{region.Id}/districts");
            s.StatusCodeShouldBe(201);
        }).Json<DistrictCard>();
        var curator = api.TokenAs($"district:{district.Id}");
        var school = await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Post.Json(new { fullName = "МБОУ «Охватная СОШ»", shortName = "Охватная СОШ", kind = "school", timeZone = "Europe/Moscow" })
                .ToUrl($"/api/districts/{district.Id}/schools");
            s.StatusCodeShouldBe(201);
        }).Json<SchoolCard>();
        var s = new MentoringScenario(api, school.Id);
        var coverage = $"/api/schools/{school.Id}/coverage";

        // One teacher mentors a teacher and a student: with the mentors counted, two teachers and one student are covered.
        var pair = await s.ApprovedPair("Охватнов");
        var student = await s.Mentee("Школьница Охватная Ивановна", student: true);
        var second = await s.Pair(pair.Mentor.PersonId, [student], form: "teacher_student");
        await s.Approve(second.Id, (await s.Order("Охват-3-од")).Id);
        await s.Put($"{coverage}/2025/totals", new { teachers = 10, students = 10 });
        var menteesOnly = await s.Get<SchoolCoverage>(coverage);
        (menteesOnly.TeacherMentees, menteesOnly.TeachersPercent).ShouldBe((1, 10.0m));

        var targets = $"/api/regions/{region.Id}/coverage-targets";
        (await s.Put(targets, new { teachersPercent = 15, studentsPercent = 10, mentorsCovered = true, basis = "Показатель региона: наставники и наставляемые" },
            200, admin).Json<CoverageTargets>()).MentorsCovered.ShouldBeTrue();
        var withMentors = await s.Get<SchoolCoverage>(coverage);
        (withMentors.TeacherMentees, withMentors.StudentMentees, withMentors.TeachersPercent, withMentors.TeachersTargetMet).ShouldBe((2, 1, 20.0m, true));

        var dashboard = await s.Get<DistrictDashboard>($"/api/districts/{district.Id}/dashboard", curator);
        var row = dashboard.Schools.Single();
        (row.Teachers.Mentees, row.Teachers.Percent, row.Students.Mentees).ShouldBe((2, 20.0m, 1));
        var store = api.Services.GetRequiredService<DocumentStore>();
        await using (var session = store.LightweightSession(TenantScope.District(district.Id)))
        {
            var baseline = await DashboardBaseline.QueryAsync(session, district.Id, null, api.Clock.GetUtcNow(), dashboard.SchoolYear, true, default);
            baseline.Single().ShouldBe(DashboardBaseline.From(row));
        }
        await using (var session = store.LightweightSession(TenantScope.School(school.Id)))
        {
            var today = new DateOnly(2025, 10, 1);
            var facts = await SchoolFacts.ComputeAsync(session, new SchoolFacts.Cut(school.Id, region.Id, api.Clock.GetUtcNow(), today, today, today), default);
            (facts["coverage_teachers_mentees"], facts["coverage_teachers_percent"], facts["mentees_teachers"]).ShouldBe((2m, 20.0m, 1m));
        }

        // Back to mentees only: the same pairs, one teacher covered.
        await s.Put(targets, new { teachersPercent = 15, studentsPercent = 10 }, 200, admin);
        (await s.Get<SchoolCoverage>(coverage)).TeacherMentees.ShouldBe(1);
        (await s.Get<DistrictDashboard>($"/api/districts/{district.Id}/dashboard", curator)).Schools.Single().Teachers.Mentees.ShouldBe(1);
    }
}
