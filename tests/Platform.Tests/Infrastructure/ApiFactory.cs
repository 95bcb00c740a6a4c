using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Identity.Tokens;
using Platform.Tenancy.Access;
using Platform.Tenancy.Resolution;

namespace Platform.Tests.Infrastructure;

/// <summary>The host with a clock the test sets (tokens are still issued and checked in real time).</summary>
public sealed class FakeClockApi : ApiFactory
{
    public FakeTime Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>The real host (Program) on its own migrated database, seeded with the demo district and its accounts.</summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    // Serilog is configured before the host is built, from environment variables among others.
    static ApiFactory() => Environment.SetEnvironmentVariable("Serilog__MinimumLevel__Default", "Warning");

    public PostgresDatabase Database { get; } = new();

    protected virtual int SignInPerMinute => 100_000;

    private readonly HashSet<Guid> _cleared = [];

    public async Task InitializeAsync() => await Database.InitializeAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Platform", Database.AppConnectionString);
        builder.UseSetting("ConnectionStrings:PlatformOwner", Database.OwnerConnectionString);
        builder.UseSetting("ConnectionStrings:PlatformSystem", Database.SystemConnectionString);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Auth:PasswordHashIterations", "1000"); // the demo accounts are hashed at every host start
        builder.UseSetting("Auth:SignInPerMinute", SignInPerMinute.ToString()); // all test clients share one address
        builder.UseSetting("Messaging:Mode", "Solo"); // one host per test database; the cluster tests run Balanced
        builder.UseSetting("Messaging:PollingInterval", "00:00:00.200");
        builder.UseSetting("Jobs:QueuePollInterval", "00:00:01");
    }

    /// <summary>
    /// A client with an access token for the scope ("district:{id}", "school:{id}", "region:{id}",
    /// "platform") and the role that naturally holds it, or anonymous when null.
    /// </summary>
    public HttpClient ClientAs(string? scope, string? role = null)
    {
        if (scope is null) return CreateClient();
        var parsed = Caller.ParseScope(scope) ?? throw new ArgumentException($"Bad scope {scope}");
        role ??= parsed.Kind switch
        {
            ScopeKind.Platform => Roles.PlatformAdmin,
            ScopeKind.Region => Roles.RegionOfficer,
            ScopeKind.District => Roles.DistrictCurator,
            _ => Roles.SchoolCurator,
        };
        return WithToken(TokenFor(parsed, role));
    }

    /// <summary>An access token for a made-up account: tokens carry all that authorization needs.</summary>
    public string TokenFor(TenantScope scope, string role, DateTimeOffset? issuedAt = null) =>
        Services.GetRequiredService<AccessTokenIssuer>()
            .Issue(Guid.NewGuid(), $"test.{role.ToLowerInvariant()}", "Тестовый Пользователь", [role], scope, issuedAt ?? DateTimeOffset.UtcNow).Token;

    public HttpClient WithToken(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Signs in with a login and password through POST /api/auth/token.</summary>
    public async Task<TokenResponse> LoginAsync(string login, string password = Platform.Identity.Demo.DemoAccounts.Password)
    {
        var response = await CreateClient().PostAsJsonAsync("/api/auth/token", new { login, password });
        return await response.ShouldBeOk<TokenResponse>();
    }

    /// <summary>
    /// Starts the host (which seeds the demo workspace) and takes the schools' demo orders and appointments
    /// out of the read models, for tests that register the seeds' own orders themselves.
    /// </summary>
    public async Task ClearDemoOrdersAsync(params Guid[] schools)
    {
        CreateClient().Dispose();
        foreach (var school in schools)
        {
            if (!_cleared.Add(school)) continue; // once per host: later calls must not remove what the tests registered
            await Database.OwnerExecuteAsync("DELETE FROM mentoring.appointments WHERE tenant_id = $1", school);
            await Database.OwnerExecuteAsync("DELETE FROM mentoring.local_acts WHERE tenant_id = $1", school);
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public static class HttpAssertions
{
    public static async Task<T> ShouldBeOk<T>(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new ShouldAssertException($"Expected success, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public static readonly System.Text.Json.JsonSerializerOptions Json = Platform.EventStore.DocumentStoreOptions.CreateJsonOptions();

    /// <summary>Follows a background operation (GET its Location) until it has succeeded or failed, as a client polls it.</summary>
    public static async Task<System.Text.Json.JsonElement> FinishedOperationAsync(this HttpClient client, string location, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var operation = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(location);
            if (operation.GetProperty("status").GetString() is "succeeded" or "failed" || DateTime.UtcNow > until) return operation;
            await Task.Delay(50);
        }
    }
}
