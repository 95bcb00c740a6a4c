using Platform.EventStore.PersonalData;
using Platform.Mentoring.Pools;
using Platform.Mentoring.Questionnaires;

namespace Platform.Mentoring.People;

// A person of one school (педагог, обучающийся, внешний наставник): one stream per person; tenant = the school.
// The stream keeps only what may be kept before any consent — the data needed to ask for one: kind, full name,
// position or class, and a student's birth year (to know who signs). Then the consents, pool membership and
// questionnaire answers as facts. The details that need a consent are not in events: see PersonDetailsTable.
// The personal data in these events ([Personal]) is stored encrypted under the person's key (crypto-shredding): erasing the
// person destroys the key, and every copy of the events then reads «данные удалены» in place of it.
// Pool events (Pools/) and answers (Questionnaires/) go to this stream too, so that a withdrawal of the consent
// and anything that needs it cannot pass each other: both append to the same stream, one of them fails.

public sealed record PersonRegistered(Guid PersonId, string Kind, string? ExternalRole, [Personal] string FullName, [Personal] string? Position,
    [Personal] int? BirthYear, DateTimeOffset RegisteredAt) : IPersonalData
{
    Guid IPersonalData.SubjectId => PersonId;
}
public sealed record PersonChanged(Guid PersonId, [Personal] string FullName, [Personal] string? Position, [Personal] int? BirthYear, string? ExternalRole)
    : IPersonalData
{
    Guid IPersonalData.SubjectId => PersonId;
}
/// <summary>Details (mentoring.person_details) changed: the names of the fields, never their values.</summary>
public sealed record PersonDetailsChanged(Guid PersonId, string[] Fields);
/// <summary>
/// A consent (согласие на обработку персональных данных): its record (dates, scope, who signed) stays after a withdrawal, to show on
/// what ground the data was processed (152-ФЗ, ст. 9 ч. 3); the guardian's name and the document's number are erased with the person.
/// </summary>
public sealed record ConsentGiven(Guid PersonId, Guid ConsentId, string SignedBy, [Personal] string? GuardianName, DateOnly GivenOn, string Scope,
    [Personal] string? DocumentNumber) : IPersonalData
{
    Guid IPersonalData.SubjectId => PersonId;
}
public sealed record ConsentWithdrawn(Guid PersonId, Guid ConsentId, DateOnly WithdrawnOn, [Personal] string? DocumentNumber) : IPersonalData
{
    Guid IPersonalData.SubjectId => PersonId;
}
/// <summary>
/// The person's personal data is erased (<see cref="ErasureReasons"/>): their key is destroyed with this event, so every event of theirs
/// reads «данные удалены» from now on; what is not personal (kind, dates, pools, counts) stays for the school's statistics.
/// </summary>
public sealed record PersonalDataErased(Guid PersonId, string Reason, DateOnly ErasedOn);

public sealed record Consent(Guid Id, string SignedBy, string? GuardianName, DateOnly GivenOn, string Scope, string? DocumentNumber, DateOnly? WithdrawnOn)
{
    public bool IsValid => WithdrawnOn is null;
}

public sealed record Person(Guid Id, string Kind, string? ExternalRole, string FullName, string? Position, int? BirthYear,
    IReadOnlyList<Consent> Consents, DateTimeOffset? InMentorPoolSince, DateTimeOffset? InMenteePoolSince, int Answers,
    DateTimeOffset RegisteredAt, DateOnly? ErasedOn = null, string? ErasureReason = null)
{
    public bool IsErased => ErasedOn is not null;

    /// <summary>The last consent given, valid or withdrawn.</summary>
    public Consent? Consent => Consents.Count == 0 ? null : Consents[^1];
    public bool HasValidConsent => Consent is { IsValid: true };
    public bool InMentorPool => InMentorPoolSince is not null;
    public bool InMenteePool => InMenteePoolSince is not null;

    /// <summary>Younger than 18 in that year (only the birth year is known): a legal guardian signs for them.</summary>
    public bool IsMinorIn(int year) => IsMinor(Kind, BirthYear, year);

    public static bool IsMinor(string kind, int? birthYear, int year) => kind != PersonKinds.Teacher && birthYear is { } b && year - b < 18;

    public static Person Create(PersonRegistered e) =>
        new(e.PersonId, e.Kind, e.ExternalRole, e.FullName, e.Position, e.BirthYear, [], null, null, 0, e.RegisteredAt);

    public Person Apply(PersonChanged e) => this with { FullName = e.FullName, Position = e.Position, BirthYear = e.BirthYear, ExternalRole = e.ExternalRole };
    public Person Apply(ConsentGiven e) =>
        this with { Consents = [.. Consents, new Consent(e.ConsentId, e.SignedBy, e.GuardianName, e.GivenOn, e.Scope, e.DocumentNumber, null)] };
    // The answers are erased with the withdrawal (same transaction), as are the details.
    public Person Apply(ConsentWithdrawn e) => this with
    {
        Consents = Consents.Select(c => c.Id == e.ConsentId ? c with { WithdrawnOn = e.WithdrawnOn } : c).ToList(),
        Answers = 0,
    };

    public Person Apply(PersonalDataErased e) => this with
    {
        FullName = PersonalDataMarker.Erased, Position = null, BirthYear = null, Answers = 0, ErasedOn = e.ErasedOn, ErasureReason = e.Reason,
        Consents = Consents.Select(c => c with { GuardianName = null, DocumentNumber = null }).ToList(),
    };

    public Person Apply(JoinedMentorPool e) => this with { InMentorPoolSince = e.JoinedAt };
    public Person Apply(LeftMentorPool e) => this with { InMentorPoolSince = null };
    public Person Apply(JoinedMenteePool e) => this with { InMenteePoolSince = e.JoinedAt };
    public Person Apply(LeftMenteePool e) => this with { InMenteePoolSince = null };
    public Person Apply(QuestionnaireAnswered e) => this with { Answers = Answers + 1 };
}
