using Platform.EventStore;
using Platform.EventStore.PersonalData;

namespace Platform.Mentoring.People;

/// <summary>Why a person's personal data was erased.</summary>
public static class ErasureReasons
{
    public const string ConsentWithdrawn = "consent_withdrawn";
    public const string RetentionExpired = "retention_expired";
    public const string SubjectRequest = "subject_request";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [ConsentWithdrawn] = "отозвано согласие на обработку персональных данных",
        [RetentionExpired] = "истёк срок хранения персональных данных",
        [SubjectRequest] = "требование субъекта персональных данных об уничтожении (ст. 21 152-ФЗ)",
    };
}

/// <summary>
/// Erasure of a person's personal data (152-ФЗ, ст. 21): the events that end the processing, then, in the same transaction, everything
/// kept under the consent is deleted and the person's key destroyed (crypto-shredding) as the session saves.
/// </summary>
public static class PersonalDataErasure
{
    public const string AlreadyErased = "Персональные данные этого участника уже удалены: в истории вместо них — «данные удалены».";

    /// <summary>Ends the consent (if any), takes the person out of the pools and erases them.</summary>
    public static object[] Decide(Person p, string reason, DateOnly today, DateTimeOffset now)
    {
        if (p.IsErased) throw new DomainRuleException(AlreadyErased);
        var events = new List<object>();
        if (p.HasValidConsent) events.Add(new ConsentWithdrawn(p.Id, p.Consent!.Id, today, null));
        var why = "Персональные данные удалены: " + ErasureReasons.Names[reason];
        if (p.InMentorPool) events.Add(new Pools.LeftMentorPool(p.Id, why, now));
        if (p.InMenteePool) events.Add(new Pools.LeftMenteePool(p.Id, why, now));
        events.Add(new PersonalDataErased(p.Id, reason, today));
        return [.. events];
    }

    /// <summary>
    /// In the decision's transaction: deletes what is kept under the consent, takes the name out of the school's copies of it (a
    /// contest's candidates and winners, the best practices, the public pages) and destroys the key when the session saves.
    /// </summary>
    public static async Task EraseKeptDataAsync(DocumentSession session, Person person, CancellationToken ct)
    {
        await PersonDetailsTable.EraseAllAsync(session, person.Id, ct);
        await ForgetNameInCopiesAsync(session, person, ct);
        session.PersonalData.DestroyOnSave(session, person.Id);
    }

    /// <summary>The read models that copied the name (all of them the school's rows); their events are sealed, so a rebuild agrees.</summary>
    private static Task ForgetNameInCopiesAsync(DocumentSession session, Person person, CancellationToken ct) =>
        session.ExecuteAsync("""
            WITH candidates AS (
                   UPDATE mentoring.contest_candidates SET names = replace(names, $3, $4) WHERE tenant_id = $1 AND $2 = ANY (person_ids) RETURNING id),
                 winners AS (
                   UPDATE publication.winners SET names = replace(names, $3, $4) WHERE tenant_id = $1 AND candidate_id IN (SELECT id FROM candidates)),
                 practices AS (
                   UPDATE mentoring.best_practices SET participants = replace(participants::text, to_json($3::text)::text, to_json($4::text)::text)::jsonb
                    WHERE tenant_id = $1 AND strpos(participants::text, to_json($3::text)::text) > 0)
            UPDATE publication.best_practices SET participants = ARRAY(SELECT replace(p, $3, $4) FROM unnest(participants) p)
             WHERE tenant_id = $1 AND strpos(array_to_string(participants, '|'), $3) > 0
            """, ct, session.Events.TenantId, person.Id, person.FullName, PersonalDataMarker.Erased);

    /// <summary>The withdrawal of the consent, as the API and the pages decide it: its events, the kept data erased and the key destroyed on save.</summary>
    public static async Task<object[]> WithdrawAsync(DocumentSession session, Person person, WithdrawConsent command, DateOnly today, DateTimeOffset now,
        CancellationToken ct)
    {
        var events = PersonCommands.WithdrawConsent(person, command, today, now);
        await EraseKeptDataAsync(session, person, ct);
        return events;
    }

    /// <summary>An erasure on the subject's request (ст. 21), as the API and the pages decide it.</summary>
    public static async Task<object[]> OnRequestAsync(DocumentSession session, Person person, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var events = Decide(person, ErasureReasons.SubjectRequest, today, now);
        await EraseKeptDataAsync(session, person, ct);
        return events;
    }

    /// <summary>Erases one person of the session's school in the session's transaction (the retention job); false when already erased or absent.</summary>
    public static async Task<bool> EraseAsync(DocumentSession session, Guid personId, string reason, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Person>(personId, ct);
        if (stream.Aggregate is not { IsErased: false } person) return false;
        stream.AppendMany(Decide(person, reason, today, now));
        await EraseKeptDataAsync(session, person, ct);
        await session.SaveChangesAsync(ct);
        return true;
    }
}
