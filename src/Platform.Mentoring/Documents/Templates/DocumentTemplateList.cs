using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Platform.Mentoring.Documents.Templates;

/// <summary>The template a district uses now for a kind: who uploaded which file when.</summary>
public sealed record CurrentTemplate(string Kind, string FileName, long Size, string Sha256, DateTimeOffset UploadedAt, string? UploadedBy, long Version);

/// <summary>The districts' templates in use (mentoring.document_templates) and the files of every version (mentoring.document_template_files).</summary>
public static class DocumentTemplateList
{
    public static Task<List<CurrentTemplate>> InUseAsync(DocumentSession session, Guid districtId, CancellationToken ct) =>
        session.QueryAsync("""
            SELECT kind, file_name, size, sha256, uploaded_at, uploaded_by, version FROM mentoring.document_templates WHERE tenant_id = $1
            """, Read, ct, districtId);

    public static async Task<CurrentTemplate?> FindAsync(DocumentSession session, Guid districtId, string kind, CancellationToken ct) =>
        (await session.QueryAsync("""
            SELECT kind, file_name, size, sha256, uploaded_at, uploaded_by, version FROM mentoring.document_templates WHERE tenant_id = $1 AND kind = $2
            """, Read, ct, districtId, kind)).SingleOrDefault();

    private static CurrentTemplate Read(Npgsql.NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetInt64(6));

    /// <summary>Written in the transaction of the upload's event; a file uploaded twice is kept once.</summary>
    public static Task StoreFileAsync(DocumentSession session, Guid districtId, string sha256, byte[] content, CancellationToken ct) =>
        session.ExecuteAsync("""
            INSERT INTO mentoring.document_template_files (tenant_id, sha256, content) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING
            """, ct, districtId, sha256, content);

    public static async Task<byte[]?> FileAsync(DocumentSession session, Guid districtId, string sha256, CancellationToken ct) =>
        (await session.QueryAsync("SELECT content FROM mentoring.document_template_files WHERE tenant_id = $1 AND sha256 = $2",
            r => r.GetFieldValue<byte[]>(0), ct, districtId, sha256)).SingleOrDefault();
}

public sealed class DocumentTemplateProjection : IInlineProjection
{
    public string Name => "document_templates";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type> { typeof(DocumentTemplateUploaded), typeof(DocumentTemplateRemoved) };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case DocumentTemplateUploaded u:
                    context.Queue("""
                        INSERT INTO mentoring.document_templates (tenant_id, kind, stream_id, file_name, size, sha256, uploaded_at, uploaded_by, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                        ON CONFLICT (tenant_id, kind) DO UPDATE SET file_name = $4, size = $5, sha256 = $6, uploaded_at = $7, uploaded_by = $8, version = $9
                        """, e.TenantId, u.Kind, e.StreamId, u.FileName, u.Size, u.Sha256, e.Timestamp, e.UserName, e.Version);
                    break;
                case DocumentTemplateRemoved r:
                    context.Queue("DELETE FROM mentoring.document_templates WHERE tenant_id = $1 AND kind = $2", e.TenantId, r.Kind);
                    break;
            }
        }
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId) =>
        context.Queue("DELETE FROM mentoring.document_templates WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
}
