using Platform.Mentoring.Coverage;
using Platform.Reporting.Dashboard;
using Platform.Reporting.Exports;
using Platform.Reporting.Indicators;

namespace Platform.Tests.Decisions;

/// <summary>
/// The figures that go up to the district and the region: percentages totalled from the summed counts, the same in the
/// dashboard and the exports; coverage targets by the model a school runs.
/// </summary>
public sealed class ReportingFiguresDecisionTests
{
    private static readonly CoverageTargets Targets = CoverageTargets.Default;
    private static readonly Indicator TeachersPercent = IndicatorCatalog.ComputedByCode["coverage_teachers_percent"];
    private static readonly Indicator StudentsPercent = IndicatorCatalog.ComputedByCode["coverage_students_percent"];
    private static readonly Indicator Mentors = IndicatorCatalog.ComputedByCode["mentors_total"];

    private static readonly RequiredActs AllActs = new(true, true, true, true, 1);

    private static SchoolDashboardRow Row(int teacherMentees, int? teachers, int studentMentees, int? students)
    {
        var (t, s) = DashboardQuery.Coverage(teacherMentees, teachers, studentMentees, students, Targets);
        return new SchoolDashboardRow(Guid.NewGuid(), Guid.Empty, "СОШ", "school", AllActs, 0, 0, 0, 1, 0, 0, t, s, 0, new EvaluationLevels(0, 0, 0),
            false, []);
    }

    /// <summary>A school's report values as PercentWeights keeps them: the percentage, its part and its base.</summary>
    private static IReadOnlyDictionary<string, decimal?> Report(int teacherMentees, int? teachers, int studentMentees, int? students) =>
        new Dictionary<string, decimal?>
        {
            ["coverage_teachers_percent"] = teachers is > 0 ? Math.Round(100m * teacherMentees / teachers.Value, 1) : null,
            ["coverage_students_percent"] = students is > 0 ? Math.Round(100m * studentMentees / students.Value, 1) : null,
            ["coverage_teachers_mentees"] = teacherMentees, ["coverage_teachers_base"] = teachers,
            ["coverage_students_mentees"] = studentMentees, ["coverage_students_base"] = students,
            ["mentors_total"] = teacherMentees + studentMentees,
        };

    [Fact]
    public void A_district_percentage_is_the_summed_mentees_over_the_summed_headcounts_not_the_mean_of_the_schools()
    {
        // A small school at 50 % and a large one at 10 %: the mean would be 30 %, the district has 24 of 210 teachers.
        IReadOnlyList<IReadOnlyDictionary<string, decimal?>> reports = [Report(5, 10, 4, 40), Report(19, 200, 30, 1000), Report(2, null, 1, null)];
        SubmissionTable.Total(TeachersPercent, reports).ShouldBe(11.4m);
        SubmissionTable.Total(StudentsPercent, reports).ShouldBe(3.3m);
        SubmissionTable.Total(Mentors, reports).ShouldBe(61m);
    }

    [Fact]
    public void The_export_total_and_the_dashboard_total_are_the_same_figure()
    {
        var schools = new[] { (5, (int?)10, 4, (int?)40), (19, 200, 30, 1000), (2, null, 1, null), (0, 30, 0, 300), (3, 0, 1, 0) };
        var totals = DashboardQuery.Totals(schools.Select(x => Row(x.Item1, x.Item2, x.Item3, x.Item4)).ToList(), Targets);
        var reports = schools.Select(x => Report(x.Item1, x.Item2, x.Item3, x.Item4)).ToList();
        totals.Teachers.Percent.ShouldNotBeNull();
        SubmissionTable.Total(TeachersPercent, reports).ShouldBe(totals.Teachers.Percent);
        SubmissionTable.Total(StudentsPercent, reports).ShouldBe(totals.Students.Percent);
    }

    [Fact]
    public void Without_a_headcount_there_is_no_district_percentage_and_reports_without_counts_fall_back_to_the_mean()
    {
        SubmissionTable.Total(TeachersPercent, [Report(2, null, 1, null)]).ShouldBeNull();
        // Reports made before the counts were kept have only the percentages: nothing to weigh them by.
        IReadOnlyList<IReadOnlyDictionary<string, decimal?>> legacy =
            [new Dictionary<string, decimal?> { ["coverage_teachers_percent"] = 50m }, new Dictionary<string, decimal?> { ["coverage_teachers_percent"] = 10m }];
        SubmissionTable.Total(TeachersPercent, legacy).ShouldBe(30m);
    }

    [Fact]
    public void A_school_running_only_the_student_model_is_not_behind_on_teachers()
    {
        var row = Row(0, 40, 30, 200);
        row.Teachers.TargetApplies.ShouldBeFalse();
        row.Teachers.TargetMet.ShouldBeNull();
        row.Teachers.Percent.ShouldBe(0m);
        row.Students.TargetMet.ShouldBe(true);
        Lagging.Reasons(AllActs, 1, row.Teachers, row.Students, 0, new EvaluationLevels(0, 0, 0)).ShouldBeEmpty();
        // Nor does it owe the number of its teachers.
        var noTeachers = Row(0, null, 30, 200);
        Lagging.Reasons(AllActs, 1, noTeachers.Teachers, noTeachers.Students, 0, new EvaluationLevels(0, 0, 0)).ShouldBeEmpty();
    }

    [Fact]
    public void A_school_running_both_models_or_none_yet_is_held_to_both_targets()
    {
        var both = Row(1, 40, 30, 200);
        both.Teachers.TargetMet.ShouldBe(false);
        Lagging.Reasons(AllActs, 1, both.Teachers, both.Students, 0, new EvaluationLevels(0, 0, 0))
            .ShouldBe(["Охват педагогов 2,5 % ниже цели 15 %"]);
        var none = Row(0, 40, 0, 200);
        none.Teachers.TargetMet.ShouldBe(false);
        none.Students.TargetMet.ShouldBe(false);
        var teacherOnly = Row(10, 40, 0, null);
        teacherOnly.Students.TargetApplies.ShouldBeFalse();
        Lagging.Reasons(AllActs, 1, teacherOnly.Teachers, teacherOnly.Students, 0, new EvaluationLevels(0, 0, 0)).ShouldBeEmpty();
        var missing = Row(1, null, 1, 5);
        Lagging.Reasons(AllActs, 1, missing.Teachers, missing.Students, 0, new EvaluationLevels(0, 0, 0))
            .ShouldBe(["Не указана численность педагогов за учебный год"]);
    }
}
