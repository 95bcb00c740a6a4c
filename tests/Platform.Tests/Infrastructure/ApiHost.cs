using System.Security.Claims;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Platform.EventStore;
using Platform.Identity.Tokens;
using Platform.Tenancy.Access;
using Platform.Tenancy.Resolution;

namespace Platform.Tests.Infrastructure;

/// <summary>The host with a clock the test sets (tokens are still issued and checked in real time).</summary>
public sealed class FakeClockApi : ApiHost
{
    public TestClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>
/// The real host (Program) under Alba, on its own database (a copy of the migrated template), seeded with the demo
/// district and its accounts. Tests send requests with <see cref="Scenario"/>.
/// </summary>
public class ApiHost : IAsyncLifetime
{
    // Serilog is configured before the host is built, from environment variables among others.
    static ApiHost() => Environment.SetEnvironmentVariable("Serilog__MinimumLevel__Default", "Warning");

    public PostgresDatabase Database { get; } = new();

    public IAlbaHost Host { get; private set; } = null!;

    public virtual IServiceProvider Services => Host.Services;

    protected virtual int SignInPerMinute => 100_000;

    /// <summary>The key that seals the token keys the test hosts keep in their databases (one per test run).</summary>
    public static readonly string KeyProtectionFile = WriteKeyProtectionFile();

    private static string WriteKeyProtectionFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"platform-test-keys-{Environment.ProcessId}.key");
        File.WriteAllText(path, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        return path;
    }

    private readonly HashSet<Guid> _cleared = [];

    public virtual async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Host = await AlbaHost.For<Program>(Configure);
    }

    protected virtual void Configure(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Platform", Database.AppConnectionString);
        builder.UseSetting("ConnectionStrings:PlatformOwner", Database.OwnerConnectionString);
        builder.UseSetting("ConnectionStrings:PlatformSystem", Database.SystemConnectionString);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Auth:KeyProtectionFile", KeyProtectionFile);
        builder.UseSetting("Auth:Issuer", "http://localhost/"); // Alba's in-memory server
        builder.UseSetting("Auth:PasswordHashIterations", "1000"); // the demo accounts are hashed at every host start
        builder.UseSetting("Auth:SignInPerMinute", SignInPerMinute.ToString()); // all test clients share one address
        builder.UseSetting("Messaging:Mode", "Solo"); // one host per test database; the cluster tests run Balanced
        builder.UseSetting("Messaging:PollingInterval", "00:00:00.200");
        builder.UseSetting("Jobs:QueuePollInterval", "00:00:01");
    }

    /// <summary>Sends one request through the host and checks the expectations set on it (by default: 200).</summary>
    public Task<IScenarioResult> Scenario(Action<Scenario> configure) => Host.Scenario(configure);

    /// <summary>
    /// An access token for the scope ("district:{id}", "school:{id}", "region:{id}", "platform") and the role that
    /// naturally holds it (or the one given).
    /// </summary>
    public string TokenAs(string scope, string? role = null)
    {
        var parsed = Caller.ParseScope(scope) ?? throw new ArgumentException($"Bad scope {scope}");
        role ??= parsed.Kind switch
        {
            ScopeKind.Platform => Roles.PlatformAdmin,
            ScopeKind.Region => Roles.RegionOfficer,
            ScopeKind.District => Roles.DistrictCurator,
            _ => Roles.SchoolCurator,
        };
        return TokenFor(parsed, role);
    }

    /// <summary>
    /// An access token for a made-up account, as the token server would issue it (its signing key, issuer and
    /// audience): access tokens are self-contained, they carry all that authorization needs.
    /// </summary>
    public string TokenFor(TenantScope scope, string role, DateTimeOffset? issuedAt = null) =>
        TokenFor(Guid.NewGuid(), $"test.{role.ToLowerInvariant()}", [role], scope, issuedAt);

    /// <summary>An access token for an account (e.g. a demo account, when the test needs its real id).</summary>
    public string TokenFor(Guid accountId, string userName, IEnumerable<string> roles, TenantScope scope, DateTimeOffset? issuedAt = null)
    {
        var server = Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue;
        var now = issuedAt ?? DateTimeOffset.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = server.Issuer!.AbsoluteUri,
            Audience = Services.GetRequiredService<IOptions<AuthOptions>>().Value.Audience,
            Subject = new ClaimsIdentity(AccountClaims.For(accountId, userName, "Тестовый Пользователь", roles, scope)),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + server.AccessTokenLifetime!.Value).UtcDateTime,
            TokenType = "at+jwt",
            SigningCredentials = server.SigningCredentials[0],
        });
    }

    /// <summary>
    /// Takes the schools' demo orders and appointments out of the read models, for tests that register the seeds'
    /// own orders themselves.
    /// </summary>
    public async Task ClearDemoOrdersAsync(params Guid[] schools)
    {
        foreach (var school in schools)
        {
            if (!_cleared.Add(school)) continue; // once per host: later calls must not remove what the tests registered
            await Database.OwnerExecuteAsync("DELETE FROM mentoring.appointments WHERE tenant_id = $1", school);
            await Database.OwnerExecuteAsync("DELETE FROM mentoring.local_acts WHERE tenant_id = $1", school);
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        await Database.DisposeAsync();
    }
}
