using System.Text.Json;
using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Platform.Mentoring.Questionnaires;

/// <summary>mentoring.questionnaires: the school's list of questionnaires and their current version; one is read by replaying its stream.</summary>
public sealed class QuestionnaireProjection : IInlineProjection
{
    public string Name => "questionnaires";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type> { typeof(QuestionnaireCreated), typeof(QuestionnaireRevised) };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case QuestionnaireCreated c:
                    context.Queue("""
                        INSERT INTO mentoring.questionnaires (tenant_id, id, audience, title, version, questions, created_at, updated_at, stream_version)
                        VALUES ($1, $2, $3, $4, 1, $5, $6, $6, $7)
                        """, e.TenantId, c.QuestionnaireId, c.Audience, c.Title, c.Questions.Length, e.Timestamp, e.Version);
                    break;
                case QuestionnaireRevised r:
                    context.Queue("""
                        UPDATE mentoring.questionnaires SET title = $3, version = $4, questions = $5, updated_at = $6, stream_version = $7
                         WHERE tenant_id = $1 AND id = $2
                        """, e.TenantId, e.StreamId, r.Title, r.Version, r.Questions.Length, e.Timestamp, e.Version);
                    break;
            }
        }
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId) =>
        context.Queue("DELETE FROM mentoring.questionnaires WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
}

/// <summary>
/// mentoring.questionnaire_answers: what people answered, by questionnaire version. Personal data under the
/// consent, so not in events (the person's stream records <see cref="QuestionnaireAnswered"/> without values)
/// and erased with the consent's withdrawal.
/// </summary>
public static class QuestionnaireAnswers
{
    public static Task SaveAsync(DocumentSession session, Guid responseId, Guid questionnaireId, int version, Guid personId, Answer[] answers,
        DateTimeOffset now, CancellationToken ct) =>
        session.ExecuteAsync("""
            INSERT INTO mentoring.questionnaire_answers (tenant_id, id, questionnaire_id, version, person_id, answered_at, answers)
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
            """, ct, session.Events.TenantId, responseId, questionnaireId, version, personId, now,
            JsonSerializer.Serialize(answers, session.Store.Options.Json));

    public static Task<List<(Guid Id, Guid PersonId, string FullName, int Version, DateTimeOffset AnsweredAt, Answer[] Answers)>> ListAsync(
        DocumentSession session, Guid questionnaireId, int? version, Guid? personId, CancellationToken ct) =>
        session.QueryAsync("""
            SELECT a.id, a.person_id, coalesce(p.full_name, ''), a.version, a.answered_at, a.answers::text
              FROM mentoring.questionnaire_answers a
              LEFT JOIN mentoring.people p ON p.tenant_id = a.tenant_id AND p.id = a.person_id
             WHERE a.tenant_id = $1 AND a.questionnaire_id = $2 AND ($3::int IS NULL OR a.version = $3) AND ($4::uuid IS NULL OR a.person_id = $4)
             ORDER BY a.answered_at DESC, a.id
            """, r => (r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetInt32(3), r.GetFieldValue<DateTimeOffset>(4),
                JsonSerializer.Deserialize<Answer[]>(r.GetString(5), session.Store.Options.Json)!),
            ct, session.Events.TenantId, questionnaireId, version, personId);
}
