using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.EventStore;
using Platform.EventStore.Databases;
using Platform.Jobs.Notifications;
using Platform.Jobs.Deliveries;
using Platform.Jobs.Scheduling;
using Platform.Reporting.Campaigns;
using Hangfire;

namespace Platform.Reporting.Submissions;

public sealed record AutoDraftResult(int Drafted, int Notices);

/// <summary>
/// A few days before a region campaign's due date (N per district, default 3, by the district's own date), the district's
/// submission is drafted from the school reports accepted so far and its curators are told (in-app, and e-mail where on).
/// The draft, its dedup row (reporting.submission_auto_drafts, one per district and region campaign) and the notices commit
/// in one transaction: two nodes, or a repeated run, draft it once.
/// <para>
/// The district campaign drafted from is the district's latest one (by due date) whose period overlaps the region campaign's
/// and that is due by the region's date. A district that already has a submission of that campaign — its curator assembled
/// one — gets nothing: the platform never adds a draft beside (or over) a curator's own submission. Nor does a district that
/// has submitted to the region, or whose region campaign is locked.
/// </para>
/// </summary>
public sealed class SubmissionAutoDraft(DocumentStore store, TimeProvider time, IOptions<JobsOptions> jobs, IOptions<EmailOptions> email, DeliveryQueue deliveries,
    ILogger<SubmissionAutoDraft> logger)
{
    public const int DefaultDaysBefore = 3;
    private const string Actor = "system:submission-auto-draft";

    private sealed record Due(Guid DistrictId, Guid RegionId, string DistrictName, Guid RegionCampaignId, string RegionTitle, DateOnly DueOn,
        int DaysLeft, Guid CampaignId);

    public async Task<AutoDraftResult> RunAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        var due = new List<Due>();
        foreach (var database in await store.Databases.IdsAsync(ct))
        {
            await DatabaseCopy.CopyAccountsAsync(store, database, ct); // the district curators to notify, as they are now
            await using var session = store.LightweightSession(TenantScope.Platform, database: database);
            due.AddRange(await session.QueryAsync("""
                SELECT cd.tenant_id, d.region_id, d.short_name, cd.campaign_id, cd.title, cd.due_on,
                       cd.due_on - ($1::timestamptz AT TIME ZONE d.time_zone)::date, dc.id
                  FROM reporting.campaign_districts cd
                  JOIN registry.districts d ON d.id = cd.tenant_id
                  JOIN reporting.campaigns rc ON rc.tenant_id = cd.region_id AND rc.id = cd.campaign_id
                  LEFT JOIN reporting.auto_draft_settings s ON s.tenant_id = cd.tenant_id
                 CROSS JOIN LATERAL (
                       SELECT c.id FROM reporting.campaigns c
                        WHERE c.tenant_id = cd.tenant_id AND c.level = 'district' AND c.period_from <= rc.period_to AND c.period_to >= rc.period_from
                          AND c.due_on <= cd.due_on
                        ORDER BY c.due_on DESC, c.created_at DESC, c.id LIMIT 1) dc
                 WHERE cd.submitted_at IS NULL AND (cd.locked_from IS NULL OR $1 < cd.locked_from)
                   AND cd.due_on - ($1::timestamptz AT TIME ZONE d.time_zone)::date BETWEEN 0 AND coalesce(s.days_before, $2)
                   AND coalesce(s.days_before, $2) > 0
                   AND NOT EXISTS (SELECT 1 FROM reporting.submission_auto_drafts a WHERE a.tenant_id = cd.tenant_id AND a.region_campaign_id = cd.campaign_id)
                   AND NOT EXISTS (SELECT 1 FROM reporting.submissions x WHERE x.tenant_id = cd.tenant_id AND x.campaign_id = dc.id)
                 ORDER BY cd.due_on, cd.tenant_id
                """, r => new Due(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetGuid(3), r.GetString(4), r.GetFieldValue<DateOnly>(5), r.GetInt32(6),
                    r.GetGuid(7)), ct, now, DefaultDaysBefore));
        }

        var result = new AutoDraftResult(0, 0);
        foreach (var d in due)
        {
            var notices = await DraftAsync(d, now, ct);
            if (notices is { } n) result = new AutoDraftResult(result.Drafted + 1, result.Notices + n);
        }
        if (result.Drafted > 0)
            logger.LogInformation("Submission auto-draft: {Drafted} submissions drafted, {Notices} notices queued", result.Drafted, result.Notices);
        return result;
    }

    /// <summary>Drafts one district's submission with its notices; null when another node (or an earlier run) has already done it.</summary>
    private async Task<int?> DraftAsync(Due d, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession(TenantScope.District(d.DistrictId));
        session.UserName = Actor;
        var submissionId = Guid.CreateVersion7();
        // The dedup key first: a second node waits here for the first one's commit, then finds the key taken.
        var claimed = await session.QueryAsync("""
            INSERT INTO reporting.submission_auto_drafts (tenant_id, region_campaign_id, campaign_id, submission_id, drafted_at)
            VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1
            """, r => r.GetInt32(0), ct, d.DistrictId, d.RegionCampaignId, d.CampaignId, submissionId, now);
        if (claimed.Count == 0) return null;
        if ((await SubmissionEndpoints.ListAsync(session, d.DistrictId, d.CampaignId, ct)).Count > 0) return null; // a curator assembled one meanwhile
        if (await CampaignQueries.FindAsync(session, d.DistrictId, d.CampaignId, ct) is not { } campaign) return null;

        var drafted = await SubmissionEndpoints.StartAsync(session, d.RegionId, d.DistrictId, d.DistrictName, campaign, now, now, autoDrafted: true, ct,
            submissionId);
        var link = $"/districts/{d.DistrictId}/campaigns/{campaign.Id}";
        var notice = Notice(d, campaign, drafted.Rows.Length, Absolute(link));
        var curators = await session.QueryAsync("""
            SELECT id, email FROM identity.accounts WHERE tenant_id = $1 AND 'DistrictCurator' = ANY (roles) AND NOT blocked ORDER BY id
            """, r => (Id: r.GetGuid(0), Email: r.IsDBNull(1) ? null : r.GetString(1)), ct, d.DistrictId);
        var queued = 0;
        foreach (var (id, address) in curators)
        {
            var payload = new { title = notice.Title, body = notice.Body, link, kind = "submission_auto_draft" };
            await deliveries.QueueAsync(session, new Delivery(d.DistrictId, "inbox", "notice", id, null, payload), ct);
            queued++;
            if (email.Value.Configured && !string.IsNullOrWhiteSpace(address))
            {
                await deliveries.QueueAsync(session, new Delivery(d.DistrictId, "email", "notice", id, address, payload), ct);
                queued++;
            }
        }
        await session.SaveChangesAsync(ct);
        return queued;
    }

    /// <summary>The Russian notice: the campaign, the region's due date, how many schools are in out of how many expected, the link.</summary>
    private static (string Title, string Body) Notice(Due d, CampaignView campaign, int included, string link)
    {
        var when = d.DaysLeft switch { 0 => "сегодня", 1 => "завтра", var n => $"через {MessageTemplates.Days(n)}" };
        var title = $"Черновик сводного отчёта сформирован автоматически: {campaign.Title}";
        var body = $"{d.DistrictName}\n" +
                   $"Черновик сводного отчёта района по кампании «{campaign.Title}» сформирован автоматически из принятых отчётов организаций: " +
                   $"включено {included} из {campaign.Participants} {MessageTemplates.Plural(campaign.Participants, "организации", "организаций", "организаций")}.\n" +
                   $"Срок сдачи в институт по кампании региона «{d.RegionTitle}» — {d.DueOn:dd.MM.yyyy}, {when}.\n" +
                   "Проверьте черновик, при необходимости пересоберите его и сдайте в кампанию региона.\n" +
                   $"Ссылка: {link}";
        return (title, body);
    }

    private string Absolute(string link) => jobs.Value.PublicUrl is { } url ? url.TrimEnd('/') + link : link;
}

/// <summary>The auto-draft every hour: idempotent (one dedup row per district and region campaign); the next run retries.</summary>
[AutomaticRetry(Attempts = 0)]
public sealed class SubmissionAutoDraftJob(SubmissionAutoDraft draft) : IRecurringJob
{
    public const string Id = "submission-auto-draft";

    public Task RunAsync(CancellationToken ct) => draft.RunAsync(ct);
}
