using Platform.Mentoring.Mentorships;
using Platform.Mentoring.People;
using Platform.Mentoring.Pools;

namespace Platform.Mentoring.Programs;

/// <summary>A row of the interaction plan (план взаимодействия): content, expected result, methods, deadline, control form.</summary>
public sealed record PlanRowDraft(string? Content, string? ExpectedResult = null, string? Methods = null, DateOnly? Deadline = null, string? Control = null);

/// <param name="Form">The mentorship's form when left out.</param>
/// <param name="Kind">The mentorship's kind when left out.</param>
public sealed record CreateProgram(Guid? MentorshipId, string? Problem, string? Goal, string[]? Tasks, string? PlannedResults, DateOnly? StartOn,
    DateOnly? EndOn, string? Form = null, MentoringKind? Kind = null, string? Conditions = null, string? Methods = null, PlanRowDraft[]? Plan = null);
public sealed record MarkPlanRowDone(DateOnly? DoneOn = null, string? Note = null);
public sealed record HoldMeeting(MeetingKind? Kind, DateOnly? Date, string? Notes = null);
/// <param name="AgreedOn">The day mentor and mentee agreed (mutual consent); today when left out.</param>
public sealed record ExtendProgram(DateOnly? EndOn, string? Reason, DateOnly? AgreedOn = null);
/// <summary>A correction by mutual consent: the fields given replace the program's; the others stay.</summary>
public sealed record CorrectProgram(string? Reason, DateOnly? AgreedOn = null, string? Problem = null, string? Goal = null, string[]? Tasks = null,
    string? Form = null, MentoringKind? Kind = null, string? PlannedResults = null, string? Conditions = null, string? Methods = null);
public sealed record CompleteProgram(CompletionReason? Reason, string? Note = null, DateOnly? CompletedOn = null);
/// <param name="Scores">Criterion code → 2 (in full), 1 (partly) or 0 (not shown), for all nine criteria.</param>
public sealed record EvaluateProgram(Dictionary<string, int?>? Scores, DateOnly? EvaluatedOn = null, string? Note = null);

/// <summary>The personalized program's decisions: validate, then return the events.</summary>
public static class ProgramCommands
{
    public const int MinMonths = 3, MaxMonths = 12;

    /// <summary>The latest end of a program that starts on <paramref name="start"/>: one year, the day before the anniversary.</summary>
    public static DateOnly LatestEnd(DateOnly start) => start.AddMonths(MaxMonths).AddDays(-1);
    public static DateOnly EarliestEnd(DateOnly start) => start.AddMonths(MinMonths).AddDays(-1);

    /// <summary>Whole months from start to end inclusive (01.10–31.12 is 3).</summary>
    public static int Months(DateOnly start, DateOnly end)
    {
        var after = end.AddDays(1);
        var months = (after.Year - start.Year) * 12 + after.Month - start.Month;
        return after.Day < start.Day ? months - 1 : months;
    }

    /// <param name="mentorship">The mentorship cited, null if the school has none with that id.</param>
    /// <param name="otherInProgress">The mentorship already has a program that is not completed.</param>
    public static object[] Create(Guid id, CreateProgram c, Mentorship? mentorship, bool otherInProgress, DateTimeOffset now, Func<Guid> newId)
    {
        var v = new Validation()
            .Require(c.MentorshipId is not null, "mentorshipId", "Укажите наставническую пару (mentorshipId).")
            .Require(c.MentorshipId is null || mentorship is not null, "mentorshipId", "Такой наставнической пары нет в организации.");
        var content = Content(v, c.Problem, c.Goal, c.Tasks, c.Form ?? mentorship?.Form, c.Kind ?? mentorship?.Kind, c.PlannedResults, c.Conditions, c.Methods);
        v.Require(c.StartOn is { Year: >= 2000 }, "startOn", "Укажите дату начала программы.")
            .Require(c.EndOn is not null, "endOn", "Укажите дату окончания программы.");
        if (c.StartOn is { } start && c.EndOn is { } end) CheckPeriod(v, start, end);
        if (c.StartOn is { } s && mentorship?.ActiveFrom is { } from)
            v.Require(s >= from, "startOn", $"Программа не может начаться раньше, чем пара закреплена приказом (с {from:dd.MM.yyyy}).");
        var plan = c.Plan ?? [];
        v.Require(plan.Length <= 100, "plan", "В плане взаимодействия не больше 100 строк.");
        for (var i = 0; i < plan.Length && i < 100; i++) CheckRow(v, $"plan[{i}].", plan[i], c.StartOn, c.EndOn);
        v.ThrowIfInvalid();
        if (mentorship!.Status == MentorshipStatus.Proposed)
            throw new DomainRuleException("Пара ещё не закреплена приказом руководителя: программа составляется для закреплённой пары.");
        if (mentorship.Status == MentorshipStatus.Dissolved) throw new DomainRuleException($"Пара расформирована {mentorship.DissolvedOn:dd.MM.yyyy}.");
        if (otherInProgress)
            throw new DomainRuleException("У пары уже есть незавершённая программа: продлите или скорректируйте её, либо сначала завершите.");

