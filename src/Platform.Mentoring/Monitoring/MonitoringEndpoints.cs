using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.People;
using Platform.Mentoring.Programs;

namespace Platform.Mentoring.Monitoring;

/// <summary>
/// The monitoring of personalized programs (seed 003, section 6): each participant's interim and final survey, the entry
/// vs exit comparison of a program, and the school's overview of where its programs' monitoring stands.
/// </summary>
public static class MonitoringEndpoints
{
    public static IEndpointRouteBuilder MapMonitoring(this IEndpointRouteBuilder app)
    {
        var school = app.MapGroup("/api/schools/{schoolId:guid}").WithTags("Мониторинг программ наставничества");
        school.MapGet("/monitoring/survey", () => TypedResults.Ok(SurveyReference.Instance)).RequireAuthorization(Policies.SchoolRead)
            .WithSummary("Анкета мониторинга: этапы (промежуточный — «вход», итоговый — «выход»), вопросы удовлетворённости и качества, шкала 1–10");
        school.MapGet("/monitoring", Summary).RequireAuthorization(Policies.SchoolRead)
            .WithSummary("Мониторинг по программам организации: сколько анкет собрано на каждом этапе, средние оценки на входе и выходе");
        school.MapGet("/programs/{id:guid}/monitoring", Get).RequireAuthorization(Policies.SchoolRead)
            .WithSummary("Мониторинг программы: анкеты участников, сравнение «вход — выход» по вопросам и группам, кто ещё не ответил");
        school.MapPost("/programs/{id:guid}/monitoring", Take).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Внести анкету участника (промежуточную или итоговую): оценки 1–10 по всем вопросам его роли; повторная заменяет прежнюю");
        return app;
    }

    private static async Task<Results<Ok<ProgramMonitoringView>, NotFound>> Get(Guid id, DocumentSession session, CancellationToken ct) =>
        await LoadAsync(session, id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Created<ProgramMonitoringView>, NotFound>> Take(
        Guid schoolId, Guid id, TakeSurvey command, DocumentSession session, ProgramDecision decide, HttpContext http, CancellationToken ct)
    {
        if (await TakeAsync(id, command, session, decide, ct) is not { } taken) return TypedResults.NotFound();
        http.Response.Headers.ETag = $"\"{taken.Version}\"";
        return TypedResults.Created($"/api/schools/{schoolId}/programs/{id}/monitoring#{taken.ResponseId}", taken.View);
    }

    /// <summary>The program's monitoring, or null when there is no such program (the API's and the web page's read).</summary>
    public static async Task<ProgramMonitoringView?> LoadAsync(DocumentSession session, Guid id, CancellationToken ct) =>
        (await session.Events.FetchLatestAsync<MentoringProgram>(id, ct)).Aggregate is { } program ? await ViewAsync(session, program, ct) : null;

    /// <summary>Records a participant's survey (validated by <see cref="MonitoringCommands.Take"/>); null when there is no such program.</summary>
    public static async Task<(ProgramMonitoringView View, Guid ResponseId, long Version)?> TakeAsync(Guid id, TakeSurvey command, DocumentSession session,
        ProgramDecision decide, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<MentoringProgram>(id, ct);
        if (stream.Aggregate is not { } program) return null;
        var mentorship = (await session.Events.AggregateStreamAsync<Mentorship>(program.MentorshipId, ct: ct))!;
        // The person's lock until the commit: a consent withdrawn at the same moment erases these answers or is seen here.
        Respondent? respondent = null;
        if (command.PersonId is { } personId)
        {
            try
            {
                if ((await session.Events.FetchForExclusiveWriting<Person>(personId, ct)).Aggregate is { } person)
                    respondent = new Respondent(person.Id, person.FullName, person.HasValidConsent);
            }
            catch (StreamNotFoundException)
            {
            }
        }
        var (taken, scores) = MonitoringCommands.Take(program, mentorship, respondent, command, decide.Today, Guid.CreateVersion7());
        stream.AppendOne(taken);
        await MonitoringAnswers.SaveAsync(session, id, taken, scores, decide.Now, ct);
        await session.SaveChangesAsync(ct);
        return (await ViewAsync(session, program.Apply(taken), ct), taken.ResponseId, stream.Version + 1);
    }

    private static async Task<ProgramMonitoringView> ViewAsync(DocumentSession session, MentoringProgram program, CancellationToken ct)
    {
        var mentorship = (await session.Events.AggregateStreamAsync<Mentorship>(program.MentorshipId, ct: ct))!;
        var stored = await MonitoringAnswers.ListAsync(session, program.Id, ct);
        var names = await Participants.NamesAsync(session, [.. mentorship.Participants, .. mentorship.FormerMentors.Select(f => f.PersonId)], ct);
        return ProgramMonitoringView.From(program, mentorship, stored, names);
    }

    private static async Task<Results<Ok<List<MonitoringSummaryRow>>, ValidationProblem>> Summary(DocumentSession session, string? status, CancellationToken ct)
    {
        if (status is not null && !ProgramNames.TryParse<ProgramStatus>(status, out _))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["Статус программы: in_progress или completed."] },
                title: "Проверьте параметры запроса");
        var satisfaction = MonitoringSurvey.Items.Where(i => i.Group == MonitoringSurvey.Satisfaction).Select(i => i.Code).ToArray();
        var rows = await session.QueryAsync("""
            WITH scored AS (
              SELECT a.program_id, a.stage, a.person_id,
                     avg(v.value::int) FILTER (WHERE v.key = ANY ($2)) AS satisfaction,
                     avg(v.value::int) FILTER (WHERE NOT v.key = ANY ($2)) AS quality
                FROM mentoring.monitoring_answers a, jsonb_each_text(a.answers) v
               WHERE a.tenant_id = $1
               GROUP BY a.program_id, a.stage, a.person_id)
            SELECT p.id, p.mentorship_id, p.problem, p.status, p.start_on, p.end_on, 1 + cardinality(m.mentee_ids),
                   count(*) FILTER (WHERE s.stage = 'interim')::int, count(*) FILTER (WHERE s.stage = 'final')::int,
                   round(avg(s.satisfaction) FILTER (WHERE s.stage = 'interim'), 2)::float8, round(avg(s.satisfaction) FILTER (WHERE s.stage = 'final'), 2)::float8,
                   round(avg(s.quality) FILTER (WHERE s.stage = 'interim'), 2)::float8, round(avg(s.quality) FILTER (WHERE s.stage = 'final'), 2)::float8
              FROM mentoring.programs p
              JOIN mentoring.mentorships m ON m.tenant_id = p.tenant_id AND m.id = p.mentorship_id
              LEFT JOIN scored s ON s.program_id = p.id
             WHERE p.tenant_id = $1 AND ($3::text IS NULL OR p.status = $3)
             GROUP BY p.id, p.mentorship_id, p.problem, p.status, p.start_on, p.end_on, m.mentee_ids
             ORDER BY p.start_on DESC, p.id
            """, r => new MonitoringSummaryRow(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateOnly>(4),
                r.GetFieldValue<DateOnly>(5), r.GetInt32(6), r.GetInt32(7), r.GetInt32(8), N(r, 9), N(r, 10), N(r, 11), N(r, 12)),
            ct, session.Events.TenantId, satisfaction, status);
        return TypedResults.Ok(rows);
    }

    private static double? N(Npgsql.NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
}
