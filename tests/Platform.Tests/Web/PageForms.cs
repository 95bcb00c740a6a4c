using Alba;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>Posting a page's form and reading the whole answer: an htmx form's HX-Redirect, or where a plain form redirects to.</summary>
public static class PageForms
{
    /// <summary>Posts the fields, expecting the status: the whole answer (an htmx form's HX-Redirect is in its headers).</summary>
    public static Task<IScenarioResult> PostFieldsResultAsync(this ApiHost api, string token, string url, PageClient.PageForm form, int status,
        params (string Key, string Value)[] fields) =>
        api.Scenario(s =>
        {
            s.AsBrowser(token);
            s.PostForm(form, fields).ToUrl(url);
            s.StatusCodeShouldBe(status);
        });

    /// <summary>Posts the fields, expecting the redirect of a change done: where it leads.</summary>
    public static async Task<string> PostRedirectAsync(this ApiHost api, string token, string url, PageClient.PageForm form, params (string Key, string Value)[] fields) =>
        (await api.PostFieldsResultAsync(token, url, form, 302, fields)).Context.Response.Headers.Location.ToString();
}