        var events = new List<object> { new ProgramCreated(id, mentorship.Id, content!, c.StartOn!.Value, c.EndOn!.Value, now) };
        events.AddRange(plan.Select(r => Row(newId(), r)));
        return [.. events];
    }

    public static PlanRowAdded AddPlanRow(MentoringProgram p, Guid rowId, PlanRowDraft c)
    {
        var v = new Validation();
        CheckRow(v, "", c, p.StartOn, p.EndOn);
        v.ThrowIfInvalid();
        RequireInProgress(p);
        if (p.Plan.Count >= 100) throw new DomainRuleException("В плане взаимодействия уже 100 строк.");
        return Row(rowId, c);
    }

    public static PlanRowDone MarkDone(MentoringProgram p, Guid rowId, MarkPlanRowDone c, DateOnly today)
    {
        var row = p.Plan.FirstOrDefault(r => r.Id == rowId) ?? throw new RecordNotFoundException("Такой строки плана взаимодействия нет.");
        var on = c.DoneOn ?? today;
        new Validation()
            .Require(on <= today, "doneOn", "Дата выполнения не может быть в будущем.")
            .Require(on >= p.StartOn, "doneOn", $"Дата выполнения раньше начала программы ({p.StartOn:dd.MM.yyyy}).")
            .Require(c.Note is null || c.Note.Trim().Length <= 2000, "note", "Поле «примечание» длиннее 2000 символов.")
            .ThrowIfInvalid();
        RequireInProgress(p);
        if (row.Done) throw new DomainRuleException($"Мероприятие уже отмечено выполненным ({row.DoneOn:dd.MM.yyyy}).");
        return new PlanRowDone(rowId, on, Texts.Clean(c.Note));
    }

