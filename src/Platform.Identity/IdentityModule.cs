using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.EventStore;
using Platform.Identity.Accounts;
using Platform.Identity.Audit;
using Platform.Identity.External;
using Platform.Identity.Invitations;
using Platform.Identity.Tokens;
using Platform.Identity.Web;
using Platform.Jobs.Scheduling;
using Platform.Tenancy.Resolution;

namespace Platform.Identity;

public static class IdentityModule
{
    /// <summary>
    /// A cookie session is checked against its account at every request: a changed security stamp (blocking, a role, name or
    /// password change) ends it. Unlike Identity's SecurityStampValidator, a valid session keeps its principal and its cookie:
    /// every change that matters renews the stamp, so there is nothing to refresh, and re-issuing the cookie on every page
    /// cost an encryption and a Set-Cookie per request.
    /// The stamp is read with a compiled query, not through SignInManager: building Identity's managers and a query for every
    /// page was a sixth of the host's time under the December load.
    /// </summary>
    private static async Task ValidateSessionAsync(Microsoft.AspNetCore.Authentication.Cookies.CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        if (context.Principal is { } principal && Guid.TryParse(principal.FindFirst(claims.UserIdClaimType)?.Value, out var id)
            && await SecurityStampOf(services.GetRequiredService<IdentityDb>(), id) is { } stamp
            && stamp == (principal.FindFirst(claims.SecurityStampClaimType)?.Value ?? ""))
            return;
        context.RejectPrincipal();
        await services.GetRequiredService<SignInManager<PlatformUser>>().SignOutAsync();
    }

