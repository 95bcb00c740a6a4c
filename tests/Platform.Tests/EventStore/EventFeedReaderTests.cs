using Npgsql;
using Platform.EventStore;
using Platform.EventStore.Feed;
using Platform.Tests.Infrastructure;
using static Platform.Tests.Infrastructure.TestRegistry;

namespace Platform.Tests.EventStore;

public sealed class EventFeedReaderTests : StoreTest
{

    private DocumentSession Writing(Guid school, out Guid streamId)
    {
        var id = streamId = Guid.NewGuid();
        var s = Store.LightweightSession(TenantScope.School(school));
        s.Events.StartStream<Notebook>(id, new NotebookOpened(id, school.ToString()));
        return s;
    }

    private async Task<long> SeqOf(Guid streamId) =>
        await Db.OwnerScalarAsync<long>("SELECT seq FROM es.events WHERE stream_id = $1", streamId);

    /// <summary>What a naive "seq > checkpoint" reader would see right now.</summary>
    private async Task<List<long>> NaiveRead(long after)
    {
        await using var c = new NpgsqlConnection(Db.OwnerConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT seq FROM es.events WHERE seq > $1 ORDER BY seq", c);
        cmd.Parameters.Add(new NpgsqlParameter { Value = after });
        var list = new List<long>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add(r.GetInt64(0));
        return list;
    }

    /// <summary>
    /// The horizon waits for every older transaction of the cluster (other tests' databases included)
    /// to end, so reads are polled: the property under test is "never skipped", not "at once".
    /// </summary>
    private static async Task<List<IEvent>> ReadUntil(EventFeedReader reader, int count)
    {
        var events = new List<IEvent>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (events.Count < count && DateTime.UtcNow < deadline)
        {
            var batch = await reader.ReadNextAsync(1_000);
            events.AddRange(batch);
            if (batch.Count == 0) await Task.Delay(20);
        }
        return events;
    }

    [Fact]
    public async Task An_event_that_commits_late_behind_a_higher_sequence_is_not_skipped()
    {
        var reader = new EventFeedReader(Store);
        (await reader.ReadNextAsync()).ShouldBeEmpty();

        // T1 takes the lower sequence number and stays open; T2 takes the next one and commits first.
        await using var t1 = Writing(SchoolA1, out var first);
        await t1.FlushAsync();
        Guid second;
        await using (var t2 = Writing(SchoolB1, out second)) await t2.SaveChangesAsync();

        var secondSeq = await SeqOf(second);
        (await NaiveRead(0)).ShouldBe([secondSeq], "a naive reader would now move past the uncommitted event");
        (await reader.ReadNextAsync()).ShouldBeEmpty("nothing is final while T1, holding a lower number, is open");
        reader.Checkpoint.ShouldBe(0);

        await t1.SaveChangesAsync();
        var events = await ReadUntil(reader, 2);
        events.Select(e => e.StreamId).ShouldBe([first, second]);
        events[0].Sequence.ShouldBeLessThan(events[1].Sequence);
        reader.Checkpoint.ShouldBe(secondSeq);
        (await reader.ReadNextAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_rolled_back_sequence_number_does_not_hold_the_feed_back()
    {
        var reader = new EventFeedReader(Store);
        Guid second;
        await using (var t1 = Writing(SchoolA1, out _))
        {
            await t1.FlushAsync();
            await using var t2 = Writing(SchoolA2, out second);
            await t2.SaveChangesAsync();
            (await reader.ReadNextAsync()).ShouldBeEmpty();
        } // disposed without saving: rolled back
        var events = await ReadUntil(reader, 1);
        events.Select(e => e.StreamId).ShouldBe([second]);
    }

    [Fact]
    public async Task Many_concurrent_writers_are_all_delivered_once_in_sequence_order()
    {
        var reader = new EventFeedReader(Store);
        var seen = new List<IEvent>();
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await using var s = Writing(w % 2 == 0 ? SchoolA1 : SchoolB1, out _);
                await s.SaveChangesAsync();
            }
        })).ToArray();
        while (!writers.All(t => t.IsCompleted))
            seen.AddRange(await reader.ReadNextAsync(50));
        await Task.WhenAll(writers);
        seen.AddRange(await ReadUntil(reader, 200 - seen.Count));

        seen.Count.ShouldBe(200);
        seen.Select(e => e.Sequence).ShouldBeInOrder();
        seen.Select(e => e.Sequence).Distinct().Count().ShouldBe(200);
    }
}
