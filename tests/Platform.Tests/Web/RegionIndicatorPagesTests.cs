using Alba;
using Platform.Mentoring.Coverage;
using Platform.Reporting.Indicators;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>
/// A new region's «Показатели и цели»: the administrator sets the coverage targets and who counts as covered, and the
/// indicator set (computed indicators taken or left out, renamed, the region's own added); refusals keep what was typed.
/// </summary>
public sealed class RegionIndicatorPagesTests(ApiHost api) : IClassFixture<ApiHost>
{
    private string? _admin;
    private string Admin => _admin ??= api.TokenAs("platform");

    private Task<RegionCard> CreateRegionAsync(string code, string name) => api.Scenario(s =>
    {
        s.WithBearerToken(Admin);
        s.Post.Json(new { code, name, instituteName = $"ИРО ({name})", timeZone = "Asia/Krasnoyarsk" }).ToUrl("/api/regions");
        s.StatusCodeShouldBe(201);
    }).Json<RegionCard>();

    [Fact]
    public async Task The_administrator_sets_targets_with_mentors_covered_and_refused_figures_keep_what_was_typed()
    {
        var region = await CreateRegionAsync("861", "Край Целевой");
        var (page, form) = await api.FormAsync(Admin, $"/regions/{region.Id}/indicators");
        page.ShouldContain("педагоги — 15");
        page.ShouldContain("охваченными считаются наставляемые.");
        page.ShouldContain("Набор показателей мониторинга (по умолчанию)");

        var refused = await api.PostFormAsync(Admin, $"/regions/{region.Id}/indicators/targets", form, 422,
            ("teachersPercent", "пятнадцать"), ("studentsPercent", "12,5"), ("mentorsCovered", "true"), ("basis", "Распоряжение министерства № 17/2"));
        refused.ShouldContain("Доля педагогов — от 0 до 100 %.");
        refused.ShouldContain("value=\"пятнадцать\"");
        refused.ShouldContain("value=\"Распоряжение министерства № 17/2\"");
        (await Targets(region.Id)).TeachersPercent.ShouldBe(15m);

        var saved = await api.PostFormAsync(Admin, $"/regions/{region.Id}/indicators/targets", form, 200,
            ("teachersPercent", "20"), ("studentsPercent", "12,5"), ("mentorsCovered", "true"), ("basis", "Распоряжение министерства № 17/2"));
        saved.ShouldContain("Целевые показатели сохранены.");
        saved.ShouldContain("охваченными считаются наставляемые и наставники.");
        var targets = await Targets(region.Id);
        (targets.TeachersPercent, targets.StudentsPercent, targets.MentorsCovered, targets.Basis).ShouldBe((20m, 12.5m, true, "Распоряжение министерства № 17/2"));
    }

    [Fact]
    public async Task The_administrator_takes_renames_and_adds_indicators_and_the_officer_reads_them()
    {
        var region = await CreateRegionAsync("862", "Край Показательный");
        var (_, form) = await api.FormAsync(Admin, $"/regions/{region.Id}/indicators");
        (string, string)[] Row(string code, string name, string source, string kind, string unit, bool isNew = false) =>
            [("code", code), ("name", name), ("source", source), ("kind", kind), ("unit", unit), ("new", isNew ? "true" : "false")];

        var refused = await api.PostFormAsync(Admin, $"/regions/{region.Id}/indicators/set", form, 422,
            [("include", "mentors_total"), .. Row("mentors_total", "Наставников", "computed", "Count", "чел."),
             .. Row("Свой показатель", "Свой", "manual", "Count", "", isNew: true)]);
        refused.ShouldContain("Код показателя: латинские строчные буквы");
        refused.ShouldContain("value=\"Свой показатель\"");
        (await Set(region.Id)).IsDefault.ShouldBeTrue();

        var saved = await api.PostFormAsync(Admin, $"/regions/{region.Id}/indicators/set", form, 200,
            [("include", "mentors_total"), ("include", "regulation_adopted"),
             .. Row("regulation_adopted", "Положение о наставничестве утверждено", "computed", "Flag", "да/нет"),
             .. Row("mentors_total", "Наставников (всего)", "computed", "Count", "чел."),
             .. Row("mentees_total", "Наставляемых всего", "computed", "Count", "чел."),
             .. Row("mentoring_week", "Проведена неделя наставничества", "manual", "Flag", "", isNew: true),
             .. Row("", "", "manual", "Count", "", isNew: true)]);
        saved.ShouldContain("Набор показателей сохранён");
        var set = await Set(region.Id);
        set.IsDefault.ShouldBeFalse();
        set.Indicators.Select(i => (i.Code, i.Name)).ShouldBe([
            ("regulation_adopted", "Положение о наставничестве утверждено"), ("mentors_total", "Наставников (всего)"),
            ("mentoring_week", "Проведена неделя наставничества")]);
        set.Indicators[2].ShouldSatisfyAllConditions(i => i.Source.ShouldBe(IndicatorSource.Manual), i => i.Kind.ShouldBe(IndicatorKind.Flag));

        // The region's officer reads them; the forms are the administrator's.
        var officer = api.TokenAs($"region:{region.Id}");
        var read = await api.PageAsync(officer, $"/regions/{region.Id}/indicators");
        read.ShouldContain("Проведена неделя наставничества");
        read.ShouldNotContain("Сохранить набор");
        var (_, officerForm) = await api.FormAsync(officer, $"/regions/{region.Id}/indicators");
        await api.PostFormAsync(officer, $"/regions/{region.Id}/indicators/targets", officerForm, 403, ("teachersPercent", "1"), ("studentsPercent", "1"));
    }

    private Task<CoverageTargets> Targets(Guid region) =>
        api.Scenario(s => { s.WithBearerToken(Admin); s.Get.Url($"/api/regions/{region}/coverage-targets"); }).Json<CoverageTargets>();

    private Task<IndicatorSetView> Set(Guid region) =>
        api.Scenario(s => { s.WithBearerToken(Admin); s.Get.Url($"/api/regions/{region}/indicators"); }).Json<IndicatorSetView>();
}
