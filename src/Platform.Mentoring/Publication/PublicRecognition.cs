using Platform.EventStore;
using Platform.EventStore.Projections;
using Platform.Mentoring.Recognition.BestPractices;
using Platform.Mentoring.Recognition.Contests;

namespace Platform.Mentoring.Publication;

/// <summary>A best practice as the public reads it: the names only of the participants who agreed to be named.</summary>
public sealed record PublicBestPractice(Guid Id, string SchoolName, string Title, string ProgramSummary, string Description, string Results,
    IReadOnlyList<string> Participants, DateTimeOffset PublishedAt);

/// <param name="Names">Null when a winner is a minor: the public sees the place and the school only.</param>
public sealed record PublicWinner(Guid ContestId, string ContestTitle, string LevelName, int Place, string? Names, string SchoolName, DateOnly AnnouncedOn);

/// <summary>
/// Best practices and contest winners copied into the publication schema (V071) for the public pages. Registered after the
/// recognition projections: at the announcement of the winners it copies the rows the contest projection has just placed, in
/// the same transaction.
/// </summary>
public sealed class PublicRecognitionProjection : IInlineProjection
{
    public string Name => "public_recognition";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type> { typeof(BestPracticePublished), typeof(WinnersAnnounced) };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case BestPracticePublished p:
                    context.Queue("""
                        INSERT INTO publication.best_practices (tenant_id, id, title, program_summary, description, results, participants, published_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                        """, e.TenantId, p.BestPracticeId, p.Title, BestPracticeQueries.Summary(p.Program), p.Description, p.Results,
                        p.Consents.Where(c => c.NamePublished).Select(c => $"{c.FullName} ({(c.Role == "mentor" ? "наставник" : "наставляемый")})").ToArray(),
                        e.Timestamp);
                    break;
                case WinnersAnnounced:
                    context.Queue("""
                        INSERT INTO publication.winners (tenant_id, candidate_id, contest_id, contest_title, level, place, names, school_name, announced_on)
                        SELECT c.tenant_id, c.id, c.contest_id, c.contest_title, c.level, c.place,
                               CASE WHEN NOT EXISTS (SELECT 1 FROM mentoring.people p
                                                      WHERE p.tenant_id = c.tenant_id AND p.id = ANY (c.person_ids) AND p.kind NOT IN ('teacher', 'external'))
                                    THEN c.names END,
                               c.school_name, c.announced_on
                          FROM mentoring.contest_candidates c
                         WHERE c.contest_id = $1 AND c.place IS NOT NULL
                        """, e.StreamId);
                    break;
            }
        }
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId)
    {
        context.Queue("DELETE FROM publication.best_practices WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
        context.Queue("DELETE FROM publication.winners WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
    }

    /// <summary>The practices of a school, or of a district's schools; newest first.</summary>
    public static async Task<IReadOnlyList<PublicBestPractice>> BestPracticesAsync(DocumentSession session, Guid ownerId, CancellationToken ct) =>
        await session.QueryAsync("""
            SELECT b.id, s.short_name, b.title, b.program_summary, b.description, b.results, b.participants, b.published_at
              FROM publication.best_practices b JOIN registry.schools s ON s.id = b.tenant_id
             WHERE b.tenant_id = $1 OR s.district_id = $1
             ORDER BY b.published_at DESC, b.id LIMIT 50
            """, r => new PublicBestPractice(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
            r.GetFieldValue<string[]>(6), r.GetFieldValue<DateTimeOffset>(7)), ct, ownerId);

    /// <summary>The winners of a school, or of a district's schools, of any contest; newest first.</summary>
    public static async Task<IReadOnlyList<PublicWinner>> WinnersAsync(DocumentSession session, Guid ownerId, CancellationToken ct) =>
        await session.QueryAsync("""
            SELECT w.contest_id, w.contest_title, w.level, w.place, w.names, w.school_name, w.announced_on
              FROM publication.winners w JOIN registry.schools s ON s.id = w.tenant_id
             WHERE w.tenant_id = $1 OR s.district_id = $1
             ORDER BY w.announced_on DESC, w.contest_title, w.place, w.school_name LIMIT 100
            """, r => new PublicWinner(r.GetGuid(0), r.GetString(1), StoredCode.Parse<ContestLevel>(r.GetString(2), "contest level").Russian(), r.GetInt32(3),
            r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5), r.GetFieldValue<DateOnly>(6)), ct, ownerId);
}
