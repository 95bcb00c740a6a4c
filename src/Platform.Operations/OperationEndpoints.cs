using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;

namespace Platform.Operations;

public static class OperationEndpoints
{
    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/operations/{id:guid}", Get).WithTags("Фоновые операции").RequireAuthorization(Policies.Authenticated)
            .WithSummary("Ход длительной операции (сборка сводного отчёта и т. п.): статус, процент, ссылка на результат");
        return app;
    }

    private static async Task<Results<Ok<OperationView>, NotFound>> Get(Guid id, DocumentSession session, CancellationToken ct) =>
        await OperationView.FindAsync(session, id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
}
