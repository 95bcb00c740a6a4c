using System.Text.Json;
using Platform.Mentoring.Checklist;
using Platform.Mentoring.Coverage;
using Platform.Reporting.Dashboard;
using Platform.Tenancy.Demo;
using Platform.Tenancy.Registry;
using Platform.Mentoring.RoadMaps;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Reporting.Dashboard;

/// <summary>The demo district's dashboard through the real host, checked against the seed's read models and the other endpoints.</summary>
public sealed class DistrictDashboardTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid D = DemoDistrict.DistrictId;
    private string Curator => api.TokenAs($"district:{D}");

    private Task<T> Get<T>(string url, string? token = null) => api.Scenario(s =>
    {
        s.WithBearerToken(token ?? Curator);
        s.Get.Url(url);
    }).Json<T>();

    private Task<DistrictDashboard> Dashboard(string query = "") => Get<DistrictDashboard>($"/api/districts/{D}/dashboard{query}");

    private async Task<int> Count(string sql, Guid school) => (int)(await api.Database.OwnerScalarAsync<long>(sql, school));

    [Fact]
    public async Task Every_demo_school_has_a_row_with_the_figures_the_seed_made()
    {
        var dashboard = await Dashboard();
        var open = await api.Database.OwnerListAsync<Guid>("SELECT id FROM registry.schools WHERE district_id = $1 AND closed_on IS NULL", D);
        dashboard.Schools.Select(s => s.SchoolId).ShouldBe(open, ignoreOrder: true);
        dashboard.Schools.Count.ShouldBe(6);
        dashboard.Shown.ShouldBe(6);
        dashboard.DistrictName.ShouldNotBeNullOrWhiteSpace();
        // The demo campaign: two accepted, one submitted, one returned, one draft, one not started.
        var statuses = await api.Database.OwnerListAsync<string>(
            "SELECT s.id || ' ' || coalesce(c.report_status, 'not_started') FROM registry.schools s LEFT JOIN reporting.campaign_schools c ON c.tenant_id = s.id WHERE s.district_id = $1", D);
        dashboard.Schools.Select(r => $"{r.SchoolId} {r.Campaign?.Status}").ShouldBe(statuses, ignoreOrder: true);
        dashboard.Schools.Select(r => r.Campaign!.Status).Order().ShouldBe(["accepted", "accepted", "draft", "not_started", "returned", "submitted"]);
        dashboard.Schools.Single(r => r.Campaign!.Status == "returned").LaggingReasons.ShouldContain(x => x.Contains("возвращён на доработку"));
        dashboard.Schools.Single(r => r.Campaign!.Status == "accepted" && r.SchoolId == Guid.Parse("11000000-0000-4000-8000-000000000001"))
            .Campaign!.StatusName.ShouldBe("Принят");
        dashboard.Schools.Single(r => r.Campaign!.Status == "not_started").Campaign!.StatusName.ShouldBe("Не начат");
        var checklist = await Get<DistrictChecklist>($"/api/districts/{D}/checklist");
        var coverage = await Get<CoverageReport>($"/api/districts/{D}/coverage?schoolYear={dashboard.SchoolYear}");

        foreach (var row in dashboard.Schools)
        {
            var s = row.SchoolId;
            row.ActiveMentorships.ShouldBe(await Count("SELECT count(*) FROM mentoring.mentorships WHERE tenant_id = $1 AND status = 'active'", s), row.ShortName);
            row.ProgramsActive.ShouldBe(await Count("SELECT count(*) FROM mentoring.programs WHERE tenant_id = $1 AND status = 'in_progress'", s));
            row.ProgramsCompleted.ShouldBe(await Count("SELECT count(*) FROM mentoring.programs WHERE tenant_id = $1 AND status = 'completed'", s));
            row.MentorPool.ShouldBe(await Count("SELECT count(*) FROM mentoring.people WHERE tenant_id = $1 AND in_mentor_pool", s));
            row.MenteePool.ShouldBe(await Count("SELECT count(*) FROM mentoring.people WHERE tenant_id = $1 AND in_mentee_pool", s));
            row.Evaluations.Optimal.ShouldBe(await Count("SELECT count(*) FROM mentoring.programs WHERE tenant_id = $1 AND evaluation_level = 'optimal'", s));

            // The checklist, the coverage report and the activity list compute the same things their own way.
            var items = checklist.Schools.Single(c => c.SchoolId == s).Items.ToDictionary(i => i.Code, i => i.Met);
            row.Acts.Regulation.ShouldBe(items[SchoolChecklists.RegulationAdopted], row.ShortName);
            row.Acts.RoadMapApproved.ShouldBe(items[SchoolChecklists.RoadMapApproved]);
            row.Acts.RoadMapOnPlatform.ShouldBe(items[SchoolChecklists.RoadMapExists]);
            row.Acts.CuratorAppointed.ShouldBe(items[SchoolChecklists.CuratorAppointed]);
            (row.Acts.PairOrders > 0).ShouldBe(items[SchoolChecklists.PairsApproved]);
            var cov = coverage.Schools.Single(c => c.SchoolId == s);
            row.Teachers.Mentees.ShouldBe(cov.TeacherMentees, row.ShortName);
            row.Students.Mentees.ShouldBe(cov.StudentMentees);
            row.Teachers.Total.ShouldBe(cov.TeachersTotal);
            row.Teachers.Percent.ShouldBe(cov.TeachersPercent);
            // Both measure against a target only where the school runs that model.
            row.Teachers.TargetApplies.ShouldBe(cov.TeacherMentees > 0 || cov.StudentMentees == 0);
            row.Teachers.TargetMet.ShouldBe(cov.TeachersTargetMet);
            row.Students.TargetMet.ShouldBe(cov.StudentsTargetMet);
            var overdue = await Get<Page<ActivityRow>>($"/api/schools/{s}/activities?overdue=true&pageSize=1");
            row.OverdueActivities.ShouldBe(overdue.Total, row.ShortName);

            row.Lagging.ShouldBe(row.LaggingReasons.Count > 0);
            if (!row.Acts.Regulation) row.LaggingReasons.ShouldContain("Не принято положение о системе наставничества");
            if (!row.Acts.CuratorAppointed) row.LaggingReasons.ShouldContain("Не назначен куратор");
            if (row.OverdueActivities > 0) row.LaggingReasons.ShouldContain($"Просрочено мероприятий дорожной карты: {row.OverdueActivities}");
        }

        // The demo made pairs, programs and some gaps: the dashboard is not trivially empty or all green.
        dashboard.Totals.ActiveMentorships.ShouldBe(dashboard.Schools.Sum(r => r.ActiveMentorships));
        dashboard.Totals.ActiveMentorships.ShouldBeGreaterThan(0);
        dashboard.Totals.ProgramsActive.ShouldBe(dashboard.Schools.Sum(r => r.ProgramsActive));
        dashboard.Totals.OverdueActivities.ShouldBe(dashboard.Schools.Sum(r => r.OverdueActivities));
        dashboard.Totals.WithRegulation.ShouldBe(dashboard.Schools.Count(r => r.Acts.Regulation));
        dashboard.Totals.LaggingSchools.ShouldBe(dashboard.Schools.Count(r => r.Lagging));
        dashboard.Totals.LaggingSchools.ShouldBeGreaterThan(0);
        dashboard.Schools.ShouldContain(r => r.Acts.Regulation);
        dashboard.TeachersTarget.ShouldBe(15m);
        dashboard.StudentsTarget.ShouldBe(10m);
    }

    [Fact]
    public async Task Sorting_and_filters_follow_the_query_and_bad_values_answer_400_in_Russian()
    {
        var all = await Dashboard();
        (await Dashboard()).Schools.Select(s => s.ShortName).ShouldBe(all.Schools.Select(s => s.ShortName).OrderBy(n => n, StringComparer.Create(new("ru-RU"), false)));
        var byPairs = await Dashboard("?sort=-mentorships");
        byPairs.Schools.Select(s => s.ActiveMentorships).ShouldBe(all.Schools.Select(s => s.ActiveMentorships).OrderByDescending(n => n));
        var byOverdue = await Dashboard("?sort=overdue");
        byOverdue.Schools.Select(s => s.OverdueActivities).ShouldBe(all.Schools.Select(s => s.OverdueActivities).OrderBy(n => n));

        var lagging = await Dashboard("?lagging=true");
        lagging.Schools.ShouldAllBe(s => s.Lagging);
        lagging.Shown.ShouldBe(all.Schools.Count(s => s.Lagging));
        lagging.Totals.ShouldBe(all.Totals); // the totals stay the district's
        (await Dashboard("?lagging=false")).Shown.ShouldBe(all.Schools.Count(s => !s.Lagging));
        var noCurator = await Dashboard("?missing=curator");
        noCurator.Schools.Select(s => s.SchoolId).ShouldBe(all.Schools.Where(s => !s.Acts.CuratorAppointed).Select(s => s.SchoolId), ignoreOrder: true);
        (await Dashboard("?overdue=true")).Schools.ShouldAllBe(s => s.OverdueActivities > 0);
        var search = await Dashboard("?search=гимназия");
        search.Schools.ShouldNotBeEmpty();
        search.Schools.ShouldAllBe(s => s.ShortName.Contains("гимназия", StringComparison.OrdinalIgnoreCase));

        var problem = await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Get.Url($"/api/districts/{D}/dashboard?sort=size&missing=order&schoolYear=1900");
            s.ProblemShouldBe(400, "sort");
            s.ProblemShouldBe(400, "missing");
            s.ProblemShouldBe(400, "schoolYear");
        }).Json();
        var errors = problem.GetProperty("errors");
        errors.GetProperty("sort")[0].GetString()!.ShouldStartWith("Сортировка:");
        errors.GetProperty("missing")[0].GetString()!.ShouldStartWith("Отсутствующий акт:");
        errors.GetProperty("schoolYear")[0].GetString()!.ShouldStartWith("Учебный год");
    }

    [Fact]
    public async Task A_school_drill_down_lists_its_programs_and_hides_names_without_consent()
    {
        var program = (await api.Database.OwnerListAsync<Guid>("""
            SELECT pr.id FROM mentoring.programs pr JOIN mentoring.mentorships m ON m.tenant_id = pr.tenant_id AND m.id = pr.mentorship_id
              JOIN mentoring.people p ON p.tenant_id = m.tenant_id AND p.id = m.mentor_id
              JOIN registry.schools s ON s.id = pr.tenant_id
             WHERE s.district_id = $1 AND p.has_consent ORDER BY pr.id LIMIT 1
            """, D)).Single();
        var school = await api.Database.OwnerScalarAsync<Guid>("SELECT tenant_id FROM mentoring.programs WHERE id = $1", program);
        var mentor = await api.Database.OwnerScalarAsync<Guid>(
            "SELECT m.mentor_id FROM mentoring.programs pr JOIN mentoring.mentorships m ON m.tenant_id = pr.tenant_id AND m.id = pr.mentorship_id WHERE pr.id = $1", program);
        var name = await api.Database.OwnerScalarAsync<string>("SELECT full_name FROM mentoring.people WHERE tenant_id = $1 AND id = $2", school, mentor);

        var before = await Get<SchoolDashboard>($"/api/schools/{school}/dashboard");
        before.Programs.Count.ShouldBe(await Count("SELECT count(*) FROM mentoring.programs WHERE tenant_id = $1", school));
        before.Programs.Single(p => p.Id == program).Mentor.ShouldBe(name);
        before.Row.ProgramsActive.ShouldBe(before.Programs.Count(p => p.Status == "in_progress"));
        var hidden = await Count("""
            SELECT count(*) FROM mentoring.programs pr JOIN mentoring.mentorships m ON m.tenant_id = pr.tenant_id AND m.id = pr.mentorship_id
              CROSS JOIN LATERAL unnest(m.mentee_ids || m.mentor_id) u(id) JOIN mentoring.people p ON p.tenant_id = m.tenant_id AND p.id = u.id
             WHERE pr.tenant_id = $1 AND NOT p.has_consent
            """, school);
        before.Programs.Sum(p => p.HiddenNames).ShouldBe(hidden);

        // The mentor withdraws the consent: the district no longer sees the name, the program is still listed.
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"school:{school}"));
            s.Post.Json(new { }).ToUrl($"/api/schools/{school}/people/{mentor}/consents/withdraw");
        });
        var after = await Get<SchoolDashboard>($"/api/schools/{school}/dashboard");
        var row = after.Programs.Single(p => p.Id == program);
        row.Mentor.ShouldBeNull();
        row.HiddenNames.ShouldBeGreaterThanOrEqualTo(1);
        after.Programs.ShouldNotContain(p => p.Mentor == name);
        (await after.ToJson()).ShouldNotContain(name!);
    }
}

internal static class JsonOf
{
    private static readonly JsonSerializerOptions Options = Platform.EventStore.DocumentStoreOptions.CreateJsonOptions();

    public static Task<string> ToJson<T>(this T value) => Task.FromResult(JsonSerializer.Serialize(value, Options));
}
