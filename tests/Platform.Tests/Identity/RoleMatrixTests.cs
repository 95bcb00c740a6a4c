using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Tenancy.Access;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.Tests.Identity;

/// <summary>
/// Every endpoint the app maps, found in its own endpoint list (so endpoints added later are covered
/// without touching this test), called anonymously, with each role, and from the wrong school or district.
/// </summary>
public sealed class RoleMatrixTests(ApiHost api, ITestOutputHelper output) : IClassFixture<ApiHost>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");
    private static readonly Guid Oosh = Guid.Parse("11000000-0000-4000-8000-000000000002");

    // Who may use what: written out here, independently of the product's policy table.
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        [Policies.Authenticated] = [.. Roles.All],
        [Policies.SchoolMember] = [Roles.SchoolDirector, Roles.SchoolCurator, Roles.Mentor, Roles.Mentee, Roles.DistrictCurator, Roles.RegionOfficer, Roles.PlatformAdmin],
        [Policies.SchoolRead] = [Roles.SchoolDirector, Roles.SchoolCurator, Roles.DistrictCurator, Roles.RegionOfficer, Roles.PlatformAdmin],
        [Policies.SchoolWrite] = [Roles.SchoolDirector, Roles.SchoolCurator, Roles.PlatformAdmin],
        [Policies.SchoolDirector] = [Roles.SchoolDirector, Roles.PlatformAdmin],
        [Policies.DistrictRead] = [Roles.DistrictCurator, Roles.RegionOfficer, Roles.PlatformAdmin],
        [Policies.DistrictWrite] = [Roles.DistrictCurator, Roles.PlatformAdmin],
        [Policies.RegionRead] = [Roles.RegionOfficer, Roles.PlatformAdmin],
        [Policies.RegionWrite] = [Roles.RegionOfficer, Roles.PlatformAdmin],
        [Policies.RegionClients] = [Roles.RegionOfficer, Roles.PlatformAdmin],
        [Policies.Platform] = [Roles.PlatformAdmin],
    };

    // Anonymous on purpose: the token server's endpoints, invitation links, health, the API document, the sign-in pages, the public
    // pages of schools and districts (PublicPagesTests: they read only the publication schema).
    private static readonly Regex AnonymousAllowed = new(
        @"^/(health|openapi/.*|connect/(token|authorize|endsession)|api/auth/invitations/\{token\}(/accept)?|account/.*|public/(schools|districts)/\{id\}(/files/\{fileId\})?)?$");

    private sealed record Target(string Method, string Pattern, string Policy, bool SchoolRoute, bool DistrictRoute);

    private List<Target> Targets()
    {
        var targets = new List<Target>();
        var problems = new List<string>();
        foreach (var endpoint in api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).Distinct().ToList();
            if (anonymous)
            {
                if (!AnonymousAllowed.IsMatch(Regex.Replace(pattern, @"\{(\w+)(:[^}]*)?\}", "{$1}")))
                    problems.Add($"{pattern} allows anonymous access but is not on the list of public addresses");
                continue;
            }
            if (policies.Count != 1 || !Expected.ContainsKey(policies[0]!))
            {
                problems.Add($"{string.Join(",", methods)} {pattern} declares policies [{string.Join(", ", policies)}]: exactly one known policy expected");
                continue;
            }
            foreach (var method in methods)
                targets.Add(new Target(method, pattern, policies[0]!, pattern.Contains("{schoolId"), pattern.Contains("{districtId")));
        }
        problems.ShouldBeEmpty();
        return targets;
    }

    private static string Url(Target t, Guid school, Guid district) => Regex.Replace(t.Pattern, @"\{(\w+)(:[^}]*)?\}", m => (m.Groups[1].Value, m.Groups[2].Value) switch
    {
        (_, ":int") => "2026",
        ("schoolId", _) => school.ToString(),
        ("districtId", _) => district.ToString(),
        ("token", _) => "no-such-token",
        _ => Guid.NewGuid().ToString(),
    });

    private async Task<HttpStatusCode> Call(Target t, string url, string? token)
    {
        var result = await api.Scenario(s =>
        {
            if (token is not null) s.WithBearerToken(token);
            if (t.Method is "POST" or "PUT" or "PATCH") Verb(s, t.Method).Json(new { }).ToUrl(url); // a body of "{}"
            else Verb(s, t.Method).Url(url);
            s.IgnoreStatusCode();
        });
        return (HttpStatusCode)result.Context.Response.StatusCode;
    }

    private static IUrlExpression Verb(Scenario s, string method) => method switch
    {
        "GET" => s.Get, "POST" => s.Post, "PUT" => s.Put, "PATCH" => s.Patch, "DELETE" => s.Delete, "HEAD" => s.Head,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method),
    };

    private static TenantScope HomeScope(string role) => Roles.ScopeOf(role) switch
    {
        ScopeKind.Platform => TenantScope.Platform,
        ScopeKind.Region => TenantScope.Region(DemoDistrict.RegionId),
        ScopeKind.District => TenantScope.District(DemoDistrict.DistrictId),
        _ => TenantScope.School(Sosh1),
    };

    [Fact]
    public async Task Every_endpoint_declares_a_policy_and_answers_anonymous_401_and_wrong_role_403()
    {
        var targets = Targets();
        targets.Count.ShouldBeGreaterThanOrEqualTo(20);
        var failures = new List<string>();
        foreach (var t in targets)
        {
            var url = Url(t, Sosh1, DemoDistrict.DistrictId);
            var anonymous = await Call(t, url, null);
            if (anonymous != HttpStatusCode.Unauthorized) failures.Add($"anonymous {t.Method} {url}: {(int)anonymous}");
            foreach (var role in Roles.All)
            {
                var status = await Call(t, url, api.TokenFor(HomeScope(role), role));
                var allowed = Expected[t.Policy].Contains(role);
                if (allowed && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    failures.Add($"{role} {t.Method} {t.Pattern}: {(int)status}, expected access");
                if (!allowed && status != HttpStatusCode.Forbidden)
                    failures.Add($"{role} {t.Method} {t.Pattern}: {(int)status}, expected 403");
            }
        }
        output.WriteLine($"{targets.Count} endpoints × (anonymous + {Roles.All.Count} roles) checked");
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_wrong_school_answers_404_and_a_wrong_district_403_for_every_scoped_endpoint()
    {
        await TestRegistry.SeedAsync(api.Database); // another region with districts d1, d2 and their schools
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var t in Targets().Where(t => t.SchoolRoute || t.DistrictRoute))
        {
            var url = Url(t, Sosh1, DemoDistrict.DistrictId);
            foreach (var role in Expected[t.Policy].Where(r => r != Roles.PlatformAdmin))
            {
                TenantScope[] strangers = Roles.ScopeOf(role) switch
                {
                    ScopeKind.Region => [TenantScope.Region(TestRegistry.Region)],
                    ScopeKind.District => [TenantScope.District(TestRegistry.DistrictA)],
                    _ => [TenantScope.School(Oosh), TenantScope.School(TestRegistry.SchoolA1)], // the same district, and another one
                };
                foreach (var stranger in strangers)
                {
                    var status = await Call(t, url, api.TokenFor(stranger, role));
                    var expected = t.SchoolRoute ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden;
                    checkedCount++;
                    if (status != expected) failures.Add($"{role} of {stranger} {t.Method} {url}: {(int)status}, expected {(int)expected}");
                }
            }
        }
        checkedCount.ShouldBeGreaterThan(10);
        failures.ShouldBeEmpty();
    }
}
