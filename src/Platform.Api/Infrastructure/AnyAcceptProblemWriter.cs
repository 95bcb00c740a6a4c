using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Platform.Api.Infrastructure;

/// <summary>
/// The problem details of a request whose Accept names no JSON (application/xml, text/plain, text/html on a POST): the
/// framework's writer declines them and the answer went out empty. They get the same Russian problem as JSON (RFC 9457
/// allows it; a client that asked for something else still learns what went wrong). Registered after the framework's
/// writer, so it only takes what that one declines.
/// </summary>
public sealed class AnyAcceptProblemWriter(IOptions<ProblemDetailsOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Status ??= context.HttpContext.Response.StatusCode;
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(problem, json.Value.SerializerOptions.GetTypeInfo(problem.GetType()),
            "application/problem+json", context.HttpContext.RequestAborted));
    }
}
