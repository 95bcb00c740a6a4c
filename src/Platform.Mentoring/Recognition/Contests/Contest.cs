using System.Text.Json.Serialization;
using Platform.EventStore.PersonalData;

namespace Platform.Mentoring.Recognition.Contests;

/// <summary>Who organises the contest: a school for its own people, a district for its schools, a region for its districts' schools.</summary>
public enum ContestLevel { School, District, Region }

/// <summary>The nominations of the seeds' final events, or the organiser's own.</summary>
public enum Nomination { MentorOfYear, BestPair, MentorPlus, Own }

public static class ContestNames
{
    public static string Russian(this Nomination n) => n switch
    {
        Nomination.MentorOfYear => "Наставник года",
        Nomination.BestPair => "Лучшая пара",
        Nomination.MentorPlus => "Наставник+",
        _ => "Своя номинация",
    };

    public static string Russian(this ContestLevel level) => level switch
    {
        ContestLevel.School => "Конкурс организации",
        ContestLevel.District => "Муниципальный конкурс",
        _ => "Региональный конкурс",
    };

    /// <summary>Who is nominated: the mentor of a program, or the pair (the mentor with the mentees).</summary>
    public static bool NominatesPair(this Nomination n) => n is Nomination.BestPair or Nomination.Own;
}

// A contest (конкурс; DOMAIN: Contest, Nomination, Award): opened by a school, a district or a region for a period; the
// organiser names the jury from its own accounts and nominates candidates from completed programs; each juror scores each
// candidate once (changeable until the results); the organiser announces the winners with their places, and the award order
// (приказ о поощрении) follows. One stream per contest; tenant = the organiser.

public sealed record ContestOpened(Guid ContestId, ContestLevel Level, Guid OrganiserId, Nomination Nomination, string Title, DateOnly From, DateOnly To,
    string? Description, DateTimeOffset OpenedAt);
public sealed record JurorAdded(Guid AccountId, string FullName);
/// <param name="PersonIds">The mentor, or the mentor and the mentees for a pair.</param>
/// <param name="People">The same people with their names, each sealed under that person's key.</param>
public sealed record CandidateNominated(Guid CandidateId, Guid SchoolId, string SchoolName, Guid ProgramId, Guid[] PersonIds, NominatedPerson[]? People,
    int? EvaluationTotal, string? EvaluationLevel, string? Note)
{
    /// <summary>«Mentor — mentee», as the lists and the award order show a candidate.</summary>
    [JsonIgnore]
    public string Names => string.Join(" — ", (People ?? []).Select(p => p.FullName));
}
public sealed record NominatedPerson(Guid PersonId, [Personal] string FullName) : IPersonalData
{
    Guid IPersonalData.SubjectId => PersonId;
}
public sealed record CandidateScored(Guid CandidateId, Guid JurorId, int Score, string? Comment);
public sealed record WinnerPlace(Guid CandidateId, int Place);
public sealed record WinnersAnnounced(WinnerPlace[] Places, DateOnly AnnouncedOn);

public sealed record Juror(Guid AccountId, string FullName);

public sealed record Score(Guid JurorId, int Points, string? Comment);

public sealed record Candidate(Guid Id, Guid SchoolId, string SchoolName, Guid ProgramId, IReadOnlyList<Guid> PersonIds, string Names,
    int? EvaluationTotal, string? EvaluationLevel, string? Note, IReadOnlyList<Score> Scores, int? Place)
{
    public decimal? Average => Scores.Count == 0 ? null : Math.Round(Scores.Average(s => (decimal)s.Points), 2);
}

public sealed record Contest(Guid Id, ContestLevel Level, Guid OrganiserId, Nomination Nomination, string Title, DateOnly From, DateOnly To,
    string? Description, IReadOnlyList<Juror> Jury, IReadOnlyList<Candidate> Candidates, DateOnly? AnnouncedOn, DateTimeOffset OpenedAt)
{
    public bool Announced => AnnouncedOn is not null;

    /// <summary>By the jury's average, highest first; unscored last.</summary>
    public IReadOnlyList<Candidate> Ranking => Candidates.OrderByDescending(c => c.Average ?? -1).ThenBy(c => c.Names, StringComparer.Ordinal).ToList();

    public IReadOnlyList<Candidate> Winners => Candidates.Where(c => c.Place is not null).OrderBy(c => c.Place).ThenBy(c => c.Names, StringComparer.Ordinal).ToList();

    public static Contest Create(ContestOpened e) =>
        new(e.ContestId, e.Level, e.OrganiserId, e.Nomination, e.Title, e.From, e.To, e.Description, [], [], null, e.OpenedAt);

    public Contest Apply(JurorAdded e) => this with { Jury = [.. Jury, new Juror(e.AccountId, e.FullName)] };

    public Contest Apply(CandidateNominated e) => this with
    {
        Candidates = [.. Candidates, new Candidate(e.CandidateId, e.SchoolId, e.SchoolName, e.ProgramId, e.PersonIds, e.Names, e.EvaluationTotal,
            e.EvaluationLevel, e.Note, [], null)],
    };

    public Contest Apply(CandidateScored e) => this with
    {
        Candidates = Candidates.Select(c => c.Id != e.CandidateId ? c
            : c with { Scores = [.. c.Scores.Where(s => s.JurorId != e.JurorId), new Score(e.JurorId, e.Score, e.Comment)] }).ToList(),
    };

    public Contest Apply(WinnersAnnounced e) => this with
    {
        AnnouncedOn = e.AnnouncedOn,
        Candidates = Candidates.Select(c => c with { Place = e.Places.FirstOrDefault(p => p.CandidateId == c.Id)?.Place }).ToList(),
    };
}
