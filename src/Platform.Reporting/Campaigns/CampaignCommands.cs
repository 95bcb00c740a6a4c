namespace Platform.Reporting.Campaigns;

/// <param name="DueOn">By default 23 December of the period's last year for a district, 28 December for a region (seed 001).</param>
/// <param name="ParticipantIds">The schools (districts for a region) that must report; all open ones when left out.</param>
public sealed record OpenCampaign(string? Title, DateOnly? PeriodFrom, DateOnly? PeriodTo, DateOnly? DueOn = null, int? LateAfterDays = null,
    DateOnly? LockOn = null, Guid[]? ParticipantIds = null);

public static class CampaignCommands
{
    public const int DistrictDueDay = 23, RegionDueDay = 28;

    /// <param name="candidates">The open schools of the district (districts of the region) that may be asked to report.</param>
    public static CampaignOpened Open(Guid id, CampaignLevel level, Guid ownerId, string timeZone, OpenCampaign c,
        IReadOnlyList<CampaignParticipant> candidates, DateTimeOffset now)
    {
        var lateAfterDays = c.LateAfterDays is null or (>= 0 and <= 90);
        var v = new Validation().Text(c.Title, "title", "название кампании", 200)
            .Require(c.PeriodFrom is not null, "periodFrom", "Укажите начало отчётного периода.")
            .Require(c.PeriodTo is not null, "periodTo", "Укажите конец отчётного периода.")
            .Require(lateAfterDays, "lateAfterDays", "Дней до признания отчёта просроченным: от 0 до 90.");
        if (c.PeriodFrom is { } from && c.PeriodTo is { } to)
            v.Require(from <= to && to <= from.AddYears(2), "periodTo", "Конец периода — не раньше начала и не позже чем через два года.");
        var due = c.DueOn ?? (c.PeriodTo is { } end ? new DateOnly(end.Year, 12, level == CampaignLevel.District ? DistrictDueDay : RegionDueDay) : default);
        if (c.PeriodFrom is { } f) v.Require(due >= f, "dueOn", "Срок сдачи не может быть раньше начала периода.");
        // Only with a valid number of days: 2147483647 days past the due date is past the calendar (a 500 before).
        if (lateAfterDays) v.Require(c.LockOn is null || c.LockOn >= due.AddDays(c.LateAfterDays ?? 0), "lockOn",
            "Дата закрытия — не раньше срока сдачи с учётом дней до просрочки.");
        var known = candidates.ToDictionary(p => p.Id);
        var ids = c.ParticipantIds ?? [.. candidates.Select(p => p.Id)];
        var who = level == CampaignLevel.District ? "организаций" : "районов";
        v.Require(ids.Length > 0, "participantIds", $"Нет {who}, которые должны отчитаться.");
        foreach (var unknown in ids.Where(i => !known.ContainsKey(i)))
            v.Require(false, "participantIds", level == CampaignLevel.District
                ? $"Организация {unknown} не относится к району или закрыта."
                : $"Район {unknown} не относится к региону.");
        v.Require(ids.Distinct().Count() == ids.Length, "participantIds", "Участники повторяются.");
        v.ThrowIfInvalid();
        return new CampaignOpened(id, level, ownerId, c.Title!.Trim(), c.PeriodFrom!.Value, c.PeriodTo!.Value, due, c.LateAfterDays ?? 0,
            c.LockOn, timeZone, [.. ids.Distinct().Select(i => known[i]).OrderBy(p => p.Name, StringComparer.Ordinal)], now);
    }
}
