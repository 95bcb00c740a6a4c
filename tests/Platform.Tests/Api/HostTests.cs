using System.Net.Http.Headers;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Api;

public sealed class HostTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Health_checks_the_database()
    {
        var body = await api.Scenario(s => s.Get.Url("/health")).Json();
        body.GetProperty("status").GetString().ShouldBe("Healthy");
        body.GetProperty("checks")[0].GetProperty("name").GetString().ShouldBe("database");
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_registry_and_Swagger_UI_is_served()
    {
        var doc = await api.Scenario(s => s.Get.Url("/openapi/v1.json")).Json();
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
        // How to get a token: the token server's flows.
        var flows = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("OAuth2").GetProperty("flows");
        flows.GetProperty("password").GetProperty("tokenUrl").GetString().ShouldBe("/connect/token");
        flows.GetProperty("clientCredentials").GetProperty("scopes").TryGetProperty("reporting.read", out _).ShouldBeTrue();
        flows.GetProperty("authorizationCode").GetProperty("authorizationUrl").GetString().ShouldBe("/connect/authorize");
        await api.Scenario(s => s.Get.Url("/swagger/index.html"));
    }

    /// <summary>A refusal raised as an exception keeps the caller's correlation id (the handler clears the headers first).</summary>
    [Fact]
    public async Task A_problem_from_the_exception_handler_echoes_the_correlation_id()
    {
        var answer = await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs("school:11000000-0000-4000-8000-000000000001"));
            s.WithRequestHeader("X-Correlation-Id", "load-write-42");
            s.Delete.Url($"/api/schools/11000000-0000-4000-8000-000000000001/publication/local-acts/{Guid.NewGuid()}");
            s.StatusCodeShouldBe(409);
        });
        answer.Context.Response.Headers["X-Correlation-Id"].ToString().ShouldBe("load-write-42");
    }

    /// <summary>Enums are described by their names, as the API takes them (names only: no numbers, no lists).</summary>
    [Fact]
    public async Task The_OpenAPI_document_describes_enums_by_their_names()
    {
        var doc = await api.Scenario(s => s.Get.Url("/openapi/v1.json")).Json();
        var enums = new List<System.Text.Json.JsonElement>();
        void Walk(System.Text.Json.JsonElement e)
        {
            if (e.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                if (e.TryGetProperty("enum", out var values)) enums.Add(e);
                foreach (var p in e.EnumerateObject()) Walk(p.Value);
            }
            else if (e.ValueKind == System.Text.Json.JsonValueKind.Array)
                foreach (var item in e.EnumerateArray()) Walk(item);
        }
        Walk(doc);
        var roles = enums.Single(e => e.GetProperty("enum").EnumerateArray().Any(v => v.ValueKind == System.Text.Json.JsonValueKind.String && v.GetString() == "psychologist"));
        roles.GetProperty("enum").EnumerateArray().Where(v => v.ValueKind == System.Text.Json.JsonValueKind.String).Select(v => v.GetString())
            .ShouldBe(["curator", "coordinator", "psychologist"]);
        roles.GetProperty("type").ToString().ShouldContain("string");
    }

    [Fact]
    public async Task Unknown_routes_answer_problem_details()
    {
        var answer = await api.Scenario(s =>
        {
            s.Get.Url("/api/nothing-here");
            s.StatusCodeShouldBe(404);
        });
        MediaTypeHeaderValue.Parse(answer.Context.Response.ContentType ?? "").MediaType.ShouldBe("application/problem+json");
    }
}
