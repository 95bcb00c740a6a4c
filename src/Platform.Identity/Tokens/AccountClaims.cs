using System.Security.Claims;
using Platform.EventStore;
using Platform.Identity.Accounts;
using Platform.Tenancy.Resolution;

namespace Platform.Identity.Tokens;

/// <summary>The claims of an account, the same in an access token and in the web UI's cookie.</summary>
public static class AccountClaims
{
    public static List<Claim> For(Guid userId, string userName, string? fullName, IEnumerable<string> roles, TenantScope scope)
    {
        var claims = new List<Claim>
        {
            new(PlatformClaims.Subject, userId.ToString()),
            new(PlatformClaims.Name, userName),
            new(PlatformClaims.Scope, scope.ToString()),
        };
        if (!string.IsNullOrEmpty(fullName)) claims.Add(new Claim(PlatformClaims.FullName, fullName));
        claims.AddRange(roles.Select(r => new Claim(PlatformClaims.Role, r)));
        return claims;
    }

    public static ClaimsIdentity IdentityFor(PlatformUser user, string scheme) => new(
        For(user.Id, user.UserName!, user.FullName, user.Roles, user.Scope), scheme, PlatformClaims.Name, PlatformClaims.Role);

    public static ClaimsPrincipal PrincipalFor(PlatformUser user, string scheme) => new(IdentityFor(user, scheme));
}
