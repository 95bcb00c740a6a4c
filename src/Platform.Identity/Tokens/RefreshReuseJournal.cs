using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Platform.Identity.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Platform.Identity.Tokens;

/// <summary>
/// A refresh token presented again after it was redeemed: the token server refuses it and revokes that sign-in
/// (the step after this one); this records it in the account's security journal first.
/// </summary>
public sealed class RefreshReuseJournal(IOpenIddictTokenManager tokens, UserManager<PlatformUser> users, SessionRevocation revocation)
    : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseScopedHandler<RefreshReuseJournal>()
        .SetOrder(OpenIddictServerHandlers.Protection.ValidateTokenEntry.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.Request?.IsRefreshTokenGrantType() != true || context.Token != context.Request.RefreshToken
            || context.TokenId is null || context.Principal is null) return;
        var entry = await tokens.FindByIdAsync(context.TokenId, context.CancellationToken);
        if (entry is null || !await tokens.HasStatusAsync(entry, Statuses.Redeemed, context.CancellationToken)) return;
        var user = await users.FindByIdAsync(context.Principal.GetClaim(Claims.Subject) ?? "");
        var http = context.Transaction.GetHttpRequest()?.HttpContext;
        if (user is not null && http is not null)
            await revocation.JournalAsync(user, context.AuthorizationId ?? context.Principal.GetAuthorizationId(), "reuse", http, context.CancellationToken);
    }
}
