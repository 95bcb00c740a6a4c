using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Platform.EventStore;
using Platform.Identity.Accounts;

namespace Platform.Identity.Tokens;

/// <summary>
/// Ends token sessions: one sign-in (an OpenIddict authorization and every token issued under it) or all of an
/// account's. The token server's tables are platform-only, so this works on its own context, outside the
/// caller's transaction: revoking is committed even if the caller's change then fails (it fails closed).
/// </summary>
public sealed class SessionRevocation(IServiceScopeFactory scopes, DocumentStore store, TimeProvider time)
{
    /// <summary>Revokes every authorization and token of the account; the number of them that were still valid.</summary>
    public async Task<long> RevokeAllAsync(Guid accountId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var subject = accountId.ToString();
        var revoked = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().RevokeBySubjectAsync(subject, ct);
        return revoked + await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().RevokeBySubjectAsync(subject, ct);
    }

    /// <summary>Revokes one sign-in's tokens and records it in the account's stream.</summary>
    public async Task RevokeSignInAsync(PlatformUser user, string? authorizationId, string reason, HttpContext http, CancellationToken ct)
    {
        if (authorizationId is not null)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().RevokeByAuthorizationIdAsync(authorizationId, ct);
            var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
            if (await authorizations.FindByIdAsync(authorizationId, ct) is { } authorization) await authorizations.TryRevokeAsync(authorization, ct);
        }
        await JournalAsync(user, authorizationId, reason, http, ct);
    }

    /// <summary>Records in the account's stream that a sign-in's tokens were revoked.</summary>
    public async Task JournalAsync(PlatformUser user, string? authorizationId, string reason, HttpContext http, CancellationToken ct)
    {
        await using var session = store.LightweightSession(TenantScope.Platform);
        session.CorrelationId = http.TraceIdentifier;
        session.UserName = user.UserName;
        session.ForTenant(user.TenantId).Append(user.Id,
            new TokensRevoked(user.Id, Guid.TryParse(authorizationId, out var id) ? id : null, reason, time.GetUtcNow()));
        await session.SaveChangesAsync(ct);
    }
}
