using Platform.Tests.Infrastructure;

namespace Platform.Tests.Operations;

/// <summary>The platform administrator rebuilds a read model as a background operation; a wrong name is refused before anything is queued.</summary>
public sealed class ProjectionRebuildTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_rebuild_runs_on_a_worker_and_leaves_the_read_model_as_it_was()
    {
        var admin = api.TokenAs("platform");
        var names = await api.Scenario(s =>
        {
            s.WithBearerToken(admin);
            s.Get.Url("/api/admin/projections");
        }).Json<List<string>>();
        names.ShouldContain("people");
        var before = await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.people");
        before.ShouldBeGreaterThan(0L);

        var response = await api.Scenario(s =>
        {
            s.WithBearerToken(admin);
            s.Post.Json(new { }).ToUrl("/api/admin/projections/people/rebuild");
            s.StatusCodeShouldBe(202);
        });
        var state = await api.FinishedOperationAsync(admin, response.Context.Response.Headers.Location.ToString());
        state.GetProperty("status").GetString().ShouldBe("succeeded", state.ToString());
        state.GetProperty("message").GetString()!.ShouldStartWith("Обработано событий:");
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.people")).ShouldBe(before);

        var before2 = await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM jobs.operations");
        await api.Scenario(s =>
        {
            s.WithBearerToken(admin);
            s.Post.Json(new { }).ToUrl("/api/admin/projections/no_such/rebuild");
            s.StatusCodeShouldBe(400);
            s.ContentShouldContain("projection");
        });
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM jobs.operations")).ShouldBe(before2);
    }
}
