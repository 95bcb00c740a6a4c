using System.Net;
using System.Net.Http.Headers;
using Platform.Mentoring.Documents;
using Platform.Mentoring.Documents.Templates;
using Platform.Tenancy.Access;
using Platform.EventStore;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>
/// «Шаблоны документов» as the browser posts it: a refused file answers with the reason next to the field of that document,
/// a good one is kept and shown with its history, and the platform's layout comes back on request; a school cannot open it.
/// </summary>
public sealed class DocumentTemplatePagesTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid District = DemoDistrict.DistrictId;
    private static readonly string Page = $"/districts/{District}/document-templates";

    private string Browser() => api.TokenFor(TenantScope.District(District), Roles.DistrictCurator);

    private async Task<(HttpStatusCode Status, string Html, string? Location)> UploadAsync(string token, PageClient.PageForm form, byte[] file, string name)
    {
        using var content = new MultipartFormDataContent { { new StringContent(form.Token), "__RequestVerificationToken" } };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(DocumentFiles.ContentType);
        content.Add(part, "file", name);
        var answer = await api.Scenario(s =>
        {
            s.AsBrowser(token);
            s.WithRequestHeader("Cookie", form.Cookie);
            s.Post.MultipartFormData(content).ToUrl($"{Page}/pair_order");
            s.IgnoreStatusCode();
        });
        return ((HttpStatusCode)answer.Context.Response.StatusCode, await answer.ReadAsTextAsync(), answer.Context.Response.Headers.Location);
    }

    [Fact]
    public async Task A_template_is_refused_with_the_reason_then_kept_shown_with_its_history_and_removed()
    {
        var browser = Browser();
        var (html, form) = await api.FormAsync(browser, Page);
        html.ShouldContain($"href=\"{Page}\"", customMessage: "the district menu has «Шаблоны документов»");
        html.ShouldContain("Приказ о закреплении наставнических пар (групп)");
        html.ShouldContain("{{pairs.mentor}}");
        html.ShouldContain("Макет платформы");

        var wrong = Docx.Write([Docx.Paragraph("{{school_years}}")], landscape: false, DateTimeOffset.UnixEpoch);
        var (status, refused, _) = await UploadAsync(browser, form, wrong, "приказ.docx");
        status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused.ShouldContain("id=\"pair_order-file-error\"");
        refused.ShouldContain("{{school_years}}");

        var starter = DocxTemplate.Starter(DocumentKinds.Find("pair_order")!, DateTimeOffset.UnixEpoch);
        var (kept, _, location) = await UploadAsync(browser, form, starter, "Бланк УО.docx");
        kept.ShouldBe(HttpStatusCode.Redirect);
        location.ShouldBe($"{Page}?done=pair_order#pair_order");
        html = await api.PageAsync(browser, location!.Split('#')[0]); // a browser keeps the fragment to itself
        html.ShouldContain("Шаблон района загружен и действует.");
        html.ShouldContain("«Бланк УО.docx»");
        html.ShouldContain($"/api/districts/{District}/document-templates/pair_order/versions/1.docx");

        var removed = await api.Scenario(s =>
        {
            s.AsBrowser(browser);
            s.PostForm(form).ToUrl($"{Page}/pair_order/remove");
            s.StatusCodeShouldBe(302);
        });
        html = await api.PageAsync(browser, removed.Context.Response.Headers.Location.ToString().Split('#')[0]);
        html.ShouldContain("Шаблон района снят: действует макет платформы.");
        html.ShouldContain("шаблон снят, действует макет платформы");
    }

    [Fact]
    public async Task A_school_cannot_open_the_districts_templates()
    {
        var school = api.TokenFor(TenantScope.School(Guid.Parse("11000000-0000-4000-8000-000000000001")), Roles.SchoolCurator);
        await api.PageAsync(school, Page, 403);
    }
}
