using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Platform.EventStore;
using Platform.Jobs.Scheduling;

namespace Platform.Jobs.Deliveries;

public sealed record DeliveryRow(Guid Id, Guid TenantId, string Channel, string Template, string? Address, string Status, int Attempts, int MaxAttempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? LastError, string? Title);
public sealed record DeliveryAttempt(int Attempt, DateTimeOffset At, bool Ok, string? Answer, string? Node);
public sealed record DeliveryDetails(DeliveryRow Delivery, IReadOnlyList<DeliveryAttempt> Attempts);

/// <summary>
/// The district curator's view of everything sent for the district and its schools: delivery status per message, the
/// failures and dead letters with every attempt's answer, and resending.
/// </summary>
public static class DeliveryEndpoints
{
    private static readonly string[] Statuses = ["pending", "sending", "sent", "failed", "dead", "problems"];

    public static IEndpointRouteBuilder MapDeliveries(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/districts/{districtId:guid}/deliveries").WithTags("Уведомления");
        group.MapGet("", List).RequireAuthorization(Policies.DistrictRead)
            .WithSummary("Отправки района и его организаций: status = pending | sending | sent | failed | dead | problems (failed и dead); channel = inbox | email | http");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.DistrictRead).WithSummary("Отправка и все попытки с ответами");
        group.MapPost("/{id:guid}/resend", Resend).RequireAuthorization(Policies.DistrictWrite).WithSummary("Отправить снова (неудавшееся или недоставленное)");
        return app;
    }

    private const string Columns = """
        id, tenant_id, channel, template, address, status, attempts, max_attempts, created_at, next_attempt_at, sent_at, last_error,
        coalesce(payload->>'deadline', payload->>'title', payload->>'fullName', payload->>'district')
        """;

    private static DeliveryRow Read(Npgsql.NpgsqlDataReader r) => new(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3),
        r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5), r.GetInt32(6), r.GetInt32(7), r.GetFieldValue<DateTimeOffset>(8),
        r.GetFieldValue<DateTimeOffset>(9), r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10), r.IsDBNull(11) ? null : r.GetString(11),
        r.IsDBNull(12) ? null : r.GetString(12));

    private static async Task<Results<Ok<IReadOnlyList<DeliveryRow>>, ValidationProblem>> List(
        string? status, string? channel, int? limit, DocumentSession session, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null && !Statuses.Contains(status)) errors["status"] = ["Статус: pending, sending, sent, failed, dead или problems."];
        if (channel is not (null or "inbox" or "email" or "http")) errors["channel"] = ["Канал: inbox, email или http."];
        if (limit is < 1 or > 500) errors["limit"] = ["Строк на странице: от 1 до 500."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Проверьте параметры запроса");
        return TypedResults.Ok(await ListAsync(session, status, channel, limit ?? 100, ct));
    }

    /// <summary>The deliveries the session's scope sees, newest first (<c>problems</c> = failed and dead).</summary>
    public static async Task<IReadOnlyList<DeliveryRow>> ListAsync(DocumentSession session, string? status, string? channel, int limit, CancellationToken ct)
    {
        var rows = await session.QueryAsync($"""
            SELECT {Columns} FROM jobs.outbox
             WHERE ($1::text IS NULL OR status = $1 OR ($1 = 'problems' AND status IN ('failed', 'dead'))) AND ($2::text IS NULL OR channel = $2)
             ORDER BY created_at DESC, id DESC LIMIT $3
            """, Read, ct, status, channel, limit);
        return rows;
    }

    private static async Task<Results<Ok<DeliveryDetails>, NotFound>> Get(Guid id, DocumentSession session, CancellationToken ct)
    {
        var row = (await session.QueryAsync($"SELECT {Columns} FROM jobs.outbox WHERE id = $1", Read, ct, id)).FirstOrDefault();
        if (row is null) return TypedResults.NotFound();
        var attempts = await session.QueryAsync("""
            SELECT attempt, at, ok, answer, node FROM jobs.delivery_attempts WHERE tenant_id = $1 AND outbox_id = $2 ORDER BY attempt
            """, r => new DeliveryAttempt(r.GetInt32(0), r.GetFieldValue<DateTimeOffset>(1), r.GetBoolean(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4)), ct, row.TenantId, id);
        return TypedResults.Ok(new DeliveryDetails(row, attempts));
    }

    /// <summary>A fresh round of attempts from now; a message already delivered is not sent again (409).</summary>
    private static async Task<Results<Ok<DeliveryRow>, NotFound, ProblemHttpResult>> Resend(
        Guid id, DocumentSession session, TimeProvider time, IOptions<EmailOptions> email, IOptions<DeliveryOptions> deliveries,
        IOptions<JobsOptions> jobs, CancellationToken ct)
    {
        var (row, refusal) = await ResendAsync(id, session, time, email, deliveries, jobs, ct);
        if (refusal is not null) return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: refusal);
        return row is null ? TypedResults.NotFound() : TypedResults.Ok(row);
    }

    /// <summary>The resend decision: the row put back in the queue, or none (not found), or the Russian reason it is not resent.</summary>
    public static async Task<(DeliveryRow? Row, string? Refusal)> ResendAsync(
        Guid id, DocumentSession session, TimeProvider time, IOptions<EmailOptions> email, IOptions<DeliveryOptions> deliveries,
        IOptions<JobsOptions> jobs, CancellationToken ct)
    {
        var current = (await session.QueryAsync($"SELECT {Columns} FROM jobs.outbox WHERE id = $1 FOR UPDATE", Read, ct, id)).FirstOrDefault();
        if (current is null) return (null, null);
        if (current.Status is not ("failed" or "dead"))
            return (current, current.Status == "sent" ? "Сообщение уже доставлено." : "Сообщение ещё отправляется: повторить можно неудавшееся или недоставленное.");
        var round = current.Channel switch { "http" => deliveries.Value.MaxAttempts, "email" => email.Value.MaxAttempts, _ => jobs.Value.InboxMaxAttempts };
        var row = (await session.QueryAsync($"""
            UPDATE jobs.outbox SET status = 'pending', next_attempt_at = $3, max_attempts = attempts + $4, last_error = NULL
             WHERE tenant_id = $1 AND id = $2 RETURNING {Columns}
            """, Read, ct, current.TenantId, id, time.GetUtcNow().ToUniversalTime(), round)).Single();
        await session.SaveChangesAsync(ct);
        return (row, null);
    }
}
