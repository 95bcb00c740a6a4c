using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bogus;
using Platform.EventStore;
using Platform.Tenancy.Access;
using Platform.Tenancy.Demo;
using Platform.Tenancy.Resolution;
using Platform.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.Tests.Hardening;

/// <summary>
/// Every route of the OpenAPI document under a school, a district or a region, GET and writes (with a body that
/// follows the schema), tried against data that is not the caller's:
/// 1. another tenant's route with that tenant's real ids: the demo school's curator at a sibling school of the same
///    district and at a school of another region's district (made here through the API), the demo district's curator
///    and the region's officer at that school, each district's curator at the other's routes, each region's officer at
///    the other's;
/// 2. the caller's own route with another school's record ids, in the route and in the body's id fields (a person,
///    program, pair, road map… of the sibling school under the demo school's route).
/// Every attempt is refused (1: 403/404; 2: a 4xx), never a 2xx and never a 5xx, the answer holds none of the other
/// school's names, and a refused write changes nothing in the database (<see cref="DatabaseFingerprint"/>).
/// </summary>
public sealed class CrossTenantTests(ApiHost api, ITestOutputHelper output) : IClassFixture<ApiHost>
{
    private static readonly Guid SchoolA = Guid.Parse("11000000-0000-4000-8000-000000000001");

    private sealed record Attempt(string Who, Operation Op, string Url, string Token, string? Body, HashSet<int> Allowed);

