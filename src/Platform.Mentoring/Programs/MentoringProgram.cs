using System.Text.Json;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Monitoring;

namespace Platform.Mentoring.Programs;

public enum ProgramStatus { InProgress, Completed }

/// <summary>The meetings of mentor and mentee, in the order seed 003 (5.3) and the seed road maps give them.</summary>
public enum MeetingKind { Organizational, Trial, Planning, Regular, Final }

/// <summary>Why a personalized program ends (seeds 000 and 001, section 7.1).</summary>
public enum CompletionReason { PlanCompleted, ParticipantInitiative, CuratorInitiative }

public static class ProgramNames
{
    public static string Russian(this ProgramStatus status) => status == ProgramStatus.InProgress ? "Реализуется" : "Завершена";

    public static string Russian(this MeetingKind kind) => kind switch
    {
        MeetingKind.Organizational => "Организационная встреча",
        MeetingKind.Trial => "Пробная рабочая встреча",
        MeetingKind.Planning => "Встреча-планирование рабочего процесса",
        MeetingKind.Regular => "Регулярная встреча",
        _ => "Заключительная встреча",
    };

    public static string Russian(this CompletionReason reason) => reason switch
    {
        CompletionReason.PlanCompleted => "Завершение плана мероприятий персонализированной программы наставничества в полном объеме",
        CompletionReason.ParticipantInitiative => "По инициативе наставника или наставляемого и/или обоюдному решению (по уважительным обстоятельствам)",
        _ => "По инициативе куратора (в случае недолжного исполнения персонализированной программы наставничества в силу различных обстоятельств "
            + "со стороны наставника и/или наставляемого)",
    };

    public static string Code<T>(this T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static bool TryParse<T>(string? code, out T value) where T : struct, Enum =>
        Platform.EventStore.StoredCode.TryParse(code, out value);

    public static T Parse<T>(string code) where T : struct, Enum =>
        TryParse<T>(code, out var value) ? value : throw new ArgumentException($"Unknown {typeof(T).Name} {code}");

    public static string Known<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(v => v.Code()));
}

/// <summary>
/// What the program says (the seed 003 template): the problem it solves, goal, tasks, form and kind of mentoring,
/// planned results, conditions, means and methods of work.
/// </summary>
public sealed record ProgramContent(string Problem, string Goal, string[] Tasks, string Form, MentoringKind Kind, string PlannedResults,
    string? Conditions, string? Methods);

// A personalized mentoring program (персонализированная программа наставничества, ППН; DOMAIN: MentoringProgram) of one
// mentorship: 3 to 12 months (seeds 000, 001), its interaction plan (план взаимодействия), the meetings of mentor and
// mentee, extensions and corrections by mutual consent (7.2), completion with one of the reasons of 7.1, and the
// curator's evaluations by the nine criteria of seed 003. One stream per program; tenant = the school.

public sealed record ProgramCreated(Guid ProgramId, Guid MentorshipId, ProgramContent Content, DateOnly StartOn, DateOnly EndOn, DateTimeOffset CreatedAt);
public sealed record PlanRowAdded(Guid RowId, string Content, string? ExpectedResult, string? Methods, DateOnly Deadline, string? Control);
public sealed record PlanRowDone(Guid RowId, DateOnly DoneOn, string? Note);
public sealed record MeetingHeld(Guid MeetingId, MeetingKind Kind, DateOnly Date, string? Notes);
public sealed record ProgramExtended(DateOnly From, DateOnly To, string Reason, DateOnly AgreedOn);
/// <param name="Fields">The API names of the fields the correction changed.</param>
public sealed record ProgramCorrected(ProgramContent Content, string[] Fields, string Reason, DateOnly AgreedOn);
public sealed record ProgramCompleted(CompletionReason Reason, DateOnly CompletedOn, string? Note);
public sealed record ProgramEvaluated(Guid EvaluationId, DateOnly EvaluatedOn, CriterionScore[] Scores, int Total, EvaluationLevel Level, string? Note);

public sealed record PlanRow(Guid Id, string Content, string? ExpectedResult, string? Methods, DateOnly Deadline, string? Control, DateOnly? DoneOn, string? DoneNote)
{
    public bool Done => DoneOn is not null;
}

public sealed record Meeting(Guid Id, MeetingKind Kind, DateOnly Date, string? Notes);

public sealed record Extension(DateOnly From, DateOnly To, string Reason, DateOnly AgreedOn);

public sealed record Correction(string[] Fields, string Reason, DateOnly AgreedOn);

public sealed record Evaluation(Guid Id, DateOnly EvaluatedOn, CriterionScore[] Scores, int Total, EvaluationLevel Level, string? Note);

public sealed record MentoringProgram(
    Guid Id, Guid MentorshipId, ProgramContent Content, DateOnly StartOn, DateOnly EndOn, ProgramStatus Status,
    IReadOnlyList<PlanRow> Plan, IReadOnlyList<Meeting> Meetings, IReadOnlyList<Extension> Extensions, IReadOnlyList<Correction> Corrections,
    CompletionReason? CompletionReason, DateOnly? CompletedOn, string? CompletionNote, IReadOnlyList<Evaluation> Evaluations, DateTimeOffset CreatedAt)
{
    public bool InProgress => Status == ProgramStatus.InProgress;

    /// <summary>The monitoring surveys taken (who, which stage, when); their scores are kept outside the events.</summary>
    public IReadOnlyList<SurveyTaken> Surveys { get; init; } = [];

    public Meeting? Held(MeetingKind kind) => Meetings.Where(m => m.Kind == kind).OrderBy(m => m.Date).FirstOrDefault();

    public static MentoringProgram Create(ProgramCreated e) =>
        new(e.ProgramId, e.MentorshipId, e.Content, e.StartOn, e.EndOn, ProgramStatus.InProgress, [], [], [], [], null, null, null, [], e.CreatedAt);

    public MentoringProgram Apply(PlanRowAdded e) =>
        this with { Plan = [.. Plan, new PlanRow(e.RowId, e.Content, e.ExpectedResult, e.Methods, e.Deadline, e.Control, null, null)] };
    public MentoringProgram Apply(PlanRowDone e) =>
        this with { Plan = Plan.Select(r => r.Id == e.RowId ? r with { DoneOn = e.DoneOn, DoneNote = e.Note } : r).ToList() };
    public MentoringProgram Apply(MeetingHeld e) => this with { Meetings = [.. Meetings, new Meeting(e.MeetingId, e.Kind, e.Date, e.Notes)] };
    public MentoringProgram Apply(ProgramExtended e) => this with { EndOn = e.To, Extensions = [.. Extensions, new Extension(e.From, e.To, e.Reason, e.AgreedOn)] };
    public MentoringProgram Apply(ProgramCorrected e) => this with { Content = e.Content, Corrections = [.. Corrections, new Correction(e.Fields, e.Reason, e.AgreedOn)] };
    public MentoringProgram Apply(ProgramCompleted e) =>
        this with { Status = ProgramStatus.Completed, CompletionReason = e.Reason, CompletedOn = e.CompletedOn, CompletionNote = e.Note };
    public MentoringProgram Apply(MonitoringSurveyTaken e) => this with { Surveys = Surveys.With(e) };
    public MentoringProgram Apply(ProgramEvaluated e) =>
        this with { Evaluations = [.. Evaluations, new Evaluation(e.EvaluationId, e.EvaluatedOn, e.Scores, e.Total, e.Level, e.Note)] };
}
