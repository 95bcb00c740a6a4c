using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Platform.EventStore;
using Platform.Identity.Tokens;
using Platform.Tenancy.Resolution;

namespace Platform.Identity.Accounts;

/// <summary>
/// Load, decide, save for a curator's change to an account. Identity's context joins the request's
/// transaction, whose scope is the route's district: an account outside the district is not found
/// (row-level security), and the account row and its events commit together; its token sessions are
/// revoked first (see <see cref="SessionRevocation"/>).
/// </summary>
public sealed class AccountChange(DocumentSession session, IdentityDb db, UserManager<PlatformUser> users, SessionRevocation revocation,
    TenantContext tenant, TimeProvider time)
{
    public async Task<Results<Ok<AccountCard>, NotFound>> ApplyAsync(Guid id, CancellationToken ct,
        Func<PlatformUser, Caller, DateTimeOffset, object[]> decide, string? revokeReason)
    {
        await db.EnlistAsync(session, ct);
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return TypedResults.NotFound();
        var now = time.GetUtcNow();
        var events = decide(user, tenant.Caller!, now);
        if (events.Length > 0)
        {
            var result = await users.UpdateSecurityStampAsync(user); // also saves the decided changes
            if (!result.Succeeded) throw AccountCommands.IdentityErrors(result);
            var stream = session.ForTenant(user.TenantId);
            stream.Append(user.Id, events);
            if (revokeReason is not null && await revocation.RevokeAllAsync(user.Id, ct) > 0)
                stream.Append(user.Id, new TokensRevoked(user.Id, null, revokeReason, now));
            await session.SaveChangesAsync(ct);
        }
        return TypedResults.Ok((await AccountList.FindAsync(session, id, ct))!);
    }
}
