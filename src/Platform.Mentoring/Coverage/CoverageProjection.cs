using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Platform.Mentoring.Coverage;

/// <summary>mentoring.coverage_targets and mentoring.school_year_totals.</summary>
public sealed class CoverageProjection : IInlineProjection
{
    public string Name => "coverage";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type> { typeof(CoverageTargetsSet), typeof(SchoolYearTotalsEntered) };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case CoverageTargetsSet t:
                    context.Queue("""
                        INSERT INTO mentoring.coverage_targets (tenant_id, teachers_percent, students_percent, basis, mentors_covered, version)
                        VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT (tenant_id) DO UPDATE SET teachers_percent = $2, students_percent = $3, basis = $4, mentors_covered = $5, version = $6
                        """, e.TenantId, t.TeachersPercent, t.StudentsPercent, t.Basis, t.MentorsCovered, e.Version);
                    break;
                case SchoolYearTotalsEntered s:
                    context.Queue("""
                        INSERT INTO mentoring.school_year_totals (tenant_id, school_year, teachers, students, entered_at, entered_by, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)
                        ON CONFLICT (tenant_id, school_year) DO UPDATE SET teachers = $3, students = $4, entered_at = $5, entered_by = $6, version = $7
                        """, e.TenantId, s.SchoolYear, s.Teachers, s.Students, e.Timestamp, e.UserName, e.Version);
                    break;
            }
        }
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId)
    {
        context.Queue("DELETE FROM mentoring.coverage_targets WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
        context.Queue("DELETE FROM mentoring.school_year_totals WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
    }
}
