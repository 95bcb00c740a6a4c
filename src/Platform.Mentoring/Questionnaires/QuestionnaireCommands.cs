using System.Text.Json;
using Platform.Mentoring.People;

namespace Platform.Mentoring.Questionnaires;

public sealed record QuestionDraft(string? Text, string? Kind, string[]? Options = null, bool? Required = true);
public sealed record CreateQuestionnaire(string? Audience, string? Title, string? Description = null, IReadOnlyList<QuestionDraft>? Questions = null);
public sealed record ReviseQuestionnaire(string? Title, string? Description = null, IReadOnlyList<QuestionDraft>? Questions = null);
/// <summary>Answers of one person to the current version (version, if given, must be it).</summary>
public sealed record AnswerQuestionnaire(Guid? PersonId, int? Version, IReadOnlyList<Answer>? Answers);

/// <summary>The questionnaire's decisions: validate, then return the events; answers are checked against their version's questions.</summary>
public static class QuestionnaireCommands
{
    public static QuestionnaireCreated Create(Guid id, CreateQuestionnaire c, DateTimeOffset now)
    {
        var v = new Validation()
            .Require(c.Audience is not null && QuestionnaireAudiences.Names.ContainsKey(c.Audience), "audience",
                "Кому адресована анкета: mentors (наставникам), mentees (наставляемым) или all (всем участникам).");
        var questions = Check(v, c.Title, c.Description, c.Questions);
        v.ThrowIfInvalid();
        return new QuestionnaireCreated(id, c.Audience!, Texts.Clean(c.Title)!, Texts.Clean(c.Description), questions, now);
    }

    /// <summary>A new version if the title, description or questions differ; nothing otherwise.</summary>
    public static object[] Revise(Questionnaire q, ReviseQuestionnaire c, DateTimeOffset now)
    {
        var v = new Validation();
        var questions = Check(v, c.Title, c.Description, c.Questions);
        v.ThrowIfInvalid();
        var current = q.Current;
        var title = Texts.Clean(c.Title)!;
        var description = Texts.Clean(c.Description);
        var same = title == current.Title && description == current.Description && questions.Length == current.Questions.Count
            && questions.Zip(current.Questions).All(p => p.First.Text == p.Second.Text && p.First.Kind == p.Second.Kind
                && p.First.Options.SequenceEqual(p.Second.Options) && p.First.Required == p.Second.Required);
        return same ? [] : [new QuestionnaireRevised(q.Id, current.Number + 1, title, description, questions, now)];
    }

    /// <summary>The answers, normalized and checked against the current version's questions (in question order).</summary>
    public static Answer[] Answer(Questionnaire q, AnswerQuestionnaire c)
    {
        var version = q.Current;
        new Validation().Require(c.PersonId is not null, "personId", "Укажите, чьи это ответы (personId).").ThrowIfInvalid();
        if (c.Version is { } asked && asked != version.Number)
            throw new DomainRuleException($"Анкета изменилась: сейчас действует версия {version.Number}. Ответьте на её вопросы.");
        var v = new Validation();
        var answers = c.Answers ?? [];
        var result = new Dictionary<int, Answer>();
        var given = new HashSet<int>();
        for (var i = 0; i < answers.Count; i++)
        {
            var a = answers[i];
            var field = $"answers[{i}]";
            if (a is null || a.Question < 1 || a.Question > version.Questions.Count)
            {
                v.Require(false, field, $"В анкете {version.Questions.Count} вопросов: укажите номер вопроса от 1 до {version.Questions.Count}.");
                continue;
            }
            if (!given.Add(a.Question))
            {
                v.Require(false, field, $"На вопрос {a.Question} уже есть ответ.");
                continue;
            }
            var question = version.Questions[a.Question - 1];
            var value = a.Value;
            switch (question.Kind)
            {
                case QuestionKinds.Scale:
                    var ok = value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var score) && score is >= 1 and <= 10;
                    v.Require(ok, field, $"Вопрос {a.Question}: оценка — целое число от 1 до 10.");
                    if (ok) result[a.Question] = new Answer(a.Question, JsonSerializer.SerializeToElement(value.GetInt32()));
                    break;
                case QuestionKinds.Choice:
                    var option = value.ValueKind == JsonValueKind.String ? Texts.Clean(value.GetString()) : null;
                    var known = option is not null && question.Options.Contains(option);
                    v.Require(known, field, $"Вопрос {a.Question}: выберите один из вариантов: {string.Join("; ", question.Options)}.");
                    if (known) result[a.Question] = new Answer(a.Question, JsonSerializer.SerializeToElement(option));
                    break;
                default:
                    var text = value.ValueKind == JsonValueKind.String ? Texts.Clean(value.GetString()) : null;
                    v.Require(text is null || text.Length <= 4000, field, $"Вопрос {a.Question}: ответ длиннее 4000 символов.")
                        .Require(text is not null || !question.Required, field, $"Вопрос {a.Question}: напишите ответ.");
                    if (text is not null && text.Length <= 4000) result[a.Question] = new Answer(a.Question, JsonSerializer.SerializeToElement(text));
                    break;
            }
        }
        var missing = version.Questions.Select((q, i) => (q, n: i + 1)).Where(x => x.q.Required && !given.Contains(x.n)).ToList();
        v.Require(missing.Count == 0, "answers",
            "Нет ответа на обязательные вопросы: " + string.Join("; ", missing.Select(x => $"{x.n}. «{x.q.Text}»")) + ".");
        v.Require(answers.Count > 0, "answers", "Нет ни одного ответа.");
        v.ThrowIfInvalid();
        return [.. result.Values.OrderBy(a => a.Question)];
    }

    private static Question[] Check(Validation v, string? title, string? description, IReadOnlyList<QuestionDraft>? drafts)
    {
        v.Text(title, "title", "название анкеты", 300)
            .Require(description is null || description.Trim().Length <= 2000, "description", "Описание длиннее 2000 символов.")
            .Require(drafts is { Count: > 0 and <= 100 }, "questions", "В анкете от 1 до 100 вопросов.");
        var questions = new List<Question>();
        for (var i = 0; i < (drafts?.Count ?? 0); i++)
        {
            var d = drafts![i];
            var p = $"questions[{i}]";
            var kind = d?.Kind?.Trim().ToLowerInvariant();
            var options = Texts.CleanList(d?.Options);
            v.Text(d?.Text, p + ".text", "текст вопроса", 1000)
                .Require(kind is not null && QuestionKinds.Names.ContainsKey(kind), p + ".kind",
                    "Вид вопроса: scale (шкала 1–10), choice (выбор варианта) или text (свободный ответ).")
                .Require(kind != QuestionKinds.Choice || options.Length is >= 2 and <= 20, p + ".options", "У вопроса с выбором от 2 до 20 разных вариантов.")
                .Require(kind == QuestionKinds.Choice || options.Length == 0, p + ".options", "Варианты ответа бывают только у вопроса с выбором (choice).")
                .List(d?.Options, p + ".options", "варианты ответа", 20, 200);
            if (d is not null && kind is not null) questions.Add(new Question(Texts.Clean(d.Text) ?? "", kind, options, d.Required ?? true));
        }
        return [.. questions];
    }
}
