using Platform.Mentoring.Programs;
using Npgsql;
using Platform.EventStore;

namespace Platform.Mentoring.Recognition.Contests;

public sealed record ContestRow(Guid Id, string Level, string LevelName, string Nomination, string NominationName, string Title, DateOnly From, DateOnly To,
    int Jurors, int Candidates, DateOnly? AnnouncedOn);

/// <summary>A winner with the place, as the person's page, the district's summary and the public section show it.</summary>
public sealed record AwardRow(Guid ContestId, string ContestTitle, string LevelName, int Place, string Names, Guid SchoolId, string SchoolName,
    DateOnly AnnouncedOn);

/// <summary>A completed program of the organiser's schools, from which a candidate may be nominated.</summary>
public sealed record ProgramChoice(Guid SchoolId, string SchoolName, Guid ProgramId, string Names, DateOnly CompletedOn, int? EvaluationTotal, string? EvaluationLevel);

public sealed record ScoreView(Guid JurorId, string JurorName, int Score, string? Comment);

public sealed record CandidateView(Guid Id, Guid SchoolId, string SchoolName, Guid ProgramId, IReadOnlyList<Guid> PersonIds, string Names, int? EvaluationTotal,
    string? EvaluationLevel, string? Note, decimal? Average, IReadOnlyList<ScoreView> Scores, int? Place);

/// <summary>One contest: its jury, the candidates ranked by the jury's average, the places once announced.</summary>
public sealed record ContestView(Guid Id, ContestLevel Level, string LevelName, Nomination Nomination, string NominationName, string Title, DateOnly From,
    DateOnly To, string? Description, IReadOnlyList<Juror> Jury, IReadOnlyList<CandidateView> Ranking, DateOnly? AnnouncedOn, long Version)
{
    public static ContestView Of(Contest c, long version) => new(c.Id, c.Level, c.Level.Russian(), c.Nomination, c.Nomination.Russian(), c.Title, c.From,
        c.To, c.Description, c.Jury,
        c.Ranking.Select(x => new CandidateView(x.Id, x.SchoolId, x.SchoolName, x.ProgramId, x.PersonIds, x.Names, x.EvaluationTotal, x.EvaluationLevel,
            x.Note, x.Average, x.Scores.Select(s => new ScoreView(s.JurorId, c.Jury.FirstOrDefault(j => j.AccountId == s.JurorId)?.FullName ?? "", s.Points,
                s.Comment)).ToList(), x.Place)).ToList(),
        c.AnnouncedOn, version);
}

/// <summary>Contests from mentoring.contests, winners from mentoring.contest_candidates, jury accounts from identity.accounts.</summary>
public static class ContestQueries
{
    public static Task<List<ContestRow>> ListAsync(DocumentSession session, Guid organiserId, CancellationToken ct) =>
        session.QueryAsync("""
            SELECT id, level, nomination, title, from_on, to_on, jurors, candidates, announced_on
              FROM mentoring.contests WHERE tenant_id = $1 ORDER BY from_on DESC, opened_at DESC LIMIT 200
            """, r =>
            {
                var level = StoredCode.Parse<ContestLevel>(r.GetString(1), "contest level");
                var nomination = StoredCode.Parse<Nomination>(r.GetString(2), "nomination");
                return new ContestRow(r.GetGuid(0), level.Code(), level.Russian(), nomination.Code(), nomination.Russian(), r.GetString(3),
                    r.GetFieldValue<DateOnly>(4), r.GetFieldValue<DateOnly>(5), r.GetInt32(6), r.GetInt32(7), r.IsDBNull(8) ? null : r.GetFieldValue<DateOnly>(8));
            }, ct, organiserId);

    /// <summary>The winners among the school's people, of any contest (the school's, its district's, its region's); newest first.</summary>
    public static Task<List<AwardRow>> WinnersAsync(DocumentSession session, Guid schoolId, CancellationToken ct) =>
        AwardsAsync(session, "c.tenant_id = $1", ct, schoolId);

    /// <summary>The winners of the district's schools, of any contest; newest first.</summary>
    public static Task<List<AwardRow>> DistrictWinnersAsync(DocumentSession session, Guid districtId, CancellationToken ct) =>
        AwardsAsync(session, "s.district_id = $1", ct, districtId);

