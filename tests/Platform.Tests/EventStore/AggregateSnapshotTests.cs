using Microsoft.Extensions.Logging.Abstractions;
using Platform.EventStore;
using Platform.EventStore.Projections;
using Platform.Mentoring.RoadMaps;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.EventStore;

/// <summary>
/// A road map is kept as a snapshot (es.mt_doc_roadmap): written with every append at the stream's version, read by a decision
/// instead of the events, filled in for streams that have none, and isolated by tenant like the events.
/// </summary>
public sealed class AggregateSnapshotTests : StoreTest
{
    private readonly TenantScope _school = TenantScope.School(TestRegistry.SchoolA1);
    private static readonly Guid Stage = Guid.NewGuid();

    protected override void Configure(DocumentStoreOptions options) => options.Snapshot<RoadMap>().Aggregate<Notebook>();

    private async Task<Guid> StartRoadMapAsync(int activities = 2)
    {
        var id = Guid.NewGuid();
        await using var s = Store.LightweightSession(_school);
        s.Events.StartStream<RoadMap>(id, [
            new RoadMapCreated(id, "План мероприятий", 2026, 1, null, DateTimeOffset.UtcNow),
            new StageAdded(Stage, "Организационный этап", null),
            .. Enumerable.Range(1, activities).Select(n => (object)new ActivityAdded(Guid.NewGuid(), Stage, $"Мероприятие {n}", null,
                new Period(PeriodKind.Month, From: "2026-12"), ["curator"], null, null)),
        ]);
        await s.SaveChangesAsync();
        return id;
    }

    private Task<long?> StoredVersionAsync(Guid id) =>
        Db.OwnerScalarAsync<long?>("SELECT mt_version FROM es.mt_doc_roadmap WHERE id = $1", id);

    private async Task<RoadMap> ReplayedAsync(Guid id)
    {
        await using var s = Store.LightweightSession(_school);
        return (await s.Events.AggregateStreamAsync<RoadMap>(id))!;
    }

    private static void ShouldMatch(RoadMap actual, RoadMap expected)
    {
        actual.Title.ShouldBe(expected.Title);
        actual.Stages.ShouldBe(expected.Stages);
        actual.Activities.Select(a => (a.Id, a.Title, a.Status, a.Evidence)).ShouldBe(expected.Activities.Select(a => (a.Id, a.Title, a.Status, a.Evidence)));
    }

    [Fact]
    public async Task Every_append_writes_the_snapshot_at_the_streams_version_and_a_decision_reads_it()
    {
        var id = await StartRoadMapAsync();
        (await StoredVersionAsync(id)).ShouldBe(4);

        Guid activity;
        await using (var s = Store.LightweightSession(_school))
        {
            var stream = await s.Events.FetchForWriting<RoadMap>(id);
            stream.Version.ShouldBe(4);
            activity = stream.Aggregate!.Activities[0].Id;
            stream.AppendOne(new ActivityStatusChanged(activity, ActivityStatus.Planned, ActivityStatus.Done, "протокол", null));
            await s.SaveChangesAsync();
        }

        (await StoredVersionAsync(id)).ShouldBe(5);
        await using var read = Store.LightweightSession(_school);
        var (current, version) = await read.Events.FetchLatestAsync<RoadMap>(id);
        version.ShouldBe(5);
        current!.FindActivity(activity)!.Status.ShouldBe(ActivityStatus.Done);
        ShouldMatch(current, await ReplayedAsync(id));
        // The snapshot is what is read: a change made to the row alone shows.
        await Db.OwnerExecuteAsync("UPDATE es.mt_doc_roadmap SET data = jsonb_set(data, '{title}', '\"Из снимка\"') WHERE id = $1", id);
        await using var again = Store.LightweightSession(_school);
        (await again.Events.FetchLatestAsync<RoadMap>(id)).Aggregate!.Title.ShouldBe("Из снимка");
    }

    [Fact]
    public async Task A_stream_without_its_snapshot_is_replayed_once_and_gets_one()
    {
        var id = await StartRoadMapAsync();
        await Db.OwnerExecuteAsync("DELETE FROM es.mt_doc_roadmap WHERE id = $1", id);

        await using var s = Store.LightweightSession(_school);
        var (current, version) = await s.Events.FetchLatestAsync<RoadMap>(id);

        version.ShouldBe(4);
        ShouldMatch(current!, await ReplayedAsync(id));
        (await StoredVersionAsync(id)).ShouldBe(4);
    }

    [Fact]
    public async Task The_start_fills_in_missing_and_outdated_snapshots_and_then_finds_nothing_to_do()
    {
        var missing = await StartRoadMapAsync();
        var outdated = await StartRoadMapAsync(activities: 3);
        var current = await StartRoadMapAsync();
        await Db.OwnerExecuteAsync("DELETE FROM es.mt_doc_roadmap WHERE id = $1", missing);
        // As a node of the previous version leaves it: an event appended, the snapshot not updated.
        await Db.OwnerExecuteAsync("UPDATE es.mt_doc_roadmap SET mt_version = 2, data = jsonb_set(data, '{activities}', '[]') WHERE id = $1", outdated);

        (await SnapshotBackfill.RunAsync(Store, "home", NullLogger.Instance)).ShouldBe(2);

        (await StoredVersionAsync(missing)).ShouldBe(4);
        (await StoredVersionAsync(outdated)).ShouldBe(5);
        (await StoredVersionAsync(current)).ShouldBe(4);
        await using var s = Store.LightweightSession(_school);
        ShouldMatch((await s.Events.FetchLatestAsync<RoadMap>(outdated)).Aggregate!, await ReplayedAsync(outdated));
        (await SnapshotBackfill.RunAsync(Store, "home", NullLogger.Instance)).ShouldBe(0);
    }

    [Fact]
    public async Task Snapshots_are_isolated_by_tenant_and_another_aggregates_id_finds_none()
    {
        var id = await StartRoadMapAsync();
        await using (var other = Store.LightweightSession(TenantScope.School(TestRegistry.SchoolB1)))
            (await other.QueryAsync("SELECT count(*) FROM es.mt_doc_roadmap", r => r.GetInt64(0), default))[0].ShouldBe(0);
        await using (var otherDistrict = Store.LightweightSession(TenantScope.District(TestRegistry.DistrictB)))
            (await otherDistrict.QueryAsync("SELECT count(*) FROM es.mt_doc_roadmap", r => r.GetInt64(0), default))[0].ShouldBe(0);
        await using (var district = Store.LightweightSession(TenantScope.District(TestRegistry.DistrictA)))
            (await district.QueryAsync("SELECT count(*) FROM es.mt_doc_roadmap WHERE id = $1", r => r.GetInt64(0), default, id))[0].ShouldBe(1);

        var notebook = Guid.NewGuid();
        await using (var s = Store.LightweightSession(_school))
        {
            s.Events.StartStream<Notebook>(notebook, new NotebookOpened(notebook, "Не дорожная карта"));
            await s.SaveChangesAsync();
        }
        await using var read = Store.LightweightSession(_school);
        (await read.Events.FetchLatestAsync<RoadMap>(notebook)).Aggregate.ShouldBeNull();
        (await Db.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_doc_roadmap WHERE id = $1", notebook)).ShouldBe(0);
    }
}
