using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.People;
using Platform.Mentoring.Questionnaires;
using Platform.Web.Schools.People;
using Platform.Web.Shell;

namespace Platform.Web.Schools.Questionnaires;

public sealed record QuestionnairesModel(IReadOnlyList<QuestionnaireSummary> Questionnaires, FormState Form, int Rows);

public sealed record ResponseRow(Guid PersonId, string FullName, int Version, DateTimeOffset AnsweredAt, IReadOnlyList<AnswerView> Answers);

/// <param name="Shown">The version shown (the current one unless ?version=).</param>
/// <param name="People">Whom the answer form offers: people with a valid consent (answers are kept under it).</param>
public sealed record QuestionnaireModel(Questionnaire Questionnaire, QuestionnaireVersion Shown, IReadOnlyList<ResponseRow> Responses,
    IReadOnlyList<PersonRow> People, FormState Form, int Rows);

/// <summary>
/// «Анкеты»: the school's questionnaires, created and revised (each change a new version; old answers keep their own questions),
/// a person's answers entered and the answers read. The decisions are the API's (<see cref="QuestionnaireCommands"/>).
/// </summary>
public static class QuestionnairePages
{
    /// <summary>Empty question rows a form offers beyond the questions it holds.</summary>
    private const int SpareRows = 3;

