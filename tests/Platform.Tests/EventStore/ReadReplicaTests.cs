using Platform.EventStore;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.EventStore;

/// <summary>
/// The standby for read-heavy pages: used while its measured lag is within bounds, skipped when it cannot be measured; a
/// read-only session never writes. (Streaming to a real standby and a failover are in deploy/cluster_test.py.)
/// </summary>
public sealed class ReadReplicaTests : StoreTest
{
    private readonly TenantScope _school = TenantScope.School(TestRegistry.SchoolA1);

    [Fact]
    public async Task A_server_that_answers_and_replays_nothing_is_fresh_and_one_that_cannot_be_reached_is_not()
    {
        // A primary answers the lag query with 0 (it is not in recovery): the freshest "standby" there is.
        await using var reachable = new ReadReplica(Db.AppConnectionString, TimeSpan.FromSeconds(5));
        reachable.IsFresh.ShouldBeFalse(); // before the first measurement, reads stay on the primary
        await Until(() => reachable.Lag is not null);
        reachable.Lag.ShouldBe(TimeSpan.Zero);
        reachable.IsFresh.ShouldBeTrue();

        await using var unreachable = new ReadReplica("Host=127.0.0.1;Port=1;Username=platform_app;Timeout=1", TimeSpan.FromSeconds(5));
        _ = unreachable.IsFresh;
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // measured and failed (Timeout=1), then measured again
        unreachable.IsFresh.ShouldBeFalse();
        unreachable.Lag.ShouldBeNull();
    }

    [Fact]
    public async Task A_read_only_session_reads_from_the_primary_when_the_standby_is_unreachable_and_refuses_to_save()
    {
        var id = Guid.NewGuid();
        await using (var write = Store.LightweightSession(_school))
        {
            write.Events.StartStream<Notebook>(id, new NotebookOpened(id, "План"));
            await write.SaveChangesAsync();
        }
        await using var store = Db.CreateStore(o =>
        {
            o.Aggregate<Notebook>();
            o.ReplicaConnectionString = "Host=127.0.0.1;Port=1;Username=platform_app;Timeout=1";
        });

        await using var read = store.ReadOnlySession(_school);
        (await read.Events.AggregateStreamAsync<Notebook>(id))!.Title.ShouldBe("План");
        read.Events.Append(id, new NoteAdded("не сохранится"));
        await Should.ThrowAsync<InvalidOperationException>(() => read.SaveChangesAsync());
        (await Db.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE stream_id = $1", id)).ShouldBe(1L);
    }

    private static async Task Until(Func<bool> done)
    {
        for (var i = 0; i < 100 && !done(); i++) await Task.Delay(50);
    }
}
