using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.EventStore.Projections;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Publication;
using Platform.Tests.Infrastructure;
using Platform.Tests.Web;

namespace Platform.Tests.Mentoring.Publication;

/// <summary>
/// The publication schema follows a published act after its publication (corrected, files added and removed, repealed), and a
/// rebuild of the projection from the events gives the same rows, files included.
/// </summary>
public sealed class PublicationProjectionTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Gym166 = Guid.Parse("11000000-0000-4000-8000-000000000166");
    private string Curator => api.TokenAs($"school:{Gym166}");
    private static string Acts => $"/api/schools/{Gym166}/local-acts";

    private Task<IScenarioResult> Send(Action<Scenario> request, int status = 200) => api.Scenario(s =>
    {
        s.WithBearerToken(Curator);
        request(s);
        s.StatusCodeShouldBe(status);
    });

    private Task<LocalActAttachmentView> Upload(Guid act, string name, string text)
    {
        var file = new ByteArrayContent(Encoding.ASCII.GetBytes($"%PDF-1.4\n% {text}\ntrailer << >>\n%%EOF\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return Send(s => s.Post.MultipartFormData(new MultipartFormDataContent { { file, "file", name } }).ToUrl($"{Acts}/{act}/attachments"), 201)
            .Json<LocalActAttachmentView>();
    }

    private Task<List<string>> Rows() => api.Database.OwnerListAsync<string>("""
        SELECT concat_ws('|', 'act', act_id, kind_name, number, date, title, repealed_on) FROM publication.acts
        UNION ALL SELECT concat_ws('|', 'file', file_id, act_id, file_name, sha256, md5(content)) FROM publication.files
        UNION ALL SELECT concat_ws('|', 'program', program_id, title, goal, published_name) FROM publication.programs
        UNION ALL SELECT concat_ws('|', 'news', id, title, date, text, published) FROM publication.news
        ORDER BY 1
        """);

    [Fact]
    public async Task A_published_act_follows_its_corrections_files_and_repeal_and_a_rebuild_gives_the_same_rows()
    {
        var act = await Send(s => s.Post.Json(new { kind = "regulation", number = "п-1", date = "2025-09-01", title = "Первая редакция" }).ToUrl(Acts), 201)
            .Json<LocalActView>();
        var first = await Upload(act.Id, "Первый.pdf", "one");
        var store = api.Services.GetRequiredService<DocumentStore>();
        await using (var session = store.LightweightSession(TenantScope.School(Gym166)))
        {
            var state = (await session.Events.AggregateStreamAsync<LocalAct>(act.Id))!;
            await PublicationCommands.DecideAsync(session, Gym166, s => [PublicationCommands.PublishLocalAct(s, state)], CancellationToken.None);
        }
        var page = $"/public/schools/{Gym166}";
        async Task<string> Visit() => await (await api.Scenario(s => { s.AsBrowser(null); s.Get.Url(page); })).ReadAsTextAsync();
        (await Visit()).ShouldContain("Первая редакция");

        await Send(s => s.Patch.Json(new { title = "Вторая редакция", number = "п-2" }).ToUrl($"{Acts}/{act.Id}"));
        var second = await Upload(act.Id, "Второй.pdf", "two");
        await Send(s => s.Delete.Url($"{Acts}/{act.Id}/attachments/{first.Id}"));
        var html = await Visit();
        html.ShouldContain("Вторая редакция");
        html.ShouldContain("№ п-2");
        html.ShouldNotContain("Первая редакция");
        html.ShouldContain($"{page}/files/{second.Id}");
        html.ShouldNotContain(first.Id.ToString());

        await Send(s => s.Post.Json(new { date = "2025-10-01", reason = "Новая редакция" }).ToUrl($"{Acts}/{act.Id}/repeal"));
        (await Visit()).ShouldContain("утратил силу с 1 октября 2025");

        var before = await Rows();
        before.Count(r => r.StartsWith("file|")).ShouldBeGreaterThan(0);
        var rebuilt = await new ProjectionRebuilder(store).RebuildAsync("publication", null);
        rebuilt.Processed.ShouldBeGreaterThan(0);
        (await Rows()).ShouldBe(before);
    }
}
