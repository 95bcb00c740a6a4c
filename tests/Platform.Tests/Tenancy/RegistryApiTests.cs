using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Tenancy.Demo;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Tenancy;

/// <summary>HTTP scenarios on the demo district, through the real host and PostgreSQL.</summary>
public sealed class RegistryApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly Guid District = DemoDistrict.DistrictId;
    private static readonly Guid Irkutsk = Guid.Parse("11000000-0000-4000-8000-000000000063");
    private static readonly Guid School411 = Guid.Parse("11000000-0000-4000-8000-000000000411");
    private HttpClient Curator => api.ClientAs($"district:{District}");

    private async Task<SchoolCard> Register(string shortName, string timeZone = "Asia/Yekaterinburg")
    {
        var response = await Curator.PostAsJsonAsync($"/api/districts/{District}/schools", new
        {
            fullName = $"Муниципальное общеобразовательное учреждение «{shortName}»",
            shortName, kind = "lyceum", timeZone, openedOn = "2001-09-01",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return await response.ShouldBeOk<SchoolCard>();
    }

    [Fact]
    public async Task The_demo_district_lists_its_seed_schools_in_several_time_zones()
    {
        var page = await (await Curator.GetAsync($"/api/districts/{District}/schools?pageSize=200")).ShouldBeOk<Page<SchoolCard>>();
        page.Items.Select(s => s.ShortName).ShouldContain("ГБОУ школа № 411 «Гармония»");
        page.Items.Select(s => s.ShortName).ShouldContain("МОУ ИРМО «Мало-Еланская НШДС»");
        page.Items.Select(s => s.ShortName).ShouldContain("ГБУ ЦППМСП Пушкинского района");
        page.Items.Single(s => s.Id == Irkutsk).TimeZone.ShouldBe("Asia/Irkutsk");
        page.Items.Select(s => s.TimeZone).Distinct().Count().ShouldBeGreaterThanOrEqualTo(2);
        page.Total.ShouldBeGreaterThanOrEqualTo(6);

        var district = await (await Curator.GetAsync($"/api/districts/{District}")).ShouldBeOk<DistrictCard>();
        district.ShortName.ShouldBe("МР «Троицко-Печорский»");
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
        var found = await (await Curator.GetAsync($"/api/districts/{District}/schools?search=Регистрации&kind=lyceum"))
            .ShouldBeOk<Page<SchoolCard>>();
        found.Items.Single().Id.ShouldBe(card.Id);

        var history = await (await Curator.GetAsync($"/api/districts/{District}/schools/{card.Id}/history")).ShouldBeOk<JsonElement>();
        history[0].GetProperty("type").GetString().ShouldBe("school_registered");
        history[0].GetProperty("userName").GetString().ShouldBe("test.districtcurator"); // the token's account name

        var own = await (await api.ClientAs($"school:{card.Id}").GetAsync($"/api/schools/{card.Id}")).ShouldBeOk<SchoolCard>();
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

        var rename = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(new { shortName = "Лицей Версий-2" }) };
        rename.Headers.IfMatch.Add(new("\"1\""));
        (await (await Curator.SendAsync(rename)).ShouldBeOk<SchoolCard>()).Version.ShouldBe(2);

        var stale = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(new { shortName = "Лицей Устаревший" }) };
        stale.Headers.IfMatch.Add(new("\"1\""));
        var conflict = await Curator.SendAsync(stale);
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        conflict.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await conflict.Content.ReadAsStringAsync()).ShouldContain("изменена другим пользователем");

        var asOf = await (await Curator.GetAsync($"{url}?asOf={Uri.EscapeDataString(beforeRename.ToString("O"))}")).ShouldBeOk<SchoolCard>();
        asOf.ShortName.ShouldBe("Лицей Версий");
        (await (await Curator.GetAsync(url)).ShouldBeOk<SchoolCard>()).ShortName.ShouldBe("Лицей Версий-2");
    }

    [Fact]
    public async Task Invalid_input_gets_field_errors_in_Russian_and_writes_nothing()
    {
        var before = await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events");
        var response = await Curator.PostAsJsonAsync($"/api/districts/{District}/schools",
            new { fullName = " ", shortName = "Х", kind = "school", timeZone = "Europe/Paris" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("fullName")[0].GetString().ShouldBe("Укажите полное наименование.");
        problem.GetProperty("errors").GetProperty("timeZone")[0].GetString()!.ShouldContain("часовой пояс");

        var badKind = await Curator.PostAsJsonAsync($"/api/districts/{District}/schools",
            new { fullName = "Школа", shortName = "Х", kind = "castle", timeZone = "Europe/Moscow" });
        badKind.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badKind.Content.ReadAsStringAsync()).ShouldContain("Некорректный запрос");

        var badSort = await Curator.GetAsync($"/api/districts/{District}/schools?sort=secret");
        badSort.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events")).ShouldBe(before);
    }

    [Fact]
    public async Task Closing_a_school_hides_it_from_the_open_list_and_closing_twice_is_refused()
    {
        var card = await Register("Лицей Закрытый");
        var url = $"/api/districts/{District}/schools/{card.Id}/closure";
        (await (await Curator.PostAsJsonAsync(url, new { closedOn = "2026-08-31", reason = "реорганизация" })).ShouldBeOk<SchoolCard>())
            .ClosedOn.ShouldBe(new DateOnly(2026, 8, 31));
        (await Curator.PostAsJsonAsync(url, new { reason = "ещё раз" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var open = await (await Curator.GetAsync($"/api/districts/{District}/schools?search=Закрытый")).ShouldBeOk<Page<SchoolCard>>();
        open.Items.ShouldBeEmpty();
        var closed = await (await Curator.GetAsync($"/api/districts/{District}/schools?search=Закрытый&status=closed")).ShouldBeOk<Page<SchoolCard>>();
        closed.Items.Single().Id.ShouldBe(card.Id);
    }

    [Fact]
    public async Task Callers_reach_only_what_their_scope_allows()
    {
        (await api.ClientAs(null).GetAsync($"/api/districts/{District}/schools")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await api.ClientAs($"district:{Guid.NewGuid()}").GetAsync($"/api/districts/{District}/schools")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.ClientAs($"school:{School411}").GetAsync($"/api/districts/{District}/schools")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.ClientAs($"school:{School411}").GetAsync($"/api/schools/{Irkutsk}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.ClientAs($"school:{School411}").GetAsync($"/api/schools/{School411}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.ClientAs($"region:{DemoDistrict.RegionId}").GetAsync($"/api/schools/{Irkutsk}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Curator.GetAsync($"/api/schools/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Curator.GetAsync($"/api/districts/{District}/schools/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_correlation_id_is_echoed_and_stored_with_the_events()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/districts/{District}/schools")
        {
            Content = JsonContent.Create(new { fullName = "Школа Корреляции", shortName = "Школа Корреляции", kind = "school", timeZone = "Europe/Moscow" }),
        };
        request.Headers.Add("X-Correlation-Id", "req-42");
        var response = await Curator.SendAsync(request);
        response.Headers.GetValues("X-Correlation-Id").ShouldBe(["req-42"]);
        var card = await response.ShouldBeOk<SchoolCard>();
        (await api.Database.OwnerScalarAsync<string>("SELECT correlation_id FROM es.mt_events WHERE stream_id = $1", card.Id)).ShouldBe("req-42");
    }
}