    public static RouteGroupBuilder MapQuestionnairePages(this RouteGroupBuilder school)
    {
        school.MapGet("/questionnaires", List).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/questionnaires", Create).RequireAuthorization(Policies.SchoolWrite);
        school.MapGet("/questionnaires/{id:guid}", Show).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/questionnaires/{id:guid}", Revise).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/questionnaires/{id:guid}/answers", Answer).RequireAuthorization(Policies.SchoolWrite);
        return school;
    }

    private static Task<List<QuestionnaireSummary>> SummariesAsync(Guid schoolId, DocumentSession session, CancellationToken ct) =>
        session.QueryAsync("""
            SELECT q.id, q.audience, q.title, q.version, q.questions, q.updated_at,
                   (SELECT count(*) FROM mentoring.questionnaire_answers a WHERE a.tenant_id = q.tenant_id AND a.questionnaire_id = q.id)
              FROM mentoring.questionnaires q WHERE q.tenant_id = $1
             ORDER BY q.title, q.id
            """, r => new QuestionnaireSummary(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4), (int)r.GetInt64(6),
                r.GetFieldValue<DateTimeOffset>(5)), ct, schoolId);

    private static async Task<IResult> List(Guid schoolId, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        return Pages.Render<QuestionnairesPage>(new { Ui = ui, Model = new QuestionnairesModel(await SummariesAsync(schoolId, session, ct), FormState.Empty, 5) });
    }

    /// <summary>The question rows as posted (q0.text, q0.kind, q0.options, q0.required …): rows without a text and a kind are left out.</summary>
    private static (List<QuestionDraft> Drafts, List<int> Rows) Questions(IFormCollection form)
    {
        var count = Math.Clamp(int.TryParse(form["rows"], out var n) ? n : 0, 0, 100);
        var drafts = new List<QuestionDraft>();
        var rows = new List<int>();
        for (var i = 0; i < count; i++)
        {
            string? V(string f) => Pages.Text(form[$"q{i}.{f}"].ToString());
            if (V("text") is null && V("kind") is null) continue;
            var options = V("options")?.Split(';').Select(o => o.Trim()).Where(o => o.Length > 0).ToArray();
            drafts.Add(new QuestionDraft(V("text"), V("kind"), options, V("required") == "1"));
            rows.Add(i);
        }
        return (drafts, rows);
    }

    /// <summary>A question's messages («questions[2].text») next to its row's field («q4.text»): the rows left empty are not sent.</summary>
    private static async Task<IResult> OnRows(List<int> rows, Func<Task<IResult>> decide)
    {
        try
        {
            return await decide();
        }
        catch (DomainValidationException e)
        {
            string Field(string key)
            {
                var m = System.Text.RegularExpressions.Regex.Match(key, @"^questions\[(\d+)\]\.(\w+)");
                return m.Success && int.Parse(m.Groups[1].Value) < rows.Count ? $"q{rows[int.Parse(m.Groups[1].Value)]}.{m.Groups[2].Value}" : key;
            }
            throw new DomainValidationException(e.Errors.GroupBy(x => Field(x.Key)).ToDictionary(g => g.Key, g => g.SelectMany(x => x.Value).Distinct().ToArray()));
        }
    }

    private static async Task<IResult> Create(Guid schoolId, HttpContext http, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (form, valid) = await Pages.ReadFormAsync(http);
        var summaries = await SummariesAsync(schoolId, session, ct);
        var rowCount = Math.Clamp(int.TryParse(form["rows"], out var n) ? n : 5, 1, 100);
        IResult Again(FormErrors errors) => Pages.Render<QuestionnairesPage>(new { Ui = ui, Model = new QuestionnairesModel(summaries, FormState.Of("create", form, errors), rowCount) });
        if (!valid) return Again(FormErrors.General(Pages.StaleForm));
        var (drafts, rows) = Questions(form);
        return await Pages.Attempt(() => OnRows(rows, async () =>
        {
            var id = Guid.CreateVersion7();
            var created = QuestionnaireCommands.Create(id,
                new CreateQuestionnaire(Pages.Text(form["audience"]), Pages.Text(form["title"]), Pages.Text(form["description"]), drafts), time.GetUtcNow());
            session.Events.StartStream<Questionnaire>(id, created);
            await session.SaveChangesAsync(ct);
            return Results.Redirect(ui.SchoolPath($"/questionnaires/{id}?saved=1"));
        }), Again);
    }

    private static async Task<(Questionnaire? Questionnaire, long Version)> LoadAsync(DocumentSession session, Guid id, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not QuestionnaireCreated) return (null, 0);
        return (session.Store.Fold<Questionnaire>(null, events.Select(e => e.Data)), events[^1].Version);
    }

    private static async Task<QuestionnaireModel?> ModelAsync(Guid schoolId, Guid id, int? version, UiContext ui, FormState form, int? rows, DocumentSession session,
        CancellationToken ct)
    {
        var (q, _) = await LoadAsync(session, id, ct);
        if (q is null) return null;
        var shown = version is { } v ? q.Version(v) ?? q.Current : q.Current;
        var responses = (await QuestionnaireAnswers.ListAsync(session, id, null, null, ct))
            .Select(r =>
            {
                var questions = (q.Version(r.Version) ?? q.Current).Questions;
                return new ResponseRow(r.PersonId, r.FullName, r.Version, r.AnsweredAt, r.Answers.Where(a => a.Question <= questions.Count)
                    .Select(a => new AnswerView(a.Question, questions[a.Question - 1].Text, questions[a.Question - 1].Kind, a.Value)).ToList());
            }).ToList();
        var people = ui.CanWrite
            ? (await PersonList.QueryAsync(session, schoolId, ui.Today, new PersonListQuery(HasConsent: true, PageSize: 500), ct)).Items
            : [];
        return new QuestionnaireModel(q, shown, responses, people, form, rows ?? q.Current.Questions.Count + SpareRows);
    }

    private static async Task<IResult> Show(Guid schoolId, Guid id, int? version, string? saved, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var form = saved switch { "1" => FormState.Done("Анкета сохранена."), "answers" => FormState.Done("Ответы записаны."), _ => FormState.Empty };
        return await ModelAsync(schoolId, id, version, ui, form, null, session, ct) is { } model
            ? Pages.Render<QuestionnairePage>(new { Ui = ui, Model = model })
            : Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Анкета не найдена." }, StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Revise(Guid schoolId, Guid id, HttpContext http, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (form, valid) = await Pages.ReadFormAsync(http);
        var rowCount = Math.Clamp(int.TryParse(form["rows"], out var n) ? n : 5, 1, 100);
        if (await ModelAsync(schoolId, id, null, ui, FormState.Empty, rowCount, session, ct) is not { } before)
            return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Анкета не найдена." }, StatusCodes.Status404NotFound);
        IResult Again(FormErrors errors) => Pages.Render<QuestionnairePage>(new { Ui = ui, Model = before with { Form = FormState.Of("revise", form, errors) } });
        if (!valid) return Again(FormErrors.General(Pages.StaleForm));
        var (drafts, rows) = Questions(form);
        return await Pages.Attempt(() => OnRows(rows, async () =>
        {
            var stream = await session.Events.FetchForWriting<Questionnaire>(id, ct);
            await stream.DecideAsync(session, http, q => QuestionnaireCommands.Revise(q,
                new ReviseQuestionnaire(Pages.Text(form["title"]), Pages.Text(form["description"]), drafts), time.GetUtcNow()), ct);
            return Results.Redirect(ui.SchoolPath($"/questionnaires/{id}?saved=1"));
        }), Again);
    }

    /// <summary>A person's answers to the current version (fields a1, a2 … by question number), kept under the person's consent as the API keeps them.</summary>
    private static async Task<IResult> Answer(Guid schoolId, Guid id, HttpContext http, DocumentSession session, PersonDecision decide, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (form, valid) = await Pages.ReadFormAsync(http);
        if (await ModelAsync(schoolId, id, null, ui, FormState.Empty, null, session, ct) is not { } before)
            return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Анкета не найдена." }, StatusCodes.Status404NotFound);
        IResult Again(FormErrors errors) => Pages.Render<QuestionnairePage>(new { Ui = ui, Model = before with { Form = FormState.Of("answer", form, errors) } });
        if (!valid) return Again(FormErrors.General(Pages.StaleForm));
        var q = before.Questionnaire;
        var numbers = new List<int>();
        var answers = new List<Answer>();
        foreach (var (question, number) in q.Current.Questions.Select((x, i) => (x, i + 1)))
        {
            var value = Pages.Text(form[$"a{number}"].ToString());
            if (value is null) continue;
            numbers.Add(number);
            answers.Add(new Answer(number, question.Kind == QuestionKinds.Scale && int.TryParse(value, out var score)
                ? JsonSerializer.SerializeToElement(score) : JsonSerializer.SerializeToElement(value)));
        }
        return await Pages.Attempt(async () =>
        {
            try
            {
                var command = new AnswerQuestionnaire(Pages.Id(form["personId"]), FormState.Number(form["version"], "version", "1"), answers);
                var checkedAnswers = QuestionnaireCommands.Answer(q, command);
                var personId = command.PersonId!.Value;
                var version = q.Current.Number;
                var responseId = Guid.CreateVersion7();
                // As the API: the answers need the person's consent, checked and recorded on the person's stream.
                var result = await decide.ApplyAsync(personId, ct, async person =>
                {
                    if (!person.HasValidConsent) throw new DomainRuleException(PersonCommands.NoConsent);
                    await QuestionnaireAnswers.SaveAsync(session, responseId, id, version, personId, checkedAnswers, decide.Now, ct);
                    return [new QuestionnaireAnswered(personId, responseId, id, version)];
                });
                if (result is null) throw new RecordNotFoundException("Такого участника в организации нет.");
                return Results.Redirect(ui.SchoolPath($"/questionnaires/{id}?saved=answers"));
            }
            catch (DomainValidationException e)
            {
                // «answers[i]» is the i-th answer sent: its question's field is a{number}.
                string Field(string key)
                {
                    var m = System.Text.RegularExpressions.Regex.Match(key, @"^answers\[(\d+)\]$");
                    return m.Success && int.Parse(m.Groups[1].Value) < numbers.Count ? $"a{numbers[int.Parse(m.Groups[1].Value)]}" : key;
                }
                throw new DomainValidationException(e.Errors.GroupBy(x => Field(x.Key)).ToDictionary(g => g.Key, g => g.SelectMany(x => x.Value).ToArray()));
            }
        }, Again);
    }
}
