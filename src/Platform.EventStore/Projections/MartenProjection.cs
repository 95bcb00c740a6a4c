using Marten;
using Marten.Events.Projections;
using MartenEvent = JasperFx.Events.IEvent;

namespace Platform.EventStore.Projections;

/// <summary>
/// One of our SQL projections as a Marten inline projection. Marten calls it during SaveChanges with the session's new
/// events (versions and sequence numbers assigned); the projection reads through our session and queues its writes,
/// which the session sends after Marten's batch, in the same transaction and in registration order.
/// </summary>
internal sealed class MartenProjection(IInlineProjection inner) : IProjection
{
    public string Name => inner.Name;

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<MartenEvent> events, CancellationToken cancellation)
    {
        var relevant = events.Where(e => inner.EventTypes.Contains(e.EventType)).Select(EventOperations.Envelope).ToList();
        if (relevant.Count == 0) return;
        var session = (operations as IDocumentSession is { } m ? DocumentSession.OwnerOf(m) : null)
            ?? throw new InvalidOperationException($"Projection {inner.Name} ran on a Marten session the platform did not open.");
        await inner.ApplyAsync(new ProjectionContext(session, session.ProjectionWrites), relevant, cancellation);
    }
}
