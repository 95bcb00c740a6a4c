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
/// whatever crashes; e-mail and HTTP repeat with the same Message-ID / Idempotency-Key, which receivers drop.
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
            // E-mail and HTTP: the row is not held locked while the other side answers.
            await session.SaveChangesAsync(ct);
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
            await MarkAsync(failed, message, last ? "dead" : "failed", error, last ? null : plan.Delays[attempt - 1], ct);
            if (last) logger.LogWarning("Delivery {Channel} {Id} is dead after attempt {Attempt}: {Error}", row.Channel, message.DeliveryId, attempt, error);
            else logger.LogInformation("Delivery {Channel} {Id} attempt {Attempt} failed: {Error}", row.Channel, message.DeliveryId, attempt, error);
            throw e as DeliveryFailedException ?? new DeliveryFailedException(error);
        }
        await using var done = store.LightweightSession(TenantScope.Platform, database: database);
        await MarkAsync(done, message, "sent", answer, null, ct);
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
    /// The row's outcome and the attempt's answer; the attempt number is the row's own count, across resends. A failed
    /// row shows when its retry comes at the earliest (Wolverine adds up to 20 % jitter).
    /// </summary>
    private async Task MarkAsync(DocumentSession session, IDeliveryMessage message, string status, string answer, TimeSpan? retryIn, CancellationToken ct)
    {
        var now = Now;
        var attempt = (await session.QueryAsync("""
            UPDATE jobs.deliveries SET status = $3, attempts = attempts + 1, sent_at = CASE WHEN $3 = 'sent' THEN $4 END,
                   last_error = CASE WHEN $3 = 'sent' THEN NULL ELSE $5 END, next_attempt_at = $6
             WHERE tenant_id = $1 AND id = $2 RETURNING attempts
            """, r => r.GetInt32(0), ct, message.TenantId, message.DeliveryId, status, now, answer, now + retryIn)).Single();
        await session.ExecuteAsync("""
            INSERT INTO jobs.delivery_attempts (tenant_id, delivery_id, attempt, at, ok, answer, node) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT DO NOTHING
            """, ct, message.TenantId, message.DeliveryId, attempt, now, status == "sent", answer.Length > 4000 ? answer[..4000] : answer, Node);
        await session.SaveChangesAsync(ct);
    }
}
