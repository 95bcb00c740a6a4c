using System.Text.Json;
using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Platform.Reporting.SchoolReports;

/// <summary>reporting.school_reports (the latest version of each report) and the report's state in reporting.campaign_schools.</summary>
public sealed class SchoolReportProjection : IInlineProjection
{
    public string Name => "school_reports";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type>
    {
        typeof(SchoolReportGenerated), typeof(SchoolReportRefreshed), typeof(SchoolReportValuesEntered), typeof(SchoolReportSubmitted),
        typeof(SchoolReportReturned), typeof(SchoolReportAccepted),
    };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        const string update = "UPDATE reporting.school_reports SET {0} WHERE tenant_id = $1 AND id = $2";
        const string duty = "UPDATE reporting.campaign_schools SET {0} WHERE tenant_id = $1 AND report_id = $2";
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case SchoolReportGenerated g:
                    context.Queue("""
                        INSERT INTO reporting.school_reports (tenant_id, id, campaign_id, district_id, status, cut_off, values, created_at, updated_at, version)
                        VALUES ($1, $2, $3, $4, 'draft', $5, $6::jsonb, $7, $7, $8)
                        """, e.TenantId, g.ReportId, g.CampaignId, g.DistrictId, g.CutOff, Json(g.Values), e.Timestamp, e.Version);
                    context.Queue("UPDATE reporting.campaign_schools SET report_id = $3, report_status = 'draft' WHERE tenant_id = $1 AND campaign_id = $2",
                        e.TenantId, g.CampaignId, g.ReportId);
                    break;
                case SchoolReportRefreshed r:
                    context.Queue(string.Format(update, "cut_off = $3, values = values || $4::jsonb"), e.TenantId, e.StreamId, r.CutOff, Json(r.Values));
                    break;
                case SchoolReportValuesEntered v:
                    context.Queue(string.Format(update, "values = values || $3::jsonb"), e.TenantId, e.StreamId, Json(v.Values));
                    break;
                case SchoolReportSubmitted s:
                    context.Queue(string.Format(update, "status = 'submitted', submitted_at = $3, late = coalesce(late, $4)"),
                        e.TenantId, e.StreamId, s.SubmittedAt, s.Late);
                    context.Queue(string.Format(duty, """
                        report_status = 'submitted', submitted_at = $3, first_submitted_at = coalesce(first_submitted_at, $3), late = coalesce(late, $4)
                        """), e.TenantId, e.StreamId, s.SubmittedAt, s.Late);
                    break;
                case SchoolReportReturned r:
                    context.Queue(string.Format(update, "status = 'returned', return_comment = $3"), e.TenantId, e.StreamId, r.Comment);
                    context.Queue(string.Format(duty, "report_status = 'returned'"), e.TenantId, e.StreamId);
                    break;
                case SchoolReportAccepted a:
                    context.Queue(string.Format(update, "status = 'accepted', accepted_at = $3"), e.TenantId, e.StreamId, a.AcceptedAt);
                    context.Queue(string.Format(duty, "report_status = 'accepted', accepted_at = $3"), e.TenantId, e.StreamId, a.AcceptedAt);
                    break;
            }
        }
        foreach (var last in events.Where(e => e.Data is not SchoolReportGenerated).GroupBy(e => (e.TenantId, e.StreamId)).Select(g => g.Last()))
            context.Queue(string.Format(update, "updated_at = $3, version = $4"), last.TenantId, last.StreamId, last.Timestamp, last.Version);
        return ValueTask.CompletedTask;
    }

    private static string Json(Dictionary<string, decimal?> values) => JsonSerializer.Serialize(values);

    public void Reset(ProjectionContext context, Guid? tenantId)
    {
        context.Queue("""
            UPDATE reporting.campaign_schools SET report_id = NULL, report_status = NULL, submitted_at = NULL, first_submitted_at = NULL,
                   accepted_at = NULL, late = NULL
             WHERE $1::uuid IS NULL OR tenant_id = $1
            """, tenantId);
        context.Queue("DELETE FROM reporting.school_reports WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
    }
}
