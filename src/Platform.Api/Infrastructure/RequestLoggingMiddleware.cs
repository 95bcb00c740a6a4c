using System.Diagnostics;

namespace Platform.Api.Infrastructure;

/// <summary>One structured line per request (Serilog.AspNetCore's request logging is not on the mirror).</summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            var level = http.Response.StatusCode >= 500 ? LogLevel.Error : LogLevel.Information;
            logger.Log(level, "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms",
                http.Request.Method, http.Request.Path.Value, http.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
