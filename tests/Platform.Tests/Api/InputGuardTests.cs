using System.Text.Json;
using Platform.Api.Infrastructure;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Api;

/// <summary>
/// Input that was a 500 (issue 21): the NUL character, which PostgreSQL refuses in text; forms that cannot be read;
/// dates and numbers past the calendar. Each is a Russian 400 naming the field, and nothing is stored.
/// </summary>
public sealed class InputGuardTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid District = DemoDistrict.DistrictId;
    private static readonly Guid School411 = Guid.Parse("11000000-0000-4000-8000-000000000411");
    private static string Schools => $"/api/districts/{District}/schools";
    private string Curator => api.TokenAs($"district:{District}");

    private Task<long> EventsStored() => api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events");

    private Task<IScenarioResult> PostJson(string url, string json, Action<Scenario> expect, string? token = null) => api.Scenario(s =>
    {
        s.WithBearerToken(token ?? Curator);
        s.Post.Text(json).ToUrl(url);
        s.WithRequestHeader("Content-Type", "application/json");
        expect(s);
    });

    [Fact]
    public async Task A_text_longer_than_any_field_takes_is_refused_naming_the_field_before_it_reaches_the_command()
    {
        var before = await EventsStored();
        var note = new string('я', 512 * 1024);
        await PostJson($"/api/districts/{District}/acts",
            $$"""{"kind": "other", "number": "17", "date": "2026-09-01", "title": "О наставничестве", "note": "{{note}}"}""",
            s => s.ProblemShouldBe(400, "note", "длиннее 20 000 символов"));
        (await EventsStored()).ShouldBe(before);
        // Below the ceiling, the command's own limit answers.
        await PostJson($"/api/districts/{District}/acts",
            $$"""{"kind": "other", "number": "18", "date": "2026-09-01", "title": "О наставничестве", "note": "{{new string('я', RequestInputGuard.MaxText)}}"}""",
            s => s.ProblemShouldBe(400, "note", "длиннее 2000 символов"));
    }

    [Fact]
    public async Task A_NUL_in_any_string_of_a_JSON_body_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var before = await EventsStored();
        await PostJson(Schools, """{"fullName": "Школа\u0000", "shortName": "Школа", "kind": "school", "timeZone": "Europe/Moscow"}""",
            s => s.ProblemShouldBe(400, "fullName", "NUL"));
        await PostJson(Schools, """{"fullName": "Школа", "shortName": "Шк\u0000ола", "kind": "school", "timeZone": "Europe/Moscow"}""",
            s => s.ProblemShouldBe(400, "shortName", "NUL"));
        (await EventsStored()).ShouldBe(before);
        // A backslash followed by «u0000» is text, not a NUL.
        await PostJson(Schools, """{"fullName": "Школа \\u0000", "shortName": "Школа \\u0000", "kind": "school", "timeZone": "Europe/Moscow"}""",
            s => s.StatusCodeShouldBe(201));
    }

    [Fact]
    public void The_path_of_a_refused_string_is_the_fields_as_the_API_names_them()
    {
        var options = new JsonSerializerOptions();
        RequestInputGuard.Refusal("""{"plan": [{"title": "a"}, {"title": "b\u0000"}]}"""u8, null, options).ShouldBe(("plan[1].title", RequestInputGuard.Nul));
        RequestInputGuard.Refusal("""{"answers": {"comfort\u0000": 5}}"""u8, null, options).ShouldBe(("answers.comfort\0", RequestInputGuard.Nul));
        RequestInputGuard.Refusal("""{"a": [1, [2, "x"], {"b": "\u0000"}]}"""u8, null, options).ShouldBe(("a[2].b", RequestInputGuard.Nul));
        RequestInputGuard.Refusal("""{"a": "fine", "b": 9999}"""u8, null, options).ShouldBeNull();
        RequestInputGuard.Refusal("""{"a": "broken"""u8, null, options).ShouldBeNull();
    }

    [Fact]
    public async Task A_NUL_in_a_query_value_is_refused_naming_the_parameter()
    {
        await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Get.Url($"{Schools}?search=%00");
            s.ProblemShouldBe(400, "search", "NUL");
        });
    }

    [Fact]
    public async Task A_NUL_in_the_password_grant_is_a_400_naming_the_field_not_a_500()
    {
        await api.Scenario(s =>
        {
            s.Post.FormData(OAuth.PasswordGrant("curator.sosh1\0")).ToUrl("/connect/token");
            s.ProblemShouldBe(400, "username", "NUL");
        });
        await api.Scenario(s =>
        {
            s.Post.FormData(OAuth.PasswordGrant("curator.sosh1", "pass\0word")).ToUrl("/connect/token");
            s.ProblemShouldBe(400, "password", "NUL");
        });
    }

    [Fact]
    public async Task A_date_past_the_calendar_and_days_past_int_are_refused_naming_the_field_and_nothing_is_stored()
    {
        var before = await EventsStored();
        var campaigns = $"/api/districts/{District}/campaigns";
        await PostJson(campaigns, """{"title": "Мониторинг", "periodFrom": "2026-01-01", "periodTo": "2026-12-31", "dueOn": "9999-12-31", "lateAfterDays": 3}""",
            s => s.ProblemShouldBe(400, "dueOn", "не позже 31.12.2199"));
        await PostJson(campaigns, """{"title": "Мониторинг", "periodFrom": "9999-12-31", "periodTo": "9999-12-31"}""",
            s => s.ProblemShouldBe(400, "periodFrom", "не позже 31.12.2199"));
        await PostJson(campaigns, """{"title": "Мониторинг", "periodFrom": "2026-01-01", "periodTo": "2026-12-31", "lateAfterDays": 2147483647, "lockOn": "2027-01-15"}""",
            s => s.ProblemShouldBe(400, "lateAfterDays", "от 0 до 90"));
        (await EventsStored()).ShouldBe(before);

        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"school:{School411}"));
            s.Get.Url($"/api/schools/{School411}/activities?dueFrom=9999-12-31");
            s.ProblemShouldBe(400, "dueFrom", "не позже 31.12.2199");
        });
    }

    [Fact]
    public async Task An_unterminated_multipart_body_is_a_400_not_a_500()
    {
        // The file's part never ends: no closing boundary.
        const string body = "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.csv\"\r\nContent-Type: text/csv\r\n\r\nФИО;Должность\r\nОрлова;учитель\r\n";
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"school:{School411}"));
            s.Post.Text(body).ToUrl($"/api/schools/{School411}/people/import").QueryString("kind", "staff").QueryString("dryRun", "true");
            s.WithRequestHeader("Content-Type", "multipart/form-data; boundary=b0undary");
            s.ProblemShouldBe(400, "form", "оборвано");
        });
    }
}
