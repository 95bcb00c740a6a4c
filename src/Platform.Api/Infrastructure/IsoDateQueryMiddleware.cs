using Microsoft.AspNetCore.Routing.Patterns;
using Platform.Domain;

namespace Platform.Api.Infrastructure;

/// <summary>
/// Dates in the API's query strings and routes are ISO 8601: a value such as «07.12.2026» for a date parameter is
/// refused with a Russian problem naming the parameter, before the framework reads it as 12 July; so is a year outside
/// InputDates (9999-12-31 plus a day overflows). The web pages
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
                if (Refusal(parameter.Type, values) is not { } message) continue;
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = BindingProblems.Field(StatusCodes.Status400BadRequest, parameter.Key, message),
                });
                return;
            }
        }
        await next(http);
    }

    private static string? Refusal(Type type, IEnumerable<string?> values)
    {
        string? refusal = null;
        foreach (var value in values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()))
        {
            if (!FieldFormats.IsIsoDate(type, value)) return FieldFormats.MessageFor(type);
            if (!InputDates.ContainsYear(int.Parse(value.AsSpan(0, 4)))) refusal = InputDates.OutOfRange;
        }
        return refusal;
    }

    private static bool InRoute(RoutePattern? route, BindingProblems.BoundParameter parameter) =>
        route?.Parameters.Any(p => string.Equals(p.Name, parameter.Key, StringComparison.OrdinalIgnoreCase)) == true;
}
