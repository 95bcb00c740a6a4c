using Platform.EventStore;
using Platform.Tenancy.Resolution;

namespace Platform.Mentoring.People;

/// <summary>One view of a person's data by a member of staff: who, in which role, whose, what, when.</summary>
/// <param name="PersonId">None for an export of the list without personal data: the choice is journaled, no one's data was given.</param>
public sealed record PersonalDataView(DateTimeOffset ViewedAt, string Viewer, string? ViewerRole, Guid? PersonId, string? PersonName, string What);

/// <summary>
/// The journal of views of personal data (mentoring.personal_data_views, insert-only): every opening of a participant's card,
/// every person shown on a page of a list, every export of the list, by the API or the pages, is written in its own
/// transaction, so that a view is journaled even when nothing else is saved.
/// </summary>
public static class PersonalDataJournal
{
    public const string Card = "Карточка участника";
    public const string Report = "Сведения о персональных данных (ст. 14 152-ФЗ)";
    public const string OwnReport = "Сведения о персональных данных (запрос участника)";
    public const string PeopleList = "Список участников";
    public const string MentorPool = "Банк наставников";
    public const string MenteePool = "Банк наставляемых";
    public const string PersonalExport = "Выгрузка списка с персональными данными";
    public const string DepersonalisedExport = "Выгрузка списка (обезличенная)";

    public static async Task RecordAsync(DocumentSession session, Caller? caller, Guid schoolId, Guid personId, string what, DateTimeOffset now, CancellationToken ct)
    {
        await session.ExecuteAsync("""
            INSERT INTO mentoring.personal_data_views (tenant_id, id, person_id, viewer, viewer_role, what, viewed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, ct, schoolId, Guid.CreateVersion7(), personId, Viewer(session, caller), Role(caller), what, now);
        await session.SaveChangesAsync(ct);
    }

    /// <summary>One entry per person shown (a page of a list, an export), in one statement; none when the list is empty.</summary>
    public static async Task RecordManyAsync(DocumentSession session, Caller? caller, Guid schoolId, IReadOnlyCollection<Guid> personIds, string what,
        DateTimeOffset now, CancellationToken ct)
    {
        if (personIds.Count == 0) return;
        await session.ExecuteAsync("""
            INSERT INTO mentoring.personal_data_views (tenant_id, id, person_id, viewer, viewer_role, what, viewed_at)
            SELECT $1, ids.id, ids.person_id, $4, $5, $6, $7 FROM unnest($2::uuid[], $3::uuid[]) AS ids (id, person_id)
            """, ct, schoolId, personIds.Select(_ => Guid.CreateVersion7()).ToArray(), personIds.ToArray(), Viewer(session, caller), Role(caller), what, now);
        await session.SaveChangesAsync(ct);
    }

    /// <summary>An entry about no one: an export of the list without personal data.</summary>
    public static async Task RecordWithoutPersonAsync(DocumentSession session, Caller? caller, Guid schoolId, string what, DateTimeOffset now, CancellationToken ct)
    {
        await session.ExecuteAsync("""
            INSERT INTO mentoring.personal_data_views (tenant_id, id, person_id, viewer, viewer_role, what, viewed_at) VALUES ($1, $2, NULL, $3, $4, $5, $6)
            """, ct, schoolId, Guid.CreateVersion7(), Viewer(session, caller), Role(caller), what, now);
        await session.SaveChangesAsync(ct);
    }

    private static string Viewer(DocumentSession session, Caller? caller) => caller?.UserName ?? session.UserName ?? "?";

    private static string? Role(Caller? caller) => caller?.Roles.Order().FirstOrDefault();

    /// <summary>Newest first, at most 500; one person's when given. The name is the person's current one (none once erased).</summary>
    public static Task<List<PersonalDataView>> QueryAsync(DocumentSession session, Guid schoolId, Guid? personId, CancellationToken ct) =>
        session.QueryAsync("""
            SELECT v.viewed_at, v.viewer, v.viewer_role, v.person_id, p.full_name, v.what
              FROM mentoring.personal_data_views v LEFT JOIN mentoring.people p ON p.tenant_id = v.tenant_id AND p.id = v.person_id
             WHERE v.tenant_id = $1 AND ($2::uuid IS NULL OR v.person_id = $2)
             ORDER BY v.viewed_at DESC, v.id DESC LIMIT 500
            """, r => new PersonalDataView(r.GetFieldValue<DateTimeOffset>(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetGuid(3),
            r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5)), ct, schoolId, personId);
}
