using Platform.EventStore;
using Platform.Reporting.Campaigns;
using Platform.Reporting.Exports;
using Platform.Reporting.Indicators;

namespace Platform.Reporting.Submissions;

/// <param name="AsOf">The moment: school reports accepted by then go in; now when left out.</param>
public sealed record AssembleSubmission(DateTimeOffset? AsOf = null);
public sealed record SubmitToRegion(Guid? RegionCampaignId);
public sealed record SetInstituteEndpoint(string? Url);

/// <summary>A region campaign's duty of the district, as reporting.campaign_districts holds it.</summary>
public sealed record RegionDuty(Guid CampaignId, string Title, DateTimeOffset LateFrom, DateTimeOffset? LockedFrom, DateOnly? LockOn);

public static class SubmissionCommands
{
    public static DateTimeOffset CheckAsOf(DateTimeOffset? asOf, DateTimeOffset now)
    {
        var at = asOf ?? now;
        new Validation().Require(at <= now, "asOf", "Момент сборки не может быть в будущем.").Require(at.Year >= 2000, "asOf", "Укажите момент сборки.")
            .ThrowIfInvalid();
        return at;
    }

    public static SubmissionSubmitted Submit(Submission s, SubmitToRegion c, RegionDuty? duty, DateTimeOffset now)
    {
        new Validation().Require(c.RegionCampaignId is not null, "regionCampaignId", "Укажите кампанию региона (regionCampaignId).")
            .Require(c.RegionCampaignId is null || duty is not null, "regionCampaignId", "Район не участвует в этой кампании региона.").ThrowIfInvalid();
        if (duty!.LockedFrom is { } locked && now >= locked)
            throw new DomainRuleException($"Кампания региона «{duty.Title}» закрыта {duty.LockOn:dd.MM.yyyy}.");
        if (s.Rows.Count == 0) throw new DomainRuleException("В сводном отчёте нет ни одного принятого отчёта организаций.");
        return new SubmissionSubmitted(duty.CampaignId, now, now >= duty.LateFrom);
    }

    public static string CheckUrl(string? url)
    {
        var ok = Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
        new Validation().Require(ok, "url", "Укажите адрес приёма данных института: полный адрес http(s)://…").ThrowIfInvalid();
        return uri!.ToString();
    }
}

/// <summary>Reads a submission and builds its files: for the download endpoints and for the delivery job.</summary>
public sealed class SubmissionPackages(DocumentStore store)
{
    /// <summary>The ZIP package of a submission (its latest version), for the delivery to the institute.</summary>
    public async Task<(byte[] Zip, string FileName)> BuildPackageAsync(Guid districtId, Guid submissionId, CancellationToken ct = default)
    {
        await using var session = store.LightweightSession(TenantScope.District(districtId));
        var s = await LoadAsync(session, submissionId, 0, ct) ?? throw new RecordNotFoundException("Сводный отчёт не найден.");
        var zip = SubmissionFiles.ZipFile(new SubmissionTable(s.Submission));
        return (zip.Content, zip.Name);
    }

    public static async Task<(Submission Submission, long Version)?> LoadAsync(DocumentSession session, Guid id, long version, CancellationToken ct)
    {
        var stream = await session.Events.FetchStreamAsync(id, version, ct: ct);
        if (stream.Count == 0 || stream[0].Data is not SubmissionAssembled) return null;
        return (session.Store.Fold<Submission>(null, stream.Select(e => e.Data))!, stream[^1].Version);
    }

    /// <summary>The accepted school reports of the campaign by the moment, and the region's indicator set.</summary>
    public static async Task<(Indicator[] Indicators, SubmissionRow[] Rows)> CollectAsync(DocumentSession session, Guid regionId, Guid districtId,
        Guid campaignId, DateTimeOffset asOf, CancellationToken ct)
    {
        var indicators = await IndicatorSets.ForRegionAsync(session, regionId, ct);
        // Accepted is final (locked), so the report's current version is the version accepted.
        var rows = await session.QueryAsync("""
            SELECT r.tenant_id, coalesce(s.short_name, ''), r.id, r.version, r.accepted_at, r.values::text
              FROM reporting.school_reports r LEFT JOIN registry.schools s ON s.id = r.tenant_id AND s.tenant_id = r.district_id
             WHERE r.district_id = $1 AND r.campaign_id = $2 AND r.status = 'accepted' AND r.accepted_at <= $3
             ORDER BY 2, 1
            """, r => new SubmissionRow(r.GetGuid(0), r.GetString(1), r.GetGuid(2), r.GetInt64(3), r.GetFieldValue<DateTimeOffset>(4),
                System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, decimal?>>(r.GetString(5))!), ct, districtId, campaignId, asOf);
        var codes = indicators.Select(i => i.Code).Concat(PercentWeights.KeysFor(indicators)).ToHashSet();
        foreach (var row in rows)
            foreach (var extra in row.Values.Keys.Where(k => !codes.Contains(k)).ToList()) row.Values.Remove(extra);
        return ([.. indicators], [.. rows]);
    }
}
