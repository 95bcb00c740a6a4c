using Alba;
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

    /// <summary>GET as the caller (none: anonymous), expecting the status.</summary>
    private Task<IScenarioResult> Get(string? token, string url, int status = 200) => api.Scenario(s =>
    {
        if (token is not null) s.WithBearerToken(token);
        s.Get.Url(url);
        s.StatusCodeShouldBe(status);
    });

    [Fact]
    public async Task The_region_officer_sees_districts_with_their_totals_and_drills_down_read_only()
    {
        var officer = api.TokenAs($"region:{R}");
        var region = await Get(officer, $"/api/regions/{R}/dashboard").Json<RegionDashboard>();
        var district = await Get(officer, $"/api/districts/{D}/dashboard").Json<DistrictDashboard>();
        var row = region.Districts.Single(d => d.DistrictId == D);
        row.Totals.ShouldBe(district.Totals);
        row.Lagging.ShouldBe(row.LaggingReasons.Count > 0);
        region.Totals.Schools.ShouldBe(region.Districts.Sum(d => d.Totals.Schools));
        region.Totals.ActiveMentorships.ShouldBe(region.Districts.Sum(d => d.Totals.ActiveMentorships));
        region.RegionName.ShouldNotBeNullOrWhiteSpace();
        await Get(officer, $"/api/regions/{R}/dashboard?sort=-lagging&lagging=true");
        await Get(officer, $"/api/regions/{R}/dashboard?missing=curator", 400);

        var school = await Get(officer, $"/api/schools/{Sosh1}/dashboard").Json<SchoolDashboard>();
        var inDistrict = district.Schools.Single(s => s.SchoolId == Sosh1);
        DashboardBaseline.From(school.Row).ShouldBe(DashboardBaseline.From(inDistrict));
        school.Row.LaggingReasons.ShouldBe(inDistrict.LaggingReasons);
        // Read-only: a region officer writes nothing.
        await api.Scenario(s =>
        {
            s.WithBearerToken(officer);
            s.Post.Json(new { kind = "regulation", number = "1", date = "2026-01-10", title = "Положение" }).ToUrl($"/api/schools/{Sosh1}/local-acts");
            s.StatusCodeShouldBe(403);
        });
    }

    [Fact]
    public async Task Other_regions_districts_and_roles_are_refused()
    {
        await TestRegistry.SeedAsync(api.Database);
        await Get(api.TokenAs($"region:{TestRegistry.Region}"), $"/api/regions/{R}/dashboard", 403);
        await Get(api.TokenAs($"region:{R}"), $"/api/regions/{Guid.NewGuid()}/dashboard", 404);
        await Get(api.TokenAs($"district:{D}"), $"/api/regions/{R}/dashboard", 403);
        await Get(null, $"/api/regions/{R}/dashboard", 401);
        // Another district's curator: the district area 403, its school 404.
        var stranger = api.TokenAs($"district:{TestRegistry.DistrictA}");
        await Get(stranger, $"/api/districts/{D}/dashboard", 403);
        await Get(stranger, $"/api/schools/{Sosh1}/dashboard", 404);
        // A school's staff sees its own school's row, not the district.
        await Get(api.TokenAs($"school:{Sosh1}"), $"/api/districts/{D}/dashboard", 403);
        await Get(api.TokenAs($"school:{Sosh1}", Roles.Mentor), $"/api/schools/{Sosh1}/dashboard", 403);
    }
}
