using System.Text.Json;
using Platform.Mentoring.Questionnaires;
using static Platform.Tests.Decisions.Refusals;

namespace Platform.Tests.Decisions;

/// <summary>A questionnaire: created, revised into new versions, answered against its current version's questions.</summary>
public sealed class QuestionnaireDecisionTests
{
    private static readonly Guid QuestionnaireId = Guid.Parse("6a000000-0000-4000-8000-000000000001");
    private static readonly Guid PersonId = Guid.Parse("5e000000-0000-4000-8000-000000000001");

    private static CreateQuestionnaire Valid => new("mentors", " Анкета наставника ", " Перед формированием банка ", [
        new QuestionDraft(" Готовы ли вы вести наставляемого? ", "scale"),
        new QuestionDraft("Формат встреч", " Choice ", [" Очно ", "Дистанционно", "очно"]),
        new QuestionDraft("Ваши пожелания", "text", Required: false),
    ]);

    private static Questionnaire Created() => Questionnaire.Create(QuestionnaireCommands.Create(QuestionnaireId, Valid, Now));

    private static Answer A(int question, object value) => new(question, JsonSerializer.SerializeToElement(value));

    [Fact]
    public void A_questionnaire_is_created_with_clean_questions()
    {
        var e = QuestionnaireCommands.Create(QuestionnaireId, Valid, Now);
        e.ShouldSatisfyAllConditions(
            x => x.QuestionnaireId.ShouldBe(QuestionnaireId), x => x.Audience.ShouldBe("mentors"), x => x.Title.ShouldBe("Анкета наставника"),
            x => x.Description.ShouldBe("Перед формированием банка"), x => x.CreatedAt.ShouldBe(Now), x => x.Questions.Length.ShouldBe(3));
        e.Questions[0].ShouldSatisfyAllConditions(q => q.Text.ShouldBe("Готовы ли вы вести наставляемого?"), q => q.Kind.ShouldBe(QuestionKinds.Scale),
            q => q.Options.ShouldBeEmpty(), q => q.Required.ShouldBeTrue());
        e.Questions[1].ShouldSatisfyAllConditions(q => q.Kind.ShouldBe(QuestionKinds.Choice), q => q.Options.ShouldBe(["Очно", "Дистанционно"]));
        e.Questions[2].Required.ShouldBeFalse();
        Created().Current.Number.ShouldBe(1);
    }

    [Fact]
    public void A_questionnaire_needs_an_audience_a_title_and_questions()
    {
        var errors = Invalid(() => QuestionnaireCommands.Create(QuestionnaireId, new CreateQuestionnaire("parents", " "), Now));
        errors.Keys.Order().ShouldBe(["audience", "questions", "title"]);
        errors["audience"].ShouldBe(["Кому адресована анкета: mentors (наставникам), mentees (наставляемым) или all (всем участникам)."]);
        errors["title"].ShouldBe(["Укажите название анкеты."]);
        errors["questions"].ShouldBe(["В анкете от 1 до 100 вопросов."]);
    }

    [Fact]
    public void Options_belong_to_choice_questions_only_and_a_choice_has_two_at_least()
    {
        var errors = Invalid(() => QuestionnaireCommands.Create(QuestionnaireId, Valid with
        {
            Questions = [new QuestionDraft("Оценка", "scale", ["1", "2"]), new QuestionDraft("Формат", "choice", ["Очно", " очно "]), new QuestionDraft(null, "poll")],
        }, Now));
        errors["questions[0].options"].ShouldBe(["Варианты ответа бывают только у вопроса с выбором (choice)."]);
        errors["questions[1].options"].ShouldBe(["У вопроса с выбором от 2 до 20 разных вариантов."]);
        errors["questions[2].text"].ShouldBe(["Укажите текст вопроса."]);
        errors["questions[2].kind"].ShouldBe(["Вид вопроса: scale (шкала 1–10), choice (выбор варианта) или text (свободный ответ)."]);
    }

    [Fact]
    public void A_revision_makes_a_new_version_only_when_something_changed()
    {
        QuestionnaireCommands.Revise(Created(), new ReviseQuestionnaire(Valid.Title, Valid.Description, Valid.Questions), Now).ShouldBeEmpty();
        var revised = QuestionnaireCommands.Revise(Created(), new ReviseQuestionnaire("Анкета наставника 2025", null, Valid.Questions), Now.AddDays(1))
            .Single().ShouldBeOfType<QuestionnaireRevised>();
        revised.ShouldSatisfyAllConditions(x => x.QuestionnaireId.ShouldBe(QuestionnaireId), x => x.Version.ShouldBe(2),
            x => x.Title.ShouldBe("Анкета наставника 2025"), x => x.Description.ShouldBeNull(), x => x.RevisedAt.ShouldBe(Now.AddDays(1)));
        var q = Created().Apply(revised);
        q.Current.Number.ShouldBe(2);
        q.Version(1)!.Title.ShouldBe("Анкета наставника");
    }

    [Fact]
    public void Answers_are_normalized_and_ordered_by_question()
    {
        var answers = QuestionnaireCommands.Answer(Created(), new AnswerQuestionnaire(PersonId, 1, [A(2, " Очно "), A(1, 8)]));
        answers.Length.ShouldBe(2);
        answers[0].Question.ShouldBe(1);
        answers[0].Value.GetInt32().ShouldBe(8);
        answers[1].Question.ShouldBe(2);
        answers[1].Value.GetString().ShouldBe("Очно");
    }

    [Fact]
    public void Answers_follow_the_kind_of_each_question()
    {
        var errors = Invalid(() => QuestionnaireCommands.Answer(Created(), new AnswerQuestionnaire(PersonId, null, [A(1, 11), A(2, "Письменно"), A(1, 5), A(4, "?")])));
        errors["answers[0]"].ShouldBe(["Вопрос 1: оценка — целое число от 1 до 10."]);
        errors["answers[1]"].ShouldBe(["Вопрос 2: выберите один из вариантов: Очно; Дистанционно."]);
        errors["answers[2]"].ShouldBe(["На вопрос 1 уже есть ответ."]);
        errors["answers[3]"].ShouldBe(["В анкете 3 вопросов: укажите номер вопроса от 1 до 3."]);
    }

    [Fact]
    public void Required_questions_are_answered_and_the_answer_names_its_person()
    {
        Invalid(() => QuestionnaireCommands.Answer(Created(), new AnswerQuestionnaire(PersonId, 1, [A(1, 7)])))["answers"]
            .ShouldBe(["Нет ответа на обязательные вопросы: 2. «Формат встреч»."]);
        Invalid(() => QuestionnaireCommands.Answer(Created(), new AnswerQuestionnaire(null, 1, [A(1, 7)])))["personId"]
            .ShouldBe(["Укажите, чьи это ответы (personId)."]);
        Invalid(() => QuestionnaireCommands.Answer(Created(), new AnswerQuestionnaire(PersonId, 1, [])))["answers"]
            .ShouldContain("Нет ни одного ответа.");
    }

    [Fact]
    public void Answers_to_an_older_version_are_refused()
    {
        var revised = (QuestionnaireRevised)QuestionnaireCommands.Revise(Created(), new ReviseQuestionnaire("Анкета наставника 2025", null, Valid.Questions), Now).Single();
        Rule(() => QuestionnaireCommands.Answer(Created().Apply(revised), new AnswerQuestionnaire(PersonId, 1, [A(1, 7), A(2, "Очно")])))
            .ShouldBe("Анкета изменилась: сейчас действует версия 2. Ответьте на её вопросы.");
    }
}
