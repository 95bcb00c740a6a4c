using System.Text.Json;
using Platform.EventStore;
using Platform.Jobs.Messaging;

namespace Platform.Jobs.Deliveries;

/// <summary>Something to send: to whom, by which channel, with which template and variables (and, over HTTP, a file).</summary>
public sealed record Delivery(
    Guid TenantId, string Channel, string Template, Guid? RecipientId, string? Address, object Payload,
    byte[]? Body = null, string? ContentType = null, string? FileName = null);

/// <summary>
/// Queues deliveries in the caller's transaction: the row in jobs.deliveries (what the district's «Рассылки» shows,
/// under row-level security) and the Wolverine message that sends it, both committed with the decision or neither.
/// </summary>
public sealed class DeliveryQueue(MessageOutbox outbox, RetryPlans plans, TimeProvider time)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Queues one delivery; a given <paramref name="id"/> already queued is left as it is (and not sent again).</summary>
    public async Task<Guid> QueueAsync(DocumentSession session, Delivery d, CancellationToken ct, Guid? id = null)
    {
        var deliveryId = id ?? Guid.CreateVersion7();
        var message = DeliveryMessage.For(d.Channel, d.TenantId, deliveryId);
        var inserted = await session.QueryAsync("""
            INSERT INTO jobs.deliveries (tenant_id, id, channel, template, recipient_id, address, payload, body, content_type, file_name, status,
                                         max_attempts, next_attempt_at, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, 'pending', $11, $12, $12)
            ON CONFLICT DO NOTHING RETURNING 1
            """, r => r.GetInt32(0), ct, d.TenantId, deliveryId, d.Channel, d.Template, d.RecipientId, d.Address,
            JsonSerializer.Serialize(d.Payload, Json), d.Body, d.ContentType, d.FileName, plans.For(message).MaxAttempts, time.GetUtcNow().ToUniversalTime());
        if (inserted.Count > 0) await outbox.PublishAsync(session, message);
        return deliveryId;
    }

    /// <summary>Sends rows the caller has inserted into jobs.deliveries itself (set-based, as the reminder scan does).</summary>
    public async Task PublishAsync(DocumentSession session, IEnumerable<(Guid TenantId, Guid Id, string Channel)> rows)
    {
        foreach (var (tenant, id, channel) in rows) await outbox.PublishAsync(session, DeliveryMessage.For(channel, tenant, id));
    }
}
