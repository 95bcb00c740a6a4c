using Platform.EventStore;
using Platform.EventStore.Projections;
using Platform.Mentoring.DistrictActs;
using Platform.Mentoring.LocalActs;

namespace Platform.Mentoring.Publication;

/// <summary>
/// The publication schema: what each school and district has published, as the public sees it. It follows the published
/// acts after publication too: a corrected act is corrected here, a repealed one shows its repeal, and a file removed from
/// a published act (it may hold personal data) is removed from the public copy in the same transaction.
/// </summary>
public sealed class PublicationProjection : IInlineProjection
{
    public string Name => "publication";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type>
    {
        typeof(PublicSectionOpened), typeof(LocalActPublished), typeof(LocalActUnpublished), typeof(DistrictActPublished), typeof(DistrictActUnpublished),
        typeof(ProgramSummaryPublished), typeof(ProgramSummaryUnpublished),
        typeof(NewsPosted), typeof(NewsEdited), typeof(NewsUnpublished), typeof(NewsRepublished),
        typeof(LocalActChanged), typeof(LocalActRepealed), typeof(LocalActAttachmentAdded), typeof(LocalActAttachmentRemoved),
        typeof(DistrictActChanged), typeof(DistrictActRepealed),
    };

    private const string CopyFile = """
        INSERT INTO publication.files (tenant_id, file_id, act_id, file_name, content_type, size, sha256, content)
        SELECT a.tenant_id, a.id, $3, a.file_name, a.content_type, a.size, a.sha256, a.content
          FROM mentoring.attachments a
         WHERE a.tenant_id = $1 AND a.id = $2 AND EXISTS (SELECT 1 FROM publication.acts p WHERE p.tenant_id = $1 AND p.act_id = $3)
        ON CONFLICT (tenant_id, file_id) DO NOTHING
        """;

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case LocalActPublished p:
                    InsertAct(context, e, p.LocalActId, p.KindName, p.Number, p.Date, p.Title);
                    foreach (var f in p.Files) context.Queue(CopyFile, e.TenantId, f.FileId, p.LocalActId);
                    break;
                case DistrictActPublished p:
                    InsertAct(context, e, p.DistrictActId, p.KindName, p.Number, p.Date, p.Title);
                    break;
                case LocalActUnpublished u:
                    DeleteAct(context, e.TenantId, u.LocalActId);
                    break;
                case DistrictActUnpublished u:
                    DeleteAct(context, e.TenantId, u.DistrictActId);
                    break;
                case ProgramSummaryPublished p:
                    context.Queue("""
                        INSERT INTO publication.programs (tenant_id, program_id, title, form_name, kind_name, start_on, end_on, goal, published_name, published_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                        ON CONFLICT (tenant_id, program_id) DO UPDATE SET title = $3, form_name = $4, kind_name = $5, start_on = $6, end_on = $7,
                            goal = $8, published_name = $9, published_at = $10
                        """, e.TenantId, p.ProgramId, p.Title, p.FormName, p.KindName, p.StartOn, p.EndOn, p.Goal, p.PublishedName, e.Timestamp);
                    break;
                case ProgramSummaryUnpublished u:
                    context.Queue("DELETE FROM publication.programs WHERE tenant_id = $1 AND program_id = $2", e.TenantId, u.ProgramId);
                    break;
                case NewsPosted n:
                    context.Queue("""
                        INSERT INTO publication.news (tenant_id, id, title, date, text, published, posted_at, updated_at) VALUES ($1, $2, $3, $4, $5, true, $6, $6)
                        """, e.TenantId, n.NewsId, n.Title, n.Date, n.Text, e.Timestamp);
                    break;
                case NewsEdited n:
                    context.Queue("UPDATE publication.news SET title = $3, date = $4, text = $5, updated_at = $6 WHERE tenant_id = $1 AND id = $2",
                        e.TenantId, n.NewsId, n.Title, n.Date, n.Text, e.Timestamp);
                    break;
                case NewsUnpublished n:
                    context.Queue("UPDATE publication.news SET published = false, updated_at = $3 WHERE tenant_id = $1 AND id = $2", e.TenantId, n.NewsId, e.Timestamp);
                    break;
                case NewsRepublished n:
                    context.Queue("UPDATE publication.news SET published = true, updated_at = $3 WHERE tenant_id = $1 AND id = $2", e.TenantId, n.NewsId, e.Timestamp);
                    break;
                // The acts' own events: no-ops unless the act is published.
                case LocalActChanged c:
                    UpdateAct(context, e, c.Kind.Russian(), c.Number, c.Date, c.Title);
                    break;
                case DistrictActChanged c:
                    UpdateAct(context, e, c.Kind.Russian(), c.Number, c.Date, c.Title);
                    break;
                case LocalActRepealed r:
                    context.Queue("UPDATE publication.acts SET repealed_on = $3 WHERE tenant_id = $1 AND act_id = $2", e.TenantId, e.StreamId, r.RepealedOn);
                    break;
                case DistrictActRepealed r:
                    context.Queue("UPDATE publication.acts SET repealed_on = $3 WHERE tenant_id = $1 AND act_id = $2", e.TenantId, e.StreamId, r.RepealedOn);
                    break;
                case LocalActAttachmentAdded a:
                    context.Queue(CopyFile, e.TenantId, a.FileId, e.StreamId);
                    break;
                case LocalActAttachmentRemoved a:
                    context.Queue("DELETE FROM publication.files WHERE tenant_id = $1 AND file_id = $2", e.TenantId, a.FileId);
                    break;
            }
        }
        return ValueTask.CompletedTask;
    }

    private static void InsertAct(ProjectionContext context, IEvent e, Guid actId, string kindName, string number, DateOnly date, string title) =>
        context.Queue("""
            INSERT INTO publication.acts (tenant_id, act_id, kind_name, number, date, title, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (tenant_id, act_id) DO UPDATE SET kind_name = $3, number = $4, date = $5, title = $6, published_at = $7
            """, e.TenantId, actId, kindName, number, date, title, e.Timestamp);

    private static void UpdateAct(ProjectionContext context, IEvent e, string kindName, string number, DateOnly date, string title) =>
        context.Queue("UPDATE publication.acts SET kind_name = $3, number = $4, date = $5, title = $6 WHERE tenant_id = $1 AND act_id = $2",
            e.TenantId, e.StreamId, kindName, number, date, title);

    private static void DeleteAct(ProjectionContext context, Guid tenantId, Guid actId)
    {
        context.Queue("DELETE FROM publication.files WHERE tenant_id = $1 AND act_id = $2", tenantId, actId);
        context.Queue("DELETE FROM publication.acts WHERE tenant_id = $1 AND act_id = $2", tenantId, actId);
    }

    public void Reset(ProjectionContext context, Guid? tenantId)
    {
        foreach (var table in new[] { "files", "acts", "programs", "news" })
            context.Queue($"DELETE FROM publication.{table} WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
    }
}
