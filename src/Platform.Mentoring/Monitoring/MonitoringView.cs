using Platform.Mentoring.Mentorships;

namespace Platform.Mentoring.Monitoring;

public sealed record SurveyItemView(string Code, string Group, string GroupName, string Text, string[] Roles);
public sealed record SurveyReference(IReadOnlyList<Programs.CodeName> Stages, IReadOnlyList<Programs.CodeName> Roles, int MinScore, int MaxScore,
    IReadOnlyList<SurveyItemView> Items)
{
    public static readonly SurveyReference Instance = new(
        Enum.GetValues<MonitoringStage>().Select(s => new Programs.CodeName(s.Code(), s.Russian())).ToList(),
        Enum.GetValues<SurveyRole>().Select(r => new Programs.CodeName(r.Code(), r.Russian())).ToList(),
        MonitoringSurvey.MinScore, MonitoringSurvey.MaxScore,
        MonitoringSurvey.Items.Select(i => new SurveyItemView(i.Code, i.Group, MonitoringSurvey.GroupNames[i.Group], i.Text,
            i.Roles.Select(r => r.Code()).ToArray())).ToList());
}

public sealed record SurveyResponseView(Guid ResponseId, Guid PersonId, string FullName, SurveyRole Role, string RoleName, MonitoringStage Stage,
    string StageName, DateOnly TakenOn, IReadOnlyDictionary<string, int> Scores, double Average, DateTimeOffset RecordedAt, string? RecordedBy)
{
    public static SurveyResponseView From(StoredSurvey s, string fullName) => new(s.ResponseId, s.PersonId, fullName, s.Role, s.Role.Russian(), s.Stage,
        s.Stage.Russian(), s.TakenOn, s.Scores, Math.Round(s.Scores.Values.Average(), 2), s.RecordedAt, s.RecordedBy);
}

/// <summary>One item (or a whole group, Code = the group) at the entry and the exit: averages over the participants who answered.</summary>
public sealed record EntryExit(string Code, string Text, string Group, SurveyRole Role, double? Entry, double? Exit, double? Change, int EntryCount, int ExitCount);

public sealed record AwaitedSurvey(Guid PersonId, string FullName, SurveyRole Role, MonitoringStage Stage, string StageName);

/// <summary>The monitoring of one program: every participant's surveys, the entry vs exit comparison, and who has not answered yet.</summary>
public sealed record ProgramMonitoringView(Guid ProgramId, IReadOnlyList<SurveyResponseView> Responses, IReadOnlyList<EntryExit> Items,
    IReadOnlyList<EntryExit> Groups, IReadOnlyList<AwaitedSurvey> Awaited)
{
    public static ProgramMonitoringView From(Programs.MentoringProgram program, Mentorship mentorship, IReadOnlyList<StoredSurvey> stored,
        IReadOnlyDictionary<Guid, PersonRef> names)
    {
        string Name(Guid id) => names.TryGetValue(id, out var p) ? p.FullName : PersonRef.Unknown(id).FullName;
        var responses = stored.Select(s => SurveyResponseView.From(s, Name(s.PersonId))).ToList();

        static double? Avg(IEnumerable<int> xs) => xs.Any() ? Math.Round(xs.Average(), 2) : null;
        EntryExit Compare(string code, string text, string group, SurveyRole role, Func<StoredSurvey, IEnumerable<int>> pick)
        {
            var entry = stored.Where(s => s.Role == role && s.Stage == MonitoringStage.Interim).SelectMany(pick).ToList();
            var exit = stored.Where(s => s.Role == role && s.Stage == MonitoringStage.Final).SelectMany(pick).ToList();
            var (e, x) = (Avg(entry), Avg(exit));
            return new EntryExit(code, text, group, role, e, x, e is { } a && x is { } b ? Math.Round(b - a, 2) : null,
                stored.Count(s => s.Role == role && s.Stage == MonitoringStage.Interim && pick(s).Any()),
                stored.Count(s => s.Role == role && s.Stage == MonitoringStage.Final && pick(s).Any()));
        }

        var roles = Enum.GetValues<SurveyRole>();
        var items = roles.SelectMany(role => MonitoringSurvey.For(role).Select(i =>
            Compare(i.Code, i.Text, i.Group, role, s => s.Scores.TryGetValue(i.Code, out var v) ? [v] : []))).ToList();
        var groups = roles.SelectMany(role => MonitoringSurvey.GroupNames.Select(g =>
            Compare(g.Key, g.Value, g.Key, role, s => MonitoringSurvey.For(role).Where(i => i.Group == g.Key)
                .Select(i => s.Scores.TryGetValue(i.Code, out var v) ? v : (int?)null).OfType<int>()))).ToList();

        // Current participants only: a replaced mentor's surveys stay in the comparison but nothing more is awaited from them.
        var awaited = new List<AwaitedSurvey>();
        foreach (var (person, role) in mentorship.MenteeIds.Select(id => (id, SurveyRole.Mentee)).Prepend((mentorship.MentorId, SurveyRole.Mentor)))
        foreach (var stage in Enum.GetValues<MonitoringStage>())
        {
            if (stage == MonitoringStage.Interim && !program.InProgress) continue;
            if (!program.Surveys.Any(s => s.PersonId == person && s.Stage == stage))
                awaited.Add(new AwaitedSurvey(person, Name(person), role, stage, stage.Russian()));
        }
        return new ProgramMonitoringView(program.Id, responses, items, groups, awaited);
    }
}

/// <summary>A school's programs and how far their monitoring has got.</summary>
public sealed record MonitoringSummaryRow(Guid ProgramId, Guid MentorshipId, string Problem, string Status, DateOnly StartOn, DateOnly EndOn,
    int Participants, int InterimTaken, int FinalTaken, double? SatisfactionEntry, double? SatisfactionExit, double? QualityEntry, double? QualityExit);
