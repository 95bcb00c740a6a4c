namespace Platform.Jobs.Messaging;

/// <summary>
/// A Wolverine message asking to deliver one row of jobs.deliveries. The row holds what is sent (under row-level
/// security, where the district sees it); the message only names it, and its envelope id is the delivery's id.
/// One type per channel, so that each channel has its own retry plan.
/// </summary>
public interface IDeliveryMessage
{
    Guid TenantId { get; }
    Guid DeliveryId { get; }
}

/// <summary>An in-app notice into an account's inbox.</summary>
public sealed record DeliverToInbox(Guid TenantId, Guid DeliveryId) : IDeliveryMessage;

/// <summary>An e-mail through the SMTP server.</summary>
public sealed record SendEmail(Guid TenantId, Guid DeliveryId) : IDeliveryMessage;

/// <summary>A file pushed over HTTP (to the regional institute).</summary>
public sealed record PushToEndpoint(Guid TenantId, Guid DeliveryId) : IDeliveryMessage;

public static class DeliveryMessage
{
    public static IDeliveryMessage For(string channel, Guid tenantId, Guid deliveryId) => channel switch
    {
        "inbox" => new DeliverToInbox(tenantId, deliveryId),
        "email" => new SendEmail(tenantId, deliveryId),
        "http" => new PushToEndpoint(tenantId, deliveryId),
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown delivery channel"),
    };
}
