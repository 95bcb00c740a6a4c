using Platform.Mentoring.Appointments;
using Platform.Mentoring.Checklist;
using Platform.Mentoring.LocalActs;
using Platform.Tenancy.Access;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring;

/// <summary>The checklist follows the school's acts and appointments; the district sees every school's side by side.</summary>
public sealed class ChecklistTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid School411 = Guid.Parse("11000000-0000-4000-8000-000000000411");
    private const string Seed000Title =
        "Об утверждении положения о системе (целевой модели) наставничества педагогических работников в ГБОУ школе № 411 «Гармония» Петродворцового района Санкт-Петербурга";

    private string Curator => api.TokenAs($"school:{School411}");

    private Task<LocalActView> Act(string kind, string number, string date, string title) => api.Scenario(s =>
    {
        s.WithBearerToken(Curator);
        s.Post.Json(new { kind, number, date, title }).ToUrl($"/api/schools/{School411}/local-acts");
        s.StatusCodeShouldBe(201);
    }).Json<LocalActView>();

    private Task<SchoolChecklist> Checklist() => Get<SchoolChecklist>($"/api/schools/{School411}/checklist", Curator);

    private Task<T> Get<T>(string url, string token) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Get.Url(url);
    }).Json<T>();

    /// <summary>The answer's status to a GET with this token.</summary>
    private Task<IScenarioResult> Read(string url, string token, int status) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Get.Url(url);
        s.StatusCodeShouldBe(status);
    });

    private static ChecklistItem Item(SchoolChecklist list, string code) => list.Items.Single(i => i.Code == code);

    [Fact]
    public async Task The_checklist_reflects_the_acts_and_appointments_and_the_district_sees_all_six_demo_schools()
    {
        await api.ClearDemoOrdersAsync(School411); // the demo gives № 411 its seed order; this test registers it itself
        var before = await Checklist();
        var hasRoadMap = await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.road_maps WHERE tenant_id = $1", School411) > 0;
        before.ShortName.ShouldBe("ГБОУ школа № 411 «Гармония»");
        before.Items.Select(i => i.Code).ShouldBe([
            SchoolChecklists.RegulationAdopted, SchoolChecklists.RoadMapApproved, SchoolChecklists.RoadMapExists,
            SchoolChecklists.CuratorAppointed, SchoolChecklists.PairsApproved, SchoolChecklists.PersonalizedPrograms]);
        Item(before, SchoolChecklists.RegulationAdopted).Met.ShouldBeFalse();
        Item(before, SchoolChecklists.RegulationAdopted).Title.ShouldBe("Принято положение о системе наставничества");
        Item(before, SchoolChecklists.CuratorAppointed).Met.ShouldBeFalse();
        Item(before, SchoolChecklists.RoadMapExists).Met.ShouldBe(hasRoadMap);
        var programs = Item(before, SchoolChecklists.PersonalizedPrograms);
        programs.Met.ShouldBeFalse();
        programs.Available.ShouldBeFalse();
        programs.Note.ShouldBe("появится с разделом программ наставничества");

        // Seed 000: order № 360/1 of 13.11.2023 adopts the regulation, approves the road map and names the curator.
        var regulation = await Act("regulation", "360/1", "2023-11-13", Seed000Title);
        await Act("road_map_approval", "360/1", "2023-11-13", Seed000Title);
        var curatorOrder = await Act("curator_appointment", "360/1", "2023-11-13", Seed000Title);
        await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Post.Json(new
            {
                role = "curator", personName = "Плющикова В. А.", position = "учитель английского языка", orderId = curatorOrder.Id,
            }).ToUrl($"/api/schools/{School411}/appointments");
            s.StatusCodeShouldBe(201);
        });

        var after = await Checklist();
        var adopted = Item(after, SchoolChecklists.RegulationAdopted);
        adopted.Met.ShouldBeTrue();
        adopted.Evidence.Single().Id.ShouldBe(regulation.Id);
        adopted.Evidence.Single().Number.ShouldBe("360/1");
        adopted.Evidence.Single().Date.ShouldBe(new DateOnly(2023, 11, 13));
        adopted.Evidence.Single().Text.ShouldEndWith("(от 13.11.2023 № 360/1)");
        Item(after, SchoolChecklists.RoadMapApproved).Met.ShouldBeTrue();
        var curator = Item(after, SchoolChecklists.CuratorAppointed);
        curator.Met.ShouldBeTrue();
        curator.Evidence.Single().Text.ShouldBe("Плющикова В. А., учитель английского языка, приказ от 13.11.2023 № 360/1");
        Item(after, SchoolChecklists.PairsApproved).Met.ShouldBeFalse();
        after.MetCount.ShouldBe(hasRoadMap ? 4 : 3);

        // A repealed regulation no longer counts.
        await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Post.Json(new { reason = "Утратило силу в связи с утверждением нового положения" })
                .ToUrl($"/api/schools/{School411}/local-acts/{regulation.Id}/repeal");
            s.StatusCodeShouldBe(200);
        });
        Item(await Checklist(), SchoolChecklists.RegulationAdopted).Met.ShouldBeFalse();

        var district = await Get<DistrictChecklist>($"/api/districts/{DemoDistrict.DistrictId}/checklist", api.TokenAs($"district:{DemoDistrict.DistrictId}"));
        district.Schools.Count.ShouldBe(6);
        district.Schools.Select(s => s.SchoolId).OrderBy(id => id).ShouldBe(DemoDistrict.Schools.Select(s => s.SchoolId).OrderBy(id => id));
        var row = district.Schools.Single(s => s.SchoolId == School411);
        row.ShortName.ShouldBe("ГБОУ школа № 411 «Гармония»");
        Item(row, SchoolChecklists.RoadMapApproved).Met.ShouldBeTrue();
        Item(row, SchoolChecklists.CuratorAppointed).Evidence.Single().Text.ShouldStartWith("Плющикова В. А.");
        Item(row, SchoolChecklists.RegulationAdopted).Met.ShouldBeFalse();
        // Demo schools without a demo curator (ООШ, гимназия № 166, ЦППМСП).
        district.Schools.Where(s => s.SchoolId.ToString() is "11000000-0000-4000-8000-000000000002" or "11000000-0000-4000-8000-000000000166" or "11000000-0000-4000-8000-000000000030")
            .ShouldAllBe(s => !s.Items.Single(i => i.Code == SchoolChecklists.CuratorAppointed).Met);
        foreach (var s in district.Schools)
        {
            var maps = await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.road_maps WHERE tenant_id = $1", s.SchoolId);
            s.Items.Single(i => i.Code == SchoolChecklists.RoadMapExists).Met.ShouldBe(maps > 0);
        }

        // The region's officer reads it too; a school's staff does not, and another district is refused.
        await Read($"/api/districts/{DemoDistrict.DistrictId}/checklist", api.TokenAs($"region:{DemoDistrict.RegionId}"), 200);
        await Read($"/api/districts/{DemoDistrict.DistrictId}/checklist", Curator, 403);
        await Read($"/api/schools/{School411}/checklist", api.TokenAs($"school:{School411}", Roles.Mentor), 403);
    }
}
