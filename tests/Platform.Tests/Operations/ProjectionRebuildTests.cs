using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Operations;

/// <summary>The platform administrator rebuilds a read model as a background operation; a wrong name is refused before anything is queued.</summary>
public sealed class ProjectionRebuildTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_rebuild_runs_on_a_worker_and_leaves_the_read_model_as_it_was()
    {
        var admin = api.ClientAs("platform");
        var names = await admin.GetFromJsonAsync<List<string>>("/api/admin/projections");
        names!.ShouldContain("people");
        var before = await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.people");
        before.ShouldBeGreaterThan(0L);

        var response = await admin.PostAsJsonAsync("/api/admin/projections/people/rebuild", new { });
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var state = await admin.FinishedOperationAsync(response.Headers.Location!.ToString());
        state.GetProperty("status").GetString().ShouldBe("succeeded", state.ToString());
        state.GetProperty("message").GetString()!.ShouldStartWith("Обработано событий:");
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.people")).ShouldBe(before);

        var before2 = await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM jobs.operations");
        var bad = await admin.PostAsJsonAsync("/api/admin/projections/no_such/rebuild", new { });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("projection");
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM jobs.operations")).ShouldBe(before2);
    }
}
