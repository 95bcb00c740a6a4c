using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Platform.Reporting.Submissions;

/// <summary>reporting.submissions, the district's row of a region campaign it submitted to, and the delivery requests.</summary>
public sealed class SubmissionProjection : IInlineProjection
{
    public string Name => "submissions";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type>
    {
        typeof(SubmissionAssembled), typeof(SubmissionRebuilt), typeof(SubmissionSubmitted), typeof(SubmissionPushRequested),
    };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        const string update = "UPDATE reporting.submissions SET {0} WHERE tenant_id = $1 AND id = $2";
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case SubmissionAssembled a:
                    context.Queue("""
                        INSERT INTO reporting.submissions (tenant_id, id, campaign_id, region_campaign_id, as_of, schools, assembled_at, updated_at, version,
                                                           auto_drafted)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9)
                        """, e.TenantId, a.SubmissionId, a.CampaignId, a.RegionCampaignId, a.AsOf, a.Rows.Length, e.Timestamp, e.Version, a.AutoDrafted);
                    break;
                case SubmissionRebuilt r:
                    context.Queue(string.Format(update, "as_of = $3, schools = $4, rebuilds = rebuilds + 1"), e.TenantId, e.StreamId, r.AsOf, r.Rows.Length);
                    break;
                case SubmissionSubmitted s:
                    context.Queue(string.Format(update, "region_campaign_id = $3, submitted_at = $4, late = $5"),
                        e.TenantId, e.StreamId, s.RegionCampaignId, s.SubmittedAt, s.Late);
                    context.Queue("""
                        UPDATE reporting.campaign_districts SET submission_id = $2, submitted_at = $4, late = $5
                         WHERE tenant_id = $1 AND campaign_id = $3
                        """, e.TenantId, e.StreamId, s.RegionCampaignId, s.SubmittedAt, s.Late);
                    break;
                case SubmissionPushRequested p:
                    context.Queue("""
                        INSERT INTO reporting.submission_deliveries (tenant_id, id, submission_id, submission_version, url, file_name, sha256, requested_at, requested_by)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING
                        """, e.TenantId, p.DeliveryId, e.StreamId, e.Version - 1, p.Url, p.FileName, p.Sha256, p.RequestedAt, e.UserName);
                    break;
            }
        }
        foreach (var last in events.Where(e => e.Data is not SubmissionAssembled).GroupBy(e => (e.TenantId, e.StreamId)).Select(g => g.Last()))
            context.Queue(string.Format(update, "updated_at = $3, version = $4"), last.TenantId, last.StreamId, last.Timestamp, last.Version);
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId)
    {
        // Delivery rows carry the jobs' attempts, which are not events: a rebuild keeps them.
        context.Queue("""
            UPDATE reporting.campaign_districts SET submission_id = NULL, submitted_at = NULL, late = NULL WHERE $1::uuid IS NULL OR tenant_id = $1
            """, tenantId);
        context.Queue("DELETE FROM reporting.submissions WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
    }
}
