using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Abstractions;
using Platform.Domain;
using Platform.EventStore;
using Platform.Tenancy.Resolution;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Tokens;

public sealed record RegisterClient(string? DisplayName, string[]? Scopes);
public sealed record SystemClient(string ClientId, string DisplayName, IReadOnlyList<string> Scopes, string? RegisteredBy, DateTimeOffset? RegisteredAt);
public sealed record RegisteredClient(string ClientId, string ClientSecret, string DisplayName, IReadOnlyList<string> Scopes, string TokenEndpoint);
public sealed record SystemClientScope(TenantScope Scope);

/// <summary>
/// Systems that read a district's or a region's data on their own (the institute's collector, a region's data
/// warehouse): OAuth clients with a secret, using the client credentials grant, registered by the district
/// curator or the region officer for their own scope. The secret is shown once and stored hashed.
/// </summary>
public static class SystemClients
{
    private const string ScopeProperty = "tenant_scope";
    private const string RegisteredByProperty = "registered_by";
    private const string RegisteredAtProperty = "registered_at";
    public const int MaxDisplayName = 200;
    public const int MaxPerScope = 20;

    /// <summary>The scopes a system client may be given.</summary>
    public static readonly IReadOnlyList<string> Grantable = [TokenServer.ReportingRead];

    public static IEndpointRouteBuilder MapSystemClients(this IEndpointRouteBuilder app)
    {
        Map(app.MapGroup("/api/districts/{districtId:guid}/clients").RequireAuthorization(Policies.DistrictWrite), "districtId", TenantScope.District, "района");
        Map(app.MapGroup("/api/regions/{regionId:guid}/clients").RequireAuthorization(Policies.RegionClients), "regionId", TenantScope.Region, "региона");
        return app;
    }

    /// <summary>The same three endpoints for a district's and a region's clients; the route's id is the scope.</summary>
    private static void Map(RouteGroupBuilder group, string routeKey, Func<Guid, TenantScope> scopeOf, string whose)
    {
        TenantScope Scope(HttpContext http) => scopeOf(Guid.Parse((string)http.GetRouteValue(routeKey)!));
        group.WithTags("Внешние системы");
        group.MapGet("", (HttpContext http, IOpenIddictApplicationManager apps, CancellationToken ct) => List(Scope(http), apps, ct))
            .WithSummary($"Внешние системы {whose} (клиенты OAuth)");
        group.MapPost("", (HttpContext http, RegisterClient command, IOpenIddictApplicationManager apps, TenantContext tenant, TimeProvider time, CancellationToken ct) =>
                Register(Scope(http), command, apps, tenant, time, http, ct))
            .WithSummary($"Зарегистрировать внешнюю систему {whose}: client_id и секрет (показывается один раз)");
        group.MapDelete("/{clientId}", (HttpContext http, string clientId, IOpenIddictApplicationManager apps, IOpenIddictTokenManager tokens, CancellationToken ct) =>
                Remove(Scope(http), clientId, apps, tokens, ct))
            .WithSummary("Удалить внешнюю систему; её токены отзываются");
    }

    /// <summary>The scope a client was registered for, from its properties; null for other clients.</summary>
    public static SystemClientScope? Describe(ImmutableDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(ScopeProperty, out var value) && Caller.ParseScope(value.GetString()) is { } scope ? new SystemClientScope(scope) : null;

    private static async Task<Ok<List<SystemClient>>> List(TenantScope scope, IOpenIddictApplicationManager apps, CancellationToken ct)
    {
        var list = new List<SystemClient>();
        await foreach (var app in apps.ListAsync(count: null, offset: null, ct))
        {
            var properties = await apps.GetPropertiesAsync(app, ct);
            if (Describe(properties)?.Scope != scope) continue;
            list.Add(await ViewAsync(apps, app, properties, ct));
        }
        return TypedResults.Ok(list.OrderBy(c => c.DisplayName, StringComparer.CurrentCulture).ToList());
    }

    private static async Task<Results<Created<RegisteredClient>, ProblemHttpResult>> Register(TenantScope scope, RegisterClient command,
        IOpenIddictApplicationManager apps, TenantContext tenant, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var name = command.DisplayName?.Trim();
        var scopes = command.Scopes is { Length: > 0 } ? command.Scopes.Distinct().ToArray() : [TokenServer.ReportingRead];
        new Validation()
            .Require(!string.IsNullOrEmpty(name), "displayName", "Укажите название системы.")
            .Require((name?.Length ?? 0) <= MaxDisplayName, "displayName", $"Название — не длиннее {MaxDisplayName} символов.")
            .Require(scopes.All(Grantable.Contains), "scopes", "Доступные области: " + string.Join(", ", Grantable) + ".")
            .ThrowIfInvalid();
        if ((await List(scope, apps, ct)).Value!.Count >= MaxPerScope)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Слишком много внешних систем",
                detail: $"Можно зарегистрировать не больше {MaxPerScope} внешних систем: удалите ненужные.");

        var clientId = $"{scope.Kind.ToString().ToLowerInvariant()}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId, ClientSecret = secret, ClientType = ClientTypes.Confidential, DisplayName = name,
            Permissions = { Permissions.Endpoints.Token, Permissions.Endpoints.Introspection, Permissions.Endpoints.Revocation, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var s in scopes) descriptor.Permissions.Add(Permissions.Prefixes.Scope + s);
        descriptor.Properties[ScopeProperty] = JsonSerializer.SerializeToElement(scope.ToString());
        descriptor.Properties[RegisteredByProperty] = JsonSerializer.SerializeToElement(tenant.Caller!.UserName);
        descriptor.Properties[RegisteredAtProperty] = JsonSerializer.SerializeToElement(time.GetUtcNow());
        await apps.CreateAsync(descriptor, ct);
        var tokenEndpoint = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/connect/token";
        return TypedResults.Created($"{http.Request.Path}/{clientId}", new RegisteredClient(clientId, secret, name!, scopes, tokenEndpoint));
    }

    private static async Task<Results<NoContent, NotFound>> Remove(TenantScope scope, string clientId,
        IOpenIddictApplicationManager apps, IOpenIddictTokenManager tokens, CancellationToken ct)
    {
        var app = await apps.FindByClientIdAsync(clientId, ct);
        if (app is null || Describe(await apps.GetPropertiesAsync(app, ct))?.Scope != scope) return TypedResults.NotFound();
        await tokens.RevokeByApplicationIdAsync((await apps.GetIdAsync(app, ct))!, ct);
        await apps.DeleteAsync(app, ct);
        return TypedResults.NoContent();
    }

    private static async Task<SystemClient> ViewAsync(IOpenIddictApplicationManager apps, object app, ImmutableDictionary<string, JsonElement> properties, CancellationToken ct)
    {
        var scopes = (await apps.GetPermissionsAsync(app, ct))
            .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..]).ToList();
        return new SystemClient((await apps.GetClientIdAsync(app, ct))!, (await apps.GetDisplayNameAsync(app, ct)) ?? "", scopes,
            properties.TryGetValue(RegisteredByProperty, out var by) ? by.GetString() : null,
            properties.TryGetValue(RegisteredAtProperty, out var at) ? at.GetDateTimeOffset() : null);
    }
}
