namespace Platform.Bench;

public sealed record TallyOpened(Guid TallyId, string Title);
public sealed record TallyIncremented(int Amount, string Note, DateTimeOffset At);

/// <summary>The benchmark's aggregate: folding it costs next to nothing, so loads measure the store.</summary>
public sealed record Tally(Guid Id, string Title, long Total, int Count)
{
    public static Tally Create(TallyOpened e) => new(e.TallyId, e.Title, 0, 0);
    public Tally Apply(TallyIncremented e) => this with { Total = Total + e.Amount, Count = Count + 1 };
}

/// <summary>
/// Deterministic streams of events: the store run and the raw run write equal events with equal ids
/// (into different tables), so both serialize exactly the same JSON.
/// </summary>
public static class Workload
{
    private static readonly DateTimeOffset Epoch = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    public static Guid StreamId(int batch, int stream) =>
        new(batch, (short)stream, 0x4000, 0x80, 0xbe, 0, 0, 0, 0, 0, 1);

    public static object[] StreamEvents(Guid id, int count)
    {
        var events = new object[count];
        events[0] = new TallyOpened(id, "Tally " + id.ToString()[..8]);
        for (var i = 1; i < count; i++)
            events[i] = new TallyIncremented(i % 7 + 1, "mark " + i, Epoch.AddSeconds(i));
        return events;
    }

    public static (Guid Id, object[] Events)[] Batch(int batch, int streams, int eventsPerStream) =>
        Enumerable.Range(0, streams)
            .Select(s => StreamId(batch, s))
            .Select(id => (id, StreamEvents(id, eventsPerStream)))
            .ToArray();
}
