using System.Net;
using System.Text.Json;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Api;

public sealed class HostTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Health_checks_the_database()
    {
        var response = await api.CreateClient().GetAsync("/health");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("status").GetString().ShouldBe("Healthy");
        body.GetProperty("checks")[0].GetProperty("name").GetString().ShouldBe("database");
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_registry_and_Swagger_UI_is_served()
    {
        var doc = JsonDocument.Parse(await api.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/districts/{districtId}/schools");
        paths.ShouldContain("/api/schools/{schoolId}");
        // Problem answers are declared: the assembly's 202, and its 400 with the fields' messages, 401, 403, 404, 409.
        var assemble = doc.GetProperty("paths").GetProperty("/api/districts/{districtId}/campaigns/{campaignId}/submissions").GetProperty("post")
            .GetProperty("responses");
        assemble.EnumerateObject().Select(r => r.Name).Order().ShouldBe(["202", "400", "401", "403", "404", "409"]);
        assemble.GetProperty("400").GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString()
            .ShouldBe("#/components/schemas/ValidationProblemDetails");
        doc.GetProperty("components").GetProperty("schemas").GetProperty("ValidationProblemDetails").GetProperty("properties").TryGetProperty("errors", out _)
            .ShouldBeTrue();
        (await api.CreateClient().GetAsync("/swagger/index.html")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unknown_routes_answer_problem_details()
    {
        var response = await api.CreateClient().GetAsync("/api/nothing-here");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
