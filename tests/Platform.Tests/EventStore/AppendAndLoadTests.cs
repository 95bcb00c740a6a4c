using Platform.EventStore;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.EventStore;

public sealed class AppendAndLoadTests : StoreTest
{
    protected override TimeProvider Time => _time;
    private readonly TestClock _time = new(new DateTimeOffset(2026, 12, 16, 9, 0, 0, TimeSpan.Zero));
    private readonly TenantScope _school = TenantScope.School(TestRegistry.SchoolA1);

    private async Task<Guid> StartNotebook(params object[] more)
    {
        var id = Guid.NewGuid();
        await using var s = Store.LightweightSession(_school);
        s.Events.StartStream<Notebook>(id, [new NotebookOpened(id, "План"), .. more]);
        await s.SaveChangesAsync();
        return id;
    }

    [Fact]
    public async Task Started_stream_replays_into_its_aggregate_with_metadata()
    {
        var id = Guid.NewGuid();
        await using (var s = Store.LightweightSession(_school))
        {
            s.UserName = "curator@school";
            s.CorrelationId = "corr-1";
            s.CausationId = "cause-1";
            s.Events.StartStream<Notebook>(id, new NotebookOpened(id, "План"), new NoteAdded("первая"));
            await s.SaveChangesAsync();
        }

        await using var read = Store.LightweightSession(_school);
        var notebook = await read.Events.AggregateStreamAsync<Notebook>(id);
        notebook.ShouldBe(new Notebook(id, "План", notebook!.Notes));
        notebook.Notes.ShouldBe(["первая"]);
        var events = await read.Events.FetchStreamAsync(id);
        events.Select(e => e.Version).ShouldBe([1L, 2L]);
        events.ShouldAllBe(e => e.UserName == "curator@school" && e.CorrelationId == "corr-1" && e.CausationId == "cause-1");
        events.ShouldAllBe(e => e.TenantId == TestRegistry.SchoolA1 && e.Timestamp == _time.GetUtcNow());
        events[0].EventTypeName.ShouldBe("notebook_opened");
        events[1].Sequence.ShouldBeGreaterThan(events[0].Sequence);
        var state = await read.Events.FetchStreamStateAsync(id);
        state!.Version.ShouldBe(2);
        state.AggregateType.ShouldBe("notebook");
    }

    [Fact]
    public async Task Starting_a_stream_twice_is_refused()
    {
        var id = await StartNotebook();
        await using var s = Store.LightweightSession(_school);
        s.Events.StartStream<Notebook>(id, new NotebookOpened(id, "Дубль"));
        await Should.ThrowAsync<StreamAlreadyExistsException>(() => s.SaveChangesAsync());
    }

