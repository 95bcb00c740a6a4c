using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Pools;

namespace Platform.Mentoring.Mentorships;

/// <param name="PairConsentOn">The date of the participant's written consent to the pair; null while it is missing.</param>
public sealed record ParticipantView(Guid PersonId, string FullName, string Kind, string? Position, DateOnly? PairConsentOn, string? ConsentDocument);

public sealed record ApprovalView(Guid OrderId, string Number, DateOnly Date, string Citation, DateOnly From);

public sealed record FormerMentorView(Guid PersonId, string FullName, DateOnly Until, string Reason, Guid RequestedBy, string RequestedByName,
    DateOnly RequestedOn, Guid? OrderId);

/// <summary>One mentorship as it is (or was, with asOf); names are the people's current ones.</summary>
/// <param name="MissingConsents">Participants whose written consent to the pair is missing: the director cannot approve the pair yet.</param>
/// <param name="ProgramId">The pair's personalized program not completed yet, if any (always null for a past date).</param>
public sealed record MentorshipView(
    Guid Id, MentorshipStatus Status, string StatusName, string Form, string FormName, MentoringKind Kind, string KindName, string? Topic,
    ParticipantView Mentor, IReadOnlyList<ParticipantView> Mentees, IReadOnlyList<string> MissingConsents, ApprovalView? Approval,
    DateOnly? DissolvedOn, string? DissolveReason, IReadOnlyList<FormerMentorView> FormerMentors, Guid? ProgramId, DateTimeOffset ProposedAt, long Version)
{
    public static MentorshipView From(Mentorship m, long version, IReadOnlyDictionary<Guid, PersonRef> names, Guid? programId)
    {
        PersonRef Name(Guid id) => names.TryGetValue(id, out var p) ? p : PersonRef.Unknown(id);
        ParticipantView Participant(Guid id)
        {
            var p = Name(id);
            var consent = m.ConsentOf(id);
            return new ParticipantView(id, p.FullName, p.Kind, p.Position, consent?.SignedOn, consent?.DocumentNumber);
        }
        return new MentorshipView(m.Id, m.Status, m.Status.Russian(), m.Form, MentoringForms.Names.GetValueOrDefault(m.Form, m.Form), m.Kind, m.Kind.Russian(),
            m.Topic, Participant(m.MentorId), m.MenteeIds.Select(Participant).ToList(), m.MissingConsents.Select(id => Name(id).FullName).ToList(),
            m.OrderId is { } order ? new ApprovalView(order, m.OrderNumber!, m.OrderDate!.Value, LocalAct.Citation(m.OrderNumber!, m.OrderDate.Value), m.ActiveFrom!.Value) : null,
            m.DissolvedOn, m.DissolveReason,
            m.FormerMentors.Select(f => new FormerMentorView(f.PersonId, Name(f.PersonId).FullName, f.Until, f.Reason, f.RequestedBy, Name(f.RequestedBy).FullName,
                f.RequestedOn, f.OrderId)).ToList(),
            programId, m.ProposedAt, version);
    }

    public static IEnumerable<Guid> People(Mentorship m) =>
        m.Participants.Concat(m.FormerMentors.SelectMany(f => new[] { f.PersonId, f.RequestedBy })).Distinct();
}
