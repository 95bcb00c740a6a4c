using Platform.EventStore;

namespace Platform.Reporting.Campaigns;

public sealed record CampaignView(Guid Id, CampaignLevel Level, Guid OwnerId, string Title, DateOnly PeriodFrom, DateOnly PeriodTo, DateOnly DueOn,
    int LateAfterDays, DateOnly? LockOn, int Participants, DateTimeOffset CreatedAt, string? CreatedBy);

/// <summary>Completeness and timeliness: expected, submitted (at least once), accepted, returned (now), on time, late, not started, overdue.</summary>
public sealed record Completeness(int Expected, int Submitted, int Accepted, int Returned, int OnTime, int Late, int NotStarted, int Overdue);

public sealed record SchoolProgress(Guid SchoolId, string SchoolName, Guid? ReportId, string? Status, DateTimeOffset? FirstSubmittedAt,
    DateTimeOffset? SubmittedAt, DateTimeOffset? AcceptedAt, bool? Late, bool Overdue);

public sealed record DistrictCampaignProgress(CampaignView Campaign, Completeness Totals, IReadOnlyList<SchoolProgress> Schools);

public sealed record DistrictProgress(Guid DistrictId, string DistrictName, Guid? SubmissionId, DateTimeOffset? SubmittedAt, bool? Late, bool Overdue,
    Completeness? Schools);

public sealed record RegionCampaignProgress(CampaignView Campaign, int Expected, int Submitted, int OnTime, int Late, int Overdue,
    IReadOnlyList<DistrictProgress> Districts);

public static class CampaignQueries
{
    private const string Columns = """
        id, level, tenant_id, title, period_from, period_to, due_on, late_after_days, lock_on, participants, created_at, created_by
        """;

    private static CampaignView Read(Npgsql.NpgsqlDataReader r) => new(r.GetGuid(0), r.GetString(1) == "district" ? CampaignLevel.District : CampaignLevel.Region,
        r.GetGuid(2), r.GetString(3), r.GetFieldValue<DateOnly>(4), r.GetFieldValue<DateOnly>(5), r.GetFieldValue<DateOnly>(6), r.GetInt32(7),
        r.IsDBNull(8) ? null : r.GetFieldValue<DateOnly>(8), r.GetInt32(9), r.GetFieldValue<DateTimeOffset>(10), r.IsDBNull(11) ? null : r.GetString(11));

    public static Task<List<CampaignView>> ListAsync(DocumentSession session, Guid ownerId, CancellationToken ct) =>
        session.QueryAsync($"SELECT {Columns} FROM reporting.campaigns WHERE tenant_id = $1 ORDER BY due_on DESC, title", Read, ct, ownerId);

    public static async Task<CampaignView?> FindAsync(DocumentSession session, Guid ownerId, Guid id, CancellationToken ct) =>
        (await session.QueryAsync($"SELECT {Columns} FROM reporting.campaigns WHERE tenant_id = $1 AND id = $2", Read, ct, ownerId, id)).FirstOrDefault();

    public static async Task<DistrictCampaignProgress?> DistrictAsync(DocumentSession session, Guid districtId, Guid campaignId, DateTimeOffset now,
        CancellationToken ct)
    {
        if (await FindAsync(session, districtId, campaignId, ct) is not { } campaign) return null;
        var schools = await session.QueryAsync("""
            SELECT c.tenant_id, coalesce(s.short_name, ''), c.report_id, c.report_status, c.first_submitted_at, c.submitted_at, c.accepted_at, c.late,
                   c.first_submitted_at IS NULL AND $3 >= c.late_from
              FROM reporting.campaign_schools c LEFT JOIN registry.schools s ON s.id = c.tenant_id AND s.tenant_id = c.district_id
             WHERE c.district_id = $1 AND c.campaign_id = $2
             ORDER BY 2, 1
            """, r => new SchoolProgress(r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetGuid(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4), r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5),
                r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetBoolean(7), r.GetBoolean(8)),
            ct, districtId, campaignId, now);
        return new DistrictCampaignProgress(campaign, Totals(schools), schools);
    }

    public static Completeness Totals(IReadOnlyCollection<SchoolProgress> s) => new(
        s.Count, s.Count(x => x.FirstSubmittedAt is not null), s.Count(x => x.Status == "accepted"), s.Count(x => x.Status == "returned"),
        s.Count(x => x.FirstSubmittedAt is not null && x.Late == false), s.Count(x => x.Late == true), s.Count(x => x.ReportId is null), s.Count(x => x.Overdue));

    public static async Task<RegionCampaignProgress?> RegionAsync(DocumentSession session, Guid regionId, Guid campaignId, DateTimeOffset now,
        CancellationToken ct)
    {
        if (await FindAsync(session, regionId, campaignId, ct) is not { } campaign) return null;
        var districts = await session.QueryAsync("""
            SELECT c.tenant_id, coalesce(d.short_name, ''), c.submission_id, c.submitted_at, c.late, c.submitted_at IS NULL AND $3 >= c.late_from,
                   sub.campaign_id
              FROM reporting.campaign_districts c
              LEFT JOIN registry.districts d ON d.id = c.tenant_id AND d.tenant_id = c.region_id
              LEFT JOIN reporting.submissions sub ON sub.tenant_id = c.tenant_id AND sub.id = c.submission_id
             WHERE c.region_id = $1 AND c.campaign_id = $2
             ORDER BY 2, 1
            """, r => (Row: new DistrictProgress(r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetGuid(2),
                r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3), r.IsDBNull(4) ? null : r.GetBoolean(4), r.GetBoolean(5), null),
                DistrictCampaign: r.IsDBNull(6) ? (Guid?)null : r.GetGuid(6)), ct, regionId, campaignId, now);
        var rows = new List<DistrictProgress>();
        foreach (var (row, districtCampaign) in districts)
        {
            var schools = districtCampaign is { } dc ? (await DistrictAsync(session, row.DistrictId, dc, now, ct))?.Totals : null;
            rows.Add(row with { Schools = schools });
        }
        return new RegionCampaignProgress(campaign, rows.Count, rows.Count(d => d.SubmittedAt is not null), rows.Count(d => d.Late == false),
            rows.Count(d => d.Late == true), rows.Count(d => d.Overdue), rows);
    }
}
