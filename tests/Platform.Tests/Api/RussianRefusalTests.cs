using System.Net;
using System.Text.Json;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Api;

/// <summary>
/// What the API says when it cannot take a request: Russian problem details (RFC 7807) naming the field, never the
/// framework's English and never 5xx; dates in the API are ISO 8601.
/// </summary>
public sealed class RussianRefusalTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid District = DemoDistrict.DistrictId;
    private static readonly Guid School411 = Guid.Parse("11000000-0000-4000-8000-000000000411");
    private static string Schools => $"/api/districts/{District}/schools";
    private string Curator => api.TokenAs($"district:{District}");

    /// <summary>The answer has no English framework text (the RFC links in «type» aside).</summary>
    private static async Task NoEnglish(IScenarioResult answer)
    {
        var body = await answer.ReadAsTextAsync();
        var problem = JsonDocument.Parse(body).RootElement;
        foreach (var text in new[] { "title", "detail" }.Select(p => problem.TryGetProperty(p, out var v) ? v.GetString() : null).OfType<string>())
            text.Any(c => c is >= 'А' and <= 'я').ShouldBeTrue($"Not Russian: {text}");
        body.ShouldNotContain("Not Found");
        body.ShouldNotContain("Method Not Allowed");
        body.ShouldNotContain("JSON value could not");
        body.ShouldNotContain("Failed to");
        problem.TryGetProperty("reason", out _).ShouldBeFalse();
    }

    private Task<IScenarioResult> PostSchool(string json, Action<Scenario> expect) => api.Scenario(s =>
    {
        s.WithBearerToken(Curator);
        s.Post.Text(json).ToUrl(Schools);
        s.WithRequestHeader("Content-Type", "application/json");
        expect(s);
    });

    private async Task<long> SchoolsStored() =>
        await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM registry.schools");

    [Fact]
    public async Task An_unknown_address_is_404_in_Russian()
    {
        var answer = await api.Scenario(s =>
        {
            s.Get.Url("/api/nothing-here");
            s.ProblemShouldBe(404, contains: "Адрес /api/nothing-here не найден");
        });
        await NoEnglish(answer);
    }

    [Theory]
    [InlineData("GET", "/api/nothing-here", "application/xml", 404, "Адрес /api/nothing-here не найден")]
    [InlineData("GET", "/api/nothing-here", "text/plain", 404, "Адрес /api/nothing-here не найден")]
    [InlineData("DELETE", "/api/districts/{district}/schools", "text/html", 405, "не принимает запросы DELETE")]
    public async Task A_refusal_is_a_Russian_problem_whatever_the_Accept_header_says(string method, string url, string accept, int status, string detail)
    {
        var answer = await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            (method == "GET" ? s.Get.Url(url.Replace("{district}", District.ToString())) : s.Delete.Url(url.Replace("{district}", District.ToString())))
                .Accepts(accept);
            s.ProblemShouldBe(status, contains: detail);
        });
        answer.Context.Response.ContentType.ShouldBe("application/problem+json");
        await NoEnglish(answer);
    }

    [Fact]
    public void A_body_over_the_servers_limit_is_413_in_Russian()
    {
        var problem = Platform.Api.Infrastructure.BindingProblems.From(
            new BadHttpRequestException("Request body too large. The max request body size is 30000000 bytes.", 413), new DefaultHttpContext());
        (problem.Status, problem.Title).ShouldBe((413, "Слишком большой запрос"));
        problem.Detail.ShouldContain("больше допустимого размера");
    }

    [Fact]
    public async Task A_route_value_that_is_not_an_id_is_named()
    {
        var answer = await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Get.Url($"{Schools}/not-a-guid");
            s.ProblemShouldBe(404, "id", "GUID");
        });
        await NoEnglish(answer);
    }

    [Fact]
    public async Task A_method_the_address_does_not_take_is_405_with_the_allowed_ones()
    {
        var answer = await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Put.Json(new { }).ToUrl(Schools);
            s.ProblemShouldBe(405, contains: "не принимает запросы PUT; допустимые методы: GET, POST");
        });
        await NoEnglish(answer);
    }

    [Fact]
    public async Task A_record_a_handler_does_not_find_is_404_in_Russian()
    {
        var answer = await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Get.Url($"{Schools}/{Guid.NewGuid()}/history");
            s.ProblemShouldBe(404, contains: "Запись не найдена");
        });
        await NoEnglish(answer);
    }

    [Fact]
    public async Task Malformed_JSON_is_refused_with_where_it_breaks_and_nothing_is_stored()
    {
        var before = await SchoolsStored();
        var answer = await PostSchool("{\"fullName\": \"Школа\", \"shortName\": ", s => s.ProblemShouldBe(400, contains: "не корректный JSON (строка 1"));
        await NoEnglish(answer);
        await NoEnglish(await PostSchool("", s => s.ProblemShouldBe(400, contains: "Тело запроса пустое")));
        await NoEnglish(await PostSchool("[]", s => s.ProblemShouldBe(400, contains: "ожидается JSON-объект { … }")));
        (await SchoolsStored()).ShouldBe(before);
    }

    [Fact]
    public async Task A_JSON_field_of_the_wrong_type_is_named_with_what_it_expects()
    {
        await NoEnglish(await PostSchool("""{"fullName": 5, "shortName": "Ш", "kind": "lyceum", "timeZone": "Europe/Moscow"}""",
            s => s.ProblemShouldBe(400, "fullName", "Строка в кавычках")));
        await NoEnglish(await PostSchool("""{"fullName": "Школа", "shortName": "Ш", "kind": "academy", "timeZone": "Europe/Moscow"}""",
            s => s.ProblemShouldBe(400, "kind", "допустимые значения — school, gymnasium")));
    }

    [Fact]
    public async Task A_Russian_date_in_a_body_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var before = await SchoolsStored();
        var answer = await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Post.Json(new { fullName = "Школа дат", shortName = "Школа дат", kind = "lyceum", timeZone = "Europe/Moscow", openedOn = "07.12.2026" })
                .ToUrl(Schools);
            s.ProblemShouldBe(400, "openedOn", "Дата — в формате ГГГГ-ММ-ДД, например 2026-12-07.");
        });
        await NoEnglish(answer);
        (await SchoolsStored()).ShouldBe(before);
    }

    [Fact]
    public async Task A_Russian_date_in_a_query_is_refused_not_read_as_the_12th_of_July()
    {
        var school = api.TokenAs($"school:{School411}");
        await NoEnglish(await api.Scenario(s =>
        {
            s.WithBearerToken(school);
            s.Get.Url($"/api/schools/{School411}/activities?dueFrom=07.12.2026"); // the framework alone reads it as 2026-07-12
            s.ProblemShouldBe(400, "dueFrom", "Дата — в формате ГГГГ-ММ-ДД, например 2026-12-07.");
        }));
        await NoEnglish(await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Get.Url($"{Schools}/{School411}?asOf=07.12.2026");
            s.ProblemShouldBe(400, "asOf", "ISO 8601");
        }));
        // ISO dates are taken.
        await api.Scenario(s =>
        {
            s.WithBearerToken(school);
            s.Get.Url($"/api/schools/{School411}/activities?dueFrom=2026-12-07&dueTo=2027-05-31");
        });
    }

    [Fact]
    public async Task A_query_value_that_does_not_parse_is_named()
    {
        await NoEnglish(await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Get.Url($"{Schools}?page=abc");
            s.ProblemShouldBe(400, "page", "Целое число");
        }));
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_415_in_Russian()
    {
        await NoEnglish(await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Post.Text("школа").ToUrl(Schools);
            s.ProblemShouldBe(415, contains: "Content-Type: application/json");
        }));
    }

    [Fact]
    public async Task A_school_history_shows_a_Russian_phrase_beside_each_code()
    {
        var card = await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Post.Json(new { fullName = "МОУ «Школа истории»", shortName = "Школа истории", kind = "school", timeZone = "Europe/Moscow", openedOn = "2001-09-01" })
                .ToUrl(Schools);
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        }).Json();
        var id = card.GetProperty("id").GetGuid();
        await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Patch.Json(new { shortName = "Школа истории № 2" }).ToUrl($"{Schools}/{id}");
        });
        await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Post.Json(new { closedOn = "2026-12-07", reason = "Реорганизация" }).ToUrl($"{Schools}/{id}/closure");
        });

        var history = await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Get.Url($"{Schools}/{id}/history");
        }).Json();
        history.EnumerateArray().Select(e => (e.GetProperty("type").GetString(), e.GetProperty("title").GetString())).ShouldBe(
        [
            ("school_registered", "Организация зарегистрирована"),
            ("school_renamed", "Изменено наименование"),
            ("school_closed", "Организация закрыта"),
        ]);
    }
}

/// <summary>The host outside Development, where the framework alone answers a binding failure with an empty 400.</summary>
public sealed class StagingApi : ApiHost
{
    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        builder.UseEnvironment("Staging");
        builder.UseSetting("Auth:StoreKeyInDatabase", "true"); // no key files in tests
        builder.UseSetting("Auth:RequireHttps", "false"); // Alba's in-memory server is http
    }
}

public sealed class RefusalsOutsideDevelopmentTests(StagingApi api) : IClassFixture<StagingApi>
{
    [Fact]
    public async Task Binding_failures_still_name_the_field_in_Russian()
    {
        var district = DemoDistrict.DistrictId;
        var curator = api.TokenAs($"district:{district}");
        await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Get.Url($"/api/districts/{district}/schools?page=abc");
            s.ProblemShouldBe(400, "page", "Целое число");
        });
        await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Post.Json(new { fullName = "Школа", shortName = "Школа", kind = "lyceum", timeZone = "Europe/Moscow", openedOn = "07.12.2026" })
                .ToUrl($"/api/districts/{district}/schools");
            s.ProblemShouldBe(400, "openedOn", "Дата — в формате ГГГГ-ММ-ДД");
        });
    }
}
