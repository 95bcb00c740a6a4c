using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Platform.Mentoring.DistrictDeadlines;

/// <summary>
/// What completes a district deadline at a school: the school marking it done, or a fact the school's own records already
/// show — the same facts as the district dashboard's «Положение / Дорожная карта / Куратор» columns (mentoring.school_facts);
/// or, for the monitoring sent to the district (seed 001, п. 4.6), the school's report submitted in the district's campaign of
/// that year (a year without a campaign on the platform: the school's mark).
/// </summary>
public enum CompletedBy { School, RegulationAdopted, RoadMapApproved, CuratorAppointed, MonitoringReport }

public static class CompletedByNames
{
    public static string Russian(this CompletedBy by) => by switch
    {
        CompletedBy.RegulationAdopted => "Принято положение о системе наставничества",
        CompletedBy.RoadMapApproved => "Дорожная карта утверждена приказом",
        CompletedBy.CuratorAppointed => "Назначен куратор",
        CompletedBy.MonitoringReport => "Сдан отчёт о мониторинге в кампании района",
        _ => "Отметка организации",
    };

    public static string Code(this CompletedBy by) => JsonNamingPolicy.SnakeCaseLower.ConvertName(by.ToString());

    public static bool TryParse(string? code, out CompletedBy by) =>
        Platform.EventStore.StoredCode.TryParse(code, out by);
}

// A deadline the district sets for its schools (seed 001, order № 237: regulation, road map and curator by 20 May 2022;
// monitoring results to the district by 23 December every year). One stream per deadline; tenant = the district.
// Due once (DueOn) or every year on a day and month (YearlyMonth, YearlyDay) from FirstYear on.

public sealed record DistrictDeadlineSet(Guid DistrictDeadlineId, string Title, DateOnly? DueOn, int? YearlyMonth, int? YearlyDay, int FirstYear,
    Guid? ActId, CompletedBy CompletedBy);
public sealed record DistrictDeadlineChanged(string Title, DateOnly? DueOn, int? YearlyMonth, int? YearlyDay, int FirstYear, Guid? ActId, CompletedBy CompletedBy);
public sealed record DistrictDeadlineCancelled(DateOnly CancelledOn, string Reason);

public sealed record DistrictDeadline(Guid Id, string Title, DateOnly? DueOn, int? YearlyMonth, int? YearlyDay, int FirstYear, Guid? ActId,
    CompletedBy CompletedBy, DateOnly? CancelledOn)
{
    public bool IsYearly => DueOn is null;

    public string DueText => Due(DueOn, YearlyMonth, YearlyDay);

    public static DistrictDeadline Create(DistrictDeadlineSet e) =>
        new(e.DistrictDeadlineId, e.Title, e.DueOn, e.YearlyMonth, e.YearlyDay, e.FirstYear, e.ActId, e.CompletedBy, null);

    public DistrictDeadline Apply(DistrictDeadlineChanged e) => this with
    {
        Title = e.Title, DueOn = e.DueOn, YearlyMonth = e.YearlyMonth, YearlyDay = e.YearlyDay, FirstYear = e.FirstYear, ActId = e.ActId,
        CompletedBy = e.CompletedBy,
    };

    public DistrictDeadline Apply(DistrictDeadlineCancelled e) => this with { CancelledOn = e.CancelledOn };

    private static readonly CultureInfo Ru = CultureInfo.GetCultureInfo("ru-RU");

    /// <summary>«до 20.05.2022» or «до 23 декабря ежегодно».</summary>
    public static string Due(DateOnly? dueOn, int? month, int? day) => dueOn is { } d
        ? $"до {d:dd.MM.yyyy}"
        : $"до {day} {Ru.DateTimeFormat.MonthGenitiveNames[month!.Value - 1]} ежегодно";
}

// A school's marks on one district deadline (one stream per school and deadline; tenant = the school): done in a year
// (a yearly deadline: that year only — done this year is not done next year), or the mark taken back.

public sealed record DistrictDeadlineMarkedDone(Guid DistrictDeadlineId, int Year, DateOnly DoneOn, string? Note);
public sealed record DistrictDeadlineMarkUndone(Guid DistrictDeadlineId, int Year);

public sealed record DistrictDeadlineMarks(Guid Id, Guid DeadlineId, IReadOnlyDictionary<int, DateOnly> Done)
{
    public static DistrictDeadlineMarks Create(DistrictDeadlineMarkedDone e) =>
        new(Guid.Empty, e.DistrictDeadlineId, new Dictionary<int, DateOnly> { [e.Year] = e.DoneOn });

    public DistrictDeadlineMarks Apply(DistrictDeadlineMarkedDone e) => this with { Done = new Dictionary<int, DateOnly>(Done) { [e.Year] = e.DoneOn } };
    public DistrictDeadlineMarks Apply(DistrictDeadlineMarkUndone e) => this with { Done = Done.Where(p => p.Key != e.Year).ToDictionary() };

    /// <summary>The stream of one school's marks on one deadline: the same id every time, so two marks meet in one stream.</summary>
    public static Guid StreamId(Guid schoolId, Guid deadlineId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"district-deadline-marks:{schoolId:N}:{deadlineId:N}"));
        var bytes = hash[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5-like, little-endian Guid layout
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
