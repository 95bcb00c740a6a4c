using Serilog.Context;

namespace Platform.Api.Infrastructure;

/// <summary>
/// Takes the caller's X-Correlation-Id (or makes one), echoes it, and puts it on every log line of
/// the request and into the metadata of every event the request writes.
/// </summary>
public sealed class CorrelationMiddleware(RequestDelegate next)
{
    public const string Header = "X-Correlation-Id";

    public async Task InvokeAsync(HttpContext http)
    {
        var incoming = http.Request.Headers[Header].ToString();
        var id = incoming.Length is > 0 and <= 100 ? incoming : Guid.NewGuid().ToString("N");
        http.TraceIdentifier = id;
        // When the headers go out: the exception handler clears the response's headers before it writes a problem.
        http.Response.OnStarting(() =>
        {
            http.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        using (LogContext.PushProperty("CorrelationId", id))
            await next(http);
    }
}
