namespace Platform.Reporting.Campaigns;

/// <summary>A district's campaign collects school reports; a region's collects district submissions.</summary>
public enum CampaignLevel { District, Region }

public sealed record CampaignParticipant(Guid Id, string Name);

// A reporting campaign (мониторинг), e.g. «Мониторинг 2026»: the period it covers, the due date (seed 001: schools by
// 23 December, districts to the institute by 28 December), the days after which a report counts as late, a lock date
// after which reports change no more, and who must report. One stream per campaign; tenant = the district or region.

public sealed record CampaignOpened(
    Guid CampaignId, CampaignLevel Level, Guid OwnerId, string Title, DateOnly PeriodFrom, DateOnly PeriodTo, DateOnly DueOn, int LateAfterDays,
    DateOnly? LockOn, string TimeZone, CampaignParticipant[] Participants, DateTimeOffset OpenedAt);

public sealed record Campaign(
    Guid Id, CampaignLevel Level, Guid OwnerId, string Title, DateOnly PeriodFrom, DateOnly PeriodTo, DateOnly DueOn, int LateAfterDays,
    DateOnly? LockOn, string TimeZone, IReadOnlyList<CampaignParticipant> Participants, DateTimeOffset OpenedAt)
{
    public static Campaign Create(CampaignOpened e) => new(e.CampaignId, e.Level, e.OwnerId, e.Title, e.PeriodFrom, e.PeriodTo, e.DueOn,
        e.LateAfterDays, e.LockOn, e.TimeZone, e.Participants, e.OpenedAt);

    /// <summary>Submitted at or after this moment is late: the end of the due date plus the days of grace, in the owner's time zone.</summary>
    public DateTimeOffset LateFrom => Deadlines.StartOfDay(DueOn.AddDays(LateAfterDays + 1), TimeZone);

    /// <summary>Nothing changes from this moment: the end of the lock date in the owner's time zone.</summary>
    public DateTimeOffset? LockedFrom => LockOn is { } d ? Deadlines.StartOfDay(d.AddDays(1), TimeZone) : null;
}

public static class Deadlines
{
    public static DateTimeOffset StartOfDay(DateOnly day, string timeZone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateOnly Today(DateTimeOffset now, string timeZone) => Tenancy.Registry.RussianTimeZones.Today(now, timeZone);
}