    /// <summary>
    /// The meetings follow seed 003 (5.3): the organizational one first, then the trial working meeting, then the planning of
    /// the work, then regular meetings (as many as the planning decides), and one final meeting after them all. A meeting is
    /// recorded once it has taken place, within the program's period.
    /// </summary>
    public static MeetingHeld HoldMeeting(MentoringProgram p, Guid meetingId, HoldMeeting c, DateOnly today)
    {
        var v = new Validation()
            .Require(c.Kind is not null, "kind", "Укажите вид встречи: " + ProgramNames.Known<MeetingKind>() + ".")
            .Require(c.Date is not null, "date", "Укажите дату встречи.")
            .Require(c.Date is null || c.Date <= today, "date", "Встреча отмечается, когда она состоялась: дата — не позже сегодняшнего дня.")
            .Require(c.Date is null || (c.Date >= p.StartOn && c.Date <= p.EndOn), "date",
                $"Дата встречи — в пределах программы: с {p.StartOn:dd.MM.yyyy} по {p.EndOn:dd.MM.yyyy}.")
            .Require(c.Notes is null || c.Notes.Trim().Length <= 4000, "notes", "Поле «итоги встречи» длиннее 4000 символов.");
        v.ThrowIfInvalid();
        RequireInProgress(p);
        var date = c.Date!.Value;
        if (p.Held(MeetingKind.Final) is { } final)
            throw new DomainRuleException($"Заключительная встреча уже проведена ({final.Date:dd.MM.yyyy}): после неё встречи не добавляются.");

        Meeting After(MeetingKind needed, string message) => p.Held(needed) ?? throw new DomainRuleException(message);
        void Once(MeetingKind kind)
        {
            if (p.Held(kind) is { } held) throw new DomainRuleException($"{kind.Russian()} уже проведена ({held.Date:dd.MM.yyyy}): она одна в программе.");
        }
        DateOnly notBefore;
        switch (c.Kind!.Value)
        {
            case MeetingKind.Organizational:
                Once(MeetingKind.Organizational);
                notBefore = p.StartOn;
                break;
            case MeetingKind.Trial:
                Once(MeetingKind.Trial);
                notBefore = After(MeetingKind.Organizational,
                    "Сначала отметьте организационную встречу: пробная рабочая встреча — вторая.").Date;
                break;
            case MeetingKind.Planning:
                Once(MeetingKind.Planning);
                notBefore = After(MeetingKind.Trial,
                    "Сначала отметьте пробную рабочую встречу: планирование рабочего процесса идёт после неё.").Date;
                break;
            case MeetingKind.Regular:
                notBefore = After(MeetingKind.Planning,
                    "Регулярные встречи идут после встречи-планирования, на которой их число и определяют: сначала отметьте её.").Date;
                break;
            default:
                var missing = new[] { MeetingKind.Organizational, MeetingKind.Trial, MeetingKind.Planning, MeetingKind.Regular }
                    .Where(k => p.Held(k) is null).ToList();
                if (missing.Count > 0)
                    throw new DomainRuleException("Заключительная встреча — последняя: ещё не проведены " + string.Join(", ", missing.Select(k => $"«{k.Russian()}»")) + ".");
                notBefore = p.Meetings.Max(m => m.Date);
                break;
        }
        if (date < notBefore)
            throw new DomainValidationException(new Dictionary<string, string[]>
            {
                ["date"] = [$"{c.Kind.Value.Russian()} не может пройти раньше {notBefore:dd.MM.yyyy}: встречи идут по порядку."],
            });
        return new MeetingHeld(meetingId, c.Kind.Value, date, Texts.Clean(c.Notes));
    }

    public static ProgramExtended Extend(MentoringProgram p, ExtendProgram c, DateOnly today)
    {
        var agreed = c.AgreedOn ?? today;
        var latest = LatestEnd(p.StartOn);
        new Validation()
            .Require(c.EndOn is not null, "endOn", "Укажите новую дату окончания программы.")
            .Require(c.EndOn is null || c.EndOn > p.EndOn, "endOn", $"Продление — это новая дата окончания позже нынешней ({p.EndOn:dd.MM.yyyy}).")
            .Require(c.EndOn is null || c.EndOn <= latest, "endOn",
                $"Вместе с продлением программа длится не больше 1 года: окончание — не позже {latest:dd.MM.yyyy}.")
            .Text(c.Reason, "reason", "причину продления", 1000)
            .Require(agreed <= today, "agreedOn", "Дата согласия наставника и наставляемого не может быть в будущем.")
            .ThrowIfInvalid();
        RequireInProgress(p);
        return new ProgramExtended(p.EndOn, c.EndOn!.Value, c.Reason!.Trim(), agreed);
    }

    public static ProgramCorrected Correct(MentoringProgram p, CorrectProgram c, DateOnly today)
    {
        var agreed = c.AgreedOn ?? today;
        var old = p.Content;
        var v = new Validation()
            .Text(c.Reason, "reason", "причину корректировки (по обоюдному согласию наставника и наставляемого)", 1000)
            .Require(agreed <= today, "agreedOn", "Дата согласия наставника и наставляемого не может быть в будущем.");
        var content = Content(v, c.Problem ?? old.Problem, c.Goal ?? old.Goal, c.Tasks ?? old.Tasks, c.Form ?? old.Form, c.Kind ?? old.Kind,
            c.PlannedResults ?? old.PlannedResults, c.Conditions ?? old.Conditions, c.Methods ?? old.Methods);
        v.ThrowIfInvalid();
        var fields = Changed(old, content!);
        if (fields.Length == 0)
            throw new DomainValidationException(new Dictionary<string, string[]>
            {
                ["content"] = ["Укажите, что меняется: проблема, цель, задачи, форма, вид, планируемые результаты, условия или методы работы."],
            });
        RequireInProgress(p);
        return new ProgramCorrected(content!, fields, c.Reason!.Trim(), agreed);
    }

