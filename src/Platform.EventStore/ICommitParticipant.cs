using Npgsql;

namespace Platform.EventStore;

/// <summary>
/// Work that joins a session's transaction: it writes in it just before the commit and acts once the commit has
/// succeeded (Wolverine's outbox: the messages are stored with the decision that caused them, then sent). A session
/// disposed without saving drops its participants, so nothing of a rolled-back decision is ever sent.
/// </summary>
public interface ICommitParticipant
{
    Task BeforeCommitAsync(NpgsqlTransaction transaction, CancellationToken ct);
    Task AfterCommitAsync();
}
