using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;

namespace Platform.Jobs.Operations;

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

/// <summary>Finished operations are kept 30 days: the daily clean-up removes older ones (every tenant's: a set-based delete).</summary>
[Hangfire.AutomaticRetry(Attempts = 0)]
public sealed class OperationsCleanup(DocumentStore store, TimeProvider time) : Scheduling.IRecurringJob
{
    public const string Id = "operations-cleanup";
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(30);

    public async Task RunAsync(CancellationToken ct)
    {
        await using var session = store.LightweightSession(TenantScope.Platform);
        await session.ExecuteAsync("DELETE FROM jobs.operations WHERE finished_at < $1", ct, time.GetUtcNow() - KeepFor);
        await session.SaveChangesAsync(ct);
    }
}
