using Bogus;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Hardening;

/// <summary>
/// What <see cref="WriteEndpointFuzzTests"/> found, kept as fixed cases: each answered 500 before its fix.
/// </summary>
public sealed class FuzzFindingsTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid School = Guid.Parse("11000000-0000-4000-8000-000000000001");

    /// <summary>The empty id in a route reached Marten's FetchForWriting, which refuses to start a stream with it.</summary>
    [Theory]
    [InlineData("school", "POST", "/api/schools/{schoolId}/road-maps/{id}/activities")]
    [InlineData("school", "POST", "/api/schools/{schoolId}/reports/{id}/refresh")]
    [InlineData("district", "POST", "/api/districts/{districtId}/contests/{id}/jury")]
    [InlineData("school", "PATCH", "/api/schools/{schoolId}/road-maps/{id}")]
    public async Task A_record_with_the_empty_id_is_not_found(string scope, string method, string template)
    {
        var surface = await ApiSurface.LoadAsync(api);
        var op = surface.Operations.Single(o => o.Method == method && o.Template == template);
        var ids = await TenantIds.LoadAsync(api.Database, School, DemoDistrict.DistrictId, DemoDistrict.RegionId);
        var body = surface.Plausible(op.Body!.Value, new Faker("ru") { Random = new Randomizer(1) }, name => ids.For(name))!.ToJsonString();
        var url = ids.Route(op, strings: name => name == "id" ? Guid.Empty.ToString() : null);
        var before = await DatabaseFingerprint.ReadAsync(api.Database);

        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs(scope == "school" ? $"school:{School}" : $"district:{DemoDistrict.DistrictId}"));
            s.WithRequestHeader("If-Match", "\"1\"");
            (method == "PATCH" ? s.Patch : s.Post).Url(url);
            s.Body.TextIs(body);
            s.ConfigureHttpContext(c => c.Request.ContentType = "application/json");
            s.ProblemShouldBe(404, contains: "Запись не найдена.");
        });
        (await DatabaseFingerprint.ReadAsync(api.Database)).ShouldBe(before);
    }

    [Fact]
    public async Task A_JSON_body_in_an_unknown_charset_is_refused_with_415()
    {
        var before = await DatabaseFingerprint.ReadAsync(api.Database);
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs("platform"));
            s.Post.Url("/api/regions");
            s.Body.TextIs("""{"code":"75","name":"Забайкальский край","instituteName":"ИРО","timeZone":"Asia/Chita"}""");
            s.ConfigureHttpContext(c => c.Request.ContentType = "application/json; charset=x-nastavnik-unknown"); // no such charset (koi8-r would be known once any test registers the code pages)
            s.ProblemShouldBe(415, contains: "UTF-8");
        });
        (await DatabaseFingerprint.ReadAsync(api.Database)).ShouldBe(before);
    }

    /// <summary>A multipart body cut before its closing boundary: the form reader ran out of stream (IOException).</summary>
    [Theory]
    [InlineData("district", "PUT", "/api/districts/{districtId}/document-templates/{kind}")]
    [InlineData("school", "POST", "/api/schools/{schoolId}/best-practices/{id}/materials")]
    public async Task A_form_cut_short_is_refused_with_400(string scope, string method, string template)
    {
        var surface = await ApiSurface.LoadAsync(api);
        var op = surface.Operations.Single(o => o.Method == method && o.Template == template);
        var ids = await TenantIds.LoadAsync(api.Database, School, DemoDistrict.DistrictId, DemoDistrict.RegionId);
        var before = await DatabaseFingerprint.ReadAsync(api.Database);
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs(scope == "school" ? $"school:{School}" : $"district:{DemoDistrict.DistrictId}"));
            (method == "PUT" ? s.Put : s.Post).Url(ids.Route(op));
            s.Body.TextIs("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.docx\"\r\n\r\nx");
            s.ConfigureHttpContext(c => c.Request.ContentType = "multipart/form-data; boundary=b");
            s.StatusCodeShouldBe(400);
            s.ContentShouldContain("Форма не прочитана");
        });
        (await DatabaseFingerprint.ReadAsync(api.Database)).ShouldBe(before);
    }

    /// <summary>multipart/form-data without a boundary: the form reader's InvalidDataException was a 500.</summary>
    [Fact]
    public async Task A_form_without_a_boundary_is_refused_with_400()
    {
        var act = await api.Database.OwnerScalarAsync<Guid>("SELECT id FROM mentoring.local_acts WHERE tenant_id = $1 LIMIT 1", School);
        var before = await DatabaseFingerprint.ReadAsync(api.Database);
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"school:{School}"));
            s.Post.Url($"/api/schools/{School}/local-acts/{act}/attachments");
            s.Body.TextIs("x");
            s.ConfigureHttpContext(c => c.Request.ContentType = "multipart/form-data");
            s.StatusCodeShouldBe(400);
            s.ContentShouldContain("Форма не прочитана");
        });
        (await DatabaseFingerprint.ReadAsync(api.Database)).ShouldBe(before);
    }

    /// <summary>A null among a best practice's consents (consents: [null]) was a NullReferenceException (500).</summary>
    [Fact]
    public async Task A_null_consent_of_a_best_practice_is_refused_naming_the_field()
    {
        var before = await DatabaseFingerprint.ReadAsync(api.Database);
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"school:{School}"));
            s.Post.Url($"/api/schools/{School}/best-practices");
            s.Body.TextIs("""{"programId":"01a25186-0000-7000-8000-000000000001","title":"Практика","description":"Кейс","results":"Итоги","consents":[null]}""");
            s.ConfigureHttpContext(c => c.Request.ContentType = "application/json");
            s.ProblemShouldBe(400, field: "consents", contains: "не null");
        });
        (await DatabaseFingerprint.ReadAsync(api.Database)).ShouldBe(before);
    }
}
