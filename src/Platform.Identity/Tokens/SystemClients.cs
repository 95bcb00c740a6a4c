using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
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
    internal const string ScopeProperty = "tenant_scope";
    internal const string RegisteredByProperty = "registered_by";
    internal const string RegisteredAtProperty = "registered_at";
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
        group.MapGet("", async (HttpContext http, SystemClientRegistry registry, CancellationToken ct) =>
                TypedResults.Ok(await registry.ListAsync(Scope(http), ct)))
            .WithSummary($"Внешние системы {whose} (клиенты OAuth)");
        group.MapPost("", async (HttpContext http, RegisterClient command, SystemClientRegistry registry, TenantContext tenant, CancellationToken ct) =>
            {
                var registered = await registry.RegisterAsync(Scope(http), command, tenant.Caller!.UserName, ct);
                return TypedResults.Created($"{http.Request.Path}/{registered.ClientId}", registered);
            })
            .WithSummary($"Зарегистрировать внешнюю систему {whose}: client_id и секрет (показывается один раз)");
        group.MapDelete("/{clientId}", async Task<Results<NoContent, NotFound>> (HttpContext http, string clientId, SystemClientRegistry registry, CancellationToken ct) =>
                await registry.RemoveAsync(Scope(http), clientId, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Удалить внешнюю систему; её токены отзываются");
    }

    /// <summary>The scope a client was registered for, from its properties; null for other clients.</summary>
    public static SystemClientScope? Describe(ImmutableDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(ScopeProperty, out var value) && Caller.ParseScope(value.GetString()) is { } scope ? new SystemClientScope(scope) : null;
}

/// <summary>Registers, lists and removes a scope's system clients: for the API and the district's «Внешние системы» page alike.</summary>
public sealed class SystemClientRegistry(IOpenIddictApplicationManager apps, IOpenIddictTokenManager tokens, IOptionsMonitor<OpenIddictServerOptions> server,
    TimeProvider time)
{
    public async Task<List<SystemClient>> ListAsync(TenantScope scope, CancellationToken ct)
    {
        var list = new List<SystemClient>();
        await foreach (var app in apps.ListAsync(count: null, offset: null, ct))
        {
            var properties = await apps.GetPropertiesAsync(app, ct);
            if (SystemClients.Describe(properties)?.Scope != scope) continue;
            list.Add(await ViewAsync(app, properties, ct));
        }
        return list.OrderBy(c => c.DisplayName, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>A new client with its secret (shown once); refused with field errors or, over the limit, a rule.</summary>
    public async Task<RegisteredClient> RegisterAsync(TenantScope scope, RegisterClient command, string registeredBy, CancellationToken ct)
    {
        var name = command.DisplayName?.Trim();
        var scopes = command.Scopes is { Length: > 0 } ? command.Scopes.Distinct().ToArray() : [TokenServer.ReportingRead];
        new Validation()
            .Require(!string.IsNullOrEmpty(name), "displayName", "Укажите название системы.")
            .Require((name?.Length ?? 0) <= SystemClients.MaxDisplayName, "displayName", $"Название — не длиннее {SystemClients.MaxDisplayName} символов.")
            .Require(scopes.All(SystemClients.Grantable.Contains), "scopes", "Доступные области: " + string.Join(", ", SystemClients.Grantable) + ".")
            .ThrowIfInvalid();
        if ((await ListAsync(scope, ct)).Count >= SystemClients.MaxPerScope)
            throw new DomainRuleException($"Можно зарегистрировать не больше {SystemClients.MaxPerScope} внешних систем: удалите ненужные.");

        var clientId = $"{scope.Kind.ToString().ToLowerInvariant()}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId, ClientSecret = secret, ClientType = ClientTypes.Confidential, DisplayName = name,
            Permissions = { Permissions.Endpoints.Token, Permissions.Endpoints.Introspection, Permissions.Endpoints.Revocation, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var s in scopes) descriptor.Permissions.Add(Permissions.Prefixes.Scope + s);
        descriptor.Properties[SystemClients.ScopeProperty] = JsonSerializer.SerializeToElement(scope.ToString());
        descriptor.Properties[SystemClients.RegisteredByProperty] = JsonSerializer.SerializeToElement(registeredBy);
        descriptor.Properties[SystemClients.RegisteredAtProperty] = JsonSerializer.SerializeToElement(time.GetUtcNow());
        await apps.CreateAsync(descriptor, ct);
        var options = server.CurrentValue; // the token endpoint at the address clients reach the product at (the issuer)
        return new RegisteredClient(clientId, secret, name!, scopes, new Uri(options.Issuer!, options.TokenEndpointUris[0]).AbsoluteUri);
    }

    /// <summary>Removes one of the scope's clients and revokes its tokens; false when the scope has no such client.</summary>
    public async Task<bool> RemoveAsync(TenantScope scope, string clientId, CancellationToken ct)
    {
        var app = await apps.FindByClientIdAsync(clientId, ct);
        if (app is null || SystemClients.Describe(await apps.GetPropertiesAsync(app, ct))?.Scope != scope) return false;
        await tokens.RevokeByApplicationIdAsync((await apps.GetIdAsync(app, ct))!, ct);
        await apps.DeleteAsync(app, ct);
        return true;
    }

    private async Task<SystemClient> ViewAsync(object app, ImmutableDictionary<string, JsonElement> properties, CancellationToken ct)
    {
        var scopes = (await apps.GetPermissionsAsync(app, ct))
            .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..]).ToList();
        return new SystemClient((await apps.GetClientIdAsync(app, ct))!, (await apps.GetDisplayNameAsync(app, ct)) ?? "", scopes,
            properties.TryGetValue(SystemClients.RegisteredByProperty, out var by) ? by.GetString() : null,
            properties.TryGetValue(SystemClients.RegisteredAtProperty, out var at) ? at.GetDateTimeOffset() : null);
    }
}
