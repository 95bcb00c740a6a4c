using Platform.EventStore;
using Platform.Tenancy.Resolution;

namespace Platform.Mentoring.People;

/// <summary>One view of a person's data by a member of staff: who, in which role, whose, what, when.</summary>
public sealed record PersonalDataView(DateTimeOffset ViewedAt, string Viewer, string? ViewerRole, Guid PersonId, string? PersonName, string What);

/// <summary>
/// The journal of views of personal data (mentoring.personal_data_views, insert-only): every opening of a participant's card,
/// by the API or the pages, is written in its own transaction, so that a view is journaled even when nothing else is saved.
/// </summary>
public static class PersonalDataJournal
{
    public const string Card = "Карточка участника";
    public const string Report = "Сведения о персональных данных (ст. 14 152-ФЗ)";

    public static async Task RecordAsync(DocumentSession session, Caller? caller, Guid schoolId, Guid personId, string what, DateTimeOffset now, CancellationToken ct)
    {
        await session.ExecuteAsync("""
            INSERT INTO mentoring.personal_data_views (tenant_id, id, person_id, viewer, viewer_role, what, viewed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, ct, schoolId, Guid.CreateVersion7(), personId, caller?.UserName ?? session.UserName ?? "?", caller?.Roles.Order().FirstOrDefault(), what, now);
        await session.SaveChangesAsync(ct);
    }

    /// <summary>Newest first, at most 500; one person's when given. The name is the person's current one (none once erased).</summary>
    public static Task<List<PersonalDataView>> QueryAsync(DocumentSession session, Guid schoolId, Guid? personId, CancellationToken ct) =>
        session.QueryAsync("""
            SELECT v.viewed_at, v.viewer, v.viewer_role, v.person_id, p.full_name, v.what
              FROM mentoring.personal_data_views v LEFT JOIN mentoring.people p ON p.tenant_id = v.tenant_id AND p.id = v.person_id
             WHERE v.tenant_id = $1 AND ($2::uuid IS NULL OR v.person_id = $2)
             ORDER BY v.viewed_at DESC, v.id DESC LIMIT 500
            """, r => new PersonalDataView(r.GetFieldValue<DateTimeOffset>(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetGuid(3),
            r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5)), ct, schoolId, personId);
}
