using Platform.EventStore;
using Platform.Jobs.Messaging;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;

namespace Platform.Jobs.Deliveries;

/// <summary>
/// The district curator's resend of a dead delivery: its row goes back to «pending» with a fresh round of attempts,
/// and Wolverine replays its dead letter (found by id: the envelope's id is the delivery's). A dead delivery with no
/// dead letter (expired, or from before the messages moved to Wolverine) is queued anew in the same transaction.
/// </summary>
public sealed class DeliveryResend(IWolverineRuntime runtime, MessageOutbox outbox, RetryPlans plans, TimeProvider time)
{
    /// <summary>The row put back in the queue, or none (not found in the scope), or the Russian reason it is not resent.</summary>
    public async Task<(DeliveryRow? Row, string? Refusal)> ResendAsync(Guid id, DocumentSession session, CancellationToken ct)
    {
        var current = await DeliveryEndpoints.LockAsync(session, id, ct);
        if (current is null) return (null, null);
        if (current.Status != "dead")
            return (current, current.Status == "sent" ? "Сообщение уже доставлено." : "Сообщение ещё отправляется: повторить можно недоставленное.");
        var message = DeliveryMessage.For(current.Channel, current.TenantId, current.Id);
        var row = await DeliveryEndpoints.RequeueAsync(session, current, plans.For(message).MaxAttempts, time.GetUtcNow(), ct);
        // The replay is Wolverine's (as platform_system, by this one id) and happens while the row is locked: the
        // replayed message waits for this commit, and if the commit fails it is delivered all the same.
        if (await runtime.Storage.DeadLetters.DeadLetterEnvelopeByIdAsync(id, null) is not null)
            await runtime.Storage.DeadLetters.ReplayAsync(new DeadLetterEnvelopeQuery { MessageIds = [id] }, ct);
        else
            await outbox.PublishAsync(session, message);
        await session.SaveChangesAsync(ct);
        return (row, null);
    }
}
