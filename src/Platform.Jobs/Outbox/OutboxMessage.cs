using System.Text.Json;
using Platform.EventStore;

namespace Platform.Jobs.Outbox;

/// <summary>A message to send later, written in the caller's transaction (so it exists exactly when the decision does).</summary>
public sealed record OutboxMessage(
    Guid TenantId, string Channel, string Template, Guid? RecipientId, string? Address, object Payload, int MaxAttempts,
    byte[]? Body = null, string? ContentType = null, string? FileName = null);

public sealed record OutboxRow(
    Guid TenantId, Guid Id, string Channel, string Template, Guid? RecipientId, string? Address, string Payload,
    byte[]? Body, string? ContentType, string? FileName, int Attempts, int MaxAttempts);

public static class OutboxWriter
{
    /// <summary>Queues the message inside the session's open transaction; it is sent once the session commits.</summary>
    public static async Task<Guid> EnqueueAsync(DocumentSession session, OutboxMessage m, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await session.ExecuteAsync("""
            INSERT INTO jobs.outbox (tenant_id, id, channel, template, recipient_id, address, payload, body, content_type, file_name,
                                     status, max_attempts, next_attempt_at, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, 'pending', $11, $12, $12)
            """, ct, m.TenantId, id, m.Channel, m.Template, m.RecipientId, m.Address, JsonSerializer.Serialize(m.Payload, Json),
            m.Body, m.ContentType, m.FileName, m.MaxAttempts, now.ToUniversalTime());
        return id;
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
