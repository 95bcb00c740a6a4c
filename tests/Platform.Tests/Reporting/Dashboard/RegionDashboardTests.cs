using System.Net;
using System.Net.Http.Json;
using Platform.Reporting.Dashboard;
using Platform.Tenancy.Access;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Reporting.Dashboard;

/// <summary>The region officer reads the region per district and drills into districts and schools; nobody crosses a boundary.</summary>
public sealed class RegionDashboardTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid R = DemoDistrict.RegionId;
    private static readonly Guid D = DemoDistrict.DistrictId;
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    [Fact]
    public async Task The_region_officer_sees_districts_with_their_totals_and_drills_down_read_only()
    {
        var officer = api.ClientAs($"region:{R}");
        var region = await (await officer.GetAsync($"/api/regions/{R}/dashboard")).ShouldBeOk<RegionDashboard>();
        var district = await (await officer.GetAsync($"/api/districts/{D}/dashboard")).ShouldBeOk<DistrictDashboard>();
        var row = region.Districts.Single(d => d.DistrictId == D);
        row.Totals.ShouldBe(district.Totals);
        row.Lagging.ShouldBe(row.LaggingReasons.Count > 0);
        region.Totals.Schools.ShouldBe(region.Districts.Sum(d => d.Totals.Schools));
        region.Totals.ActiveMentorships.ShouldBe(region.Districts.Sum(d => d.Totals.ActiveMentorships));
        region.RegionName.ShouldNotBeNullOrWhiteSpace();
        (await officer.GetAsync($"/api/regions/{R}/dashboard?sort=-lagging&lagging=true")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.GetAsync($"/api/regions/{R}/dashboard?missing=curator")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var school = await (await officer.GetAsync($"/api/schools/{Sosh1}/dashboard")).ShouldBeOk<SchoolDashboard>();
        var inDistrict = district.Schools.Single(s => s.SchoolId == Sosh1);
        DashboardBaseline.From(school.Row).ShouldBe(DashboardBaseline.From(inDistrict));
        school.Row.LaggingReasons.ShouldBe(inDistrict.LaggingReasons);
        // Read-only: a region officer writes nothing.
        (await officer.PostAsJsonAsync($"/api/schools/{Sosh1}/local-acts", new { kind = "regulation", number = "1", date = "2026-01-10", title = "Положение" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Other_regions_districts_and_roles_are_refused()
    {
        await TestRegistry.SeedAsync(api.Database);
        (await api.ClientAs($"region:{TestRegistry.Region}").GetAsync($"/api/regions/{R}/dashboard")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.ClientAs($"region:{R}").GetAsync($"/api/regions/{Guid.NewGuid()}/dashboard")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.ClientAs($"district:{D}").GetAsync($"/api/regions/{R}/dashboard")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.ClientAs(null).GetAsync($"/api/regions/{R}/dashboard")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // Another district's curator: the district area 403, its school 404.
        var stranger = api.ClientAs($"district:{TestRegistry.DistrictA}");
        (await stranger.GetAsync($"/api/districts/{D}/dashboard")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await stranger.GetAsync($"/api/schools/{Sosh1}/dashboard")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // A school's staff sees its own school's row, not the district.
        (await api.ClientAs($"school:{Sosh1}").GetAsync($"/api/districts/{D}/dashboard")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.ClientAs($"school:{Sosh1}", Roles.Mentor).GetAsync($"/api/schools/{Sosh1}/dashboard")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
