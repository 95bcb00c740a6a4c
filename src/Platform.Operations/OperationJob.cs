using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.Logging;
using Platform.EventStore;

namespace Platform.Operations;

/// <summary>
/// The Hangfire job of every long operation: marks the row running, hands it to its kind's handler in the operation's
/// scope, records the result. A refused request (validation, a rule) fails the operation with its Russian message and is
/// not retried; a node that dies half way leaves the job to another node, which runs the handler again.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class OperationJob(DocumentStore store, IEnumerable<IOperationHandler> handlers, TimeProvider time, ILogger<OperationJob> logger)
{
    public async Task RunAsync(Guid operationId, Guid tenantId, ScopeKind scopeKind, Guid scopeId, CancellationToken ct)
    {
        var scope = new TenantScope(scopeKind, scopeId);
        string kind, input;
        string? requestedBy;
        await using (var session = store.LightweightSession(scope, tenantId))
        {
            var rows = await session.QueryAsync("""
                UPDATE jobs.operations SET status = 'running', runs = runs + 1, started_at = coalesce(started_at, $2), message = NULL
                 WHERE id = $1 AND status IN ('queued', 'running')
                RETURNING kind, input::text, requested_by
                """, r => (r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)), ct, operationId, time.GetUtcNow());
            await session.SaveChangesAsync(ct);
            if (rows.Count == 0) return; // done already, or not visible in this scope
            (kind, input, requestedBy) = rows[0];
        }
        var handler = handlers.SingleOrDefault(h => h.Kind == kind) ?? throw new InvalidOperationException($"No handler for operation kind {kind}.");
        var context = new OperationContext(store, operationId, tenantId, scope, requestedBy, time);
        try
        {
            using var document = JsonDocument.Parse(input);
            var result = await handler.RunAsync(context, document.RootElement, ct);
            await FinishAsync(context, result.Refused ? OperationStatus.Failed : OperationStatus.Succeeded, result.Message, result.Url, ct, result.Data);
        }
        catch (DomainValidationException e)
        {
            await FinishAsync(context, OperationStatus.Failed, string.Join(" ", e.Errors.SelectMany(x => x.Value)), null, ct);
        }
        catch (DomainRuleException e)
        {
            await FinishAsync(context, OperationStatus.Failed, e.Message, null, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Operation {OperationId} ({Kind}) failed", operationId, kind);
            await FinishAsync(context, OperationStatus.Failed, "Не удалось выполнить: внутренняя ошибка. Попробуйте ещё раз или обратитесь в поддержку.", null, ct);
        }
    }

    private async Task FinishAsync(OperationContext context, string status, string message, string? resultUrl, CancellationToken ct, object? data = null)
    {
        await using var session = store.LightweightSession(context.Scope, context.TenantId);
        await session.ExecuteAsync("""
            UPDATE jobs.operations SET status = $2, percent = CASE WHEN $2 = 'succeeded' THEN 100 ELSE percent END, message = $3,
                   result_url = $4, finished_at = $5, result = $6::jsonb, payload = NULL
             WHERE id = $1
            """, ct, context.Id, status, message, resultUrl, time.GetUtcNow(),
            data is null ? null : JsonSerializer.Serialize(data, JsonSerializerOptions.Web));
        await session.SaveChangesAsync(ct);
    }
}
