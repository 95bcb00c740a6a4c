using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Identity.Accounts;
using Platform.Identity.Demo;
using Platform.Tenancy.Access;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Identity;

/// <summary>A token for school A on school B's addresses: refused by the API, and the database would not have shown B anyway.</summary>
public sealed class CrossSchoolTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid SchoolA = Guid.Parse("11000000-0000-4000-8000-000000000001");
    private static readonly Guid SchoolB = Guid.Parse("11000000-0000-4000-8000-000000000002");

    [Fact]
    public async Task A_school_A_token_is_refused_on_every_school_B_route_and_school_A_scope_reads_no_row_of_B()
    {
        // B has data of its own: an account with a sign-in, and an invitation.
        await AccountCommands.CreateAsync(api.Services, "b.mentor", "Наставник Школы Б", Roles.Mentor, TenantScope.School(SchoolB), DemoAccounts.Password, "test");
        await api.SignInAsync("b.mentor");
        var district = (await api.SignInAsync("district.curator")).AccessToken;
        await api.Scenario(s =>
        {
            s.WithBearerToken(district);
            s.Post.Json(new { schoolId = SchoolB, role = Roles.SchoolDirector, email = "director@oosh.ru", fullName = "Директор Школы Б" })
                .ToUrl($"/api/districts/{DemoDistrict.DistrictId}/invitations");
            s.StatusCodeShouldBe(201);
        });

        // Every school route of the app, with B's id, as A's director (a role allowed on all school routes).
        var tokenA = (await api.SignInAsync("director.sosh1")).AccessToken;
        var routes = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.Contains("{schoolId")).ToList();
        routes.ShouldNotBeEmpty();
        foreach (var route in routes)
        {
            var url = Regex.Replace(route.RoutePattern.RawText!, @"\{(\w+)(:[^}]*)?\}", m => m.Groups[1].Value == "schoolId" ? SchoolB.ToString() : Guid.NewGuid().ToString());
            foreach (var method in route.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                var result = await api.Scenario(s =>
                {
                    s.WithBearerToken(tokenA);
                    Verb(s, method).Url(url);
                    s.IgnoreStatusCode();
                });
                result.Context.Response.StatusCode.ShouldBe(404, $"{method} {url}");
            }
        }
        await api.Scenario(s =>
        {
            s.WithBearerToken(tokenA);
            s.Get.Url($"/api/districts/{DemoDistrict.DistrictId}/accounts");
            s.StatusCodeShouldBe(403);
        });

        // In the database: B's rows exist, and the scope A's requests run under sees none of them.
        foreach (var table in new[] { "es.mt_events", "es.mt_streams", "identity.users", "identity.invitations" })
        {
            (await api.Database.OwnerScalarAsync<long>($"SELECT count(*) FROM {table} WHERE tenant_id::text = $1::text", SchoolB)).ShouldBeGreaterThan(0, table);
            (await CountAsApp(TenantScope.School(SchoolA), $"SELECT count(*) FROM {table} WHERE tenant_id::text = $1::text", SchoolB)).ShouldBe(0, table);
            (await CountAsApp(TenantScope.School(SchoolA), $"SELECT count(*) FROM {table} WHERE tenant_id::text <> $1::text", SchoolA)).ShouldBe(0, table);
        }
    }

    private static IUrlExpression Verb(Scenario s, string method) => method switch
    {
        "GET" => s.Get, "POST" => s.Post, "PUT" => s.Put, "PATCH" => s.Patch, "DELETE" => s.Delete, "HEAD" => s.Head,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method),
    };

    /// <summary>As the application role, in a transaction scoped the way a request from A's token is.</summary>
    private async Task<long> CountAsApp(TenantScope scope, string sql, Guid arg)
    {
        await using var session = api.Services.GetRequiredService<DocumentStore>().LightweightSession(scope);
        return (await session.QueryAsync(sql, r => r.GetInt64(0), CancellationToken.None, arg))[0];
    }
}
