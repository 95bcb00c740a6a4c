using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Jobs;

/// <summary>The district's own deadlines (its submission to the region) are listed among the upcoming reminders, API and web page.</summary>
public sealed class DistrictUpcomingTests(JobsApi api) : IClassFixture<JobsApi>
{
    [Fact]
    public async Task The_districts_submission_to_the_region_is_listed_with_its_curators_as_recipients()
    {
        await api.Scenario(s => // due 28 December
        {
            s.WithBearerToken(api.TokenAs("platform"));
            s.Post.Json(new { title = "Мониторинг региона 2026", periodFrom = "2026-01-01", periodTo = "2026-12-31" })
                .ToUrl($"/api/regions/{DemoDistrict.RegionId}/campaigns");
            s.StatusCodeShouldBe(201);
        });
        var curators = await api.OwnerCountAsync(
            "SELECT count(*) FROM identity.users WHERE tenant_id = $1 AND 'DistrictCurator' = ANY (roles) AND blocked_at IS NULL", JobsApi.District);
        var name = await api.Database.OwnerScalarAsync<string>("SELECT short_name FROM registry.districts WHERE id = $1", JobsApi.District);

        // 16 December, 04:00 in Moscow: the 14-day reminder has gone, the 7-day one (21 December, 09:00) is next.
        var curator = await api.AccountTokenAsync("district.curator");
        var upcoming = await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Get.Url($"/api/districts/{JobsApi.District}/reminders/upcoming?days=30");
        }).Json();
        var own = upcoming.EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "region_campaign");
        own.GetProperty("owner").GetString().ShouldBe("district");
        own.GetProperty("schoolId").GetGuid().ShouldBe(JobsApi.District);
        own.GetProperty("school").GetString().ShouldBe(name);
        own.GetProperty("deadline").GetString().ShouldBe("Сдать сводный отчёт района: Мониторинг региона 2026");
        own.GetProperty("dueOn").GetString().ShouldBe("2026-12-28");
        own.GetProperty("offsetDays").GetInt32().ShouldBe(7);
        own.GetProperty("localSendAt").GetString().ShouldBe("2026-12-21T09:00:00");
        own.GetProperty("recipients").GetInt32().ShouldBe((int)curators);
        upcoming.EnumerateArray().Where(r => r.GetProperty("kind").GetString() != "region_campaign")
            .ShouldAllBe(r => r.GetProperty("owner").GetString() == "school");

        // «Рассылки» lists it too, the district's name linking to the district.
        var page = await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.WithRequestHeader("Accept", "text/html");
            s.Get.Url($"/districts/{JobsApi.District}/deliveries");
        });
        var html = await page.ReadAsTextAsync();
        html.ShouldContain("Сдать сводный отчёт района: Мониторинг региона 2026");
        html.ShouldContain($"href=\"/districts/{JobsApi.District}\"");
    }

    [Fact]
    public async Task A_shorter_list_is_the_head_of_the_longer_one()
    {
        // A short list is usually settled by the deadlines of the next weeks alone, the long one reads them all: the same order.
        var curator = await api.AccountTokenAsync("district.curator");
        async Task<string[]> Upcoming(string query) => (await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Get.Url($"/api/districts/{JobsApi.District}/reminders/upcoming?days=120{query}");
        }).Json()).EnumerateArray().Select(r => r.GetRawText()).ToArray();

        var all = await Upcoming("");
        all.Length.ShouldBeGreaterThan(10);
        foreach (var limit in new[] { 1, 3, 10 })
            (await Upcoming($"&limit={limit}")).ShouldBe(all.Take(limit).ToArray());

        await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Get.Url($"/api/districts/{JobsApi.District}/reminders/upcoming?limit=501");
            s.StatusCodeShouldBe(400);
            s.ContentShouldContain("\"limit\"");
        });
    }
}
