using Platform.EventStore;
using Platform.Tenancy.Access;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>The API refuses a changed title over its limit (as a created one), naming the field in Russian; nothing is stored.</summary>
public sealed class RoadMapTitleLimitTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    [Fact]
    public async Task Changed_titles_of_a_road_map_its_stage_and_activity_keep_their_limits()
    {
        var curator = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator);
        var map = await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Post.Json(new
            {
                title = "Дорожная карта 2021–2024", firstYear = 2021, years = 3,
                stages = new[] { new { title = "Этап", activities = new[] { new { title = "Мероприятие" } } } },
            }).ToUrl($"/api/schools/{Sosh1}/road-maps");
            s.StatusCodeShouldBe(201);
        }).Json();
        map.GetProperty("years").GetInt32().ShouldBe(3);
        var path = $"/api/schools/{Sosh1}/road-maps/{map.GetProperty("id").GetString()}";
        var stage = map.GetProperty("stages")[0];
        var activity = stage.GetProperty("activities")[0];

        await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Patch.Json(new { title = new string('я', 501) }).ToUrl(path);
            s.ProblemShouldBe(400, "title", "длиннее 500 символов");
        });
        await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Patch.Json(new { title = new string('я', 501) }).ToUrl($"{path}/stages/{stage.GetProperty("id").GetString()}");
            s.ProblemShouldBe(400, "title", "длиннее 500 символов");
        });
        await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Patch.Json(new { title = new string('я', 2001) }).ToUrl($"{path}/activities/{activity.GetProperty("id").GetString()}");
            s.ProblemShouldBe(400, "title", "длиннее 2000 символов");
        });
        var after = await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Get.Url(path);
        }).Json();
        after.GetProperty("title").GetString().ShouldBe("Дорожная карта 2021–2024");
        after.GetProperty("version").GetInt64().ShouldBe(map.GetProperty("version").GetInt64());
    }
}
