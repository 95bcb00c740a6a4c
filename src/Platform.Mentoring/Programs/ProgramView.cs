using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Pools;

namespace Platform.Mentoring.Programs;

public sealed record PlanRowView(Guid Id, string Content, string? ExpectedResult, string? Methods, DateOnly Deadline, string? Control, bool Done,
    DateOnly? DoneOn, string? DoneNote, bool Overdue);

public sealed record MeetingView(Guid Id, MeetingKind Kind, string KindName, DateOnly Date, string? Notes);

public sealed record ExtensionView(DateOnly From, DateOnly To, string Reason, DateOnly AgreedOn);

public sealed record CorrectionView(string[] Fields, string Reason, DateOnly AgreedOn);

public sealed record CompletionView(CompletionReason Reason, string ReasonName, DateOnly CompletedOn, string? Note);

public sealed record ScoreView(string Code, string Group, string Indicator, int Score, string ScoreName);

/// <param name="EvaluatedBy">Who recorded it (from the event's metadata); null in a program's own view.</param>
public sealed record EvaluationView(Guid Id, DateOnly EvaluatedOn, IReadOnlyList<ScoreView> Scores, int Total, int MaxTotal, EvaluationLevel Level,
    string LevelName, string LevelRange, string? Note, string? EvaluatedBy = null, DateTimeOffset? RecordedAt = null)
{
    public static EvaluationView From(Guid id, DateOnly on, IReadOnlyList<CriterionScore> scores, int total, EvaluationLevel level, string? note,
        string? by = null, DateTimeOffset? at = null) =>
        new(id, on, scores.Select(s =>
        {
            var c = EvaluationCriteria.ByCode[s.Code];
            return new ScoreView(c.Code, c.Group, c.Indicator, s.Score, EvaluationCriteria.ScoreNames[s.Score]);
        }).ToList(), total, EvaluationCriteria.MaxTotal, level, level.Russian(), level.Range(), note, by, at);
}

/// <summary>One personalized program as it is (or was, with asOf), with its pair's participants (names as they are now).</summary>
/// <param name="Months">The program's length in whole months (3 to 12).</param>
/// <param name="Overdue">In progress after its end date (in the school's time zone).</param>
/// <param name="NextMeetings">The kinds of meeting that may be recorded next, in the seed's order.</param>
public sealed record ProgramView(
    Guid Id, Guid MentorshipId, PersonRef Mentor, IReadOnlyList<PersonRef> Mentees, string Problem, string Goal, string[] Tasks, string Form,
    string FormName, MentoringKind Kind, string KindName, string PlannedResults, string? Conditions, string? Methods, IReadOnlyList<string> Principles,
    DateOnly StartOn, DateOnly EndOn, int Months, ProgramStatus Status, string StatusName, bool Overdue, IReadOnlyList<PlanRowView> Plan, int PlanDone,
    IReadOnlyList<MeetingView> Meetings, IReadOnlyList<MeetingKind> NextMeetings, IReadOnlyList<ExtensionView> Extensions,
    IReadOnlyList<CorrectionView> Corrections, CompletionView? Completion, IReadOnlyList<EvaluationView> Evaluations, DateTimeOffset CreatedAt, long Version)
{
    /// <summary>«Принципы реализации программы» of the seed 003 template.</summary>
    public static readonly IReadOnlyList<string> TemplatePrinciples =
    [
        "Добровольность", "Гуманность", "Соблюдение прав наставника", "Соблюдение прав наставляемого", "Конфиденциальность", "Ответственность",
        "Взаимопонимание", "Искренняя заинтересованность участников", "Взаимоуважение",
    ];

    public static ProgramView From(MentoringProgram p, long version, Mentorship? mentorship, IReadOnlyDictionary<Guid, PersonRef> names, DateOnly today)
    {
        PersonRef Name(Guid id) => names.TryGetValue(id, out var n) ? n : PersonRef.Unknown(id);
        var c = p.Content;
        return new ProgramView(p.Id, p.MentorshipId, mentorship is null ? PersonRef.Unknown(Guid.Empty) : Name(mentorship.MentorId),
            mentorship?.MenteeIds.Select(Name).ToList() ?? [], c.Problem, c.Goal, c.Tasks, c.Form, MentoringForms.Names.GetValueOrDefault(c.Form, c.Form),
            c.Kind, c.Kind.Russian(), c.PlannedResults, c.Conditions, c.Methods, TemplatePrinciples, p.StartOn, p.EndOn, ProgramCommands.Months(p.StartOn, p.EndOn),
            p.Status, p.Status.Russian(), p.InProgress && p.EndOn < today,
            p.Plan.OrderBy(r => r.Deadline).Select(r => new PlanRowView(r.Id, r.Content, r.ExpectedResult, r.Methods, r.Deadline, r.Control, r.Done, r.DoneOn,
                r.DoneNote, p.InProgress && !r.Done && r.Deadline < today)).ToList(),
            p.Plan.Count(r => r.Done),
            p.Meetings.OrderBy(m => m.Date).ThenBy(m => m.Kind).Select(m => new MeetingView(m.Id, m.Kind, m.Kind.Russian(), m.Date, m.Notes)).ToList(),
            NextMeetingKinds(p), p.Extensions.Select(x => new ExtensionView(x.From, x.To, x.Reason, x.AgreedOn)).ToList(),
            p.Corrections.Select(x => new CorrectionView(x.Fields, x.Reason, x.AgreedOn)).ToList(),
            p.CompletionReason is { } reason ? new CompletionView(reason, reason.Russian(), p.CompletedOn!.Value, p.CompletionNote) : null,
            p.Evaluations.Select(e => EvaluationView.From(e.Id, e.EvaluatedOn, e.Scores, e.Total, e.Level, e.Note)).ToList(), p.CreatedAt, version);
    }

    public static IReadOnlyList<MeetingKind> NextMeetingKinds(MentoringProgram p)
    {
        if (!p.InProgress || p.Held(MeetingKind.Final) is not null) return [];
        foreach (var kind in new[] { MeetingKind.Organizational, MeetingKind.Trial, MeetingKind.Planning, MeetingKind.Regular })
            if (p.Held(kind) is null) return [kind];
        return [MeetingKind.Regular, MeetingKind.Final];
    }
}
