using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Programs;
using Platform.Tenancy.Access;
using Platform.Tenancy.Demo;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>
/// The public pages of schools and districts, as a visitor (no sign-in) and as the curators who publish: school A's page never
/// shows B's data, nothing unpublished is reachable (page or file), the private routes still refuse a visitor, and the pages
/// are cacheable (ETag, 304, a new ETag after a publication). The demo seeds СОШ № 1's page (an act with a file, a program, news).
/// </summary>
public sealed class PublicPagesTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid SchoolA = Guid.Parse("11000000-0000-4000-8000-000000000001");
    private static readonly Guid SchoolB = Guid.Parse("11000000-0000-4000-8000-000000000002");
    private static readonly DateOnly Yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    private static string Page(Guid school) => $"/public/schools/{school}";

    private Task<IScenarioResult> Visit(string url, int status = 200, string? ifNoneMatch = null) => api.Scenario(s =>
    {
        s.AsBrowser(null);
        if (ifNoneMatch is not null) s.WithRequestHeader("If-None-Match", ifNoneMatch);
        s.Get.Url(url);
        s.StatusCodeShouldBe(status);
    });

    private async Task<string> VisitHtml(string url) => await (await Visit(url)).ReadAsTextAsync();

    private Task<IScenarioResult> Api(string token, Action<Scenario> request, int status) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        request(s);
        s.StatusCodeShouldBe(status);
    });

    /// <summary>An act of school B with a file, through the API; nothing published.</summary>
    private async Task<(LocalActView Act, Guid FileId, byte[] Bytes)> ActWithFile(string token, Guid school, string title)
    {
        var act = await Api(token, s => s.Post.Json(new { kind = "other", number = $"п-{Guid.NewGuid():N}"[..10], date = Yesterday.ToString("yyyy-MM-dd"), title })
            .ToUrl($"/api/schools/{school}/local-acts"), 201).Json<LocalActView>();
        var bytes = Encoding.ASCII.GetBytes($"%PDF-1.4\n% {title.Length} {Guid.NewGuid()}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var attached = await Api(token, s => s.Post.MultipartFormData(new MultipartFormDataContent { { file, "file", "Приказ о неделе наставничества.pdf" } })
            .ToUrl($"/api/schools/{school}/local-acts/{act.Id}/attachments"), 201).Json<LocalActAttachmentView>();
        return (act, attached.Id, bytes);
    }

    private async Task<Guid> NewsId(Guid owner, string title) =>
        (await api.Database.OwnerScalarAsync<Guid>("SELECT id FROM publication.news WHERE tenant_id = $1 AND title = $2", owner, title));

    [Fact]
    public async Task School_A_page_never_shows_B_and_nothing_unpublished_is_reachable_anonymously()
    {
        var script = api.TokenAs($"school:{SchoolB}");
        var browser = api.TokenFor(TenantScope.School(SchoolB), Roles.SchoolCurator);
        var (act, fileId, bytes) = await ActWithFile(script, SchoolB, "О проведении недели наставничества в ООШ");
        var management = $"/schools/{SchoolB}/publication";
        var (html, form) = await api.FormAsync(browser, management);
        html.ShouldContain(Page(SchoolB), customMessage: "the page's address is shown to the curator");
        await api.PostFormAsync(browser, $"{management}/news", form, 200, ("title", "Новость ООШ для всех"), ("date", Yesterday.ToString("yyyy-MM-dd")),
            ("text", "Первый абзац.\nВторой абзац."));
        await api.PostFormAsync(browser, $"{management}/news", form, 200, ("title", "Новость ООШ черновая"), ("date", Yesterday.ToString("yyyy-MM-dd")),
            ("text", "Будет снята"));
        var draft = await NewsId(SchoolB, "Новость ООШ черновая");
        (await api.PostFormAsync(browser, $"{management}/news/{draft}/unpublish", form, 200)).ShouldContain("Снята с публикации");

        // B's page: its published news only; the unpublished news and the unpublished act (and its file) are not there.
        var pageB = await VisitHtml(Page(SchoolB));
        pageB.ShouldContain("Новость ООШ для всех");
        pageB.ShouldContain("<p class=\"mb-1 text-break\">Второй абзац.</p>");
        pageB.ShouldNotContain("Новость ООШ черновая");
        pageB.ShouldNotContain("О проведении недели наставничества в ООШ");
        await Visit($"{Page(SchoolB)}/files/{fileId}", 404);

        // A's page (the demo's publications) shows nothing of B, and B's file is not reachable through A's address either.
        var pageA = await VisitHtml(Page(SchoolA));
        pageA.ShouldContain("Положение о системе наставничества");
        pageA.ShouldContain("Адаптация молодого педагога в профессии");
        pageA.ShouldNotContain("ООШ");
        await Visit($"{Page(SchoolA)}/files/{fileId}", 404);

        // Published: the act and its file appear on B's page (the file as uploaded), still not through A's address.
        (await api.PostFormAsync(browser, $"{management}/acts/{act.Id}/publish", form, 200)).ShouldContain("Опубликован");
        pageB = await VisitHtml(Page(SchoolB));
        pageB.ShouldContain("О проведении недели наставничества в ООШ");
        pageB.ShouldContain($"{Page(SchoolB)}/files/{fileId}");
        var download = await Visit($"{Page(SchoolB)}/files/{fileId}");
        download.Context.Response.ContentType.ShouldBe("application/pdf");
        (await Bytes(download)).ShouldBe(bytes);
        await Visit($"{Page(SchoolA)}/files/{fileId}", 404);
        (await VisitHtml(Page(SchoolA))).ShouldNotContain("ООШ");

        // The file removed from the published act: gone from the public copy in the same transaction.
        await Api(script, s => s.Delete.Url($"/api/schools/{SchoolB}/local-acts/{act.Id}/attachments/{fileId}"), 200);
        await Visit($"{Page(SchoolB)}/files/{fileId}", 404);
        // Unpublished: the act leaves the page.
        (await api.PostFormAsync(browser, $"{management}/acts/{act.Id}/unpublish", form, 200)).ShouldContain("Не опубликован");
        (await VisitHtml(Page(SchoolB))).ShouldNotContain("О проведении недели наставничества в ООШ");

        // The private routes still refuse a visitor, and a page of B's management too.
        foreach (var url in new[] { $"/api/schools/{SchoolB}/local-acts", $"/api/schools/{SchoolB}/local-acts/{act.Id}/attachments/{fileId}", $"/api/schools/{SchoolA}/programs" })
            await api.Scenario(s => { s.Get.Url(url); s.StatusCodeShouldBe(401); });
        var anonymousManagement = await api.Scenario(s => { s.AsBrowser(null); s.Get.Url(management); s.IgnoreStatusCode(); });
        anonymousManagement.Context.Response.StatusCode.ShouldBeOneOf(302, 401);
        var anonymousPublish = await api.Scenario(s => { s.AsBrowser(null); s.PostForm(form).ToUrl($"{management}/acts/{act.Id}/publish"); s.IgnoreStatusCode(); });
        anonymousPublish.Context.Response.StatusCode.ShouldBeOneOf(302, 401);
        // Another school's curator cannot publish on B's page.
        var other = api.TokenFor(TenantScope.School(SchoolA), Roles.SchoolCurator);
        var (_, formA) = await api.FormAsync(other, $"/schools/{SchoolA}/publication");
        await api.Scenario(s => { s.AsBrowser(other); s.PostForm(formA).ToUrl($"{management}/acts/{act.Id}/publish"); s.StatusCodeShouldBe(404); });
    }

    [Fact]
    public async Task The_database_shows_a_session_without_scope_only_published_rows_and_nothing_private()
    {
        var browser = api.TokenFor(TenantScope.School(SchoolB), Roles.SchoolCurator);
        var management = $"/schools/{SchoolB}/publication";
        var (_, form) = await api.FormAsync(browser, management);
        await api.PostFormAsync(browser, $"{management}/news", form, 200, ("title", "Снятая новость для проверки базы"), ("date", Yesterday.ToString("yyyy-MM-dd")), ("text", "Текст"));
        await api.PostFormAsync(browser, $"{management}/news/{await NewsId(SchoolB, "Снятая новость для проверки базы")}/unpublish", form, 200);

        await using var anonymous = api.Services.GetRequiredService<DocumentStore>().LightweightSession(scope: null);
        async Task<long> Count(string sql) => (await anonymous.QueryAsync(sql, r => r.GetInt64(0), CancellationToken.None))[0];
        foreach (var table in new[] { "es.mt_events", "es.mt_streams", "mentoring.local_acts", "mentoring.attachments", "mentoring.programs", "mentoring.people", "identity.users" })
        {
            (await api.Database.OwnerScalarAsync<long>($"SELECT count(*) FROM {table}")).ShouldBeGreaterThan(0, table);
            (await Count($"SELECT count(*) FROM {table}")).ShouldBe(0, table);
        }
        (await Count("SELECT count(*) FROM publication.news WHERE NOT published")).ShouldBe(0);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM publication.news WHERE NOT published")).ShouldBeGreaterThan(0);
        (await Count("SELECT count(*) FROM publication.acts")).ShouldBeGreaterThan(0, "the demo's published acts are public");
        // Nothing but the public may write: the session without scope inserts nothing.
        await Should.ThrowAsync<Npgsql.PostgresException>(() => anonymous.ExecuteAsync(
            "INSERT INTO publication.news (tenant_id, id, title, date, text, published, posted_at, updated_at) VALUES ($1, $2, 'x', current_date, 'x', true, now(), now())",
            CancellationToken.None, SchoolA, Guid.NewGuid()));
    }

    [Fact]
    public async Task The_page_has_a_strong_etag_answers_304_and_a_new_publication_changes_it()
    {
        var first = await Visit(Page(SchoolA));
        var etag = first.Context.Response.Headers.ETag.ToString();
        etag.ShouldStartWith("\"");
        first.Context.Response.Headers.CacheControl.ToString().ShouldContain("public");
        var notModified = await Visit(Page(SchoolA), 304, etag);
        (await notModified.ReadAsTextAsync()).ShouldBeEmpty();

        var browser = api.TokenFor(TenantScope.School(SchoolA), Roles.SchoolCurator);
        var (_, form) = await api.FormAsync(browser, $"/schools/{SchoolA}/publication");
        await api.PostFormAsync(browser, $"/schools/{SchoolA}/publication/news", form, 200, ("title", "Новость для проверки ETag"),
            ("date", Yesterday.ToString("yyyy-MM-dd")), ("text", "Текст"));
        var changed = await Visit(Page(SchoolA), 200, etag);
        changed.Context.Response.Headers.ETag.ToString().ShouldNotBe(etag);
        (await changed.ReadAsTextAsync()).ShouldContain("Новость для проверки ETag");

        // The demo's file: its ETag is its SHA-256.
        var fileId = await api.Database.OwnerScalarAsync<Guid>("SELECT file_id FROM publication.files WHERE tenant_id = $1 LIMIT 1", SchoolA);
        var file = await Visit($"{Page(SchoolA)}/files/{fileId}");
        var fileTag = file.Context.Response.Headers.ETag.ToString();
        await Visit($"{Page(SchoolA)}/files/{fileId}", 304, fileTag);
    }

    [Fact]
    public async Task A_refused_news_or_program_summary_keeps_the_typed_values_and_names_the_field()
    {
        var browser = api.TokenFor(TenantScope.School(SchoolA), Roles.SchoolCurator);
        var management = $"/schools/{SchoolA}/publication";
        var (html, form) = await api.FormAsync(browser, management);
        html.ShouldContain("Публичная страница");
        var refused = await api.PostFormAsync(browser, $"{management}/news", form, 422, ("title", ""), ("date", "2099-01-01"), ("text", "Текст сохранён"));
        refused.ShouldContain("id=\"news-title-error\"");
        refused.ShouldContain("Укажите заголовок новости.");
        refused.ShouldContain("Дата новости не может быть в будущем.");
        refused.ShouldContain("Текст сохранён</textarea>");
        (await api.PostFormAsync(browser, $"{management}/news", form, 422, ("title", "Т"), ("date", Yesterday.ToString("yyyy-MM-dd")), ("text", new string('я', 4001))))
            .ShouldContain("Поле «текст новости» длиннее 4000 символов.");
        (await api.PostFormAsync(browser, $"{management}/news", form, 422, ("title", "Т"), ("date", "31.02.2026"), ("text", "Т")))
            .ShouldContain("Такой даты нет в календаре: 31.02.2026.");

        // A program the demo did not publish: unpublishing it at the end leaves the demo's page as the other tests expect it.
        var published = await VisitHtml(Page(SchoolA));
        published.ShouldContain("Адаптация молодого педагога в профессии");
        var program = (await Api(api.TokenAs($"school:{SchoolA}"), s => s.Get.Url($"/api/schools/{SchoolA}/programs?pageSize=200"), 200)
            .Json<Page<ProgramRow>>()).Items.First(p => !published.Contains($"id=\"program-{p.Id}\""));
        var named = await api.PostFormAsync(browser, $"{management}/programs/{program.Id}/publish", form, 422, ("title", "Программа с именем"),
            ("goal", "Цель"), ("publishedName", "Наставник — Петрова Анна"));
        named.ShouldContain($"id=\"program-{program.Id:N}-consent-error\"");
        named.ShouldContain("value=\"Наставник — Петрова Анна\"");
        (await VisitHtml(Page(SchoolA))).ShouldNotContain("Петрова Анна");

        // With consent the name is published; the other participants' names never are.
        await api.PostFormAsync(browser, $"{management}/programs/{program.Id}/publish", form, 200, ("title", "Программа с именем"),
            ("goal", "Цель программы для сайта"), ("publishedName", "Наставник — Петрова Анна"), ("nameConsent", "on"));
        var page = await VisitHtml(Page(SchoolA));
        page.ShouldContain("Программа с именем");
        page.ShouldContain("Наставник — Петрова Анна");
        // The program's card: the same people may be named elsewhere on the page, as a best practice's consenting participants or winners.
        var card = System.Text.RegularExpressions.Regex.Match(page, $"<article[^>]*id=\"program-{program.Id}\"[\\s\\S]*?</article>").Value;
        card.ShouldContain("Наставник — Петрова Анна");
        card.ShouldNotContain(program.Mentor.FullName);
        foreach (var mentee in program.Mentees) card.ShouldNotContain(mentee.FullName);
        (await api.PostFormAsync(browser, $"{management}/programs/{program.Id}/unpublish", form, 200)).ShouldContain("Опубликовать описание");
        (await VisitHtml(Page(SchoolA))).ShouldNotContain("Программа с именем");
    }

    [Fact]
    public async Task The_district_page_shows_its_published_acts_news_and_the_schools_with_a_page()
    {
        var district = DemoDistrict.DistrictId;
        var page = await VisitHtml($"/public/districts/{district}");
        page.ShouldContain("Об организации системы наставничества");
        page.ShouldContain("Итоги мониторинга системы наставничества");
        page.ShouldContain(Page(SchoolA), customMessage: "СОШ № 1 has a public page (the demo's)");
        page.ShouldNotContain(Page(Guid.Parse("11000000-0000-4000-8000-000000000166")), customMessage: "a school that published nothing is not listed");

        var browser = api.TokenFor(TenantScope.District(district), Roles.DistrictCurator);
        var management = $"/districts/{district}/publication";
        var (html, form) = await api.FormAsync(browser, management);
        html.ShouldContain($"/public/districts/{district}");
        var refused = await api.PostFormAsync(browser, $"{management}/news", form, 422, ("title", "Новость района"), ("date", ""), ("text", "Текст района"));
        refused.ShouldContain("Укажите дату новости.");
        refused.ShouldContain("value=\"Новость района\"");
        await api.PostFormAsync(browser, $"{management}/news", form, 200, ("title", "Новость района"), ("date", Yesterday.ToString("yyyy-MM-dd")), ("text", "Текст района"));
        (await VisitHtml($"/public/districts/{district}")).ShouldContain("Новость района");
        // A school's curator cannot publish for the district.
        var school = api.TokenFor(TenantScope.School(SchoolA), Roles.SchoolCurator);
        var (_, schoolForm) = await api.FormAsync(school, $"/schools/{SchoolA}/publication");
        await api.Scenario(s => { s.AsBrowser(school); s.PostForm(schoolForm).ToUrl($"{management}/news"); s.StatusCodeShouldBe(403); });
        await Visit($"/public/districts/{Guid.NewGuid()}", 404);
        await Visit($"/public/schools/{Guid.NewGuid()}", 404);
    }

    private static async Task<byte[]> Bytes(IScenarioResult result)
    {
        var body = result.Context.Response.Body;
        if (body.CanSeek) body.Position = 0;
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy);
        return copy.ToArray();
    }
}
