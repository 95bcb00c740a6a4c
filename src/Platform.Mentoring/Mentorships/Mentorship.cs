using System.Text.Json;
using Platform.EventStore.PersonalData;

namespace Platform.Mentoring.Mentorships;

public enum MentorshipStatus { Proposed, Active, Dissolved }

public static class MentorshipStatuses
{
    public static string Russian(this MentorshipStatus status) => status switch
    {
        MentorshipStatus.Proposed => "Сформирована, ожидает приказа",
        MentorshipStatus.Active => "Закреплена приказом",
        _ => "Расформирована",
    };

    public static string Code(this MentorshipStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    public static bool TryParse(string? code, out MentorshipStatus status) =>
        Platform.EventStore.StoredCode.TryParse(code, out status);
}

// A mentorship (наставническая пара или группа, тандем): one mentor, one or more mentees of the school, a form and a
// kind. Formed voluntarily with each participant's written consent, then approved by the director's order (seed 001,
// 6.2; seed 003, 4.14) and, when it has run its course, dissolved with a reason. A mentee may ask for another mentor
// (seed 001, 5.1.5): the mentor is replaced, the pair stays. One stream per mentorship; tenant = the school.

public sealed record MentorshipProposed(Guid MentorshipId, Guid MentorId, Guid[] MenteeIds, string Form, MentoringKind Kind, string? Topic,
    DateTimeOffset ProposedAt);
/// <summary>A participant's written consent to take part in this pair (not the consent to personal data processing).</summary>
public sealed record PairConsentRecorded(Guid PersonId, DateOnly SignedOn, [Personal] string? DocumentNumber) : IPersonalData
{
    Guid IPersonalData.SubjectId => PersonId;
}
public sealed record MentorshipApproved(Guid OrderId, string OrderNumber, DateOnly OrderDate, DateOnly From);
/// <param name="RequestedBy">The mentee whose request (ходатайство) led to the replacement.</param>
/// <param name="OrderId">The order that records the change, when there is one.</param>
public sealed record MentorReplaced(Guid FormerMentorId, Guid NewMentorId, Guid RequestedBy, DateOnly RequestedOn, DateOnly On, string Reason,
    Guid? OrderId);
public sealed record MentorshipDissolved(DateOnly On, string Reason);

public sealed record PairConsent(Guid PersonId, DateOnly SignedOn, string? DocumentNumber);

public sealed record FormerMentor(Guid PersonId, DateOnly Until, string Reason, Guid RequestedBy, DateOnly RequestedOn, Guid? OrderId);

public sealed record Mentorship(
    Guid Id, Guid MentorId, IReadOnlyList<Guid> MenteeIds, string Form, MentoringKind Kind, string? Topic, MentorshipStatus Status,
    IReadOnlyList<PairConsent> Consents, Guid? OrderId, string? OrderNumber, DateOnly? OrderDate, DateOnly? ActiveFrom,
    DateOnly? DissolvedOn, string? DissolveReason, IReadOnlyList<FormerMentor> FormerMentors, DateTimeOffset ProposedAt)
{
    public IReadOnlyList<Guid> Participants => [MentorId, .. MenteeIds];

    /// <summary>Not dissolved: the pair holds its mentor's places and its mentees.</summary>
    public bool IsCurrent => Status != MentorshipStatus.Dissolved;

    public PairConsent? ConsentOf(Guid personId) => Consents.LastOrDefault(c => c.PersonId == personId);

    /// <summary>The participants whose written consent to the pair is not on record.</summary>
    public IReadOnlyList<Guid> MissingConsents => Participants.Where(p => ConsentOf(p) is null).ToList();

    public static Mentorship Create(MentorshipProposed e) => new(e.MentorshipId, e.MentorId, e.MenteeIds, e.Form, e.Kind, e.Topic,
        MentorshipStatus.Proposed, [], null, null, null, null, null, null, [], e.ProposedAt);

    public Mentorship Apply(PairConsentRecorded e) =>
        this with { Consents = [.. Consents.Where(c => c.PersonId != e.PersonId), new PairConsent(e.PersonId, e.SignedOn, e.DocumentNumber)] };

    public Mentorship Apply(MentorshipApproved e) => this with
    {
        Status = MentorshipStatus.Active, OrderId = e.OrderId, OrderNumber = e.OrderNumber, OrderDate = e.OrderDate, ActiveFrom = e.From,
    };

    public Mentorship Apply(MentorReplaced e) => this with
    {
        MentorId = e.NewMentorId,
        FormerMentors = [.. FormerMentors, new FormerMentor(e.FormerMentorId, e.On, e.Reason, e.RequestedBy, e.RequestedOn, e.OrderId)],
    };

    public Mentorship Apply(MentorshipDissolved e) => this with { Status = MentorshipStatus.Dissolved, DissolvedOn = e.On, DissolveReason = e.Reason };
}
