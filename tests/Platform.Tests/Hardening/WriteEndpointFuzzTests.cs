using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bogus;
using FsCheck;
using FsCheck.Fluent;
using Platform.EventStore;
using Platform.Tenancy.Access;
using Platform.Tenancy.Resolution;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.Tests.Hardening;

/// <summary>
/// Property-based fuzzing of every write endpoint (POST/PUT/PATCH/DELETE under /api in the OpenAPI document), as the
/// caller that may write there (the demo school's curator and director, the demo district's curator, the region's
/// officer, the platform's administrator), with the demo district's real ids in the route and a body that follows the
/// schema but for one spoiled part (<see cref="FuzzInputs"/>): wrong JSON types, &gt;1 MB strings, NUL characters, deep
/// nesting, numbers at the int/long limits, 9999-12-31 and 0001-01-01, unknown enum names, arrays for objects, empty
/// bodies, invalid UTF-8, bad route values…
/// The properties: never a 5xx; a refusal (4xx) is a problem details answer (application/problem+json), in Russian for
/// a 400; and a refused request changes nothing in the database (<see cref="DatabaseFingerprint"/>).
/// ./test.sh runs 300 requests; the nightly run sets the count (and a seed to replay a failure):
/// <c>PLATFORM_FUZZ_REQUESTS=10000 PLATFORM_SKIP_CLUSTER=1 ./test.sh --filter "FullyQualifiedName~WriteEndpointFuzzTests"</c>
/// (PLATFORM_FUZZ_SEED=n replays the run a failure names; PLATFORM_HARDENING_REPORT=file appends the run's figures to it).
/// </summary>
public sealed class WriteEndpointFuzzTests(ApiHost api, ITestOutputHelper output) : IClassFixture<ApiHost>
{
    private static readonly Guid School = Guid.Parse("11000000-0000-4000-8000-000000000001");

    [Fact]
    public async Task Bad_bodies_for_every_write_endpoint_get_problem_details_and_change_nothing()
    {
        var requests = int.TryParse(Environment.GetEnvironmentVariable("PLATFORM_FUZZ_REQUESTS"), out var n) ? n : 300;
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("PLATFORM_FUZZ_SEED"), out var s) ? s : (ulong)Random.Shared.NextInt64();
        var surface = await ApiSurface.LoadAsync(api);
        var writes = surface.Operations.Where(o => o.Writes).ToList();
        writes.Count.ShouldBeGreaterThan(100);
        var ids = await TenantIds.LoadAsync(api.Database, School, DemoDistrict.DistrictId, DemoDistrict.RegionId);
        ids.Count.ShouldBeGreaterThan(100);
        using var client = api.Host.Server.CreateClient();
        var tokens = new Dictionary<string, string>();

        var failures = new Dictionary<string, (int Count, string Example)>();
        var statuses = new SortedDictionary<int, int>();
        var covered = new HashSet<string>();
        var fingerprint = await DatabaseFingerprint.SettledAsync(api.Database);
        var started = DateTime.UtcNow;
        var cases = Gen.Sample(FuzzInputs.Cases(writes.Count), requests, new Rnd(seed), 30); // count, seed, size
        cases.Length.ShouldBe(requests);
        foreach (var c in cases)
        {
            var op = writes[c.Operation];
            var faker = new Faker("ru") { Random = new Randomizer(c.Seed) };
            var last = op.Parameters.LastOrDefault();
            var url = ids.Route(op, c.Pick, name => name == last ? c.Mutation.RouteValue() : null);
            var plausible = op.Body is { } schema ? surface.Plausible(schema, faker, name => ids.For(name, c.Pick)) : null;
            (byte[] body, string contentType) = c.Mutation.Apply(plausible, c.Path);

            using var request = new HttpRequestMessage(new HttpMethod(op.Method), url);
            if (TokenFor(op, tokens) is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body.Length > 0 || op.Method != "DELETE")
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var answer = await response.Content.ReadAsStringAsync();
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            covered.Add(op.ToString());

            void Fail(string kind, string detail)
            {
                var key = $"{kind} {op} [{c.Mutation.Name}]";
                failures[key] = (failures.GetValueOrDefault(key).Count + 1,
                    failures.GetValueOrDefault(key).Example ?? $"{op.Method} {Shorten(url)} → {status}: {detail}");
            }

            if (status >= 500) Fail("5xx", Shorten(answer));
            if (status is >= 200 and < 400)
            {
                fingerprint = await DatabaseFingerprint.SettledAsync(api.Database);
                continue;
            }
            var type = response.Content.Headers.ContentType?.MediaType;
            if (type != "application/problem+json") Fail("not-problem", $"content type {type}: {Shorten(answer)}");
            else if (status == 400 && !Regex.IsMatch(answer, "[А-Яа-яЁё]")) Fail("not-russian", Shorten(answer));
            else if (!IsProblem(answer)) Fail("bad-problem", Shorten(answer));
            var now = await DatabaseFingerprint.ReadAsync(api.Database);
            if (now != fingerprint)
            {
                Fail("changed", DatabaseFingerprint.Difference(fingerprint, now));
                fingerprint = await DatabaseFingerprint.SettledAsync(api.Database);
            }
        }

        Report(output, $"fuzz seed {seed}: {requests} requests to {covered.Count} of {writes.Count} write operations in {(DateTime.UtcNow - started).TotalSeconds:0} s; "
            + $"statuses {string.Join(", ", statuses.Select(p => $"{p.Key}×{p.Value}"))}; excluded generators: [{string.Join(", ", FuzzInputs.AwaitingH21Input)}]");
        failures.ShouldBeEmpty($"seed {seed} (PLATFORM_FUZZ_SEED={seed} replays it):\n" + string.Join("\n",
            failures.OrderBy(f => f.Key).Take(60).Select(f => $"{f.Key} ×{f.Value.Count}: {f.Value.Example}")));
    }

    /// <summary>The run's figures in the test's output and, with PLATFORM_HARDENING_REPORT, appended to that file.</summary>
    public static void Report(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("PLATFORM_HARDENING_REPORT") is { Length: > 0 } file) File.AppendAllText(file, line + "\n");
    }

    private string? TokenFor(Operation op, Dictionary<string, string> tokens)
    {
        var scope = op.Scope switch
        {
            "schoolId" => $"school:{School}",
            "districtId" => $"district:{DemoDistrict.DistrictId}",
            "regionId" => $"region:{DemoDistrict.RegionId}",
            _ when op.Template.StartsWith("/api/auth/") => null,
            _ when op.Template.StartsWith("/api/me/") => $"school:{School}",
            _ => "platform",
        };
        if (scope is null) return null;
        if (tokens.TryGetValue(scope, out var token)) return token;
        var parsed = Caller.ParseScope(scope)!;
        string[] roles = parsed.Kind switch
        {
            ScopeKind.School => [Roles.SchoolCurator, Roles.SchoolDirector],
            ScopeKind.District => [Roles.DistrictCurator],
            ScopeKind.Region => [Roles.RegionOfficer],
            _ => [Roles.PlatformAdmin],
        };
        return tokens[scope] = api.TokenFor(Guid.NewGuid(), "fuzz." + parsed.Kind.ToString().ToLowerInvariant(), roles, parsed);
    }

    private static bool IsProblem(string answer)
    {
        try
        {
            var problem = JsonDocument.Parse(answer).RootElement;
            return problem.TryGetProperty("status", out _) && (problem.TryGetProperty("title", out _) || problem.TryGetProperty("detail", out _));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + $"… ({text.Length} chars)";
}
