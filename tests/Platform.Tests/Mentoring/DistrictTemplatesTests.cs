using System.Net.Http.Headers;
using Alba;
using DocumentFormat.OpenXml.Wordprocessing;
using Platform.Mentoring.Documents;
using Platform.Mentoring.Documents.Templates;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring;

/// <summary>
/// A district replaces the order on pairs with its own template: its schools' orders come out of it (LibreOffice reads them),
/// every version is kept with its file, removing it brings back the platform's layout; only the district's curator may change it.
/// </summary>
public sealed class DistrictTemplatesTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid District = DemoDistrict.DistrictId;
    private static readonly string Url = $"/api/districts/{District}/document-templates";
    private MentoringScenario S => new(api, MentoringScenario.Sosh1);
    private string Curator => api.TokenAs($"district:{District}");

    private Task<IScenarioResult> Send(Action<Scenario> request, int status = 200, string? token = null) => api.Scenario(s =>
    {
        s.WithBearerToken(token ?? Curator);
        request(s);
        s.StatusCodeShouldBe(status);
    });

    private static MultipartFormDataContent Form(byte[] bytes, string fileName)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(DocumentFiles.ContentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private static byte[] OwnTemplate(string heading) => Docx.Write(
    [
        Docx.Paragraph(heading, bold: true, center: true),
        Docx.Paragraph("{{organisation}}: приказ {{number}} от {{date}}"),
        new Paragraph(new Run(new Text("Закрепить за наставником {{pairs.mentor}} наставляемых: {{pairs.mentees}}."))),
        Docx.Paragraph("{{head}} ______________"),
    ], landscape: false, DateTimeOffset.UnixEpoch);

    private async Task<string> OrderTextAsync(Guid order) =>
        await DocxText.ReadAsync(await (await S.Get($"/api/schools/{S.School}/local-acts/{order}/document.docx")).ReadAsBytesAsync());

    [Fact]
    public async Task The_districts_template_makes_its_schools_orders_keeps_every_version_and_can_be_removed()
    {
        var group = await S.ApprovedPair("Шаблонов", mentees: 2);
        var order = group.Approval!.OrderId;
        (await OrderTextAsync(order)).ShouldContain("ПРИКАЗЫВАЮ:");

        var kinds = await Send(s => s.Get.Url(Url)).Json<List<DocumentTemplateView>>();
        kinds.Select(k => k.Kind).ShouldContain("pair_order");
        kinds.ShouldAllBe(k => k.Template == null);

        var starter = await (await Send(s => s.Get.Url($"{Url}/pair_order/starter.docx"))).ReadAsBytesAsync();
        DocxTemplate.Placeholders(starter).ShouldContain("pairs.mentor");
        var first = OwnTemplate("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ МО ГО «СЫКТЫВКАР»");
        var view = await Send(s => s.Put.MultipartFormData(Form(first, @"C:\Шаблоны\Приказ о парах.docx")).ToUrl($"{Url}/pair_order")).Json<DocumentTemplateView>();
        view.Template.ShouldNotBeNull().FileName.ShouldBe("Приказ о парах.docx");

        var text = await OrderTextAsync(order);
        text.ShouldContain("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ МО ГО «СЫКТЫВКАР»");
        text.ShouldContain("№ Шаблонов-од от 20.09.2025");
        text.ShouldContain("Закрепить за наставником Шаблонова Галина Петровна");
        text.ShouldContain("Директор ______________");
        text.ShouldNotContain("{{");
        text.ShouldNotContain("ПРИКАЗЫВАЮ:");
        var bytes = await (await S.Get($"/api/schools/{S.School}/local-acts/{order}/document.docx")).ReadAsBytesAsync();
        (await (await S.Get($"/api/schools/{S.School}/local-acts/{order}/document.docx")).ReadAsBytesAsync()).ShouldBe(bytes);

        await Send(s => s.Put.MultipartFormData(Form(OwnTemplate("ВТОРАЯ РЕДАКЦИЯ"), "Приказ 2.docx")).ToUrl($"{Url}/pair_order"));
        (await OrderTextAsync(order)).ShouldContain("ВТОРАЯ РЕДАКЦИЯ");
        await Send(s => s.Delete.Url($"{Url}/pair_order"));
        (await OrderTextAsync(order)).ShouldContain("ПРИКАЗЫВАЮ:");

        var versions = await Send(s => s.Get.Url($"{Url}/pair_order/versions")).Json<List<TemplateVersion>>();
        versions.Select(v => (v.Version, v.Removed, v.FileName)).ShouldBe([(3, true, null), (2, false, "Приказ 2.docx"), (1, false, "Приказ о парах.docx")]);
        (await (await Send(s => s.Get.Url(versions[2].Url!))).ReadAsBytesAsync()).ShouldBe(first);
        await Send(s => s.Get.Url($"{Url}/pair_order/template.docx"), 404);
    }

    [Fact]
    public async Task A_bad_template_is_refused_with_the_reason_and_nothing_is_kept()
    {
        async Task Refuse(byte[] bytes, string name, string contains) => await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Put.MultipartFormData(Form(bytes, name)).ToUrl($"{Url}/road_map");
            s.ProblemShouldBe(400, "file", contains);
        });
        await Refuse(OwnTemplate("Чужой"), "Приказ.docx", "{{pairs.mentor}}");
        await Refuse("не документ"u8.ToArray(), "Приказ.docx", "не открывается");
        await Refuse(OwnTemplate("Чужой"), "Приказ.pdf", "DOCX");
        await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Delete.Url($"{Url}/road_map");
            s.ProblemShouldBe(409, contains: "макет платформы");
        });
        (await Send(s => s.Get.Url($"{Url}/road_map/versions")).Json<List<TemplateVersion>>()).ShouldBeEmpty();
        await Send(s => s.Put.MultipartFormData(Form(OwnTemplate("x"), "x.docx")).ToUrl($"{Url}/no_such_document"), 404);
    }

    [Fact]
    public async Task Only_the_districts_curator_changes_its_templates()
    {
        var template = DocxTemplate.Starter(DocumentKinds.Find("pair_order")!, DateTimeOffset.UnixEpoch);
        await Send(s => s.Put.MultipartFormData(Form(template, "x.docx")).ToUrl($"{Url}/pair_order"), 403, S.CuratorToken);
        await Send(s => s.Put.MultipartFormData(Form(template, "x.docx")).ToUrl($"{Url}/pair_order"), 403, api.TokenAs($"district:{TestRegistry.DistrictB}"));
        await Send(s => s.Get.Url(Url), 403, S.CuratorToken);
    }
}
