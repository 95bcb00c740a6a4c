using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using Platform.Identity.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Tokens;

/// <summary>
/// The OAuth 2.0 / OpenID Connect server (OpenIddict) on our Identity accounts: discovery, JWKS, authorization
/// code + PKCE, client credentials, password (first-party scripts), rotating refresh tokens with reuse detection,
/// revocation, introspection, end session. Its applications, authorizations and tokens live in identity.oidc_*.
/// The grants' decisions (who gets which claims) are in <see cref="TokenEndpoints"/>.
/// </summary>
public static class TokenServer
{
    /// <summary>The API's scope; <see cref="ReportingRead"/> is the read-only reporting scope of system clients.</summary>
    public const string Api = "api";
    public const string ReportingRead = "reporting.read";

    public static IServiceCollection AddTokenServer(this IServiceCollection services)
    {
        services.AddSingleton<TokenKeys>();
        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityDb>().ReplaceDefaultEntities<Guid>())
            .AddServer(o =>
            {
                o.SetTokenEndpointUris("connect/token")
                    .SetAuthorizationEndpointUris("connect/authorize")
                    .SetEndSessionEndpointUris("connect/endsession")
                    .SetIntrospectionEndpointUris("connect/introspect")
                    .SetRevocationEndpointUris("connect/revoke");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowPasswordFlow()
                    .AllowRefreshTokenFlow();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess, Api, ReportingRead);
                // A refresh token presented a second time means it was copied: no grace period, the whole sign-in is revoked.
                o.SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                o.DisableAccessTokenEncryption(); // access tokens are plain signed JWTs any resource server can check
                o.AddEventHandler(RefreshReuseJournal.Descriptor);
                o.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
            });

        // Keys, issuer and lifetimes come from configuration, read when the options are first needed (test hosts set it late).
        services.AddOptions<OpenIddictServerOptions>().Configure<TokenKeys, IOptions<AuthOptions>, IHostEnvironment>((o, keys, auth, env) =>
        {
            if (auth.Value.IsExternal)
            {
                // The provider issues the tokens: no client is registered here, and these throwaway keys sign nothing.
                o.Issuer = new Uri(auth.Value.Authority!);
                o.SigningCredentials.Add(new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)), SecurityAlgorithms.RsaSha256));
                o.EncryptionCredentials.Add(new EncryptingCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)),
                    SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
                return;
            }
            o.Issuer = auth.Value.IssuerUri(env.IsDevelopment());
            o.AccessTokenLifetime = TimeSpan.FromMinutes(auth.Value.AccessTokenMinutes);
            o.RefreshTokenLifetime = TimeSpan.FromDays(auth.Value.RefreshTokenDays);
            o.TimeProvider = TimeProvider.System; // tokens are checked against the real clock, whatever the domain's clock says
            foreach (var key in keys.Signing) o.SigningCredentials.Add(new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
            o.EncryptionCredentials.Add(new EncryptingCredentials(keys.Encryption, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
        });
        services.AddOptions<OpenIddictServerAspNetCoreOptions>().Configure<IOptions<AuthOptions>, IHostEnvironment>((o, auth, env) =>
            o.DisableTransportSecurityRequirement = !(auth.Value.RequireHttps ?? !env.IsDevelopment()));
        return services;
    }
}
