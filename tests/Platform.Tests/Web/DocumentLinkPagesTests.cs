using Platform.EventStore;
using Platform.Mentoring.DistrictActs;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Programs;
using Platform.Tenancy.Access;
using Platform.Tenancy.Demo;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;
using Platform.Tests.Mentoring;

namespace Platform.Tests.Web;

/// <summary>
/// Where the documents are found: each act with a layout on «Локальные акты» (and none for a kind without one), the program's
/// document and its orders on the program's page, the district's order on «Акты района» and the summary on the district's home.
/// </summary>
public sealed class DocumentLinkPagesTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Sosh1 = MentoringScenario.Sosh1;
    private static readonly Guid District = DemoDistrict.DistrictId;

    private Task<T> Get<T>(string token, string url) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Get.Url(url);
    }).Json<T>();

    [Fact]
    public async Task The_school_pages_link_each_act_s_and_program_s_documents()
    {
        var school = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator);
        var script = api.TokenAs($"school:{Sosh1}");
        var acts = (await Get<Page<LocalActRow>>(script, $"/api/schools/{Sosh1}/local-acts?pageSize=100")).Items;
        var html = await api.PageAsync(school, $"/schools/{Sosh1}/local-acts");
        foreach (var act in acts)
        {
            var link = $"/api/schools/{Sosh1}/local-acts/{act.Id}/document.docx";
            if (LocalActEndpoints.HasDocument(act.Kind)) html.ShouldContain(link);
            else html.ShouldNotContain(link);
        }
        html.ShouldContain("Приказ о назначении (DOCX)");
        html.ShouldContain("Приказ об утверждении (DOCX)");

        var completed = (await Get<Page<ProgramRow>>(script, $"/api/schools/{Sosh1}/programs?status=completed")).Items.First();
        var program = await api.PageAsync(school, $"/schools/{Sosh1}/programs/{completed.Id}");
        program.ShouldContain($"/api/schools/{Sosh1}/programs/{completed.Id}/document.docx");
        program.ShouldContain("Персонализированная программа наставничества (DOCX)");
        program.ShouldContain($"action=\"/api/schools/{Sosh1}/programs/{completed.Id}/completion-order.docx\"");
        program.ShouldContain("Номер приказа");
        program.ShouldNotContain("extension-order.docx");

        var running = (await Get<Page<ProgramRow>>(script, $"/api/schools/{Sosh1}/programs?status=in_progress")).Items.First();
        (await api.PageAsync(school, $"/schools/{Sosh1}/programs/{running.Id}")).ShouldNotContain("completion-order.docx");
    }

    [Fact]
    public async Task The_district_pages_link_its_order_and_its_summary()
    {
        var district = api.TokenFor(TenantScope.District(District), Roles.DistrictCurator);
        var acts = await Get<List<DistrictActView>>(api.TokenAs($"district:{District}"), $"/api/districts/{District}/acts");
        var html = await api.PageAsync(district, $"/districts/{District}/acts");
        html.ShouldContain($"/api/districts/{District}/acts/{acts.Single(a => a.Number == "237").Id}/document.docx");
        html.ShouldContain("Приказ со сроками для организаций (DOCX)");
        (await api.PageAsync(district, $"/districts/{District}")).ShouldContain($"/api/districts/{District}/dashboard/summary.docx?schoolYear=");
    }
}
