using Microsoft.AspNetCore.Routing.Patterns;

namespace Platform.Api.Infrastructure;

/// <summary>
/// Dates in the API's query strings and routes are ISO 8601: a value such as «07.12.2026» for a date parameter is
/// refused with a Russian problem naming the parameter, before the framework reads it as 12 July. The web pages
/// (outside /api) read their dates themselves.
/// </summary>
public sealed class IsoDateQueryMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, IProblemDetailsService problems)
    {
        if (http.Request.Path.StartsWithSegments("/api") && http.GetEndpoint() is { } endpoint)
        {
            var route = (endpoint as RouteEndpoint)?.RoutePattern;
            foreach (var parameter in BindingProblems.Parameters(endpoint).Where(p => FieldFormats.IsDateType(p.Type)))
            {
                var values = InRoute(route, parameter) && http.Request.RouteValues.TryGetValue(parameter.Key, out var value)
                    ? [value?.ToString()]
                    : http.Request.Query[parameter.Key].ToArray();
                if (values.All(v => string.IsNullOrWhiteSpace(v) || FieldFormats.IsIsoDate(parameter.Type, v.Trim()))) continue;
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = BindingProblems.Field(StatusCodes.Status400BadRequest, parameter.Key, FieldFormats.MessageFor(parameter.Type)),
                });
                return;
            }
        }
        await next(http);
    }

    private static bool InRoute(RoutePattern? route, BindingProblems.BoundParameter parameter) =>
        route?.Parameters.Any(p => string.Equals(p.Name, parameter.Key, StringComparison.OrdinalIgnoreCase)) == true;
}
