using System.Text.Json;
using Npgsql;
using Platform.EventStore;

namespace Platform.Mentoring.Recognition.BestPractices;

/// <param name="Name">The participant's name, only where they agreed to be named; otherwise null.</param>
public sealed record PublishedParticipant(string Role, string? Name);

public sealed record MaterialView(Guid Id, string FileName, string ContentType, long Size, string Url);

/// <summary>One practice as its school sees it: the consents recorded (who, when, the guardian for a minor) and the materials.</summary>
public sealed record BestPracticeView(
    Guid Id, Guid ProgramId, string Title, string Description, string Results, ProgramSummary Program, IReadOnlyList<PublicationConsent> Consents,
    IReadOnlyList<MaterialView> Materials, DateTimeOffset PublishedAt, DateOnly? NominatedOn, string? NominationNote, long Version)
{
    public static BestPracticeView From(Guid schoolId, BestPractice p, long version) => new(
        p.Id, p.ProgramId, p.Title, p.Description, p.Results, p.Program, p.Consents,
        p.Materials.Select(m => new MaterialView(m.Id, m.FileName, m.ContentType, m.Size, $"/api/schools/{schoolId}/best-practices/{p.Id}/materials/{m.Id}")).ToList(),
        p.PublishedAt, p.NominatedOn, p.NominationNote, version);
}

/// <summary>A row of the school's, district's or region's list of practices.</summary>
public sealed record BestPracticeRow(
    Guid Id, Guid SchoolId, string SchoolName, Guid DistrictId, string DistrictName, Guid ProgramId, string Title, string Description, string Results, ProgramSummary Program,
    IReadOnlyList<PublishedParticipant> Participants, int Materials, DateTimeOffset PublishedAt, string? PublishedBy, DateOnly? NominatedOn,
    string? NominatedBy, string? NominationNote, long Version);

/// <summary>The practices from mentoring.best_practices, for a school, a district (its schools) or a region (its districts' schools).</summary>
public static class BestPracticeQueries
{
    public static Task<List<BestPracticeRow>> OfSchoolAsync(DocumentSession session, Guid schoolId, CancellationToken ct) =>
        ListAsync(session, schoolId, null, null, false, ct);

    public static Task<List<BestPracticeRow>> OfDistrictAsync(DocumentSession session, Guid districtId, CancellationToken ct) =>
        ListAsync(session, null, districtId, null, false, ct);

    /// <summary>The practices the region's districts nominated to it.</summary>
    public static Task<List<BestPracticeRow>> NominatedInRegionAsync(DocumentSession session, Guid regionId, CancellationToken ct) =>
        ListAsync(session, null, null, regionId, true, ct);

    /// <summary>«Педагог – педагог, традиционное наставничество; 01.09.2025–31.05.2026; цель: …; оценка: 16 баллов (оптимальный)».</summary>
    public static string Summary(ProgramSummary p) =>
        $"{p.Form}, {p.Kind.ToLowerInvariant()[..1]}{p.Kind[1..]}; {p.StartOn:dd.MM.yyyy}–{p.CompletedOn:dd.MM.yyyy}; цель: {p.Goal}"
        + (p.EvaluationTotal is { } t ? $"; оценка: {t} из 18 баллов ({p.EvaluationLevel})" : "");

    public static async Task<BestPracticeRow?> FindAsync(DocumentSession session, Guid id, CancellationToken ct) =>
        (await ListAsync(session, null, null, null, false, ct, id)).SingleOrDefault();

    private static Task<List<BestPracticeRow>> ListAsync(DocumentSession session, Guid? schoolId, Guid? districtId, Guid? regionId, bool nominatedOnly,
        CancellationToken ct, Guid? id = null) =>
        session.QueryAsync("""
            SELECT b.id, b.tenant_id, s.short_name, d.short_name, b.program_id, b.title, b.description, b.results, b.program::text, b.participants::text,
                   b.materials, b.published_at, b.published_by, b.nominated_on, b.nominated_by, b.nomination_note, b.version, s.district_id
              FROM mentoring.best_practices b
              JOIN registry.schools s ON s.id = b.tenant_id
              JOIN registry.districts d ON d.id = s.district_id
             WHERE ($1::uuid IS NULL OR b.tenant_id = $1) AND ($2::uuid IS NULL OR s.district_id = $2) AND ($3::uuid IS NULL OR d.region_id = $3)
               AND (NOT $4 OR b.nominated_on IS NOT NULL) AND ($5::uuid IS NULL OR b.id = $5)
             ORDER BY b.published_at DESC, b.id
             LIMIT 500
            """, Read, ct, schoolId, districtId, regionId, nominatedOnly, id);

    private static BestPracticeRow Read(NpgsqlDataReader r)
    {
        return new BestPracticeRow(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetGuid(17), r.GetString(3), r.GetGuid(4), r.GetString(5), r.GetString(6), r.GetString(7),
            JsonSerializer.Deserialize<ProgramSummary>(r.GetString(8))!, JsonSerializer.Deserialize<List<PublishedParticipant>>(r.GetString(9))!,
            r.GetInt32(10), r.GetFieldValue<DateTimeOffset>(11), r.IsDBNull(12) ? null : r.GetString(12), r.IsDBNull(13) ? null : r.GetFieldValue<DateOnly>(13),
            r.IsDBNull(14) ? null : r.GetString(14), r.IsDBNull(15) ? null : r.GetString(15), r.GetInt64(16));
    }
}
