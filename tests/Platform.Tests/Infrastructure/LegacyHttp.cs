using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Platform.Tenancy.Resolution;

namespace Platform.Tests.Infrastructure;

// TRANSITIONAL: HttpClient helpers the tests used before Alba. Tests move to ApiHost.Scenario; this file goes when none is left.
public static class HttpAssertions
{
    public static HttpClient ClientAs(this ApiHost api, string? scope, string? role = null) =>
        scope is null ? api.Browserless() : api.WithToken(api.TokenAs(scope, role));

    public static HttpClient WithToken(this ApiHost api, string accessToken)
    {
        var client = api.Browserless();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static HttpClient CreateClient(this ApiHost api) => api.Browserless();

    public static HttpClient CreateClient(this ApiHost api, Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions options) =>
        api.Browserless(options.AllowAutoRedirect);

    /// <summary>A client that keeps cookies and, unless told otherwise, follows redirects.</summary>
    public static HttpClient Browserless(this ApiHost api, bool followRedirects = true)
    {
        HttpMessageHandler handler = api.Host.Server.CreateHandler();
        handler = new CookieContainerHandler { InnerHandler = handler };
        if (followRedirects) handler = new RedirectHandler { InnerHandler = handler };
        return new HttpClient(handler) { BaseAddress = new Uri("http://localhost") };
    }

    public static Task<TokenResponse> LoginAsync(this ApiHost api, string login, string password = Platform.Identity.Demo.DemoAccounts.Password) =>
        api.SignInAsync(login, password);

    public static async Task<T> ShouldBeOk<T>(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new ShouldAssertException($"Expected success, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public static readonly System.Text.Json.JsonSerializerOptions Json = Platform.EventStore.DocumentStoreOptions.CreateJsonOptions();

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
