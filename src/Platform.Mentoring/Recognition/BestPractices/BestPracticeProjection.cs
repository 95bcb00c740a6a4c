using System.Text.Json;
using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Platform.Mentoring.Recognition.BestPractices;

/// <summary>
/// mentoring.best_practices: the school's, the district's and the region's lists, and what the public section reads. Only
/// names their owners agreed to publish reach the table; the consents themselves stay in the stream.
/// </summary>
public sealed class BestPracticeProjection : IInlineProjection
{
    public string Name => "best_practices";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type>
    {
        typeof(BestPracticePublished), typeof(BestPracticeMaterialAdded), typeof(BestPracticeMaterialRemoved), typeof(BestPracticeNominated),
    };

    public static string PublishedNames(IEnumerable<PublicationConsent> consents) => JsonSerializer.Serialize(
        consents.Select(c => new PublishedParticipant(c.Role == "mentor" ? "Наставник" : "Наставляемый", c.NamePublished ? c.FullName : null)));

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        const string update = "UPDATE mentoring.best_practices SET {0} WHERE tenant_id = $1 AND id = $2";
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case BestPracticePublished p:
                    context.Queue("""
                        INSERT INTO mentoring.best_practices (tenant_id, id, program_id, title, description, results, program, participants,
                                                              published_at, published_by, updated_at, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $9, $11)
                        """, e.TenantId, p.BestPracticeId, p.ProgramId, p.Title, p.Description, p.Results, JsonSerializer.Serialize(p.Program),
                        PublishedNames(p.Consents), e.Timestamp, e.UserName, e.Version);
                    break;
                case BestPracticeMaterialAdded:
                    context.Queue(string.Format(update, "materials = materials + 1"), e.TenantId, e.StreamId);
                    break;
                case BestPracticeMaterialRemoved:
                    context.Queue(string.Format(update, "materials = materials - 1"), e.TenantId, e.StreamId);
                    break;
                case BestPracticeNominated n:
                    context.Queue(string.Format(update, "nominated_on = $3, nominated_by = $4, nomination_note = $5"),
                        e.TenantId, e.StreamId, n.NominatedOn, e.UserName, n.Note);
                    break;
            }
        }
        foreach (var last in events.Where(e => e.Data is not BestPracticePublished).GroupBy(e => (e.TenantId, e.StreamId)).Select(g => g.Last()))
            context.Queue(string.Format(update, "updated_at = $3, version = $4"), last.TenantId, last.StreamId, last.Timestamp, last.Version);
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId) =>
        context.Queue("DELETE FROM mentoring.best_practices WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
}
