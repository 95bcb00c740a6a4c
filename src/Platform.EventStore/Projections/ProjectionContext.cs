using Npgsql;

namespace Platform.EventStore.Projections;

/// <summary>
/// What a projection writes through: commands queued here are sent in one batch with the events,
/// in the session's transaction. Reads go through <see cref="Session"/> and see the state before the batch.
/// </summary>
public sealed class ProjectionContext
{
    private readonly List<NpgsqlBatchCommand> _commands;

    internal ProjectionContext(DocumentSession session, List<NpgsqlBatchCommand> commands)
    {
        Session = session;
        _commands = commands;
    }

    public DocumentSession Session { get; }

    /// <summary>Queues a write; parameters are positional ($1, $2…).</summary>
    public void Queue(string sql, params object?[] args)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        DocumentSession.AddPositional(cmd.Parameters, sql, args);
        _commands.Add(cmd);
    }

    public void Queue(NpgsqlBatchCommand command) => _commands.Add(command);
}
