using Npgsql;
using NpgsqlTypes;
using Platform.EventStore;
using Platform.EventStore.Databases;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.RDBMS;
using Wolverine.Runtime;
using Wolverine.Runtime.Serialization;
using Wolverine.Transports;

namespace Platform.Jobs.Messaging;

/// <summary>
/// Wolverine's durable outbox on our session's transaction. Messages published through a session are stored in
/// wolverine_incoming_envelopes by that transaction just before it commits (in batches), and handed to Wolverine's
/// local queues once it has committed (large batches: to any node, through Wolverine's inbox recovery): a rolled-back
/// decision sends nothing, a committed one is delivered even if this process dies right after the commit.
/// </summary>
/// <remarks>
/// Wolverine's own Marten integration flushes from a Marten commit listener, which Marten calls after its
/// SaveChanges even when the transaction is ours and not yet committed; enlisting a <see cref="MessageContext"/>
/// with an envelope transaction of our own keeps the commit ours. Measured in docs/messaging.md.
/// </remarks>
public sealed class MessageOutbox(IWolverineRuntime runtime)
{
    /// <summary>Publishes in the session's transaction; sent when <see cref="DocumentSession.SaveChangesAsync"/> commits.</summary>
    public ValueTask PublishAsync(DocumentSession session, IDeliveryMessage message) =>
        session.Participant(() => new Enlistment(runtime, session)).PublishAsync(message);

    /// <remarks>
    /// Wolverine's message store is the home database's. A session in a region's own database stores its messages there
    /// right after its own commit, in a transaction of the home database: a crash between the two commits leaves
    /// deliveries without a message, which <see cref="Deliveries.PendingDeliveries"/> queues at the next start of a node.
    /// </remarks>
    private sealed class Enlistment(IWolverineRuntime runtime, DocumentSession session) : ICommitParticipant, IEnvelopeTransaction
    {
        // A MessageContext keeps its outstanding envelopes in a list it searches on every publish: a scan queueing tens of
        // thousands of messages would spend minutes there. A context per batch keeps that search short.
        private const int BatchSize = 500;
        private readonly List<MessageContext> _contexts = [];
        private readonly List<Envelope> _pending = [];
        private int _published;

        public ValueTask PublishAsync(IDeliveryMessage message)
        {
            if (_published++ % BatchSize == 0)
            {
                var context = new MessageContext(runtime);
                context.EnlistInOutbox(this);
                _contexts.Add(context);
            }
            return _contexts[^1].PublishAsync(message, new DeliveryOptions { TenantId = message.TenantId.ToString() });
        }

        public Task PersistIncomingAsync(Envelope envelope)
        {
            // The envelope's id is the delivery's: a dead letter is found and replayed by the delivery it carries,
            // and the same delivery can never be queued twice (the envelope id is the inbox table's key).
            if (envelope.Message is IDeliveryMessage delivery) envelope.Id = delivery.DeliveryId;
            _pending.Add(envelope);
            return Task.CompletedTask;
        }

        public Task PersistOutgoingAsync(Envelope envelope) =>
            throw new NotSupportedException("Deliveries go to Wolverine's local durable queues only.");

        public Task PersistOutgoingAsync(Envelope[] envelopes) => PersistOutgoingAsync(envelopes[0]);

        /// <summary>
        /// More messages than a batch (a reminder scan) are stored for any node: Wolverine's inbox recovery takes them
        /// in pages as the nodes' queues have room. Handing tens of thousands to this node's queue at once would make
        /// the commit wait for them to be handled (the queue pushes back), and leave the other nodes idle.
        /// </summary>
        private bool ForAnyNode => _published > BatchSize;

        private bool InHome => session.Database is null or TenantDatabases.Home;

        public async Task BeforeCommitAsync(NpgsqlTransaction transaction, CancellationToken ct)
        {
            if (InHome) await StoreAsync(transaction, ct);
        }

        private async Task StoreAsync(NpgsqlTransaction transaction, CancellationToken ct)
        {
            var database = (IMessageDatabase)runtime.Storage;
            if (ForAnyNode) await CopyForAnyNodeAsync(database, transaction, ct);
            else await database.StoreIncomingAsync(transaction, _pending.ToArray());
            _pending.Clear();
        }

        /// <summary>
        /// Wolverine's own store sends an INSERT per envelope; a binary COPY of the same columns (Wolverine's
        /// serializer, its field list) stores a scan's 70,000 envelopes several times faster.
        /// </summary>
        private async Task CopyForAnyNodeAsync(IMessageDatabase database, NpgsqlTransaction transaction, CancellationToken ct)
        {
            var copy = $"COPY {database.TableNameFor(DatabaseConstants.IncomingTable)} ({DatabaseConstants.IncomingFields}) FROM STDIN (FORMAT BINARY)";
            await using var writer = await transaction.Connection!.BeginBinaryImportAsync(copy, ct);
            foreach (var envelope in _pending)
            {
                envelope.OwnerId = TransportConstants.AnyNode;
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(EnvelopeSerializer.Serialize(envelope), NpgsqlDbType.Bytea, ct);
                await writer.WriteAsync(envelope.Id, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(envelope.Status.ToString(), NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(envelope.OwnerId, NpgsqlDbType.Integer, ct);
                await WriteNullableAsync(writer, envelope.ScheduledTime, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(envelope.Attempts, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(envelope.MessageType!, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(writer, envelope.Destination?.ToString(), NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(writer, envelope.KeepUntil, NpgsqlDbType.TimestampTz, ct);
            }
            await writer.CompleteAsync(ct);
        }

        private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct) =>
            value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, type, ct);

        public async Task AfterCommitAsync()
        {
            if (!InHome)
            {
                await using var connection = await session.Store.DataSource.OpenConnectionAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                await StoreAsync(transaction, CancellationToken.None);
                await transaction.CommitAsync();
            }
            if (ForAnyNode) return;
            foreach (var context in _contexts) await context.FlushOutgoingMessagesAsync();
        }

        public ValueTask RollbackAsync() => ValueTask.CompletedTask;

        public Task<bool> TryMakeEagerIdempotencyCheckAsync(Envelope envelope, DurabilitySettings settings, CancellationToken cancellation) =>
            Task.FromResult(false);
    }
}