    [Fact]
    public async Task Append_with_a_stale_expected_version_conflicts_and_writes_nothing()
    {
        var id = await StartNotebook();
        await using (var s = Store.LightweightSession(_school))
        {
            s.Events.Append(id, 1, new NoteAdded("a"));
            await s.SaveChangesAsync();
        }
        await using (var stale = Store.LightweightSession(_school))
        {
            stale.Events.Append(id, 1, new NoteAdded("b"));
            var error = await Should.ThrowAsync<ConcurrencyException>(() => stale.SaveChangesAsync());
            error.ExpectedVersion.ShouldBe(1);
        }
        (await Db.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE stream_id = $1", id)).ShouldBe(2);
    }

    [Fact]
    public async Task Two_writers_loaded_at_the_same_version_one_wins()
    {
        var id = await StartNotebook();
        await using var a = Store.LightweightSession(_school);
        await using var b = Store.LightweightSession(_school);
        var sa = await a.Events.FetchForWriting<Notebook>(id);
        var sb = await b.Events.FetchForWriting<Notebook>(id);
        sa.AppendOne(new NoteAdded("a"));
        sb.AppendOne(new NoteAdded("b"));
        await a.SaveChangesAsync();
        await Should.ThrowAsync<ConcurrencyException>(() => b.SaveChangesAsync());
    }

    [Fact]
    public async Task Append_without_expectation_continues_the_stream_or_creates_it()
    {
        var id = await StartNotebook();
        var fresh = Guid.NewGuid();
        await using (var s = Store.LightweightSession(_school))
        {
            s.Events.Append(id, new NoteAdded("x"), new NoteAdded("y"));
            s.Events.Append(fresh, new NotebookOpened(fresh, "Новый"));
            await s.SaveChangesAsync();
        }
        await using var read = Store.LightweightSession(_school);
        (await read.Events.FetchStreamAsync(id)).Select(e => e.Version).ShouldBe([1L, 2L, 3L]);
        (await read.Events.AggregateStreamAsync<Notebook>(fresh))!.Title.ShouldBe("Новый");
    }

    [Fact]
    public async Task Exclusive_appends_wait_for_each_other_instead_of_failing()
    {
        var id = await StartNotebook();
        await using var first = Store.LightweightSession(_school);
        await first.Events.AppendExclusive(id, default, new NoteAdded("first"));

        var second = Task.Run(async () =>
        {
            await using var s = Store.LightweightSession(_school);
            await s.Events.AppendExclusive(id, default, new NoteAdded("second"));
            await s.SaveChangesAsync();
        });
        await Task.Delay(300);
        second.IsCompleted.ShouldBeFalse("the second writer must wait for the lock");
        await first.SaveChangesAsync();
        await second;

        await using var read = Store.LightweightSession(_school);
        (await read.Events.AggregateStreamAsync<Notebook>(id))!.Notes.ShouldBe(["first", "second"]);
    }

    [Fact]
    public async Task Exclusive_append_to_a_missing_stream_is_refused()
    {
        await using var s = Store.LightweightSession(_school);
        await Should.ThrowAsync<StreamNotFoundException>(() => s.Events.AppendExclusive(Guid.NewGuid(), default, new NoteAdded("x")));
    }

    [Fact]
    public async Task Aggregate_loads_as_of_a_version_and_as_of_a_moment()
    {
        var id = await StartNotebook();
        var afterStart = _time.GetUtcNow();
        foreach (var (text, days) in new[] { ("a", 1), ("b", 2), ("c", 3) })
        {
            _time.Advance(TimeSpan.FromDays(1));
            await using var s = Store.LightweightSession(_school);
            s.Events.Append(id, new NoteAdded(text));
            await s.SaveChangesAsync();
        }
        await using var read = Store.LightweightSession(_school);
        (await read.Events.AggregateStreamAsync<Notebook>(id, version: 2))!.Notes.ShouldBe(["a"]);
        (await read.Events.AggregateStreamAsync<Notebook>(id, timestamp: afterStart))!.Notes.ShouldBeEmpty();
        (await read.Events.AggregateStreamAsync<Notebook>(id, timestamp: afterStart.AddDays(2)))!.Notes.ShouldBe(["a", "b"]);
        (await read.Events.AggregateStreamAsync<Notebook>(id))!.Notes.ShouldBe(["a", "b", "c"]);
        (await read.Events.AggregateStreamAsync<Notebook>(id, timestamp: afterStart.AddDays(-1))).ShouldBeNull();
    }

    [Fact]
    public async Task A_200_event_stream_replays_in_order()
    {
        var id = Guid.NewGuid();
        await using (var s = Store.LightweightSession(_school))
        {
            s.Events.StartStream<Notebook>(id, [new NotebookOpened(id, "Длинный"), .. Enumerable.Range(1, 199).Select(i => (object)new NoteAdded($"n{i}"))]);
            await s.SaveChangesAsync();
        }
        await using var read = Store.LightweightSession(_school);
        var notebook = await read.Events.AggregateStreamAsync<Notebook>(id);
        notebook!.Notes.Count.ShouldBe(199);
        notebook.Notes[^1].ShouldBe("n199");
    }
}
