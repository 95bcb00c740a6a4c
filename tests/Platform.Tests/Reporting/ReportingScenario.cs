using System.Text.Json;
using Alba;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Reporting;

/// <summary>The demo district, the tokens of its curator, school curators, region officer and administrator, and the calls the reporting tests share.</summary>
internal sealed class ReportingScenario(ApiHost api)
{
    public static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");
    public static readonly Guid Oosh = Guid.Parse("11000000-0000-4000-8000-000000000002");
    public static readonly Guid District = DemoDistrict.DistrictId;
    public static readonly Guid Region = DemoDistrict.RegionId;

    public string DistrictCurator { get; } = api.TokenAs($"district:{District}");
    public string Curator(Guid school) => api.TokenAs($"school:{school}");
    public string Admin { get; } = api.TokenAs("platform");
    public string RegionOfficer { get; } = api.TokenAs($"region:{Region}");

    /// <summary>GET as the caller, expecting the status (200 unless told).</summary>
    public Task<IScenarioResult> Get(string token, string url, int status = 200) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Get.Url(url);
        s.StatusCodeShouldBe(status);
    });

    /// <summary>POST as the caller, with a JSON body or none, expecting the status (200 unless told).</summary>
    public Task<IScenarioResult> Post(string token, string url, object? body = null, int status = 200) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        if (body is null) s.Post.Url(url);
        else s.Post.Json(body).ToUrl(url);
        s.StatusCodeShouldBe(status);
    });

    /// <summary>PUT of a JSON body as the caller, expecting the status (200 unless told).</summary>
    public Task<IScenarioResult> Put(string token, string url, object body, int status = 200) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Put.Json(body).ToUrl(url);
        s.StatusCodeShouldBe(status);
    });

    public async Task<Guid> OpenCampaignAsync(Guid[] schools, string dueOn = "2026-12-23", int lateAfterDays = 2, string lockOn = "2027-01-15",
        string title = "Мониторинг 2026 (тест)")
    {
        var created = await Post(DistrictCurator, $"/api/districts/{District}/campaigns",
            new { title, periodFrom = "2026-01-01", periodTo = "2026-12-31", dueOn, lateAfterDays, lockOn, participantIds = schools }, 201).Json();
        return created.GetProperty("campaign").GetProperty("id").GetGuid();
    }

    public Task<JsonElement> GenerateAsync(Guid school, Guid campaign, DateTimeOffset? cutOff = null) =>
        Post(Curator(school), $"/api/schools/{school}/reports", new { campaignId = campaign, cutOff }, 201).Json();

    public static decimal? Value(JsonElement report, string code)
    {
        var v = report.GetProperty("values").EnumerateArray().Single(x => x.GetProperty("code").GetString() == code).GetProperty("value");
        return v.ValueKind == JsonValueKind.Null ? null : v.GetDecimal();
    }
}
