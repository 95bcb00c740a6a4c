using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Programs;

namespace Platform.Mentoring.Monitoring;

/// <param name="Answers">Item code → score 1..10, for every item of the participant's role.</param>
/// <param name="TakenOn">The day the participant filled the survey in (paper forms are entered later); today when left out.</param>
public sealed record TakeSurvey(Guid? PersonId, MonitoringStage? Stage, Dictionary<string, int?>? Answers, DateOnly? TakenOn = null);

/// <summary>What the decision needs to know about the respondent: null when the school has no such person.</summary>
public sealed record Respondent(Guid Id, string FullName, bool HasValidConsent);

public static class MonitoringCommands
{
    /// <summary>The survey of one participant: validated scores and the event that records it.</summary>
    public static (MonitoringSurveyTaken Event, Dictionary<string, int> Scores) Take(
        MentoringProgram program, Mentorship mentorship, Respondent? person, TakeSurvey c, DateOnly today, Guid responseId)
    {
        var v = new Validation()
            .Require(c.PersonId is not null, "personId", "Укажите участника программы (personId).")
            .Require(c.PersonId is null || person is not null, "personId", "Такого человека нет среди участников организации.")
            .Require(c.Stage is not null, "stage", "Укажите этап мониторинга: interim (промежуточный) или final (итоговый).")
            .Require(c.Answers is { Count: > 0 }, "answers", "Укажите ответы на вопросы анкеты (оценки от 1 до 10).");
        var takenOn = c.TakenOn ?? today;
        v.Require(takenOn <= today, "takenOn", "Дата анкетирования не может быть в будущем.")
            .Require(takenOn >= program.StartOn, "takenOn", $"Дата анкетирования раньше начала программы ({program.StartOn:dd.MM.yyyy}).");
        var role = person is null ? (SurveyRole?)null : RoleOf(mentorship, person.Id);
        v.Require(person is null || role is not null, "personId", $"{person?.FullName} не участвует в этой программе наставничества.");
        var scores = new Dictionary<string, int>();
        if (role is { } r && c.Answers is { Count: > 0 } answers)
        {
            var items = MonitoringSurvey.For(r).ToList();
            foreach (var item in items)
            {
                var field = $"answers.{item.Code}";
                if (!answers.TryGetValue(item.Code, out var score) || score is null)
                    v.Require(false, field, $"Нет оценки: «{item.Text}».");
                else if (score is < MonitoringSurvey.MinScore or > MonitoringSurvey.MaxScore)
                    v.Require(false, field, $"Оценка — целое число от 1 до 10: «{item.Text}».");
                else scores[item.Code] = score.Value;
            }
            foreach (var code in answers.Keys.Where(k => items.All(i => i.Code != k)))
                v.Require(false, $"answers.{code}", MonitoringSurvey.Items.Any(i => i.Code == code)
                    ? $"Этот вопрос не задаётся участнику в роли «{r.Russian().ToLowerInvariant()}»."
                    : "Такого вопроса нет в анкете мониторинга.");
        }
        v.ThrowIfInvalid();

        var stage = c.Stage!.Value;
        if (!person!.HasValidConsent)
            throw new DomainRuleException($"Нет действующего согласия на обработку персональных данных: {person.FullName}. Ответы анкеты не сохраняются.");
        var interim = program.Surveys.FirstOrDefault(s => s.PersonId == person.Id && s.Stage == MonitoringStage.Interim);
        if (stage == MonitoringStage.Interim)
        {
            if (!program.InProgress)
                throw new DomainRuleException($"Программа завершена {program.CompletedOn:dd.MM.yyyy}: промежуточный мониторинг проводится во время её реализации.");
            if (takenOn > program.EndOn)
                throw new DomainRuleException($"Промежуточный мониторинг — в пределах программы (по {program.EndOn:dd.MM.yyyy}).");
            var final = program.Surveys.FirstOrDefault(s => s.PersonId == person.Id && s.Stage == MonitoringStage.Final);
            if (final is not null && takenOn > final.TakenOn)
                throw new DomainRuleException($"Итоговая анкета участника уже заполнена {final.TakenOn:dd.MM.yyyy}: промежуточная не может быть позже неё.");
        }
        else if (interim is not null && takenOn < interim.TakenOn)
        {
            throw new DomainRuleException($"Итоговая анкета не может быть раньше промежуточной ({interim.TakenOn:dd.MM.yyyy}).");
        }
        var replaces = program.Surveys.Any(s => s.PersonId == person.Id && s.Stage == stage);
        return (new MonitoringSurveyTaken(responseId, person.Id, role!.Value, stage, takenOn, replaces), scores);
    }

    /// <summary>The mentor (or a mentor replaced during the program) or one of the mentees.</summary>
    public static SurveyRole? RoleOf(Mentorship m, Guid personId) =>
        m.MentorId == personId || m.FormerMentors.Any(f => f.PersonId == personId) ? SurveyRole.Mentor
        : m.MenteeIds.Contains(personId) ? SurveyRole.Mentee
        : null;
}
