namespace Platform.Tests.Infrastructure;

/// <summary>A clock the test moves by hand (Microsoft.Extensions.TimeProvider.Testing is not on the mirror).</summary>
public sealed class FakeTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
    public void Set(DateTimeOffset now) => _now = now;

    /// <summary>
    /// A clock that starts at this one's moment and then runs with real time: for a real Quartz scheduler, whose
    /// repeating triggers come due by this clock and would never fire again on a clock that stands still.
    /// </summary>
    public TimeProvider Running()
    {
        var start = _now;
        var since = TimeProvider.System.GetTimestamp();
        return new RunningTime(() => start + TimeProvider.System.GetElapsedTime(since));
    }

    private sealed class RunningTime(Func<DateTimeOffset> now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now();
    }
}
