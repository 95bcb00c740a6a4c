using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.EventStore;
using Platform.EventStore.Databases;
using Platform.Jobs.Email;
using Platform.Jobs.Messaging;
using Platform.Jobs.Notifications;
using Platform.Jobs.Scheduling;
using Wolverine;

namespace Platform.Jobs.Deliveries;

/// <summary>A failed attempt; Wolverine retries the message on its channel's plan, then dead-letters it.</summary>
public sealed class DeliveryFailedException(string answer) : Exception(answer);

/// <summary>
/// Wolverine's handler of the delivery messages. Each attempt is logged with its answer in jobs.delivery_attempts and
/// leaves the row sent, failed (a retry is scheduled) or dead (the last attempt failed; Wolverine moves the message to
/// its dead letters, from which the district curator resends it). A message delivered again after a crash finds its
/// row sent and does nothing; the in-app notice and its «sent» mark are one transaction, so a notice is written once
/// whatever crashes. E-mail and HTTP are at least once: their attempt is committed as 'sending' before the other side
/// gets anything and completed after, so an attempt cut short by a crash stays in the log (marked 'interrupted' by the
/// next one, outcome unknown) and the repeat carries the same Message-ID / Idempotency-Key, which receivers drop.
/// </summary>
public sealed class DeliveryHandler(DocumentStore store, SmtpEmailSender email, HttpDeliverySender http, TimeProvider time,
    IOptions<JobsOptions> jobs, RetryPlans plans, ILogger<DeliveryHandler> logger)
{
    private static readonly string Node = $"{Environment.MachineName}:{Environment.ProcessId}";

    private sealed record Row(string Channel, string Template, Guid? RecipientId, string? Address, string Payload, byte[]? Body,
        string? ContentType, string? FileName, string Status, int Attempts);

    public Task Handle(DeliverToInbox message, Envelope envelope, CancellationToken ct) => DeliverAsync(message, envelope.Attempts, ct);
    public Task Handle(SendEmail message, Envelope envelope, CancellationToken ct) => DeliverAsync(message, envelope.Attempts, ct);
    public Task Handle(PushToEndpoint message, Envelope envelope, CancellationToken ct) => DeliverAsync(message, envelope.Attempts, ct);

    private async Task DeliverAsync(IDeliveryMessage message, int attempt, CancellationToken ct)
    {
        // A delivery lives in its tenant's database, or in the home one (the accounts' letters: invitations).
        var database = await store.Databases.OfTenantAsync(message.TenantId, ct);
        var (session, row) = await FindAsync(database, message, ct);
        if (row is null && database != TenantDatabases.Home)
        {
            await session.DisposeAsync();
            (session, row) = await FindAsync(database = TenantDatabases.Home, message, ct);
        }
        await using var _ = session;
        if (row is null || row.Status == "sent") return; // delivered before a crash, or never committed

        string answer;
        int? started = null;
        try
        {
            using var payload = JsonDocument.Parse(row.Payload);
            var rendered = MessageTemplates.Render(row.Template, payload.RootElement, jobs.Value.PublicUrl);
            if (row.Channel == "inbox")
            {
                // The notice, its mark and the attempt in one transaction: a redelivery finds the row sent.
                await session.ExecuteAsync("""
                    INSERT INTO jobs.notifications (tenant_id, id, user_id, kind, title, body, link, created_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (tenant_id, id) DO NOTHING
                    """, ct, message.TenantId, message.DeliveryId, row.RecipientId, row.Template, rendered.Title, rendered.Body, rendered.Link, Now);
                await MarkAsync(session, message, "sent", "доставлено во входящие", null, ct);
                return;
            }
            // E-mail and HTTP: the attempt is committed before the other side gets anything, and the row is not held
            // locked while it answers.
            started = await StartAsync(session, message, ct);
            if (row.Channel == "email")
            {
                if (string.IsNullOrWhiteSpace(row.Address)) throw new DeliveryFailedException("У получателя нет адреса электронной почты.");
                answer = await email.SendAsync(message.DeliveryId, row.Address, rendered, ct);
            }
            else
            {
                var (ok, httpAnswer) = await http.SendAsync(message.DeliveryId, row.Address!, row.Body, row.ContentType, row.FileName, ct);
                if (!ok) throw new DeliveryFailedException(httpAnswer);
                answer = httpAnswer;
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var error = e is DeliveryFailedException or InvalidOperationException ? e.Message : e.GetBaseException().Message;
            var plan = plans.For(message);
            var last = plan.IsLast(attempt);
            await using var failed = store.LightweightSession(TenantScope.Platform, database: database);
            await MarkAsync(failed, message, last ? "dead" : "failed", error, last ? null : plan.Delays[attempt - 1], ct, started);
            if (last) logger.LogWarning("Delivery {Channel} {Id} is dead after attempt {Attempt}: {Error}", row.Channel, message.DeliveryId, attempt, error);
            else logger.LogInformation("Delivery {Channel} {Id} attempt {Attempt} failed: {Error}", row.Channel, message.DeliveryId, attempt, error);
            throw e as DeliveryFailedException ?? new DeliveryFailedException(error);
        }
        await using var done = store.LightweightSession(TenantScope.Platform, database: database);
        await MarkAsync(done, message, "sent", answer, null, ct, started);
    }

    /// <summary>What an attempt left 'sending' becomes once the next one starts: nobody knows whether it reached the receiver.</summary>
    public const string Interrupted = "Попытка прервана до ответа получателя (узел остановлен): исход неизвестен, сообщение могло дойти.";

    /// <summary>
    /// The attempt, committed as 'sending' with the row's count raised (and no retry pending meanwhile); earlier ones still
    /// 'sending' were cut short (this message is being delivered again) and become 'interrupted'. Returns its number.
    /// </summary>
    private async Task<int> StartAsync(DocumentSession session, IDeliveryMessage message, CancellationToken ct)
    {
        var attempt = (await session.QueryAsync("""
            UPDATE jobs.deliveries SET attempts = attempts + 1, next_attempt_at = NULL WHERE tenant_id = $1 AND id = $2 RETURNING attempts
            """, r => r.GetInt32(0), ct, message.TenantId, message.DeliveryId)).Single();
        await session.ExecuteAsync("""
            UPDATE jobs.delivery_attempts SET outcome = 'interrupted', answer = $3
             WHERE tenant_id = $1 AND delivery_id = $2 AND outcome = 'sending'
            """, ct, message.TenantId, message.DeliveryId, Interrupted);
        await session.ExecuteAsync("""
            INSERT INTO jobs.delivery_attempts (tenant_id, delivery_id, attempt, at, ok, outcome, node) VALUES ($1, $2, $3, $4, false, 'sending', $5)
            """, ct, message.TenantId, message.DeliveryId, attempt, Now, Node);
        await session.SaveChangesAsync(ct);
        return attempt;
    }

    private async Task<(DocumentSession Session, Row? Row)> FindAsync(string database, IDeliveryMessage message, CancellationToken ct)
    {
        var session = store.LightweightSession(TenantScope.Platform, database: database);
        var row = (await session.QueryAsync("""
            SELECT channel, template, recipient_id, address, payload::text, body, content_type, file_name, status, attempts
              FROM jobs.deliveries WHERE tenant_id = $1 AND id = $2 FOR UPDATE
            """, r => new Row(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetGuid(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.GetString(4), r.IsDBNull(5) ? null : r.GetFieldValue<byte[]>(5), r.IsDBNull(6) ? null : r.GetString(6),
                r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8), r.GetInt32(9)), ct, message.TenantId, message.DeliveryId)).SingleOrDefault();
        return (session, row);
    }

    private DateTimeOffset Now => time.GetUtcNow().ToUniversalTime();

    /// <summary>
    /// The row's outcome and the attempt's answer: the <paramref name="started"/> attempt completed, or (an in-app notice,
    /// a failure before anything was sent) a new one recorded whole. The attempt number is the row's own count, across
    /// resends. A failed row shows when its retry comes at the earliest (Wolverine adds up to 20 % jitter).
    /// </summary>
    private async Task MarkAsync(DocumentSession session, IDeliveryMessage message, string status, string answer, TimeSpan? retryIn,
        CancellationToken ct, int? started = null)
    {
        var now = Now;
        var attempt = (await session.QueryAsync("""
            UPDATE jobs.deliveries SET status = $3, attempts = attempts + CASE WHEN $7 THEN 0 ELSE 1 END, sent_at = CASE WHEN $3 = 'sent' THEN $4 END,
                   last_error = CASE WHEN $3 = 'sent' THEN NULL ELSE $5 END, next_attempt_at = $6
             WHERE tenant_id = $1 AND id = $2 RETURNING attempts
            """, r => r.GetInt32(0), ct, message.TenantId, message.DeliveryId, status, now, answer, now + retryIn, started is not null)).Single();
        var outcome = status == "sent" ? "sent" : "failed";
        answer = answer.Length > 4000 ? answer[..4000] : answer;
        if (started is { } number)
            await session.ExecuteAsync("""
                UPDATE jobs.delivery_attempts SET ok = $4, outcome = $5, answer = $6, finished_at = $7
                 WHERE tenant_id = $1 AND delivery_id = $2 AND attempt = $3
                """, ct, message.TenantId, message.DeliveryId, number, outcome == "sent", outcome, answer, now);
        else
            await session.ExecuteAsync("""
                INSERT INTO jobs.delivery_attempts (tenant_id, delivery_id, attempt, at, ok, outcome, answer, node, finished_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $4) ON CONFLICT DO NOTHING
                """, ct, message.TenantId, message.DeliveryId, attempt, now, outcome == "sent", outcome, answer, Node);
        await session.SaveChangesAsync(ct);
    }
}
