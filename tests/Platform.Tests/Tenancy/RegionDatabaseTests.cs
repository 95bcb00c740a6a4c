using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Platform.Reporting.Dashboard;
using Platform.Tenancy.Databases;
using Platform.Tenancy.Demo;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;
using Platform.Tests.Web;

namespace Platform.Tests.Tenancy;

/// <summary>
/// Якутия in a second database on the same server (a copy of the migrated template, as a region's IT would have prepared
/// it), connected at run time by the platform administrator, with a district, a school and a person registered through
/// the API; the demo region (Коми) stays in the home database.
/// </summary>
public sealed class Yakutia
{
    public PostgresDatabase Database { get; } = new();
    public Guid RegionId { get; private set; }
    public Guid DistrictId { get; private set; }
    public Guid SchoolId { get; private set; }
    public Guid PersonId { get; private set; }
    public DatabaseCard Connected { get; private set; } = null!;

    public async Task CreateAsync(ApiHost api)
    {
        Connected = await Send<DatabaseCard>(api, api.TokenAs("platform"), s => s.Post.Json(new { id = "sakha", databaseName = Database.Name }).ToUrl("/api/platform/databases"));
        RegionId = (await Send<RegionCard>(api, api.TokenAs("platform"), s => s.Post.Json(new
        {
            code = "14", name = "Республика Саха (Якутия)", instituteName = "ГАУ ДПО «ИРОиПК»", timeZone = "Asia/Yakutsk", database = "sakha",
        }).ToUrl("/api/regions"))).Id;
        DistrictId = (await Send<DistrictCard>(api, api.TokenAs($"region:{RegionId}"), s => s.Post.Json(new
        {
            name = "МКУ «Управление образования Намского улуса»", shortName = "Намский улус", timeZone = "Asia/Yakutsk",
        }).ToUrl($"/api/regions/{RegionId}/districts"))).Id;
        SchoolId = (await Send<SchoolCard>(api, api.TokenAs($"district:{DistrictId}"), s => s.Post.Json(new
        {
            fullName = "МБОУ «Намская средняя общеобразовательная школа № 1»", shortName = "Намская СОШ № 1", kind = "school", timeZone = "Asia/Yakutsk",
        }).ToUrl($"/api/districts/{DistrictId}/schools"))).Id;
        PersonId = (await Send<JsonElement>(api, api.TokenAs($"school:{SchoolId}"), s => s.Post.Json(new
        {
            kind = "teacher", fullName = "Винокурова Сардана Петровна", position = "учитель якутского языка",
        }).ToUrl($"/api/schools/{SchoolId}/people"))).GetProperty("id").GetGuid();
    }

    private static async Task<T> Send<T>(ApiHost api, string token, Action<Alba.Scenario> request) => await api.Scenario(s =>
    {
        s.WithBearerToken(token);
        request(s);
        s.StatusCodeShouldBe(HttpStatusCode.Created);
    }).Json<T>();
}

/// <summary>The host with <see cref="Tenancy.Yakutia"/> in its second database.</summary>
public sealed class TwoDatabasesApi : ApiHost
{
    public Yakutia Yakutia { get; } = new();

    public override async Task InitializeAsync()
    {
        await Yakutia.Database.InitializeAsync();
        await base.InitializeAsync();
        await Yakutia.CreateAsync(this);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Yakutia.Database.DisposeAsync();
    }
}

/// <summary>
/// Regions spread over two databases: each region's streams and read models in its own database, the district dashboard
/// served from there, the platform administrator's view across both, and no way across from one region to the other.
/// </summary>
public sealed class RegionDatabaseTests(TwoDatabasesApi host) : IClassFixture<TwoDatabasesApi>
{
    private readonly TwoDatabasesApi api = host;
    private Yakutia Y => host.Yakutia;

