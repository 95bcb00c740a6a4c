using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Tenancy.Resolution;

namespace Platform.Tests.Infrastructure;

/// <summary>The real host (Program) on its own migrated database, seeded with the demo district.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    // Serilog is configured before the host is built, from environment variables among others.
    static ApiFactory() => Environment.SetEnvironmentVariable("Serilog__MinimumLevel__Default", "Warning");

    public PostgresDatabase Database { get; } = new();

    public async Task InitializeAsync() => await Database.InitializeAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Platform", Database.AppConnectionString);
        builder.UseSetting("ConnectionStrings:PlatformOwner", Database.OwnerConnectionString);
        builder.UseSetting("Demo:Seed", "true");
    }

    /// <summary>A client calling as the given scope ("district:{id}", "school:{id}", "platform"), or anonymously.</summary>
    public HttpClient ClientAs(string? caller)
    {
        var client = CreateClient();
        if (caller is not null) client.DefaultRequestHeaders.Add(Caller.DevHeader, caller);
        return client;
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
}
