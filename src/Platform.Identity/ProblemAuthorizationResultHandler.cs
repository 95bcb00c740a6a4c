using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Identity;

/// <summary>
/// 401 and 403 as RFC 7807 problem details in Russian, saying what is wrong (no sign-in, an expired
/// token, a role that may not do this). Web pages are sent to the sign-in page instead.
/// </summary>
public sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        // No endpoint (an unknown address or static UI files): let it answer 404 rather than ask to sign in.
        if (http.GetEndpoint() is null)
        {
            await next(http);
            return;
        }
        if (result.Succeeded)
        {
            await _default.HandleAsync(next, http, policy, result);
            return;
        }
        // A web page asked for by a browser (not by a script or the API's clients): sign in, or a page saying why not.
        if (!http.Request.Path.StartsWithSegments("/api") && WantsPage(http))
        {
            var htmx = http.Request.Headers.ContainsKey("HX-Request");
            if (result.Challenged && htmx)
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                http.Response.Headers["HX-Redirect"] = "/account/login?ReturnUrl=" + Uri.EscapeDataString(http.Request.Headers["HX-Current-URL"].ToString() is { Length: > 0 } u && Uri.TryCreate(u, UriKind.Absolute, out var current) ? current.PathAndQuery : "/");
                return;
            }
            if (result.Challenged)
            {
                await _default.HandleAsync(next, http, policy, result);
                return;
            }
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync("""
                <!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Недостаточно прав — Наставник</title></head>
                <body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
                <h1>Недостаточно прав</h1><p>Эта страница недоступна вашей роли.</p><p><a href="/">На главную</a></p></body></html>
                """);
            return;
        }
        if (result.Challenged)
        {
            await http.ChallengeAsync(JwtBearerDefaults.AuthenticationScheme);
            var failure = (await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme)).Failure; // cached by the handler
            await Write(http, StatusCodes.Status401Unauthorized, "Требуется вход", failure is SecurityTokenExpiredException
                ? "Срок действия токена доступа истёк: получите новый по токену обновления (POST /connect/token, grant_type=refresh_token) или войдите заново."
                : failure is not null ? "Токен доступа недействителен. Войдите заново." : "Требуется вход в систему: передайте токен доступа (Authorization: Bearer …).");
            return;
        }
        var roles = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Distinct();
        await Write(http, StatusCodes.Status403Forbidden, "Недостаточно прав",
            "Это действие доступно ролям: " + string.Join(", ", roles.Select(Roles.RussianName)) + ".");
    }

    /// <summary>A browser navigating (or htmx swapping a fragment); API clients and tests ask for JSON or send no Accept.</summary>
    private static bool WantsPage(HttpContext http) =>
        http.Request.Headers.ContainsKey("HX-Request") || http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private Task Write(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
