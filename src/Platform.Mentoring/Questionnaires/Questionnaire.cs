using System.Text.Json;

namespace Platform.Mentoring.Questionnaires;

// A questionnaire (анкета) of one school: potential mentors and mentees fill one in before the pools are formed,
// participants give feedback during and after a program (seeds 001, 003, 004). One stream per questionnaire;
// every change of its questions makes a new version, and each answer names the version it answered, so old
// answers keep reading against their own questions.

/// <summary>scale: a whole number 1–10; choice: one of the options; text: free text.</summary>
public sealed record Question(string Text, string Kind, string[] Options, bool Required);

public sealed record QuestionnaireCreated(Guid QuestionnaireId, string Audience, string Title, string? Description, Question[] Questions,
    DateTimeOffset CreatedAt);
public sealed record QuestionnaireRevised(Guid QuestionnaireId, int Version, string Title, string? Description, Question[] Questions,
    DateTimeOffset RevisedAt);

/// <summary>
/// A person answered (appended to the PERSON's stream, like everything kept under their consent). The answers
/// themselves are in mentoring.questionnaire_answers, erased when the consent is withdrawn.
/// </summary>
public sealed record QuestionnaireAnswered(Guid PersonId, Guid ResponseId, Guid QuestionnaireId, int Version);

public sealed record QuestionnaireVersion(int Number, string Title, string? Description, IReadOnlyList<Question> Questions, DateTimeOffset Since);

public sealed record Questionnaire(Guid Id, string Audience, IReadOnlyList<QuestionnaireVersion> Versions)
{
    public QuestionnaireVersion Current => Versions[^1];

    public QuestionnaireVersion? Version(int number) => Versions.FirstOrDefault(v => v.Number == number);

    public static Questionnaire Create(QuestionnaireCreated e) =>
        new(e.QuestionnaireId, e.Audience, [new QuestionnaireVersion(1, e.Title, e.Description, e.Questions, e.CreatedAt)]);

    public Questionnaire Apply(QuestionnaireRevised e) =>
        this with { Versions = [.. Versions, new QuestionnaireVersion(e.Version, e.Title, e.Description, e.Questions, e.RevisedAt)] };
}

/// <summary>One answer: the question's number in its version (from 1) and the value (a number for a scale, text otherwise).</summary>
public sealed record Answer(int Question, JsonElement Value);

public static class QuestionKinds
{
    public const string Scale = "scale", Choice = "choice", Text = "text";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Scale] = "Шкала от 1 до 10",
        [Choice] = "Выбор одного варианта",
        [Text] = "Свободный ответ",
    };
}

public static class QuestionnaireAudiences
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["mentors"] = "Наставники (в том числе будущие)",
        ["mentees"] = "Наставляемые (в том числе будущие)",
        ["all"] = "Все участники программы",
    };
}
