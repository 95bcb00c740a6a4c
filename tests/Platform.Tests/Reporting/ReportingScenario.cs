using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Reporting;

/// <summary>The demo district, its curator, school curators, and the calls the reporting tests share.</summary>
internal sealed class ReportingScenario(ApiHost api)
{
    public static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");
    public static readonly Guid Oosh = Guid.Parse("11000000-0000-4000-8000-000000000002");
    public static readonly Guid District = DemoDistrict.DistrictId;
    public static readonly Guid Region = DemoDistrict.RegionId;

    public HttpClient DistrictCurator { get; } = api.ClientAs($"district:{District}");
    public HttpClient Curator(Guid school) => api.ClientAs($"school:{school}");
    public HttpClient Admin { get; } = api.ClientAs("platform");
    public HttpClient RegionOfficer { get; } = api.ClientAs($"region:{Region}");

    public async Task<Guid> OpenCampaignAsync(Guid[] schools, string dueOn = "2026-12-23", int lateAfterDays = 2, string lockOn = "2027-01-15",
        string title = "Мониторинг 2026 (тест)")
    {
        var response = await DistrictCurator.PostAsJsonAsync($"/api/districts/{District}/campaigns",
            new { title, periodFrom = "2026-01-01", periodTo = "2026-12-31", dueOn, lateAfterDays, lockOn, participantIds = schools });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await Json(response)).GetProperty("campaign").GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> GenerateAsync(Guid school, Guid campaign, DateTimeOffset? cutOff = null)
    {
        var response = await Curator(school).PostAsJsonAsync($"/api/schools/{school}/reports", new { campaignId = campaign, cutOff });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await Json(response);
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return await Json(response);
    }

    public static decimal? Value(JsonElement report, string code)
    {
        var v = report.GetProperty("values").EnumerateArray().Single(x => x.GetProperty("code").GetString() == code).GetProperty("value");
        return v.ValueKind == JsonValueKind.Null ? null : v.GetDecimal();
    }
}
