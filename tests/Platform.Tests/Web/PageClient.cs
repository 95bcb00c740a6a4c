using System.Net;
using System.Text.RegularExpressions;
using Alba;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>
/// The web pages as a browser uses them over HTTP, as scenarios: HTML accepted, signed in with a token, forms posted with
/// their antiforgery field and the antiforgery cookie the page set (a scenario keeps no cookies: the test carries it).
/// Redirects are not followed, so a test sees them.
/// </summary>
public static partial class PageClient
{
    [GeneratedRegex("""name="__RequestVerificationToken" value="([^"]+)""")]
    private static partial Regex AntiforgeryField();

    /// <summary>The antiforgery token of the (first) form on a page.</summary>
    public static string Antiforgery(string html) => WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value);

    /// <summary>A page's form as the browser holds it: the token in the form and the cookie the page set with it.</summary>
    public sealed record PageForm(string Token, string Cookie)
    {
        /// <summary>The form of a page just fetched: its antiforgery field, and the cookies of the answer's Set-Cookie.</summary>
        public static PageForm Of(IScenarioResult page, string html) => new(Antiforgery(html),
            string.Join("; ", page.Context.Response.Headers.SetCookie.Select(c => c!.Split(';')[0])));
    }

    /// <summary>The request as a browser sends it: HTML accepted, signed in with the token (none: a visitor).</summary>
    public static Scenario AsBrowser(this Scenario scenario, string? token, string accept = "text/html")
    {
        scenario.WithRequestHeader("Accept", accept);
        if (token is not null) scenario.WithBearerToken(token);
        return scenario;
    }

    /// <summary>Posts the form's fields as the page would: with its antiforgery field and cookie; a name may repeat (a table's rows).</summary>
    public static SendExpression PostForm(this Scenario scenario, PageForm form, params (string Key, string Value)[] fields)
    {
        scenario.WithRequestHeader("Cookie", form.Cookie);
        var values = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", form.Token) };
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        var body = new FormUrlEncodedContent(values).ReadAsStringAsync().GetAwaiter().GetResult();
        var send = scenario.Post.Text(body);
        scenario.ConfigureHttpContext(c => c.Request.ContentType = "application/x-www-form-urlencoded");
        return send;
    }

    /// <summary>GETs a page as the browser signed in with the token, expecting the status (200 unless told): its HTML.</summary>
    public static async Task<string> PageAsync(this ApiHost api, string? token, string url, int status = 200)
    {
        var page = await api.Scenario(s =>
        {
            s.AsBrowser(token);
            s.Get.Url(url);
            s.StatusCodeShouldBe(status);
        });
        return await page.ReadAsTextAsync();
    }

    /// <summary>GETs a page as the browser signed in with the token: its HTML and its (first) form.</summary>
    public static async Task<(string Html, PageForm Form)> FormAsync(this ApiHost api, string token, string url)
    {
        var page = await api.Scenario(s =>
        {
            s.AsBrowser(token);
            s.Get.Url(url);
        });
        var html = await page.ReadAsTextAsync();
        return (html, PageForm.Of(page, html));
    }

    /// <summary>Posts a page's form as the browser signed in with the token, expecting the status: the answer's HTML.</summary>
    public static async Task<string> PostFormAsync(this ApiHost api, string token, string url, PageForm form, int status,
        params (string Key, string Value)[] fields)
    {
        var answer = await api.Scenario(s =>
        {
            s.AsBrowser(token);
            s.PostForm(form, fields).ToUrl(url);
            s.StatusCodeShouldBe(status);
        });
        return await answer.ReadAsTextAsync();
    }
}
