using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.EventStore;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>The web pages as a browser uses them over HTTP: HTML accepted, signed in with a token, forms posted with their antiforgery token.</summary>
public static partial class PageClient
{
    [GeneratedRegex("""name="__RequestVerificationToken" value="([^"]+)""")]
    private static partial Regex AntiforgeryField();

    /// <summary>The antiforgery token of the (first) form on a page.</summary>
    public static string Antiforgery(string html) => WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value);

    /// <summary>A browser signed in with the scope and role; redirects are not followed, so a test sees them.</summary>
    public static HttpClient Browser(this ApiHost api, TenantScope scope, string role)
    {
        var client = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.TokenFor(scope, role));
        return client;
    }

    /// <summary>Posts a form as the page would, with its antiforgery token.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, string token, params (string Key, string Value)[] fields) =>
        client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))]));
}
