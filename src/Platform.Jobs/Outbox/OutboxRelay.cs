using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.EventStore;
using Platform.Jobs.Deliveries;
using Platform.Jobs.Email;
using Platform.Jobs.Notifications;
using Platform.Jobs.Scheduling;

namespace Platform.Jobs.Outbox;

/// <summary>
/// Sends outbox rows. A node claims a batch (status «sending», a lease, attempts + 1) and commits the claim, then
/// delivers each row and marks it: sent, failed with the next attempt after backoff and jitter, or dead after the
/// row's max attempts. A node that dies mid-dispatch leaves its rows claimed; once the lease runs out another node
/// takes them over. In-app delivery writes the notification (id = the row's id) and the mark in one transaction, so
/// it happens exactly once whatever crashes; e-mail and HTTP repeat with the same Message-ID / Idempotency-Key.
/// </summary>
public sealed class OutboxRelay(DocumentStore store, SmtpEmailSender email, HttpDeliverySender http, TimeProvider time,
    IOptions<JobsOptions> jobs, IOptions<EmailOptions> emailOptions, IOptions<DeliveryOptions> deliveryOptions, ILogger<OutboxRelay> logger)
{
    public string Node { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>For tests: runs after a row was delivered and before it is marked (throw to simulate a crash there).</summary>
    internal Func<OutboxRow, Task>? AfterSend { get; set; }

    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var rows = await ClaimAsync(ct);
        foreach (var row in rows) await DeliverAsync(row, ct);
        return rows.Count;
    }

    /// <summary>Runs until nothing is due (tests, the demo seed).</summary>
    public async Task<int> DrainAsync(CancellationToken ct = default)
    {
        var total = 0;
        for (var i = 0; i < 1000; i++)
        {
            var n = await RunOnceAsync(ct);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    private async Task<List<OutboxRow>> ClaimAsync(CancellationToken ct)
    {
        var now = Now;
        await using var session = store.LightweightSession(TenantScope.Platform);
        var rows = await session.QueryAsync("""
            UPDATE jobs.outbox o SET status = 'sending', attempts = o.attempts + 1, locked_until = $2
              FROM (SELECT tenant_id, id FROM jobs.outbox
                     WHERE (status IN ('pending', 'failed') AND next_attempt_at <= $1) OR (status = 'sending' AND locked_until < $1)
                     ORDER BY next_attempt_at LIMIT $3
                     FOR UPDATE SKIP LOCKED) c
             WHERE o.tenant_id = c.tenant_id AND o.id = c.id
            RETURNING o.tenant_id, o.id, o.channel, o.template, o.recipient_id, o.address, o.payload::text, o.body, o.content_type, o.file_name,
                      o.attempts, o.max_attempts
            """, r => new OutboxRow(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetGuid(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6), r.IsDBNull(7) ? null : r.GetFieldValue<byte[]>(7),
                r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), r.GetInt32(10), r.GetInt32(11)),
            ct, now, now + jobs.Value.Lease, jobs.Value.RelayBatch);
        await session.SaveChangesAsync(ct);
        return rows;
    }

    private DateTimeOffset Now => time.GetUtcNow().ToUniversalTime();

    private async Task DeliverAsync(OutboxRow row, CancellationToken ct)
    {
        string answer;
        try
        {
            using var payload = JsonDocument.Parse(row.Payload);
            var message = MessageTemplates.Render(row.Template, payload.RootElement, jobs.Value.PublicUrl);
            switch (row.Channel)
            {
                case "inbox":
                    await DeliverToInboxAsync(row, message, ct);
                    return;
                case "email":
                    if (string.IsNullOrWhiteSpace(row.Address)) throw new InvalidOperationException("У получателя нет адреса электронной почты.");
                    answer = await email.SendAsync(row.Id, row.Address, message, ct);
                    break;
                case "http":
                    var (ok, httpAnswer) = await http.SendAsync(row, ct);
                    if (!ok)
                    {
                        await MarkFailedAsync(row, httpAnswer, ct);
                        return;
                    }
                    answer = httpAnswer;
                    break;
                default:
                    throw new InvalidOperationException($"Неизвестный канал {row.Channel}.");
            }
        }
        catch (Exception e) when (e is not SimulatedCrashException && !ct.IsCancellationRequested)
        {
            await MarkFailedAsync(row, e is InvalidOperationException ? e.Message : e.GetBaseException().Message, ct);
            return;
        }
        if (AfterSend is not null) await AfterSend(row);
        await MarkSentAsync(row, answer, null, ct);
    }

    private async Task DeliverToInboxAsync(OutboxRow row, RenderedMessage message, CancellationToken ct)
    {
        await using var session = store.LightweightSession(TenantScope.Platform);
        await session.ExecuteAsync("""
            INSERT INTO jobs.notifications (tenant_id, id, user_id, kind, title, body, link, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (tenant_id, id) DO NOTHING
            """, ct, row.TenantId, row.Id, row.RecipientId, row.Template, message.Title, message.Body, message.Link, Now);
        if (AfterSend is not null) await AfterSend(row); // a crash here rolls the notification back with the transaction
        await MarkSentAsync(row, "доставлено во входящие", session, ct);
    }

    private async Task MarkSentAsync(OutboxRow row, string answer, DocumentSession? inSession, CancellationToken ct)
    {
        var session = inSession ?? store.LightweightSession(TenantScope.Platform);
        try
        {
            var now = Now;
            await session.ExecuteAsync("""
                UPDATE jobs.outbox SET status = 'sent', sent_at = $3, locked_until = NULL, last_error = NULL
                 WHERE tenant_id = $1 AND id = $2 AND status = 'sending' AND attempts = $4
                """, ct, row.TenantId, row.Id, now, row.Attempts);
            await LogAttemptAsync(session, row, true, answer, now, ct);
            await session.SaveChangesAsync(ct);
        }
        finally
        {
            if (inSession is null) await session.DisposeAsync();
        }
    }

    private async Task MarkFailedAsync(OutboxRow row, string error, CancellationToken ct)
    {
        var now = Now;
        var (first, max) = row.Channel switch
        {
            "http" => (deliveryOptions.Value.FirstRetry, deliveryOptions.Value.MaxRetry),
            _ => (emailOptions.Value.FirstRetry, emailOptions.Value.MaxRetry),
        };
        var dead = row.Attempts >= row.MaxAttempts;
        await using var session = store.LightweightSession(TenantScope.Platform);
        await session.ExecuteAsync("""
            UPDATE jobs.outbox SET status = $3, next_attempt_at = $4, locked_until = NULL, last_error = $5
             WHERE tenant_id = $1 AND id = $2 AND status = 'sending' AND attempts = $6
            """, ct, row.TenantId, row.Id, dead ? "dead" : "failed", now + Backoff.Delay(row.Attempts, first, max), error, row.Attempts);
        await LogAttemptAsync(session, row, false, error, now, ct);
        await session.SaveChangesAsync(ct);
        if (dead) logger.LogWarning("Outbox {Channel} message {Id} is dead after {Attempts} attempts: {Error}", row.Channel, row.Id, row.Attempts, error);
        else logger.LogInformation("Outbox {Channel} message {Id} attempt {Attempt} failed: {Error}", row.Channel, row.Id, row.Attempts, error);
    }

    private Task LogAttemptAsync(DocumentSession session, OutboxRow row, bool ok, string answer, DateTimeOffset now, CancellationToken ct) =>
        session.ExecuteAsync("""
            INSERT INTO jobs.delivery_attempts (tenant_id, outbox_id, attempt, at, ok, answer, node) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT DO NOTHING
            """, ct, row.TenantId, row.Id, row.Attempts, now, ok, answer.Length > 4000 ? answer[..4000] : answer, Node);
}

/// <summary>Thrown by a test hook to stop a relay between delivery and mark, as a killed process would.</summary>
public sealed class SimulatedCrashException() : Exception("simulated crash");
