using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Platform.EventStore;
using Platform.Identity.Accounts;

namespace Platform.Identity.Tokens;

public sealed record TokenRequest(string? Login, string? Password);
public sealed record RefreshRequest(string? RefreshToken);
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, DateTimeOffset ExpiresAt, string RefreshToken, DateTimeOffset RefreshExpiresAt);

/// <summary>Sign-in with a password for tokens, their rotation and revocation; the public signing keys.</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Вход").AllowAnonymous();
        auth.MapPost("/token", Token).RequireRateLimiting(SignInLimits.Policy).WithSummary("Вход по логину и паролю: токен доступа и токен обновления");
        auth.MapPost("/refresh", Refresh).WithSummary("Новый токен доступа по токену обновления (токен обновления заменяется)");
        auth.MapPost("/logout", Logout).WithSummary("Выход: отзывает токен обновления и все его замены");
        app.MapGet("/.well-known/jwks.json", (SigningKeys keys) => Results.Json(keys.Jwks()))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Token(
        TokenRequest request, PasswordSignIn signIn, RefreshTokens refresh, AccessTokenIssuer issuer, HttpContext http, CancellationToken ct)
    {
        IssuedRefreshToken? issued = null;
        var outcome = await signIn.SignInAsync(request.Login, request.Password, "password", http,
            async (session, user) => issued = await refresh.IssueAsync(session, user, null, ct), ct);
        if (outcome.Status != SignInStatus.Succeeded)
            return Unauthorized(outcome.Message!, outcome.Status.ToString().ToLowerInvariant());
        return TypedResults.Ok(Response(issuer.Issue(outcome.User!), issued!, issuer));
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(
        RefreshRequest request, RefreshTokens refresh, AccessTokenIssuer issuer, IdentityDb db, UserManager<PlatformUser> users,
        DocumentStore store, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        await using var session = store.LightweightSession(TenantScope.Platform);
        session.CorrelationId = http.TraceIdentifier;
        await db.EnlistAsync(session, ct);
        var row = await refresh.FindForUpdateAsync(session, request.RefreshToken, ct);
        if (row is null || row.RevokedAt is not null)
            return Unauthorized("Токен обновления недействителен или отозван. Войдите заново.", "invalid_refresh_token");

        var now = time.GetUtcNow();
        var user = await users.FindByIdAsync(row.UserId.ToString());
        string? revokeReason = null;
        if (row.UsedAt is not null) revokeReason = "reuse";
        else if (user is null || user.BlockedAt is not null || await users.IsLockedOutAsync(user) || user.SecurityStamp != row.SecurityStamp)
            revokeReason = "account_changed";
        if (revokeReason is not null)
        {
            await refresh.RevokeFamilyAsync(session, row.FamilyId, revokeReason, ct);
            session.UserName = user?.UserName;
            session.ForTenant(row.TenantId).Append(row.UserId, new TokensRevoked(row.UserId, row.FamilyId, revokeReason, now));
            await session.SaveChangesAsync(ct);
            return revokeReason == "reuse"
                ? Unauthorized("Этот токен обновления уже был использован. Для безопасности завершены все сеансы этого входа — войдите заново.", "refresh_token_reused")
                : Unauthorized("Учётная запись изменена или заблокирована. Войдите заново.", "account_changed");
        }
        if (row.ExpiresAt <= now) return Unauthorized("Срок действия токена обновления истёк. Войдите заново.", "refresh_token_expired");

        var next = await refresh.IssueAsync(session, user!, row.FamilyId, ct);
        await refresh.MarkUsedAsync(session, row, next.Id, ct);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(Response(issuer.Issue(user!), next, issuer));
    }

    private static async Task<NoContent> Logout(
        RefreshRequest request, RefreshTokens refresh, DocumentStore store, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        await using var session = store.LightweightSession(TenantScope.Platform);
        session.CorrelationId = http.TraceIdentifier;
        var row = await refresh.FindForUpdateAsync(session, request.RefreshToken, ct);
        if (row is not null && row.RevokedAt is null)
        {
            await refresh.RevokeFamilyAsync(session, row.FamilyId, "logout", ct);
            session.UserName = http.User.Identity?.Name;
            session.ForTenant(row.TenantId).Append(row.UserId, new TokensRevoked(row.UserId, row.FamilyId, "logout", time.GetUtcNow()));
            await session.SaveChangesAsync(ct);
        }
        return TypedResults.NoContent();
    }

    private static TokenResponse Response(AccessToken access, IssuedRefreshToken refresh, AccessTokenIssuer issuer) =>
        new(access.Token, "Bearer", (int)issuer.Lifetime.TotalSeconds, access.ExpiresAt, refresh.Token, refresh.ExpiresAt);

    private static ProblemHttpResult Unauthorized(string detail, string code) => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized, title: "Вход не выполнен", detail: detail,
        extensions: new Dictionary<string, object?> { ["code"] = code });
}
