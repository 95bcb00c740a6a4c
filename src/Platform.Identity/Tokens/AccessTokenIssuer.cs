using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.EventStore;
using Platform.Identity.Accounts;
using Platform.Tenancy.Resolution;

namespace Platform.Identity.Tokens;

public sealed record AccessToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>Short-lived JWT access tokens (RS256, with the key id in the header).</summary>
public sealed class AccessTokenIssuer(SigningKeys keys, IOptions<AuthOptions> options, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TimeSpan Lifetime => TimeSpan.FromMinutes(options.Value.AccessTokenMinutes);

    public AccessToken Issue(PlatformUser user, DateTimeOffset? issuedAt = null) =>
        Issue(user.Id, user.UserName!, user.FullName, user.Roles, user.Scope, issuedAt);

    /// <param name="issuedAt">Now, unless a test needs a token from the past.</param>
    public AccessToken Issue(Guid userId, string userName, string? fullName, IEnumerable<string> roles, TenantScope scope, DateTimeOffset? issuedAt = null)
    {
        var now = issuedAt ?? time.GetUtcNow();
        var expires = now + Lifetime;
        var claims = ClaimsFor(userId, userName, fullName, roles, scope);
        claims.Add(new Claim("jti", Guid.NewGuid().ToString("N")));
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = keys.Current,
        });
        return new AccessToken(token, expires);
    }

    /// <summary>The claims of an account, the same in an access token and in the web UI's cookie.</summary>
    public static List<Claim> ClaimsFor(Guid userId, string userName, string? fullName, IEnumerable<string> roles, TenantScope scope)
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

    public static ClaimsPrincipal PrincipalFor(PlatformUser user, string scheme) => new(new ClaimsIdentity(
        ClaimsFor(user.Id, user.UserName!, user.FullName, user.Roles, user.Scope), scheme, PlatformClaims.Name, PlatformClaims.Role));
}
