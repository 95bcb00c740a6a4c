using System.Net;
using System.Text.Json;
using Platform.Tenancy.Demo;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Tenancy;

/// <summary>HTTP scenarios on the demo district, through the real host and PostgreSQL.</summary>
public sealed class RegistryApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid District = DemoDistrict.DistrictId;
    private static readonly Guid Irkutsk = Guid.Parse("11000000-0000-4000-8000-000000000063");
    private static readonly Guid School411 = Guid.Parse("11000000-0000-4000-8000-000000000411");
    private string Curator => api.TokenAs($"district:{District}");

    private Task<T> Get<T>(string url, string? token = null) => api.Scenario(s =>
    {
        s.WithBearerToken(token ?? Curator);
        s.Get.Url(url);
    }).Json<T>();

    private Task<SchoolCard> Register(string shortName, string timeZone = "Asia/Yekaterinburg") => api.Scenario(s =>
    {
        s.WithBearerToken(Curator);
        s.Post.Json(new
        {
            fullName = $"Муниципальное общеобразовательное учреждение «{shortName}»",
            shortName, kind = "lyceum", timeZone, openedOn = "2001-09-01",
        }).ToUrl($"/api/districts/{District}/schools");
        s.StatusCodeShouldBe(HttpStatusCode.Created);
    }).Json<SchoolCard>();

    [Fact]
    public async Task The_demo_district_lists_its_seed_schools_in_several_time_zones()
    {
        var page = await Get<Page<SchoolCard>>($"/api/districts/{District}/schools?pageSize=200");
        page.Items.Select(s => s.ShortName).ShouldContain("ГБОУ школа № 411 «Гармония»");
        page.Items.Select(s => s.ShortName).ShouldContain("МОУ ИРМО «Мало-Еланская НШДС»");
        page.Items.Select(s => s.ShortName).ShouldContain("ГБУ ЦППМСП Пушкинского района");
        page.Items.Single(s => s.Id == Irkutsk).TimeZone.ShouldBe("Asia/Irkutsk");
        page.Items.Select(s => s.TimeZone).Distinct().Count().ShouldBeGreaterThanOrEqualTo(2);
        page.Total.ShouldBeGreaterThanOrEqualTo(6);

        (await Get<DistrictCard>($"/api/districts/{District}")).ShortName.ShouldBe("МР «Троицко-Печорский»");
    }

    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        var store = api.Services.GetService(typeof(Platform.EventStore.DocumentStore)) as Platform.EventStore.DocumentStore;
        var before = await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events");
        (await DemoDistrict.SeedAsync(store!, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)).ShouldBeFalse();
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events")).ShouldBe(before);
    }

    [Fact]
    public async Task A_registered_school_appears_in_the_list_with_its_history_and_who_did_it()
    {
        var card = await Register("Лицей Регистрации");
        var found = await Get<Page<SchoolCard>>($"/api/districts/{District}/schools?search=Регистрации&kind=lyceum");
        found.Items.Single().Id.ShouldBe(card.Id);

        var history = await Get<JsonElement>($"/api/districts/{District}/schools/{card.Id}/history");
        history[0].GetProperty("type").GetString().ShouldBe("school_registered");
        history[0].GetProperty("userName").GetString().ShouldBe("test.districtcurator"); // the token's account name

        var own = await Get<SchoolCard>($"/api/schools/{card.Id}", api.TokenAs($"school:{card.Id}"));
        own.ShortName.ShouldBe("Лицей Регистрации");
        (await api.Database.OwnerScalarAsync<Guid>("SELECT tenant_id::uuid FROM es.mt_events WHERE stream_id = $1", card.Id)).ShouldBe(District);
    }

    [Fact]
    public async Task A_change_with_a_stale_version_is_refused_with_409_and_the_state_as_of_a_moment_is_kept()
    {
        var card = await Register("Лицей Версий");
        var url = $"/api/districts/{District}/schools/{card.Id}";
        var beforeRename = DateTimeOffset.UtcNow;
        await Task.Delay(20);

        var renamed = await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Patch.Json(new { shortName = "Лицей Версий-2" }).ToUrl(url);
            s.WithRequestHeader("If-Match", "\"1\"");
        }).Json<SchoolCard>();
        renamed.Version.ShouldBe(2);

        await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Patch.Json(new { shortName = "Лицей Устаревший" }).ToUrl(url);
            s.WithRequestHeader("If-Match", "\"1\"");
            s.ProblemShouldBe(409, contains: "изменена другим пользователем");
        });

        (await Get<SchoolCard>($"{url}?asOf={Uri.EscapeDataString(beforeRename.ToString("O"))}")).ShortName.ShouldBe("Лицей Версий");
        (await Get<SchoolCard>(url)).ShortName.ShouldBe("Лицей Версий-2");
    }

    [Fact]
    public async Task Invalid_input_gets_field_errors_in_Russian_and_writes_nothing()
    {
        var before = await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events");
        await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Post.Json(new { fullName = " ", shortName = "Х", kind = "school", timeZone = "Europe/Paris" }).ToUrl($"/api/districts/{District}/schools");
            s.ProblemShouldBe(400, "fullName", "Укажите полное наименование.");
            s.ProblemShouldBe(400, "timeZone", "часовой пояс");
        });
        await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Post.Json(new { fullName = "Школа", shortName = "Х", kind = "castle", timeZone = "Europe/Moscow" }).ToUrl($"/api/districts/{District}/schools");
            s.StatusCodeShouldBe(400);
            s.ContentShouldContain("Некорректный запрос");
        });
        await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Get.Url($"/api/districts/{District}/schools?sort=secret");
            s.StatusCodeShouldBe(400);
        });
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events")).ShouldBe(before);
    }

    [Fact]
    public async Task Closing_a_school_hides_it_from_the_open_list_and_closing_twice_is_refused()
    {
        var card = await Register("Лицей Закрытый");
        var url = $"/api/districts/{District}/schools/{card.Id}/closure";
        var closedCard = await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Post.Json(new { closedOn = "2026-08-31", reason = "реорганизация" }).ToUrl(url);
        }).Json<SchoolCard>();
        closedCard.ClosedOn.ShouldBe(new DateOnly(2026, 8, 31));
        await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Post.Json(new { reason = "ещё раз" }).ToUrl(url);
            s.StatusCodeShouldBe(409);
        });

        (await Get<Page<SchoolCard>>($"/api/districts/{District}/schools?search=Закрытый")).Items.ShouldBeEmpty();
        (await Get<Page<SchoolCard>>($"/api/districts/{District}/schools?search=Закрытый&status=closed")).Items.Single().Id.ShouldBe(card.Id);
    }

    [Theory]
    [InlineData(null, "/api/districts/{district}/schools", 401)]
    [InlineData("district:{other}", "/api/districts/{district}/schools", 403)]
    [InlineData("school:{411}", "/api/districts/{district}/schools", 403)]
    [InlineData("school:{411}", "/api/schools/{irkutsk}", 404)]
    [InlineData("school:{411}", "/api/schools/{411}", 200)]
    [InlineData("region:{region}", "/api/schools/{irkutsk}", 200)]
    [InlineData("district:{district}", "/api/schools/{other}", 404)]
    [InlineData("district:{district}", "/api/districts/{district}/schools/{other}", 404)]
    public async Task Callers_reach_only_what_their_scope_allows(string? scope, string url, int status)
    {
        var other = Guid.NewGuid().ToString();
        string Fill(string text) => text.Replace("{district}", District.ToString()).Replace("{other}", other)
            .Replace("{411}", School411.ToString()).Replace("{irkutsk}", Irkutsk.ToString()).Replace("{region}", DemoDistrict.RegionId.ToString());
        await api.Scenario(s =>
        {
            if (scope is not null) s.WithBearerToken(api.TokenAs(Fill(scope)));
            s.Get.Url(Fill(url));
            s.StatusCodeShouldBe(status);
        });
    }

    [Fact]
    public async Task The_correlation_id_is_echoed_and_stored_with_the_events()
    {
        var card = await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.WithRequestHeader("X-Correlation-Id", "req-42");
            s.Post.Json(new { fullName = "Школа Корреляции", shortName = "Школа Корреляции", kind = "school", timeZone = "Europe/Moscow" })
                .ToUrl($"/api/districts/{District}/schools");
            s.StatusCodeShouldBe(201);
            s.Header("X-Correlation-Id").SingleValueShouldEqual("req-42");
        }).Json<SchoolCard>();
        (await api.Database.OwnerScalarAsync<string>("SELECT correlation_id FROM es.mt_events WHERE stream_id = $1", card.Id)).ShouldBe("req-42");
    }
}
