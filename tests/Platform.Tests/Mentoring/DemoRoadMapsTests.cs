using Platform.Mentoring.RoadMaps;
using Platform.Mentoring.RoadMaps.Templates;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring;

public sealed class DemoRoadMapsTests(ApiHost api) : IClassFixture<ApiHost>
{
    private Task<T> Get<T>(Guid school, string url) => api.Scenario(s =>
    {
        s.WithBearerToken(api.TokenAs($"school:{school}"));
        s.Get.Url(url);
    }).Json<T>();

    [Fact]
    public async Task Every_demo_school_has_its_seed_road_map_and_the_district_sees_its_overdue_activities()
    {
        SeedRoadMaps.ForDemo.Select(d => d.SchoolId).Distinct().Count().ShouldBe(6);
        foreach (var (school, template) in SeedRoadMaps.ForDemo)
        {
            var maps = await Get<List<RoadMapSummary>>(school, $"/api/schools/{school}/road-maps");
            var map = maps.Single(m => m.TemplateId == template.Id);
            map.Title.ShouldBe(template.Title);
            map.Stages.ShouldBe(template.Stages.Count);
            map.Activities.ShouldBe(template.ActivityCount);
        }
        // The seeds' own school years are past: their dated activities are overdue now; the regional model has no dates.
        var sch411 = Guid.Parse("11000000-0000-4000-8000-000000000411");
        var overdue = await Get<Platform.Tenancy.Registry.Page<ActivityRow>>(sch411, $"/api/schools/{sch411}/activities?overdue=true");
        overdue.Total.ShouldBe(Seed000School411.Template.ActivityCount);
        var sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");
        (await Get<Platform.Tenancy.Registry.Page<ActivityRow>>(sosh1, $"/api/schools/{sosh1}/activities?overdue=true")).Total.ShouldBe(0);
    }
}

public sealed class DemoChecklistTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task The_demo_district_checklist_shows_the_seed_orders_and_the_gaps()
    {
        var district = Platform.Tenancy.Demo.DemoDistrict.DistrictId;
        var list = await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"district:{district}"));
            s.Get.Url($"/api/districts/{district}/checklist");
        }).Json<Platform.Mentoring.Checklist.DistrictChecklist>();
        list.Schools.Count.ShouldBe(6);
        bool Met(string school, string code) => list.Schools.Single(s => s.SchoolId == Guid.Parse("11000000-0000-4000-8000-000000000" + school))
            .Items.Single(i => i.Code == code).Met;
        Met("411", Platform.Mentoring.Checklist.SchoolChecklists.CuratorAppointed).ShouldBeTrue();
        Met("002", Platform.Mentoring.Checklist.SchoolChecklists.CuratorAppointed).ShouldBeFalse();
        list.Schools.Single(s => s.SchoolId == Guid.Parse("11000000-0000-4000-8000-000000000411")).Items
            .Single(i => i.Code == Platform.Mentoring.Checklist.SchoolChecklists.CuratorAppointed).Evidence.Single().Number.ShouldBe("360/1");
    }
}