    public static ProgramCompleted Complete(MentoringProgram p, CompleteProgram c, DateOnly today)
    {
        var on = c.CompletedOn ?? today;
        var v = new Validation()
            .Require(c.Reason is not null, "reason", "Укажите причину завершения: " + ProgramNames.Known<CompletionReason>() + ".")
            .Require(on <= today, "completedOn", "Дата завершения не может быть в будущем.")
            .Require(on >= p.StartOn, "completedOn", $"Дата завершения раньше начала программы ({p.StartOn:dd.MM.yyyy}).")
            .Require(c.Note is null || c.Note.Trim().Length <= 2000, "note", "Поле «обстоятельства» длиннее 2000 символов.");
        if (c.Reason is CompletionReason.ParticipantInitiative)
            v.Text(c.Note, "note", "уважительные обстоятельства, по которым наставник или наставляемый завершают программу досрочно", 2000);
        if (c.Reason is CompletionReason.CuratorInitiative)
            v.Text(c.Note, "note", "в чём выразилось недолжное исполнение программы", 2000);
        if (c.Reason is CompletionReason.PlanCompleted && p.Held(MeetingKind.Final) is { } final)
            v.Require(on >= final.Date, "completedOn", $"Дата завершения раньше заключительной встречи ({final.Date:dd.MM.yyyy}).");
        v.ThrowIfInvalid();
        if (!p.InProgress) throw new DomainRuleException($"Программа уже завершена ({p.CompletedOn:dd.MM.yyyy}).");
        if (c.Reason == CompletionReason.PlanCompleted)
        {
            if (p.Plan.Count == 0)
                throw new DomainRuleException("В плане взаимодействия нет мероприятий: «план выполнен в полном объеме» подтвердить нечем.");
            var open = p.Plan.Count(r => !r.Done);
            if (open > 0)
                throw new DomainRuleException($"Не выполнено мероприятий плана: {open} из {p.Plan.Count}. Отметьте их выполнение или выберите другую причину завершения.");
            if (p.Held(MeetingKind.Final) is null)
                throw new DomainRuleException("Заключительная встреча наставника и наставляемого ещё не проведена.");
        }
        return new ProgramCompleted(c.Reason!.Value, on, Texts.Clean(c.Note));
    }

    public static ProgramEvaluated Evaluate(MentoringProgram p, EvaluateProgram c, DateOnly today, Guid evaluationId)
    {
        var on = c.EvaluatedOn ?? today;
        var scores = c.Scores ?? [];
        var v = new Validation()
            .Require(on <= today, "evaluatedOn", "Дата оценки не может быть в будущем.")
            .Require(on >= p.StartOn, "evaluatedOn", $"Дата оценки раньше начала программы ({p.StartOn:dd.MM.yyyy}).")
            .Require(c.Note is null || c.Note.Trim().Length <= 2000, "note", "Поле «примечание» длиннее 2000 символов.");
        foreach (var criterion in EvaluationCriteria.All)
            v.Require(scores.TryGetValue(criterion.Code, out var score) && score is >= 0 and <= EvaluationCriteria.MaxScore, $"scores.{criterion.Code}",
                $"Оцените показатель «{criterion.Indicator}»: 2 — в полной мере, 1 — частично, 0 — не проявился.");
        foreach (var code in scores.Keys.Where(k => !EvaluationCriteria.ByCode.ContainsKey(k)))
            v.Require(false, $"scores.{code}", "Такого критерия нет. Критерии: " + string.Join(", ", EvaluationCriteria.All.Select(x => x.Code)) + ".");
        v.ThrowIfInvalid();
        var result = EvaluationCriteria.All.Select(x => new CriterionScore(x.Code, scores[x.Code]!.Value)).ToArray();
        var total = result.Sum(x => x.Score);
        return new ProgramEvaluated(evaluationId, on, result, total, EvaluationCriteria.LevelOf(total), Texts.Clean(c.Note));
    }

