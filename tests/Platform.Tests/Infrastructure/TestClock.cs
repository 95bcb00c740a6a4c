using Microsoft.Extensions.Time.Testing;

namespace Platform.Tests.Infrastructure;

/// <summary>
/// A clock the test sets (<see cref="FakeTimeProvider.AdjustTime"/>, <see cref="FakeTimeProvider.Advance"/>) while timers,
/// delays and elapsed-time measurements keep running in real time: Wolverine's and Hangfire's polling loops take the
/// host's TimeProvider, and a fake timer would never fire in a test that does not advance the clock.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime, period);

    public override long GetTimestamp() => System.GetTimestamp();

    public override long TimestampFrequency => System.TimestampFrequency;
}