    /// <summary>An account's security stamp ("" when it has none), null when there is no such account.</summary>
    private static readonly Func<IdentityDb, Guid, Task<string?>> SecurityStampOf = EF.CompileAsyncQuery(
        (IdentityDb db, Guid id) => db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp ?? "").FirstOrDefault());

    /// <summary>Chooses, per request, a bearer token (Authorization header) or the web UI's cookie.</summary>
    public const string Scheme = "platform";

    /// <summary>The request is signed in with a bearer token, not with the web UI's cookie (see <see cref="Scheme"/>).</summary>
    public static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    public static DocumentStoreOptions AddIdentity(this DocumentStoreOptions options) => options
        .Aggregate<Account>()
        .RegisterEvents(Account.EventTypes)
        .Aggregate<Invitation>()
        .Project(new InvitationProjection());

    public static IServiceCollection AddPlatformIdentity(this IServiceCollection services, IConfiguration config)
    {
        // Configuration is read when options are first resolved, not here: test hosts change it after registration.
        services.Configure<AuthOptions>(config.GetSection(AuthOptions.Section));

        // Identity's own connections run in platform scope (platform_system's, the only role PostgreSQL lets use it): sign-in
        // looks accounts up before any tenant is known.
        services.AddDbContext<IdentityDb>((sp, o) =>
        {
            var config = sp.GetRequiredService<IConfiguration>();
            // Tuned: the account lookup of every signed-in request is prepared once per connection, without a reset per use (the
            // connections are platform_system's, scoped by their start-up options).
            o.UseNpgsql(new NpgsqlConnectionStringBuilder(DocumentStore.Tuned(DocumentStore.ForRequests(
                config.GetConnectionString("PlatformSystem") ?? throw new InvalidOperationException("ConnectionStrings:PlatformSystem is not configured."),
                config.GetConnectionString("Platform")!)))
            {
                Options = "-c app.scope_kind=platform",
                ApplicationName = "platform-identity",
            }.ConnectionString).UseOpenIddict<Guid>();
        }, optionsLifetime: ServiceLifetime.Singleton); // built once, not for every request's context
        services.AddIdentityCore<PlatformUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.ClaimsIdentity.UserIdClaimType = PlatformClaims.Subject;
                o.ClaimsIdentity.UserNameClaimType = PlatformClaims.Name;
                o.ClaimsIdentity.RoleClaimType = PlatformClaims.Role;
            })
            .AddEntityFrameworkStores<IdentityDb>()
            .AddSignInManager()
            .AddErrorDescriber<RussianIdentityErrors>()
            .AddClaimsPrincipalFactory<PlatformClaimsFactory>();
        services.AddOptions<IdentityOptions>().Configure<IOptions<AuthOptions>>((o, auth) =>
        {
            o.Lockout.MaxFailedAccessAttempts = auth.Value.MaxFailedAttempts;
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(auth.Value.LockoutMinutes);
        });
        services.AddOptions<PasswordHasherOptions>().Configure<IOptions<AuthOptions>>((o, auth) => o.IterationCount = auth.Value.PasswordHashIterations);

        services.AddSharedDataProtection();
        services.AddTokenServer();
        services.AddPlatformRecurringJob<TokenPruning>(TokenPruning.Id, "45 2 * * *");
        services.AddSingleton<SessionRevocation>();
        services.AddScoped<SystemClientRegistry>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<AccountChange>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Bearer token or cookie", o => o.ForwardDefaultSelector = http =>
                HasBearerToken(http.Request) ? JwtBearerDefaults.AuthenticationScheme : IdentityConstants.ApplicationScheme)
            .AddJwtBearer()
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = "nastavnik.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax; // a client's redirect to /connect/authorize must carry it; forms check antiforgery
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.Events.OnValidatePrincipal = ValidateSessionAsync;
            })
            // Identity signs out of these too when a session's security stamp no longer matches: registered, so that the
            // sign-out of a blocked account's session is a redirect to the sign-in page, not a 500.
            .AddCookie(IdentityConstants.ExternalScheme)
            .AddCookie(IdentityConstants.TwoFactorRememberMeScheme)
            .AddCookie(IdentityConstants.TwoFactorUserIdScheme);
        // The account pages (Web/AccountPages.cs) check each form's token themselves; cookie writes to the API, CookieApiWrites.
        services.AddAntiforgery(o => o.Cookie.Name = "nastavnik.antiforgery");
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, TokenKeys, IHostEnvironment>((o, options, keys, env) => ConfigureBearer(o, options.Value, keys, env));
        services.AddSignInLimits();
        services.AddAuthorizationBuilder().AddPlatformPolicies();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return services;
    }

    /// <summary>
    /// Access tokens of our token server (stateless JWTs: checked with its public keys, valid until they expire), or
    /// an external provider's, mapped to our claims.
    /// </summary>
    private static void ConfigureBearer(JwtBearerOptions o, AuthOptions auth, TokenKeys keys, IHostEnvironment env)
    {
        o.MapInboundClaims = false;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = auth.IsExternal ? null : auth.IssuerUri(env.IsDevelopment()).AbsoluteUri,
            ValidAudience = auth.Audience,
            NameClaimType = PlatformClaims.Name,
            RoleClaimType = PlatformClaims.Role,
            ClockSkew = TimeSpan.FromSeconds(30),
            IssuerSigningKeyResolver = (_, _, kid, _) => keys.Resolve(kid),
        };
        if (!auth.IsExternal) return;
        o.Authority = auth.Authority;
        o.Audience = auth.Audience;
        o.RequireHttpsMetadata = auth.RequireHttpsMetadata;
        o.TokenValidationParameters.ValidIssuer = null; // the provider's metadata gives it
        o.TokenValidationParameters.IssuerSigningKeyResolver = null; // and its keys
        o.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var mapped = ExternalClaimsMapper.Map(context.Principal!, auth.External);
                if (mapped is null) context.Fail($"The token has no valid '{auth.External.ScopeClaim}' claim.");
                else context.Principal = mapped;
                return Task.CompletedTask;
            },
        };
    }

    public static IEndpointRouteBuilder MapPlatformIdentity(this IEndpointRouteBuilder app, bool external)
    {
        // With an external provider, accounts are created and signed in there: no local sign-in or invitations.
        if (!external)
        {
            app.MapTokenEndpoints();
            app.MapSystemClients();
            app.MapInvitations();
        }
        app.MapAccounts();
        app.MapSecurityAudit();
        return app;
    }
}

/// <summary>The web UI's cookie principal: our claims plus Identity's security stamp (a password or role change ends the session).</summary>
public sealed class PlatformClaimsFactory(UserManager<PlatformUser> users) : IUserClaimsPrincipalFactory<PlatformUser>
{
    public Task<System.Security.Claims.ClaimsPrincipal> CreateAsync(PlatformUser user)
    {
        var principal = AccountClaims.PrincipalFor(user, IdentityConstants.ApplicationScheme);
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(
            new(users.Options.ClaimsIdentity.SecurityStampClaimType, user.SecurityStamp ?? ""));
        return Task.FromResult(principal);
    }
}