    private static void CheckPeriod(Validation v, DateOnly start, DateOnly end) =>
        v.Require(end >= EarliestEnd(start) && end <= LatestEnd(start), "endOn",
            $"Персонализированная программа рассчитана на срок от 3 месяцев до 1 года: при начале {start:dd.MM.yyyy} окончание — "
            + $"с {EarliestEnd(start):dd.MM.yyyy} по {LatestEnd(start):dd.MM.yyyy}.");

    private static ProgramContent? Content(Validation v, string? problem, string? goal, string[]? tasks, string? form, MentoringKind? kind,
        string? plannedResults, string? conditions, string? methods)
    {
        var cleanTasks = Texts.CleanList(tasks);
        v.Text(problem, "problem", "проблему, для решения которой составлена программа", 2000)
            .Text(goal, "goal", "цель программы", 2000)
            .Require(cleanTasks.Length > 0, "tasks", "Укажите хотя бы одну задачу программы.")
            .List(tasks, "tasks", "задачи", 20, 1000)
            .Require(MentoringForms.IsKnown(form), "form", "Форма наставничества: " + MentoringForms.Known + ".")
            .Require(kind is not null, "kind", "Вид наставничества: " + MentoringKinds.Known + ".")
            .Text(plannedResults, "plannedResults", "планируемые результаты", 2000)
            .Require(conditions is null || conditions.Trim().Length <= 2000, "conditions", "Поле «условия реализации» длиннее 2000 символов.")
            .Require(methods is null || methods.Trim().Length <= 2000, "methods", "Поле «средства, методы и приёмы работы» длиннее 2000 символов.");
        if (string.IsNullOrWhiteSpace(problem) || string.IsNullOrWhiteSpace(goal) || cleanTasks.Length == 0 || !MentoringForms.IsKnown(form) || kind is null
            || string.IsNullOrWhiteSpace(plannedResults)) return null;
        return new ProgramContent(Texts.Clean(problem)!, Texts.Clean(goal)!, cleanTasks, form!, kind.Value, Texts.Clean(plannedResults)!,
            Texts.Clean(conditions), Texts.Clean(methods));
    }

    private static string[] Changed(ProgramContent a, ProgramContent b)
    {
        var fields = new List<string>();
        if (a.Problem != b.Problem) fields.Add("problem");
        if (a.Goal != b.Goal) fields.Add("goal");
        if (!a.Tasks.SequenceEqual(b.Tasks)) fields.Add("tasks");
        if (a.Form != b.Form) fields.Add("form");
        if (a.Kind != b.Kind) fields.Add("kind");
        if (a.PlannedResults != b.PlannedResults) fields.Add("plannedResults");
        if (a.Conditions != b.Conditions) fields.Add("conditions");
        if (a.Methods != b.Methods) fields.Add("methods");
        return [.. fields];
    }

    private static void CheckRow(Validation v, string prefix, PlanRowDraft r, DateOnly? start, DateOnly? end)
    {
        v.Text(r.Content, prefix + "content", "содержание работы", 1000)
            .Require(r.ExpectedResult is null || r.ExpectedResult.Trim().Length <= 1000, prefix + "expectedResult", "Поле «ожидаемые результаты» длиннее 1000 символов.")
            .Require(r.Methods is null || r.Methods.Trim().Length <= 1000, prefix + "methods", "Поле «методы работы» длиннее 1000 символов.")
            .Require(r.Control is null || r.Control.Trim().Length <= 500, prefix + "control", "Поле «контроль» длиннее 500 символов.")
            .Require(r.Deadline is not null, prefix + "deadline", "Укажите срок.");
        if (r.Deadline is { } d && start is { } s && end is { } e)
            v.Require(d >= s && d <= e, prefix + "deadline", $"Срок — в пределах программы: с {s:dd.MM.yyyy} по {e:dd.MM.yyyy}.");
    }

    private static PlanRowAdded Row(Guid id, PlanRowDraft r) =>
        new(id, Texts.Clean(r.Content)!, Texts.Clean(r.ExpectedResult), Texts.Clean(r.Methods), r.Deadline!.Value, Texts.Clean(r.Control));

    private static void RequireInProgress(MentoringProgram p)
    {
        if (!p.InProgress) throw new DomainRuleException($"Программа завершена ({p.CompletedOn:dd.MM.yyyy}): изменения не принимаются.");
    }
}
