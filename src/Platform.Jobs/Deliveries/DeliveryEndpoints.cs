using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;

namespace Platform.Jobs.Deliveries;

/// <summary>
/// A delivery as the district sees it; <c>NextAttemptAt</c>: the earliest moment of the scheduled retry of a failed one;
/// <c>Interrupted</c>: its attempts cut short after the e-mail or request was handed over (outcome unknown: it may have
/// arrived twice).
/// </summary>
public sealed record DeliveryRow(Guid Id, Guid TenantId, string Channel, string Template, string? Address, string Status, int Attempts, int MaxAttempts,
    DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, string? LastError, string? Title, int Interrupted);
/// <summary>One attempt; <c>Outcome</c>: sending (under way), sent, failed, or interrupted (never completed: outcome unknown).</summary>
public sealed record DeliveryAttempt(int Attempt, DateTimeOffset At, bool Ok, string? Answer, string? Node, string Outcome, DateTimeOffset? FinishedAt);
public sealed record DeliveryDetails(DeliveryRow Delivery, IReadOnlyList<DeliveryAttempt> Attempts);

/// <summary>
/// The district curator's view of everything sent for the district and its schools: delivery status per message, the
/// failures and dead letters with every attempt's answer, and resending.
/// </summary>
public static class DeliveryEndpoints
{
    private static readonly string[] Statuses = ["pending", "sent", "failed", "dead", "problems"];

    public static IEndpointRouteBuilder MapDeliveries(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/districts/{districtId:guid}/deliveries").WithTags("Уведомления");
        group.MapGet("", List).RequireAuthorization(Policies.DistrictRead)
            .WithSummary("Отправки района и его организаций: status = pending | sent | failed | dead | problems (failed, dead и с прерванной попыткой); channel = inbox | email | http");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.DistrictRead).WithSummary("Отправка и все попытки с ответами");
        group.MapPost("/{id:guid}/resend", Resend).RequireAuthorization(Policies.DistrictWrite).WithSummary("Отправить снова (неудавшееся или недоставленное)");
        return app;
    }

    private const string Columns = """
        id, tenant_id, channel, template, address, status, attempts, max_attempts, created_at, next_attempt_at, sent_at, last_error,
        coalesce(payload->>'deadline', payload->>'title', payload->>'fullName', payload->>'district'),
        (SELECT count(*)::int FROM jobs.delivery_attempts a
          WHERE a.tenant_id = jobs.deliveries.tenant_id AND a.delivery_id = jobs.deliveries.id AND a.outcome = 'interrupted')
        """;

    private static DeliveryRow Read(Npgsql.NpgsqlDataReader r) => new(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3),
        r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5), r.GetInt32(6), r.GetInt32(7), r.GetFieldValue<DateTimeOffset>(8),
        r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9), r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10), r.IsDBNull(11) ? null : r.GetString(11),
        r.IsDBNull(12) ? null : r.GetString(12), r.GetInt32(13));

    private static async Task<Results<Ok<IReadOnlyList<DeliveryRow>>, ValidationProblem>> List(
        string? status, string? channel, int? limit, DocumentSession session, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null && !Statuses.Contains(status)) errors["status"] = ["Статус: pending, sent, failed, dead или problems."];
        if (channel is not (null or "inbox" or "email" or "http")) errors["channel"] = ["Канал: inbox, email или http."];
        if (limit is < 1 or > 500) errors["limit"] = ["Строк на странице: от 1 до 500."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Проверьте параметры запроса");
        return TypedResults.Ok(await ListAsync(session, status, channel, limit ?? 100, ct));
    }

    /// <summary>
    /// The deliveries the session's scope sees, newest first (<c>problems</c> = failed, dead, and those with an interrupted
    /// attempt: sent perhaps twice).
    /// </summary>
    public static async Task<IReadOnlyList<DeliveryRow>> ListAsync(DocumentSession session, string? status, string? channel, int limit, CancellationToken ct)
    {
        var rows = await session.QueryAsync($"""
            SELECT {Columns} FROM jobs.deliveries
             WHERE ($1::text IS NULL OR status = $1 OR ($1 = 'problems' AND (status IN ('failed', 'dead') OR EXISTS (
                     SELECT 1 FROM jobs.delivery_attempts a
                      WHERE a.tenant_id = jobs.deliveries.tenant_id AND a.delivery_id = jobs.deliveries.id AND a.outcome = 'interrupted'))))
               AND ($2::text IS NULL OR channel = $2)
             ORDER BY created_at DESC, id DESC LIMIT $3
            """, Read, ct, status, channel, limit);
        return rows;
    }

    private static async Task<Results<Ok<DeliveryDetails>, NotFound>> Get(Guid id, DocumentSession session, CancellationToken ct)
    {
        var row = (await session.QueryAsync($"SELECT {Columns} FROM jobs.deliveries WHERE id = $1", Read, ct, id)).FirstOrDefault();
        if (row is null) return TypedResults.NotFound();
        var attempts = await session.QueryAsync("""
            SELECT attempt, at, ok, answer, node, outcome, finished_at FROM jobs.delivery_attempts WHERE tenant_id = $1 AND delivery_id = $2 ORDER BY attempt
            """, r => new DeliveryAttempt(r.GetInt32(0), r.GetFieldValue<DateTimeOffset>(1), r.GetBoolean(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5), r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6)), ct, row.TenantId, id);
        return TypedResults.Ok(new DeliveryDetails(row, attempts));
    }

    /// <summary>A fresh round of attempts from now, for a delivery that is dead; one delivered or still being tried is not resent (409).</summary>
    private static async Task<Results<Ok<DeliveryRow>, NotFound, ProblemHttpResult>> Resend(
        Guid id, DocumentSession session, DeliveryResend resend, CancellationToken ct)
    {
        var (row, refusal) = await resend.ResendAsync(id, session, ct);
        if (refusal is not null) return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: refusal);
        return row is null ? TypedResults.NotFound() : TypedResults.Ok(row);
    }

    /// <summary>The delivery the session's scope sees, locked for the resend decision.</summary>
    internal static async Task<DeliveryRow?> LockAsync(DocumentSession session, Guid id, CancellationToken ct) =>
        (await session.QueryAsync($"SELECT {Columns} FROM jobs.deliveries WHERE id = $1 FOR UPDATE", Read, ct, id)).FirstOrDefault();

    internal static async Task<DeliveryRow> RequeueAsync(DocumentSession session, DeliveryRow row, int round, DateTimeOffset now, CancellationToken ct) =>
        (await session.QueryAsync($"""
            UPDATE jobs.deliveries SET status = 'pending', next_attempt_at = $3, max_attempts = attempts + $4, last_error = NULL
             WHERE tenant_id = $1 AND id = $2 RETURNING {Columns}
            """, Read, ct, row.TenantId, row.Id, now.ToUniversalTime(), round)).Single();
}
