using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Identity.Web;

/// <summary>
/// A write to the API (POST, PUT, PATCH, DELETE under /api) made with the web UI's sign-in cookie is a browser's: another
/// site could make that browser send it (SameSite=Lax does not cover every case, e.g. a sibling subdomain). Such a write
/// must come from this site (Origin, or Referer, when sent) and carry the antiforgery token of one of our pages in the
/// antiforgery header. A request with a bearer token is a program's, sent deliberately, and is left as it is; so are reads.
/// The web UI's own forms post to the pages' addresses, not to /api, and check their token there.
/// </summary>
public static class CookieApiWrites
{
    public static IApplicationBuilder UseCookieApiWriteCheck(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (IsCookieWrite(http) && await RefusalAsync(http) is { } detail)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CookieApiWrites)).LogWarning(
                "Cookie write to {Path} refused (Origin {Origin}, Referer {Referer})", http.Request.Path.Value,
                http.Request.Headers.Origin.ToString(), http.Request.Headers.Referer.ToString());
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Запрос отклонён", Detail = detail },
            });
            return;
        }
        await next(http);
    });

    private static bool IsCookieWrite(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api")
        && !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method) || HttpMethods.IsTrace(http.Request.Method))
        && !IdentityModule.HasBearerToken(http.Request)
        && http.User.Identity?.IsAuthenticated == true;

    /// <summary>Why the write is refused (in Russian), or null when it may go on.</summary>
    private static async Task<string?> RefusalAsync(HttpContext http)
    {
        var header = http.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.HeaderName;
        var source = http.Request.Headers.Origin.ToString() is { Length: > 0 } origin ? origin : http.Request.Headers.Referer.ToString();
        if (source.Length > 0 && !FromThisSite(source, http.Request))
            return "Запрос с другого сайта не выполнен: изменять данные с входом по cookie можно только со страниц этого сайта.";
        if (!await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            return $"Для изменения данных со входом по cookie нужен антиподделочный токен страницы этого сайта (заголовок {header}). " +
                   "Программы передают токен доступа: Authorization: Bearer ….";
        return null;
    }

    private static bool FromThisSite(string source, HttpRequest request) =>
        Uri.TryCreate(source, UriKind.Absolute, out var uri)
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
