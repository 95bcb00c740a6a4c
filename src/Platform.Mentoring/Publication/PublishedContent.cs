using Platform.EventStore;

namespace Platform.Mentoring.Publication;

public sealed record PublishedFileRow(Guid FileId, string FileName, string ContentType, long Size);

public sealed record PublishedAct(Guid Id, string KindName, string Number, DateOnly Date, string Title, DateOnly? RepealedOn, IReadOnlyList<PublishedFileRow> Files);

public sealed record PublishedProgram(Guid Id, string Title, string FormName, string KindName, DateOnly StartOn, DateOnly EndOn, string Goal, string? PublishedName);

public sealed record PublishedNews(Guid Id, string Title, DateOnly Date, string Text, bool Published);

/// <summary>A stored file of a published act, for the public download.</summary>
public sealed record PublishedDownload(string FileName, string ContentType, long Size, string Sha256, byte[] Content);

/// <summary>
/// Reads of the publication schema. The public pages call them on a session with no tenant scope, where only the published
/// rows are visible (see V070); the curator's pages call them on the owner's session, where news taken off the site shows too.
/// </summary>
public static class PublishedContent
{
    public const int NewsShown = 20;

    public static async Task<IReadOnlyList<PublishedAct>> ActsAsync(DocumentSession session, Guid ownerId, CancellationToken ct)
    {
        var files = (await session.QueryAsync(
                "SELECT act_id, file_id, file_name, content_type, size FROM publication.files WHERE tenant_id = $1 ORDER BY file_name, file_id",
                r => (Act: r.GetGuid(0), File: new PublishedFileRow(r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetInt64(4))), ct, ownerId))
            .ToLookup(f => f.Act, f => f.File);
        return await session.QueryAsync("""
            SELECT act_id, kind_name, number, date, title, repealed_on FROM publication.acts WHERE tenant_id = $1 ORDER BY date DESC, number, act_id
            """, r => new PublishedAct(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateOnly>(3), r.GetString(4),
            r.IsDBNull(5) ? null : r.GetFieldValue<DateOnly>(5), files[r.GetGuid(0)].ToList()), ct, ownerId);
    }

    public static async Task<IReadOnlyList<PublishedProgram>> ProgramsAsync(DocumentSession session, Guid ownerId, CancellationToken ct) =>
        await session.QueryAsync("""
            SELECT program_id, title, form_name, kind_name, start_on, end_on, goal, published_name
              FROM publication.programs WHERE tenant_id = $1 ORDER BY start_on DESC, title, program_id
            """, r => new PublishedProgram(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateOnly>(4),
            r.GetFieldValue<DateOnly>(5), r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7)), ct, ownerId);

    /// <param name="publishedOnly">The public page: only what is published (RLS would hide the rest from it anyway).</param>
    public static async Task<IReadOnlyList<PublishedNews>> NewsAsync(DocumentSession session, Guid ownerId, bool publishedOnly, CancellationToken ct) =>
        await session.QueryAsync("""
            SELECT id, title, date, text, published FROM publication.news
             WHERE tenant_id = $1 AND (published OR NOT $2) ORDER BY date DESC, posted_at DESC, id LIMIT $3
            """, r => new PublishedNews(r.GetGuid(0), r.GetString(1), r.GetFieldValue<DateOnly>(2), r.GetString(3), r.GetBoolean(4)),
            ct, ownerId, publishedOnly, publishedOnly ? NewsShown : 500);

    /// <summary>The schools of a district that have published something: the district page links to their pages.</summary>
    public static async Task<IReadOnlyList<Guid>> SchoolsWithPagesAsync(DocumentSession session, IReadOnlyCollection<Guid> schools, CancellationToken ct) =>
        await session.QueryAsync("""
            SELECT DISTINCT tenant_id FROM (
              SELECT tenant_id FROM publication.acts UNION ALL SELECT tenant_id FROM publication.programs
              UNION ALL SELECT tenant_id FROM publication.news WHERE published) p
             WHERE tenant_id = ANY($1)
            """, r => r.GetGuid(0), ct, schools.ToArray());

    public static async Task<PublishedDownload?> FileAsync(DocumentSession session, Guid ownerId, Guid fileId, CancellationToken ct) =>
        (await session.QueryAsync(
            "SELECT file_name, content_type, size, sha256, content FROM publication.files WHERE tenant_id = $1 AND file_id = $2",
            r => new PublishedDownload(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetFieldValue<byte[]>(4)), ct, ownerId, fileId))
        .SingleOrDefault();
}
