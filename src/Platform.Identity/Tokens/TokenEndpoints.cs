using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.EventStore;
using Platform.Identity.Accounts;
using Platform.Tenancy.Resolution;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Tokens;

/// <summary>
/// The token server's decisions, behind OpenIddict's protocol handling: who gets a token, with which claims.
/// Access tokens carry the same claims as the web UI's cookie (<see cref="AccountClaims"/>), so tenant
/// resolution and the policies work alike for both.
/// </summary>
public static class TokenEndpoints
{
    /// <summary>Identity's security stamp, kept in refresh tokens and codes (never in access tokens): a change ends the sign-in.</summary>
    private const string StampClaim = "AspNet.Identity.SecurityStamp";

    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        var connect = app.MapGroup("/connect").AllowAnonymous().ExcludeFromDescription();
        connect.MapPost("/token", Token).RequireRateLimiting(SignInLimits.Policy).DisableAntiforgery();
        connect.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], Authorize).DisableAntiforgery();
        connect.MapMethods("/endsession", [HttpMethods.Get, HttpMethods.Post], EndSession).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> Token(HttpContext http, IServiceScopeFactory scopes, UserManager<PlatformUser> users,
        IOpenIddictApplicationManager applications, SessionRevocation revocation, IOptions<AuthOptions> auth, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var audience = auth.Value.Audience;

        if (request.IsPasswordGrantType())
        {
            // Its own scope: the sign-in's transaction must not hold the context the token server stores tokens with.
            await using var scope = scopes.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<PasswordSignIn>()
                .SignInAsync(request.Username, request.Password, "password", http, null, ct);
            return outcome.Status switch
            {
                SignInStatus.Succeeded => SignIn(ForAccount(outcome.User!), request.GetScopes(), audience),
                SignInStatus.Throttled => SignInLimits.TooMany(http, outcome.Wait!.Value, outcome.Message!),
                _ => Refuse(Errors.InvalidGrant, outcome.Message!),
            };
        }

        if (request.IsRefreshTokenGrantType() || request.IsAuthorizationCodeGrantType())
        {
            var stored = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal!;
            var user = await users.FindByIdAsync(stored.GetClaim(Claims.Subject) ?? "");
            if (user is not null && request.IsRefreshTokenGrantType() && !await RedeemsFirstAsync(http, scopes, stored.GetTokenId()!, ct))
            {
                await revocation.RevokeSignInAsync(user, stored.GetAuthorizationId(), "reuse", http, ct);
                return Refuse(Errors.InvalidGrant, "Этот токен обновления уже был использован. Для безопасности завершены все сеансы этого входа — войдите заново.");
            }
            if (user is null || user.BlockedAt is not null || await users.IsLockedOutAsync(user) || stored.GetClaim(StampClaim) != user.SecurityStamp)
            {
                if (user is not null) await revocation.RevokeSignInAsync(user, stored.GetAuthorizationId(), "account_changed", http, ct);
                return Refuse(Errors.InvalidGrant, "Учётная запись изменена или заблокирована. Войдите заново.");
            }
            return SignIn(ForAccount(user), stored.GetScopes(), audience);
        }

        if (request.IsClientCredentialsGrantType())
        {
            var client = await applications.FindByClientIdAsync(request.ClientId!, ct);
            var system = client is null ? null : SystemClients.Describe(await applications.GetPropertiesAsync(client, ct));
            if (system is null) return Refuse(Errors.UnauthorizedClient, "Клиент не зарегистрирован как внешняя система района или региона.");
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, request.ClientId)
                .SetClaim(Claims.Name, request.ClientId)
                .SetClaim(PlatformClaims.FullName, await applications.GetDisplayNameAsync(client!, ct))
                .SetClaim(PlatformClaims.Scope, system.Scope.ToString());
            if (request.HasScope(TokenServer.ReportingRead)) identity.SetClaim(Claims.Role, Roles.ReportingReader);
            return SignIn(identity, request.GetScopes(), audience);
        }

        return Refuse(Errors.UnsupportedGrantType, "Этот способ получения токена не поддерживается.");
    }

    /// <summary>
    /// Two requests with one refresh token at the same moment would both pass the token server's check before either
    /// marks the token redeemed. A lock per token, held until the response is sent (the token is redeemed by then),
    /// makes the second one wait and then see the token used.
    /// </summary>
    private static async Task<bool> RedeemsFirstAsync(HttpContext http, IServiceScopeFactory scopes, string tokenId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        // Reset when given back to the pool (unlike Identity's own connections): a lock left by a failed release is dropped with it.
        var gate = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { NoResetOnClose = false }.ConnectionString);
        await gate.OpenAsync(ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended($1, 7))", gate) { Parameters = { new() { Value = tokenId } } })
            await take.ExecuteNonQueryAsync(ct);
        http.Response.OnCompleted(async () =>
        {
            await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended($1, 7))", gate) { Parameters = { new() { Value = tokenId } } })
                await release.ExecuteNonQueryAsync();
            await gate.DisposeAsync();
        });
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var entry = await tokens.FindByIdAsync(tokenId, ct);
        return entry is not null && await tokens.HasStatusAsync(entry, Statuses.Valid, ct);
    }

    /// <summary>An interactive client sends the user here; a user without the web sign-in cookie signs in first and comes back.</summary>
    private static async Task<IResult> Authorize(HttpContext http, UserManager<PlatformUser> users, IOptions<AuthOptions> auth)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = cookie.Succeeded ? await users.GetUserAsync(cookie.Principal!) : null;
        if (user is null || user.BlockedAt is not null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
                return Refuse(Errors.LoginRequired, "Требуется вход.");
            var query = http.Request.HasFormContentType
                ? QueryString.Create(http.Request.Form.Where(p => p.Key != Parameters.Prompt).Select(p => KeyValuePair.Create(p.Key, p.Value)))
                : http.Request.QueryString;
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + query },
                [IdentityConstants.ApplicationScheme]);
        }
        return SignIn(ForAccount(user), request.GetScopes(), auth.Value.Audience);
    }

    // Not a RequestDelegate (HttpContext → Task): the result would be discarded instead of executed.
    private static async Task<IResult> EndSession(HttpContext http, CancellationToken ct)
    {
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static ClaimsIdentity ForAccount(PlatformUser user)
    {
        var identity = AccountClaims.IdentityFor(user, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        identity.SetClaim(StampClaim, user.SecurityStamp ?? "");
        return identity;
    }

    private static IResult SignIn(ClaimsIdentity identity, ImmutableArray<string> scopes, string audience)
    {
        identity.SetScopes(scopes).SetResources(audience);
        identity.SetDestinations(claim => claim.Type switch
        {
            StampClaim => [],
            Claims.Subject => [Destinations.AccessToken, Destinations.IdentityToken],
            _ when claim.Subject!.HasScope(Scopes.OpenId) => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>An OAuth error (<c>error</c>, <c>error_description</c>), in Russian for the people reading it.</summary>
    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
