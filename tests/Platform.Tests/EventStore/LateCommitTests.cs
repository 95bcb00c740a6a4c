using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Platform.EventStore;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.EventStore;

/// <summary>
/// Marten's async daemon reads the global sequence as platform_system, across tenants under row-level security: it does not
/// read past the number of a transaction still open, so an event that commits late behind a higher number is not lost;
/// a rolled-back number is passed over once stale.
/// </summary>
public sealed class LateCommitTests : StoreTest
{
    private static readonly TimeSpan Stale = TimeSpan.FromSeconds(5);

    protected override void Configure(DocumentStoreOptions options)
    {
        base.Configure(options);
        options.ConfigureMore = o =>
        {
            o.Projections.Add(new EventCounts(), ProjectionLifecycle.Async, "event_counts", null);
            o.Projections.StaleSequenceThreshold = Stale;
        };
    }

    protected override Task ArrangeAsync() => Db.OwnerExecuteAsync("""
        CREATE TABLE public.event_counts (stream_id uuid PRIMARY KEY, events int NOT NULL);
        GRANT SELECT, INSERT, UPDATE ON public.event_counts TO platform_system;
        """);

    [Fact]
    public async Task The_daemon_waits_for_a_late_commit_and_passes_over_a_rollback()
    {
        using var daemon = await Store.Marten.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        var (late, early, after) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        // The late writer takes its sequence number first and holds its transaction open…
        await using var slow = Store.LightweightSession(TenantScope.School(TestRegistry.SchoolA1));
        slow.Events.StartStream<Notebook>(late, new NotebookOpened(late, "Поздняя"));
        await slow.FlushAsync();
        // …while a writer in another school takes the next number and commits.
        await Start(TestRegistry.SchoolB1, early);

        await Task.Delay(Stale / 2);
        (await Count(early)).ShouldBe(0); // not read past the open transaction's number

        await slow.SaveChangesAsync();
        await daemon.WaitForNonStaleData(TimeSpan.FromSeconds(30));
        (await Count(late)).ShouldBe(1);
        (await Count(early)).ShouldBe(1);

        // A rolled-back writer leaves a gap that is passed over once stale.
        await using (var rolledBack = Store.LightweightSession(TenantScope.School(TestRegistry.SchoolA2)))
        {
            rolledBack.Events.StartStream<Notebook>(Guid.NewGuid(), new NotebookOpened(Guid.NewGuid(), "Отменённая"));
            await rolledBack.FlushAsync();
        }
        await Start(TestRegistry.SchoolA1, after);
        await daemon.WaitForNonStaleData(TimeSpan.FromSeconds(30));
        (await Count(after)).ShouldBe(1);
    }

    private async Task Start(Guid school, Guid id)
    {
        await using var s = Store.LightweightSession(TenantScope.School(school));
        s.Events.StartStream<Notebook>(id, new NotebookOpened(id, "Тетрадь"));
        await s.SaveChangesAsync();
    }

    private Task<int> Count(Guid stream) => Db.OwnerScalarAsync<int>("SELECT coalesce((SELECT events FROM public.event_counts WHERE stream_id = $1), 0)", stream);

    /// <summary>A projection that need not be inline: events per stream, written by the daemon in its own transaction.</summary>
    private sealed class EventCounts : IProjection
    {
        public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<JasperFx.Events.IEvent> events, CancellationToken cancellation)
        {
            foreach (var e in events.Where(e => e.Data is NotebookOpened or NoteAdded))
                operations.QueueSqlCommand(
                    "INSERT INTO public.event_counts (stream_id, events) VALUES (?, 1) ON CONFLICT (stream_id) DO UPDATE SET events = event_counts.events + 1",
                    e.StreamId);
            return Task.CompletedTask;
        }
    }
}