    private static readonly Guid Komi = DemoDistrict.RegionId;
    private static readonly Guid Troitsko = DemoDistrict.DistrictId;
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    private Task<T> Get<T>(string url, string token) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Get.Url(url);
    }).Json<T>();

    /// <summary>Refused (403, or 404 where the route's tenant is not one the caller may know), with no data in the answer.</summary>
    private async Task Refused(string method, string url, string token, int? status = null)
    {
        var result = await api.Scenario(s =>
        {
            s.WithBearerToken(token);
            if (method == "GET") s.Get.Url(url);
            else s.Post.Json(new { kind = "teacher", fullName = "Чужой Человек Иванович" }).ToUrl(url);
            s.IgnoreStatusCode();
        });
        var code = result.Context.Response.StatusCode;
        if (status is { } expected) code.ShouldBe(expected, $"{method} {url}");
        else code.ShouldBeOneOf([403, 404], $"{method} {url}");
        var body = await result.ReadAsTextAsync();
        body.ShouldNotContain("Винокурова", customMessage: url);
        body.ShouldNotContain("Намская", customMessage: url);
        body.ShouldNotContain("СОШ № 1", customMessage: url);
    }

    [Fact]
    public async Task The_region_s_streams_and_read_models_are_in_its_own_database_only()
    {
        var ours = new object[] { new[] { Y.RegionId, Y.DistrictId, Y.SchoolId }.Select(g => g.ToString()).ToArray() };
        (await Y.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE tenant_id = ANY ($1)", ours)).ShouldBeGreaterThanOrEqualTo(4);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE tenant_id = ANY ($1)", ours)).ShouldBe(0);
        (await Y.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.people WHERE tenant_id = $1", Y.SchoolId)).ShouldBe(1);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.people WHERE tenant_id = $1", Y.SchoolId)).ShouldBe(0);
        // Nothing of the demo region went there.
        (await Y.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE tenant_id = $1", Sosh1.ToString())).ShouldBe(0);
        (await Y.Database.OwnerScalarAsync<long>("SELECT count(*) FROM registry.schools WHERE id = $1", Sosh1)).ShouldBe(0);
        // The home database resolves routes: it has a copy of the region's registry, and knows where the region lives.
        (await api.Database.OwnerScalarAsync<string>("SELECT short_name FROM registry.schools WHERE id = $1", Y.SchoolId)).ShouldBe("Намская СОШ № 1");
        (await api.Database.OwnerScalarAsync<string>("SELECT tenancy.database_of($1)", Y.SchoolId)).ShouldBe("sakha");
        (await api.Database.OwnerScalarAsync<string>("SELECT tenancy.database_of($1)", Sosh1)).ShouldBeNull();
    }

    [Fact]
    public async Task Each_district_dashboard_is_served_from_its_own_database()
    {
        var yakutia = await Get<DistrictDashboard>($"/api/districts/{Y.DistrictId}/dashboard", api.TokenAs($"district:{Y.DistrictId}"));
        yakutia.Schools.Select(s => s.ShortName).ShouldBe(["Намская СОШ № 1"]);
        yakutia.Totals.Schools.ShouldBe(1);
        var komi = await Get<DistrictDashboard>($"/api/districts/{Troitsko}/dashboard", api.TokenAs($"district:{Troitsko}"));
        komi.Schools.Select(s => s.SchoolId).ShouldContain(Sosh1);
        komi.Schools.Select(s => s.SchoolId).ShouldNotContain(Y.SchoolId);

        // The school's people are read from its database, and the person's history too.
        var people = await Get<JsonElement>($"/api/schools/{Y.SchoolId}/people", api.TokenAs($"school:{Y.SchoolId}"));
        people.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("fullName").GetString()).ShouldBe(["Винокурова Сардана Петровна"]);
        var history = await Get<JsonElement>($"/api/schools/{Y.SchoolId}/people/{Y.PersonId}/history", api.TokenAs($"school:{Y.SchoolId}"));
        history.GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_platform_administrator_sees_both_databases_with_what_each_holds()
    {
        var databases = await Get<List<DatabaseCard>>("/api/platform/databases", api.TokenAs("platform"));
        databases.Select(d => d.Id).ShouldBe(["home", "sakha"]);
        var home = databases[0];
        home.Regions.Select(r => r.Code).ShouldBe(["11"]);
        home.Schools.ShouldBe(6);
        var sakha = databases[1];
        (sakha.DatabaseName, sakha.Districts, sakha.Schools).ShouldBe((Y.Database.Name, 1, 1));
        sakha.Regions.Select(r => r.Code).ShouldContain("14");
        sakha.Regions.Select(r => r.Code).ShouldNotContain("11");
        sakha.LastEventSequence.ShouldBeGreaterThanOrEqualTo(4);
        sakha.SizeBytes.ShouldBeGreaterThan(0);
        Y.Connected.Regions.ShouldBeEmpty();

        // Both regions in the platform's list; only an administrator sees the databases.
        (await Get<JsonElement>("/api/regions", api.TokenAs("platform"))).EnumerateArray().Select(r => r.GetProperty("code").GetString())
            .ShouldBeSubsetOf(["11", "14", "870"]);
        (await Get<JsonElement>("/api/regions", api.TokenAs("platform"))).EnumerateArray().Select(r => r.GetProperty("code").GetString())
            .ShouldContain("14");
        await Refused("GET", "/api/platform/databases", api.TokenAs($"region:{Y.RegionId}"), 403);
    }

    [Fact]
    public async Task Nobody_reaches_across_the_two_databases()
    {
        var yakutSchool = api.TokenAs($"school:{Y.SchoolId}");
        var komiSchool = api.TokenAs($"school:{Sosh1}");
        var attempts = new (string Method, string Url, string Token)[]
        {
            ("GET", $"/api/schools/{Sosh1}/people", yakutSchool),
            ("POST", $"/api/schools/{Sosh1}/people", yakutSchool),
            ("GET", $"/api/schools/{Y.SchoolId}/people", komiSchool),
            ("POST", $"/api/schools/{Y.SchoolId}/people", komiSchool),
            ("GET", $"/api/schools/{Y.SchoolId}/people/{Y.PersonId}", komiSchool),
            ("GET", $"/api/districts/{Troitsko}/dashboard", api.TokenAs($"district:{Y.DistrictId}")),
            ("GET", $"/api/districts/{Y.DistrictId}/dashboard", api.TokenAs($"district:{Troitsko}")),
            ("GET", $"/api/districts/{Y.DistrictId}/schools", api.TokenAs($"district:{Troitsko}")),
            ("GET", $"/api/regions/{Komi}/districts", api.TokenAs($"region:{Y.RegionId}")),
            ("GET", $"/api/regions/{Y.RegionId}/districts", api.TokenAs($"region:{Komi}")),
            ("GET", $"/api/regions/{Y.RegionId}/dashboard", api.TokenAs($"region:{Komi}")),
        };
        foreach (var (method, url, token) in attempts) await Refused(method, url, token);

        // Under one's own route, another database's record is not found: it is not in one's database at all.
        await Refused("GET", $"/api/schools/{Y.SchoolId}/people/{DemoPerson()}", yakutSchool, 404);
        (await Y.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.people WHERE full_name = 'Чужой Человек Иванович'")).ShouldBe(0);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.people WHERE full_name = 'Чужой Человек Иванович'")).ShouldBe(0);
    }

    [Fact]
    public async Task Every_school_and_district_read_is_refused_with_the_other_database_s_ids()
    {
        var routes = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(t => (t.StartsWith("/api/schools/{schoolId:guid}") || t.StartsWith("/api/districts/{districtId:guid}")) && t.Count(c => c == '{') == 1)
            .Distinct().ToList();
        routes.Count.ShouldBeGreaterThan(30);
        var attempts = 0;
        foreach (var route in routes)
        {
            var (mine, theirs, token) = route.StartsWith("/api/schools")
                ? ("{schoolId:guid}", new[] { (Y.SchoolId, Sosh1), (Sosh1, Y.SchoolId) }, "school")
                : ("{districtId:guid}", new[] { (Y.DistrictId, Troitsko), (Troitsko, Y.DistrictId) }, "district");
            foreach (var (caller, target) in theirs)
            {
                await Refused("GET", route.Replace(mine, target.ToString()), api.TokenAs($"{token}:{caller}"));
                attempts++;
            }
        }
        attempts.ShouldBeGreaterThan(60);
    }

    [Fact]
    public async Task The_administrator_s_regions_page_lists_the_databases_and_places_a_new_region_in_one()
    {
        var admin = api.TokenAs("platform");
        var (page, form) = await api.FormAsync(admin, "/regions");
        page.ShouldContain("data-database=\"home\"");
        page.ShouldContain("data-database=\"sakha\"");
        page.ShouldContain("14 Республика Саха (Якутия)");
        page.ShouldContain("<option value=\"sakha\"");

        await api.Scenario(s =>
        {
            s.AsBrowser(admin);
            s.PostForm(form, ("code", "870"), ("name", "Чукотский автономный округ"), ("instituteName", "ЧИРОиПК"), ("timeZone", "Asia/Kamchatka"),
                ("database", "sakha")).ToUrl("/regions");
            s.StatusCodeShouldBe(302);
        });
        (await Y.Database.OwnerScalarAsync<long>("SELECT count(*) FROM registry.regions WHERE code = '870'")).ShouldBe(1);
        (await api.Database.OwnerScalarAsync<string>("SELECT tenancy.database_of(id) FROM registry.regions WHERE code = '870'")).ShouldBe("sakha");

        var refused = await api.PostFormAsync(admin, "/regions/databases", form, 400, ("id", "chukotka"), ("databaseName", "platform_chukotka"), ("port", "порт"));
        refused.ShouldContain("Порт — число от 1 до 65535.");
        refused.ShouldContain("value=\"platform_chukotka\"");
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM tenancy.databases WHERE id = 'chukotka'")).ShouldBe(0);
    }

    private Guid DemoPerson() => api.Database.OwnerScalarAsync<Guid>("SELECT id FROM mentoring.people WHERE tenant_id = $1 LIMIT 1", Sosh1).GetAwaiter().GetResult();

    [Fact]
    public async Task A_region_goes_only_to_a_connected_database_and_a_database_is_connected_once()
    {
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs("platform"));
            s.Post.Json(new { code = "15", name = "Республика Северная Осетия — Алания", instituteName = "СОРИПКРО", timeZone = "Europe/Moscow", database = "alania" })
                .ToUrl("/api/regions");
            s.ProblemShouldBe(400, field: "database", contains: "нет в каталоге");
        });
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs("platform"));
            s.Post.Json(new { id = "sakha", databaseName = Y.Database.Name }).ToUrl("/api/platform/databases");
            s.ProblemShouldBe(400, field: "id", contains: "уже подключена");
        });
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs("platform"));
            s.Post.Json(new { id = "Bad Id", databaseName = "x; DROP DATABASE y" }).ToUrl("/api/platform/databases");
            s.ProblemShouldBe(400, field: "databaseName");
        });
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM registry.regions WHERE code = '15'")).ShouldBe(0);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM tenancy.databases")).ShouldBe(1);
    }
}
