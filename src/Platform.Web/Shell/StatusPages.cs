using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

using Platform.Tenancy.Resolution;

namespace Platform.Web.Shell;

/// <summary>
/// The body of an answer that has none (UseStatusCodePages): a page asked for by a browser gets a Russian page, within
/// the layout when someone is signed in (a school or district outside the caller's scope, a page that does not exist);
/// everything else, the API above all, gets problem details as before.
/// </summary>
public static class StatusPages
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        if (status is StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound && IsPage(http.Request))
        {
            var message = http.Items[TenantResolutionMiddleware.RefusalItem] as string
                ?? (status == StatusCodes.Status404NotFound ? "Страница не найдена." : "Нет доступа к этой странице.");
            var title = status == StatusCodes.Status404NotFound ? "Не найдено" : "Нет доступа";
            if (http.RequestServices.GetRequiredService<TenantContext>().Caller is not null)
            {
                await Pages.Render<NotFoundPage>(new { Ui = UiContext.For(http), Title = title, Message = message }, status).ExecuteAsync(http);
                return;
            }
            await StandaloneAsync(http, title, WebUtility.HtmlEncode(message), """<p><a href="/account/login">Войти</a> · <a href="/">На главную</a></p>""");
            return;
        }
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status },
        });
    }

    /// <summary>
    /// The page a browser gets while the database is away (503 with Retry-After): standalone, since the layout itself reads the
    /// database; it reloads itself. False for the API and for requests that do not take HTML (they get problem details).
    /// </summary>
    public static async Task<bool> TryWriteUnavailableAsync(HttpContext http)
    {
        if (!TakesHtml(http.Request)) return false;
        await StandaloneAsync(http, "Сервис временно недоступен", "База данных недоступна или переключается на резервный сервер. " +
            "Страница обновится сама через несколько секунд; введённые в форму данные не сохранены — отправьте её ещё раз.",
            head: """<meta http-equiv="refresh" content="10">""");
        return true;
    }

    /// <summary>A page outside the layout (no one signed in, or no database to render it from); <paramref name="message"/> is HTML.</summary>
    private static Task StandaloneAsync(HttpContext http, string title, string message, string more = "", string head = "")
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        return http.Response.WriteAsync($"""
            <!doctype html><html lang="ru"><head><meta charset="utf-8">{head}<meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} — Наставник</title></head><body><h1>{title}</h1><p>{message}</p>{more}</body></html>
            """);
    }

    private static bool TakesHtml(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && request.Headers.Accept.ToString().Contains("text/html");

    private static bool IsPage(HttpRequest request) => HttpMethods.IsGet(request.Method) && TakesHtml(request);
}
