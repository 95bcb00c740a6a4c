using System.Text.Json;
using Platform.EventStore;
using Platform.EventStore.Projections;
using Platform.Mentoring.Mentorships;

namespace Platform.Mentoring.Programs;

/// <summary>
/// mentoring.programs (the lists, the pair's program in progress) and mentoring.program_evaluations (every evaluation,
/// for the district's monitoring later). One program itself is read by replaying its stream.
/// </summary>
public sealed class ProgramProjection : IInlineProjection
{
    public string Name => "programs";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type>
    {
        typeof(ProgramCreated), typeof(PlanRowAdded), typeof(PlanRowDone), typeof(MeetingHeld), typeof(ProgramExtended), typeof(ProgramCorrected),
        typeof(ProgramCompleted), typeof(ProgramEvaluated), typeof(Monitoring.MonitoringSurveyTaken),
    };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        const string update = "UPDATE mentoring.programs SET {0} WHERE tenant_id = $1 AND id = $2";
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case ProgramCreated c:
                    context.Queue("""
                        INSERT INTO mentoring.programs (tenant_id, id, mentorship_id, problem, goal, form, kind, start_on, end_on, status, created_at, updated_at, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'in_progress', $10, $10, $11)
                        """, e.TenantId, c.ProgramId, c.MentorshipId, c.Content.Problem, c.Content.Goal, c.Content.Form, c.Content.Kind.Code(),
                        c.StartOn, c.EndOn, e.Timestamp, e.Version);
                    break;
                case PlanRowAdded:
                    context.Queue(string.Format(update, "plan_rows = plan_rows + 1"), e.TenantId, e.StreamId);
                    break;
                case PlanRowDone:
                    context.Queue(string.Format(update, "plan_done = plan_done + 1"), e.TenantId, e.StreamId);
                    break;
                case MeetingHeld m:
                    context.Queue(string.Format(update, """
                        meetings = meetings + 1, last_meeting_on = greatest(last_meeting_on, $3),
                        final_meeting_on = CASE WHEN $4 THEN $3 ELSE final_meeting_on END
                        """), e.TenantId, e.StreamId, m.Date, m.Kind == MeetingKind.Final);
                    break;
                case ProgramExtended x:
                    context.Queue(string.Format(update, "end_on = $3, extensions = extensions + 1"), e.TenantId, e.StreamId, x.To);
                    break;
                case ProgramCorrected c:
                    context.Queue(string.Format(update, "problem = $3, goal = $4, form = $5, kind = $6, corrections = corrections + 1"),
                        e.TenantId, e.StreamId, c.Content.Problem, c.Content.Goal, c.Content.Form, c.Content.Kind.Code());
                    break;
                case ProgramCompleted c:
                    context.Queue(string.Format(update, "status = 'completed', completion_reason = $3, completed_on = $4"),
                        e.TenantId, e.StreamId, c.Reason.Code(), c.CompletedOn);
                    break;
                case ProgramEvaluated x:
                    context.Queue(string.Format(update, "evaluation_total = $3, evaluation_level = $4, evaluated_on = $5, evaluations = evaluations + 1"),
                        e.TenantId, e.StreamId, x.Total, x.Level.Code(), x.EvaluatedOn);
                    context.Queue("""
                        INSERT INTO mentoring.program_evaluations (tenant_id, id, program_id, evaluated_on, scores, total, level, note, evaluated_by, recorded_at)
                        VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10)
                        """, e.TenantId, x.EvaluationId, e.StreamId, x.EvaluatedOn, JsonSerializer.Serialize(x.Scores.ToDictionary(s => s.Code, s => s.Score)),
                        x.Total, x.Level.Code(), x.Note, e.UserName, e.Timestamp);
                    break;
            }
        }
        foreach (var last in events.Where(e => e.Data is not ProgramCreated).GroupBy(e => (e.TenantId, e.StreamId)).Select(g => g.Last()))
            context.Queue(string.Format(update, "updated_at = $3, version = $4"), last.TenantId, last.StreamId, last.Timestamp, last.Version);
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId)
    {
        context.Queue("DELETE FROM mentoring.program_evaluations WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
        context.Queue("DELETE FROM mentoring.programs WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
    }
}
