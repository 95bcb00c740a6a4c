using Platform.Mentoring.RoadMaps;
using Platform.Mentoring.RoadMaps.Templates;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring;

/// <summary>The road maps of seeds 000, 002 and 004, entered through the API stage by stage and read back unchanged.</summary>
public sealed class SeedRoadMapsThroughApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    public static TheoryData<string, Guid> Seeds => new()
    {
        { "000", Guid.Parse("11000000-0000-4000-8000-000000000411") },
        { "002", Guid.Parse("11000000-0000-4000-8000-000000000166") },
        { "004", Guid.Parse("11000000-0000-4000-8000-000000000030") },
    };

    private static RoadMapTemplate Seed(string number) => number switch
    {
        "000" => Seed000School411.Template,
        "002" => Seed002Gymnasium166.Template,
        _ => Seed004Cppmsp.Template,
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_seed_road_map_entered_activity_by_activity_reads_back_unchanged(string number, Guid school)
    {
        var seed = Seed(number);
        var token = api.TokenAs($"school:{school}");
        Task<IScenarioResult> Post(string url, object body) => api.Scenario(s =>
        {
            s.WithBearerToken(token);
            s.Post.Json(body).ToUrl(url);
            s.StatusCodeShouldBe(201);
        });

        var map = await Post($"/api/schools/{school}/road-maps", new { title = seed.Title, firstYear = seed.BaseYear, years = seed.Years }).Json<RoadMapView>();
        foreach (var stage in seed.Stages)
        {
            var withStage = await Post($"/api/schools/{school}/road-maps/{map.Id}/stages", new { stage.Title, stage.Description }).Json<RoadMapView>();
            var stageId = withStage.Stages[^1].Id;
            foreach (var a in stage.Activities ?? [])
                await Post($"/api/schools/{school}/road-maps/{map.Id}/activities",
                    new AddActivity(stageId, a.Title, a.Content, a.Period, a.ResponsibleRoles, a.Responsible, a.ExpectedResult));
        }

        var read = await api.Scenario(s =>
        {
            s.WithBearerToken(token);
            s.Get.Url($"/api/schools/{school}/road-maps/{map.Id}");
        }).Json<RoadMapView>();
        read.Title.ShouldBe(seed.Title);
        read.Stages.Select(s => s.Title).ShouldBe(seed.Stages.Select(s => s.Title));
        for (var s = 0; s < seed.Stages.Count; s++)
        {
            read.Stages[s].Description.ShouldBe(seed.Stages[s].Description);
            var expected = seed.Stages[s].Activities ?? [];
            read.Stages[s].Activities.Count.ShouldBe(expected.Count);
            for (var a = 0; a < expected.Count; a++)
            {
                var got = read.Stages[s].Activities[a];
                got.Title.ShouldBe(expected[a].Title);
                got.Content.ShouldBe(expected[a].Content);
                got.Period.ShouldBe(expected[a].Period);
                got.ResponsibleRoles.ShouldBe(expected[a].ResponsibleRoles ?? []);
                got.Responsible.ShouldBe(expected[a].Responsible);
                got.ExpectedResult.ShouldBe(expected[a].ExpectedResult);
            }
        }
        read.Activities.ShouldBe(seed.ActivityCount);
    }
}