    [Fact]
    public async Task Every_route_refuses_another_school_s_district_s_and_region_s_data()
    {
        var surface = await ApiSurface.LoadAsync(api);
        var scoped = surface.Operations.Where(o => o.Scope is not null && !o.TakesForm).ToList();
        scoped.Count.ShouldBeGreaterThan(200);

        var (r2, d2, s2) = await OtherRegionAsync();
        var schoolB = await api.Database.OwnerScalarAsync<Guid>("""
            SELECT tenant_id FROM mentoring.people WHERE tenant_id <> $1 AND tenant_id = ANY($2) GROUP BY tenant_id ORDER BY count(*) DESC LIMIT 1
            """, SchoolA, DemoDistrict.Schools.Select(s => s.SchoolId).ToArray());
        var a = await TenantIds.LoadAsync(api.Database, SchoolA, DemoDistrict.DistrictId, DemoDistrict.RegionId);
        var b = await TenantIds.LoadAsync(api.Database, schoolB, DemoDistrict.DistrictId, DemoDistrict.RegionId);
        var bOwn = await TenantIds.LoadAsync(api.Database, schoolB, Guid.NewGuid(), Guid.NewGuid()); // the school's own records only
        var other = await TenantIds.LoadAsync(api.Database, s2, d2, r2);
        bOwn.Count.ShouldBeGreaterThan(20);
        var secrets = (await SchoolNamesAsync(schoolB)).Except(await SchoolNamesAsync(SchoolA)).ToList();
        secrets.Count.ShouldBeGreaterThan(5);

        string School(Guid s) => Token($"school:{s}", Roles.SchoolCurator, Roles.SchoolDirector);
        string District(Guid d) => Token($"district:{d}", Roles.DistrictCurator);
        string Region(Guid r) => Token($"region:{r}", Roles.RegionOfficer);
        HashSet<int> refused = [403, 404];
        HashSet<int> anyRefusal = [400, 403, 404, 409, 412, 422, 428];

        var attempts = new List<Attempt>();
        var faker = new Faker("ru") { Random = new Randomizer(21) };
        foreach (var op in scoped)
        {
            string? Body(TenantIds ids) => op.Body is { } schema ? surface.Plausible(schema, faker, n => ids.For(n))?.ToJsonString() : null;
            var targets = op.Scope switch
            {
                "schoolId" => new[] { ("school A → school B", School(SchoolA), b), ("school A → other region's school", School(SchoolA), other),
                    ("district → other region's school", District(DemoDistrict.DistrictId), other), ("region → other region's school", Region(DemoDistrict.RegionId), other) },
                "districtId" => [("district → other district", District(DemoDistrict.DistrictId), other), ("other district → district", District(d2), a),
                    ("region → other region's district", Region(DemoDistrict.RegionId), other)],
                _ => [("region → other region", Region(DemoDistrict.RegionId), other), ("other region → region", Region(r2), a)],
            };
            foreach (var (who, token, ids) in targets) attempts.Add(new Attempt(who, op, ids.Route(op), token, Body(ids), refused));

            // The caller's own route, with the sibling school's records in the route and the body.
            if (op.Scope != "schoolId") continue;
            var url = a.Route(op, 0, (segment, name) =>
                name is "schoolId" or "kind" or "schoolYear" or "version" or "name" or "clientId" or "token" ? null : bOwn.ForRoute(segment, name).ToString());
            var body = Body(bOwn);
            var foreign = op.Parameters.Count > 1 && op.Parameters.Skip(1).Any(p => p is not ("kind" or "schoolYear" or "version"))
                || body is not null && bOwn.Mentions(body);
            if (foreign) attempts.Add(new Attempt("school A's route, school B's records", op, url, School(SchoolA), body, op.Writes ? anyRefusal : [400, 403, 404]));
        }

        using var client = api.Host.Server.CreateClient();
        var failures = new List<string>();
        var fingerprint = await DatabaseFingerprint.SettledAsync(api.Database);
        var statuses = new SortedDictionary<int, int>();
        var conflicts = new List<string>(); // reported: a 409 must not tell that school B's record exists
        foreach (var t in attempts)
        {
            using var request = new HttpRequestMessage(new HttpMethod(t.Op.Method), t.Url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", t.Token);
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            if (t.Body is not null) request.Content = new StringContent(t.Body, Encoding.UTF8, "application/json");
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var answer = await response.Content.ReadAsStringAsync();
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var where = $"{t.Who}: {t.Op.Method} {t.Url} → {status}";
            if (!t.Allowed.Contains(status)) failures.Add($"{where}: {Shorten(answer)}");
            if (status == 409) conflicts.Add($"{where}: {Shorten(answer)}");
            if (secrets.FirstOrDefault(answer.Contains) is { } leaked) failures.Add($"{where}: the answer names «{leaked}» of school B");
            if (!t.Op.Writes) continue;
            if (status is >= 200 and < 300)
            {
                fingerprint = await DatabaseFingerprint.SettledAsync(api.Database);
                continue;
            }
            var now = await DatabaseFingerprint.ReadAsync(api.Database);
            if (now == fingerprint) continue;
            failures.Add($"{where}: the database changed ({DatabaseFingerprint.Difference(fingerprint, now)})");
            fingerprint = await DatabaseFingerprint.SettledAsync(api.Database);
        }

        WriteEndpointFuzzTests.Report(output, $"cross-tenant: {attempts.Count} attempts ({attempts.Count(t => !t.Op.Writes)} reads, "
            + $"{attempts.Count(t => t.Op.Writes)} writes) on {scoped.Count} routes; statuses {string.Join(", ", statuses.Select(p => $"{p.Key}×{p.Value}"))}"
            + string.Concat(conflicts.Select(c => "\n  409 " + c)));
        attempts.Count.ShouldBeGreaterThanOrEqualTo(500);
        failures.ShouldBeEmpty(string.Join("\n", failures.Take(60)));
    }

    private string Token(string scope, params string[] roles) =>
        api.TokenFor(Guid.NewGuid(), "cross.tenant", roles, Caller.ParseScope(scope)!);

    /// <summary>A region of its own (through the API, as its administrators would): a district, a school, a person.</summary>
    private async Task<(Guid Region, Guid District, Guid School)> OtherRegionAsync()
    {
        async Task<Guid> Create(string token, string url, object body)
        {
            var created = await api.Scenario(s =>
            {
                s.WithBearerToken(token);
                s.Post.Json(body).ToUrl(url);
                s.StatusCodeShouldBe(HttpStatusCode.Created);
            }).Json();
            return created.GetProperty("id").GetGuid();
        }
        var region = await Create(api.TokenAs("platform"), "/api/regions",
            new { code = "75", name = "Забайкальский край", instituteName = "ГУ ДПО «Институт развития образования Забайкальского края»", timeZone = "Asia/Chita" });
        var district = await Create(api.TokenAs($"region:{region}"), $"/api/regions/{region}/districts",
            new { name = "Комитет образования администрации муниципального района «Читинский район»", shortName = "МР «Читинский район»" });
        var school = await Create(api.TokenAs($"district:{district}"), $"/api/districts/{district}/schools",
            new { fullName = "Муниципальное общеобразовательное учреждение «Средняя общеобразовательная школа с. Смоленка»", shortName = "МОУ СОШ с. Смоленка",
                kind = "school", timeZone = "Asia/Chita", openedOn = (string?)null });
        await Create(api.TokenAs($"school:{school}"), $"/api/schools/{school}/people", new { kind = "teacher", fullName = "Цыренова Баярма Дашиевна", position = "учитель" });
        return (region, district, school);
    }

    /// <summary>The names and titles school B's own curator sees in its people, pairs and road maps: none may reach another caller.</summary>
    private async Task<List<string>> SchoolNamesAsync(Guid school)
    {
        var names = new HashSet<string>();
        foreach (var list in new[] { "people", "road-maps", "programs", "local-acts" })
        {
            var answer = await api.Scenario(s =>
            {
                s.WithBearerToken(api.TokenAs($"school:{school}"));
                s.Get.Url($"/api/schools/{school}/{list}");
            }).Json();
            Collect(answer, names);
        }
        return names.Where(n => n.Length >= 12).ToList();
    }

    private static void Collect(JsonElement e, HashSet<string> names)
    {
        if (e.ValueKind == JsonValueKind.Array) foreach (var i in e.EnumerateArray()) Collect(i, names);
        if (e.ValueKind != JsonValueKind.Object) return;
        foreach (var p in e.EnumerateObject())
            if (p.Name is "fullName" or "title" or "problem" && p.Value.ValueKind == JsonValueKind.String) names.Add(p.Value.GetString()!);
            else Collect(p.Value, names);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
