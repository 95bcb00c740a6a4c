using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Platform.Reporting.Campaigns;

/// <summary>
/// reporting.campaigns, and who must report: reporting.campaign_schools (a row per school, tenant = the school) for a
/// district campaign, reporting.campaign_districts (tenant = the district) for a region's.
/// </summary>
public sealed class CampaignProjection : IInlineProjection
{
    public string Name => "campaigns";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type> { typeof(CampaignOpened) };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            if (e.Data is not CampaignOpened o) continue;
            var c = Campaign.Create(o);
            context.Queue("""
                INSERT INTO reporting.campaigns (tenant_id, id, level, title, period_from, period_to, due_on, late_after_days, lock_on, time_zone,
                                                 participants, created_at, created_by, updated_at, version)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12, $14)
                """, e.TenantId, o.CampaignId, o.Level == CampaignLevel.District ? "district" : "region", o.Title, o.PeriodFrom, o.PeriodTo, o.DueOn,
                o.LateAfterDays, o.LockOn, o.TimeZone, o.Participants.Length, e.Timestamp, e.UserName, e.Version);
            if (o.Level == CampaignLevel.District)
                context.Queue("""
                    INSERT INTO reporting.campaign_schools (tenant_id, campaign_id, district_id, title, period_from, period_to, due_on, late_after_days,
                                                            lock_on, late_from, locked_from)
                    SELECT s, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 FROM unnest($1::uuid[]) AS s
                    """, o.Participants.Select(p => p.Id).ToArray(), o.CampaignId, o.OwnerId, o.Title, o.PeriodFrom, o.PeriodTo, o.DueOn,
                    o.LateAfterDays, o.LockOn, c.LateFrom, c.LockedFrom);
            else
                context.Queue("""
                    INSERT INTO reporting.campaign_districts (tenant_id, campaign_id, region_id, title, due_on, late_after_days, lock_on, late_from, locked_from)
                    SELECT d, $2, $3, $4, $5, $6, $7, $8, $9 FROM unnest($1::uuid[]) AS d
                    """, o.Participants.Select(p => p.Id).ToArray(), o.CampaignId, o.OwnerId, o.Title, o.DueOn, o.LateAfterDays, o.LockOn,
                    c.LateFrom, c.LockedFrom);
        }
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId)
    {
        context.Queue("DELETE FROM reporting.campaign_schools WHERE $1::uuid IS NULL OR district_id = $1", tenantId);
        context.Queue("DELETE FROM reporting.campaign_districts WHERE $1::uuid IS NULL OR region_id = $1", tenantId);
        context.Queue("DELETE FROM reporting.campaigns WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
    }
}
