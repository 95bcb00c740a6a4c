using System.Text.Json;
using Platform.EventStore;

namespace Platform.Mentoring.Monitoring;

public sealed record StoredSurvey(Guid ResponseId, Guid PersonId, SurveyRole Role, MonitoringStage Stage, DateOnly TakenOn,
    IReadOnlyDictionary<string, int> Scores, DateTimeOffset RecordedAt, string? RecordedBy);

/// <summary>
/// mentoring.monitoring_answers: the scores of the surveys, one row per (program, participant, stage), written in the
/// transaction that appends <see cref="MonitoringSurveyTaken"/> and erased with the participant's consent.
/// </summary>
public static class MonitoringAnswers
{
    public static Task SaveAsync(DocumentSession session, Guid programId, MonitoringSurveyTaken e, Dictionary<string, int> scores, DateTimeOffset now,
        CancellationToken ct) =>
        session.ExecuteAsync("""
            INSERT INTO mentoring.monitoring_answers (tenant_id, program_id, person_id, stage, id, role, taken_on, answers, recorded_at, recorded_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)
            ON CONFLICT (tenant_id, program_id, person_id, stage) DO UPDATE SET id = EXCLUDED.id, role = EXCLUDED.role, taken_on = EXCLUDED.taken_on,
                   answers = EXCLUDED.answers, recorded_at = EXCLUDED.recorded_at, recorded_by = EXCLUDED.recorded_by
            """, ct, session.Events.TenantId, programId, e.PersonId, e.Stage.Code(), e.ResponseId, e.Role.Code(), e.TakenOn,
            JsonSerializer.Serialize(scores), now, session.UserName);

    public static Task<List<StoredSurvey>> ListAsync(DocumentSession session, Guid programId, CancellationToken ct) =>
        session.QueryAsync("""
            SELECT id, person_id, role, stage, taken_on, answers::text, recorded_at, recorded_by
              FROM mentoring.monitoring_answers WHERE tenant_id = $1 AND program_id = $2
             ORDER BY stage DESC, taken_on, person_id
            """, r => new StoredSurvey(r.GetGuid(0), r.GetGuid(1), Programs.ProgramNames.Parse<SurveyRole>(r.GetString(2)),
                Programs.ProgramNames.Parse<MonitoringStage>(r.GetString(3)), r.GetFieldValue<DateOnly>(4),
                JsonSerializer.Deserialize<Dictionary<string, int>>(r.GetString(5))!, r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetString(7)),
            ct, session.Events.TenantId, programId);
}
