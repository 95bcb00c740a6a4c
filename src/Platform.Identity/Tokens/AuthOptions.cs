namespace Platform.Identity.Tokens;

/// <summary>The <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The token server's address as clients reach it (https://…/); default: <see cref="PublicUrl"/>.</summary>
    public string? Issuer { get; set; }
    /// <summary>The audience of our access tokens (and, with an external provider, of its tokens).</summary>
    public string Audience { get; set; } = "nastavnik-api";
    /// <summary>Token endpoints refuse plain HTTP unless this is false (a TLS-terminating proxy forwards the scheme).</summary>
    public bool? RequireHttps { get; set; }
    public int AccessTokenMinutes { get; set; } = 15;
    public int RefreshTokenDays { get; set; } = 14;

    /// <summary>Configured RSA keys (PEM files); the first signs, all validate. Empty: see <see cref="StoreKeyInDatabase"/>.</summary>
    public List<SigningKeyOptions> SigningKeys { get; set; } = [];
    /// <summary>With configured signing keys: a file with the 256-bit key that encrypts refresh tokens and codes (base64).</summary>
    public string? EncryptionKeyFile { get; set; }

    /// <summary>Interactive clients (authorization code + PKCE), e.g. the institute's portal, kept in step at start-up.</summary>
    public List<InteractiveClientOptions> Clients { get; set; } = [];

    /// <summary>
    /// Without configured keys, generate one once and keep it in identity.signing_keys (rotated by the
    /// <c>rotate-signing-key</c> command). Defaults to true in Development only.
    /// </summary>
    public bool? StoreKeyInDatabase { get; set; }

    /// <summary>
    /// A file with a 256-bit key (base64) that seals the keys kept in identity.signing_keys. Required outside Development
    /// when they are kept there; optional in Development, where keys are otherwise kept in plain form.
    /// </summary>
    public string? KeyProtectionFile { get; set; }

    /// <summary>An external OpenID Connect provider (e.g. a region's Keycloak realm). Set: its tokens are accepted instead of ours.</summary>
    public string? Authority { get; set; }
    public bool RequireHttpsMetadata { get; set; } = true;
    public ExternalClaimsOptions External { get; set; } = new();

    public int MaxFailedAttempts { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    public int PasswordHashIterations { get; set; } = 100_000;

    /// <summary>Password attempts (token, web sign-in, invitation) per client address and minute; lockout is per account.</summary>
    public int SignInPerMinute { get; set; } = 30;
    /// <summary>Password attempts on one account per minute, from anywhere.</summary>
    public int SignInPerAccountPerMinute { get; set; } = 10;
    /// <summary>
    /// Wrong passwords for one login from one client address within <see cref="LockoutMinutes"/> before that address has to
    /// wait (429); kept below <see cref="MaxFailedAttempts"/>, so that a stranger alone cannot lock the account (SignInFailures).
    /// </summary>
    public int SignInFailuresPerAddress { get; set; } = 3;

    /// <summary>The address users reach the product at, for invitation links (default: the request's own).</summary>
    public string? PublicUrl { get; set; }

    public bool IsExternal => !string.IsNullOrWhiteSpace(Authority);

    public Uri IssuerUri(bool development) => new(Issuer ?? PublicUrl ?? (development ? "http://localhost:5080/"
        : throw new InvalidOperationException("Auth:Issuer (or Auth:PublicUrl) is not configured: the address clients reach the product at.")));
}

public sealed class InteractiveClientOptions
{
    public string ClientId { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public List<string> RedirectUris { get; set; } = [];
    public List<string> PostLogoutRedirectUris { get; set; } = [];
}

public sealed class SigningKeyOptions
{
    public string Id { get; set; } = "";
    public string PemFile { get; set; } = "";
}

/// <summary>How an external provider's claims become our roles and scope.</summary>
public sealed class ExternalClaimsOptions
{
    /// <summary>Where the roles are: a claim name, or a path into a JSON claim (Keycloak: <c>realm_access.roles</c>).</summary>
    public string RolesClaim { get; set; } = "realm_access.roles";
    /// <summary>Provider role → our role; a provider role already named as ours maps to itself.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new();
    /// <summary>The claim holding the account's scope, "school:{id}", "district:{id}", "region:{id}" or "platform".</summary>
    public string ScopeClaim { get; set; } = "tenant_scope";
    public string NameClaim { get; set; } = "preferred_username";
    public string FullNameClaim { get; set; } = "name";
}