    /// <summary>The awards of one person of the school (a mentor, or a participant of a winning pair).</summary>
    public static Task<List<AwardRow>> AwardsOfPersonAsync(DocumentSession session, Guid schoolId, Guid personId, CancellationToken ct) =>
        AwardsAsync(session, "c.tenant_id = $1 AND $2 = ANY (c.person_ids)", ct, schoolId, personId);

    private static Task<List<AwardRow>> AwardsAsync(DocumentSession session, string where, CancellationToken ct, params object?[] args) =>
        session.QueryAsync($"""
            SELECT c.contest_id, c.contest_title, c.level, c.place, c.names, c.tenant_id, c.school_name, c.announced_on
              FROM mentoring.contest_candidates c JOIN registry.schools s ON s.id = c.tenant_id
             WHERE c.place IS NOT NULL AND {where}
             ORDER BY c.announced_on DESC, c.contest_title, c.place, c.names
             LIMIT 200
            """, r => new AwardRow(r.GetGuid(0), r.GetString(1), StoredCode.Parse<ContestLevel>(r.GetString(2), "contest level").Russian(), r.GetInt32(3), r.GetString(4),
                r.GetGuid(5), r.GetString(6), r.GetFieldValue<DateOnly>(7)), ct, args);

    /// <summary>The accounts of the organiser's own scope: who may sit on its jury.</summary>
    public static Task<List<JuryAccount>> JuryAccountsAsync(DocumentSession session, Guid organiserId, CancellationToken ct) =>
        session.QueryAsync("""
            SELECT id, coalesce(full_name, user_name), user_name, blocked FROM identity.accounts WHERE tenant_id = $1 ORDER BY 2, id
            """, r => new JuryAccount(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetBoolean(3)), ct, organiserId);

    /// <summary>The completed programs of the organiser's schools (the school itself, the district's or the region's schools).</summary>
    public static Task<List<ProgramChoice>> CompletedProgramsAsync(DocumentSession session, ContestLevel level, Guid organiserId, CancellationToken ct) =>
        session.QueryAsync("""
            SELECT pr.tenant_id, s.short_name, pr.id,
                   coalesce(mp.full_name, '—') || coalesce(' — ' || (SELECT string_agg(x.full_name, ', ' ORDER BY x.full_name) FROM unnest(m.mentee_ids) u(id)
                        JOIN mentoring.people x ON x.tenant_id = m.tenant_id AND x.id = u.id), ''),
                   pr.completed_on, pr.evaluation_total, pr.evaluation_level
              FROM mentoring.programs pr
              JOIN registry.schools s ON s.id = pr.tenant_id
              JOIN registry.districts d ON d.id = s.district_id
              JOIN mentoring.mentorships m ON m.tenant_id = pr.tenant_id AND m.id = pr.mentorship_id
              LEFT JOIN mentoring.people mp ON mp.tenant_id = m.tenant_id AND mp.id = m.mentor_id
             WHERE pr.status = 'completed'
               AND CASE $1 WHEN 'school' THEN pr.tenant_id = $2 WHEN 'district' THEN s.district_id = $2 ELSE d.region_id = $2 END
             ORDER BY s.short_name, pr.completed_on DESC, pr.id
             LIMIT 500
            """, r => new ProgramChoice(r.GetGuid(0), r.GetString(1), r.GetGuid(2), r.GetString(3), r.GetFieldValue<DateOnly>(4),
                r.IsDBNull(5) ? null : r.GetInt32(5), r.IsDBNull(6) ? null : ProgramLevelName(r.GetString(6))), ct, level.Code(), organiserId);

    private static string ProgramLevelName(string code) =>
        Programs.ProgramNames.TryParse<Programs.EvaluationLevel>(code, out var level) ? Programs.EvaluationCriteria.Russian(level) : code;

    /// <summary>The school's name if the school is within the organiser's scope.</summary>
    public static async Task<string?> SchoolInScopeAsync(DocumentSession session, ContestLevel level, Guid organiserId, Guid schoolId, CancellationToken ct) =>
        (await session.QueryAsync("""
            SELECT s.short_name FROM registry.schools s JOIN registry.districts d ON d.id = s.district_id
             WHERE s.id = $3 AND CASE $1 WHEN 'school' THEN s.id = $2 WHEN 'district' THEN s.district_id = $2 ELSE d.region_id = $2 END
            """, r => r.GetString(0), ct, level.Code(), organiserId, schoolId)).SingleOrDefault();
}
