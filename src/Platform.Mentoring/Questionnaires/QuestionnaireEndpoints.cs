using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.People;

namespace Platform.Mentoring.Questionnaires;

public sealed record QuestionView(int Number, string Text, string Kind, string KindName, string[] Options, bool Required);

public sealed record QuestionnaireView(Guid Id, string Audience, string AudienceName, int Version, int CurrentVersion, int[] Versions, string Title,
    string? Description, IReadOnlyList<QuestionView> Questions, DateTimeOffset Since, long StreamVersion)
{
    public static QuestionnaireView From(Questionnaire q, QuestionnaireVersion v, long streamVersion) => new(
        q.Id, q.Audience, QuestionnaireAudiences.Names[q.Audience], v.Number, q.Current.Number, q.Versions.Select(x => x.Number).ToArray(), v.Title,
        v.Description, v.Questions.Select((x, i) => new QuestionView(i + 1, x.Text, x.Kind, QuestionKinds.Names[x.Kind], x.Options, x.Required)).ToList(),
        v.Since, streamVersion);
}

public sealed record QuestionnaireSummary(Guid Id, string Audience, string Title, int Version, int Questions, int Answers, DateTimeOffset UpdatedAt);

public sealed record AnswerView(int Question, string Text, string Kind, JsonElement Value);

public sealed record ResponseView(Guid Id, Guid PersonId, string FullName, int Version, DateTimeOffset AnsweredAt, IReadOnlyList<AnswerView> Answers);

/// <summary>Questionnaires (анкеты) of a school: versioned templates, and the answers people give to a version.</summary>
public static class QuestionnaireEndpoints
{
    public static IEndpointRouteBuilder MapQuestionnaires(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/schools/{schoolId:guid}/questionnaires").WithTags("Анкеты");
        group.MapGet("", List).RequireAuthorization(Policies.SchoolRead).WithSummary("Анкеты организации: действующая версия, число ответов");
        group.MapPost("", Create).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Создать анкету: вопросы со шкалой 1–10 (scale), с выбором (choice) или свободным ответом (text)");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.SchoolRead).WithSummary("Анкета: действующая версия или ?version=N");
        group.MapPut("/{id:guid}", Revise).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Изменить анкету: новая версия (прежние ответы остаются при своей версии); If-Match: версия потока");
        group.MapPost("/{id:guid}/answers", Answer).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Записать ответы участника на действующую версию (нужно действующее согласие)");
        group.MapGet("/{id:guid}/answers", Answers).RequireAuthorization(Policies.SchoolRead).WithSummary("Ответы: по версии (?version=), по участнику (?personId=)");
        return app;
    }

    private static async Task<Ok<List<QuestionnaireSummary>>> List(Guid schoolId, DocumentSession session, CancellationToken ct) =>
        TypedResults.Ok(await session.QueryAsync("""
            SELECT q.id, q.audience, q.title, q.version, q.questions, q.updated_at,
                   (SELECT count(*) FROM mentoring.questionnaire_answers a WHERE a.tenant_id = q.tenant_id AND a.questionnaire_id = q.id)
              FROM mentoring.questionnaires q WHERE q.tenant_id = $1
             ORDER BY q.title, q.id
            """, r => new QuestionnaireSummary(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4), (int)r.GetInt64(6),
                r.GetFieldValue<DateTimeOffset>(5)), ct, schoolId));

    private static async Task<Created<QuestionnaireView>> Create(Guid schoolId, CreateQuestionnaire command, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var created = QuestionnaireCommands.Create(id, command, time.GetUtcNow());
        session.Events.StartStream<Questionnaire>(id, created);
        await session.SaveChangesAsync(ct);
        var q = Questionnaire.Create(created);
        return TypedResults.Created($"/api/schools/{schoolId}/questionnaires/{id}", QuestionnaireView.From(q, q.Current, 1));
    }

    private static async Task<Results<Ok<QuestionnaireView>, NotFound>> Get(Guid id, int? version, DocumentSession session, HttpContext http, CancellationToken ct)
    {
        var (q, streamVersion) = await LoadAsync(session, id, ct);
        if (q is null) return TypedResults.NotFound();
        var v = version is null ? q.Current : q.Version(version.Value);
        if (v is null) return TypedResults.NotFound();
        http.Response.Headers.ETag = $"\"{streamVersion}\"";
        return TypedResults.Ok(QuestionnaireView.From(q, v, streamVersion));
    }

    private static async Task<Results<Ok<QuestionnaireView>, NotFound>> Revise(
        Guid id, ReviseQuestionnaire command, DocumentSession session, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Questionnaire>(id, ct);
        if (stream.Aggregate is null) return TypedResults.NotFound();
        var (q, version) = await stream.DecideAsync(session, http, s => QuestionnaireCommands.Revise(s, command, time.GetUtcNow()), ct);
        return TypedResults.Ok(QuestionnaireView.From(q, q.Current, version));
    }

    private static async Task<Results<Created<ResponseView>, NotFound>> Answer(
        Guid schoolId, Guid id, AnswerQuestionnaire command, PersonDecision decide, DocumentSession session, CancellationToken ct)
    {
        var (q, _) = await LoadAsync(session, id, ct);
        if (q is null) return TypedResults.NotFound();
        var answers = QuestionnaireCommands.Answer(q, command);
        var personId = command.PersonId!.Value;
        var responseId = Guid.CreateVersion7();
        var version = q.Current.Number;
        // The answers need the person's consent: checked and appended on the person's stream, so a withdrawal cannot slip between.
        var result = await decide.ApplyAsync(personId, ct, async person =>
        {
            if (!person.HasValidConsent) throw new DomainRuleException(PersonCommands.NoConsent);
            await QuestionnaireAnswers.SaveAsync(session, responseId, id, version, personId, answers, decide.Now, ct);
            return [new QuestionnaireAnswered(personId, responseId, id, version)];
        });
        if (result is null) throw new RecordNotFoundException("Такого участника в организации нет.");
        return TypedResults.Created($"/api/schools/{schoolId}/questionnaires/{id}/answers?personId={personId}",
            new ResponseView(responseId, personId, result.Value.Person.FullName, version, decide.Now, Views(q.Current, answers)));
    }

    private static async Task<Results<Ok<List<ResponseView>>, NotFound>> Answers(
        Guid id, int? version, Guid? personId, DocumentSession session, CancellationToken ct)
    {
        var (q, _) = await LoadAsync(session, id, ct);
        if (q is null) return TypedResults.NotFound();
        var rows = await QuestionnaireAnswers.ListAsync(session, id, version, personId, ct);
        return TypedResults.Ok(rows.Select(r => new ResponseView(r.Id, r.PersonId, r.FullName, r.Version, r.AnsweredAt,
            Views(q.Version(r.Version) ?? q.Current, r.Answers))).ToList());
    }

    private static List<AnswerView> Views(QuestionnaireVersion v, IEnumerable<Answer> answers) =>
        answers.Where(a => a.Question <= v.Questions.Count)
            .Select(a => new AnswerView(a.Question, v.Questions[a.Question - 1].Text, v.Questions[a.Question - 1].Kind, a.Value)).ToList();

    private static async Task<(Questionnaire? Questionnaire, long StreamVersion)> LoadAsync(DocumentSession session, Guid id, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not QuestionnaireCreated) return (null, 0);
        return (session.Store.Fold<Questionnaire>(null, events.Select(e => e.Data)), events[^1].Version);
    }
}
