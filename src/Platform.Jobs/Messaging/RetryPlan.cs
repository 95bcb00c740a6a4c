namespace Platform.Jobs.Messaging;

/// <summary>
/// How often a channel tries: <see cref="MaxAttempts"/> attempts, the waits between them doubling from
/// <see cref="FirstRetry"/> up to <see cref="MaxRetry"/>. Wolverine schedules the retries from <see cref="Delays"/>
/// (with up to 20 % jitter, so that many failed messages do not come back at once) and dead-letters after the last;
/// the handler reads the same plan to know which attempt is the last.
/// </summary>
public sealed record RetryPlan(int MaxAttempts, TimeSpan FirstRetry, TimeSpan MaxRetry)
{
    public TimeSpan[] Delays => Enumerable.Range(0, Math.Max(MaxAttempts - 1, 0))
        .Select(i => TimeSpan.FromTicks((long)Math.Min(FirstRetry.Ticks * Math.Pow(2, Math.Min(i, 30)), MaxRetry.Ticks)))
        .ToArray();

    public bool IsLast(int attempt) => attempt >= MaxAttempts;
}

/// <summary>The retry plans of the three channels, from Email, Deliveries and Jobs settings.</summary>
public sealed record RetryPlans(RetryPlan Inbox, RetryPlan Email, RetryPlan Http)
{
    public RetryPlan For(IDeliveryMessage message) => message switch
    {
        DeliverToInbox => Inbox,
        SendEmail => Email,
        _ => Http,
    };
}
