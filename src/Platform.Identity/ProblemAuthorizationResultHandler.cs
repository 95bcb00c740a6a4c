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
        if (result.Succeeded || !http.Request.Path.StartsWithSegments("/api"))
        {
            await _default.HandleAsync(next, http, policy, result);
            return;
        }
        if (result.Challenged)
        {
            await http.ChallengeAsync(JwtBearerDefaults.AuthenticationScheme);
            var failure = (await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme)).Failure; // cached by the handler
            await Write(http, StatusCodes.Status401Unauthorized, "Требуется вход", failure is SecurityTokenExpiredException
                ? "Срок действия токена доступа истёк: получите новый (POST /api/auth/refresh) или войдите заново."
                : failure is not null ? "Токен доступа недействителен. Войдите заново." : "Требуется вход в систему: передайте токен доступа (Authorization: Bearer …).");
            return;
        }
        var roles = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Distinct();
        await Write(http, StatusCodes.Status403Forbidden, "Недостаточно прав",
            "Это действие доступно ролям: " + string.Join(", ", roles.Select(Roles.RussianName)) + ".");
    }

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
