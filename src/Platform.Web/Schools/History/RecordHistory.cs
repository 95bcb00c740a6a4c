using Platform.EventStore;
using Platform.Mentoring.Appointments;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.People;
using Platform.Mentoring.Programs;
using Platform.Mentoring.RoadMaps;
using Platform.Reporting.SchoolReports;
using Platform.Reporting.Submissions;
using Platform.Tenancy.Registry;

namespace Platform.Web.Schools.History;

public sealed record HistoryEntry(long Version, string What, DateTimeOffset At, string? Who);

/// <summary>A record's stream as a list a curator reads: what happened, when, who (from the events' metadata).</summary>
public static class RecordHistory
{
    /// <summary>
    /// The Russian phrase of every event code, from the API's own history tables (one source: the page and the API's
    /// /history say the same). Event codes are unique across the modules.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Titles = new IReadOnlyDictionary<string, string>[]
        {
            RegistryEndpoints.EventTitles, RegionEndpoints.EventTitles, RoadMapEndpoints.EventTitles, LocalActEndpoints.EventTitles,
            PeopleEndpoints.EventTitles, ProgramEndpoints.EventTitles, AppointmentEndpoints.EventTitles, MentorshipEndpoints.EventTitles,
            SubmissionEndpoints.EventTitles, SchoolReportEndpoints.EventTitles,
            Platform.Mentoring.Recognition.BestPractices.BestPracticeEndpoints.EventTitles, Platform.Mentoring.Recognition.Contests.ContestEndpoints.EventTitles,
        }
        .SelectMany(t => t)
        .ToDictionary(t => t.Key, t => t.Value);

    /// <summary>The phrase a history shows for an event code.</summary>
    public static string Title(string eventCode) => Titles.GetValueOrDefault(eventCode, EventHistoryItem.UnknownChange);

    public static async Task<IReadOnlyList<HistoryEntry>> LoadAsync(DocumentSession session, Guid id, CancellationToken ct) =>
        (await session.Events.FetchStreamAsync(id, ct: ct))
        .Select(e => new HistoryEntry(e.Version, Title(e.EventTypeName), e.Timestamp, e.UserName))
        .Reverse().ToList();
}
