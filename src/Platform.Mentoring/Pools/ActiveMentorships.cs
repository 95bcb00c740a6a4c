using Platform.EventStore;

namespace Platform.Mentoring.Pools;

/// <summary>
/// THE PLUG POINT for mentorships (наставнические пары и группы), which do not exist yet: the pools ask here how
/// many mentees each mentor already has (capacity left, suggestions) and which mentees already have a mentor
/// (the «without a mentor» list). Until the mentorships part adds mentoring.mentorships, every mentor's capacity
/// is free and no mentee has a mentor. Replace the two bodies with queries on that table; nothing else changes.
/// </summary>
public static class ActiveMentorships
{
    /// <summary>Mentor id → mentees in active mentorships. Missing = none.</summary>
    public static Task<IReadOnlyDictionary<Guid, int>> MenteesPerMentorAsync(DocumentSession session, IReadOnlyCollection<Guid> mentorIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<Guid, int>>(new Dictionary<Guid, int>());

    /// <summary>The mentees that are in an active mentorship.</summary>
    public static Task<IReadOnlySet<Guid>> MenteesWithMentorAsync(DocumentSession session, CancellationToken ct) =>
        Task.FromResult<IReadOnlySet<Guid>>(new HashSet<Guid>());
}
