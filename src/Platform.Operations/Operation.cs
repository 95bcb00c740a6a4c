using System.Text.Json;
using Npgsql;
using Platform.EventStore;

namespace Platform.Operations;

/// <summary>What a page or a client sees of a long operation while it runs, and its result's link once it is done.</summary>
public sealed record OperationView(Guid Id, string Kind, string Title, string Status, int Percent, string? Message, string? ResultUrl,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, JsonElement? Result = null)
{
    public bool Done => Status is OperationStatus.Succeeded or OperationStatus.Failed;

    internal const string Columns = "id, kind, title, status, percent, message, result_url, created_at, started_at, finished_at, result::text";

    internal static OperationView Read(NpgsqlDataReader r) => new(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4),
        r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetFieldValue<DateTimeOffset>(7),
        r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8), r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9),
        r.IsDBNull(10) ? null : JsonDocument.Parse(r.GetString(10)).RootElement.Clone());

    /// <summary>The result as <typeparamref name="T"/> (an import's report), when the operation has one.</summary>
    public T? ResultAs<T>() where T : class => Result?.Deserialize<T>(JsonSerializerOptions.Web);

    /// <summary>The operation if the session's scope sees it (row-level security: another tenant's is not found).</summary>
    public static async Task<OperationView?> FindAsync(DocumentSession session, Guid id, CancellationToken ct) =>
        (await session.QueryAsync($"SELECT {Columns} FROM jobs.operations WHERE id = $1", Read, ct, id)).SingleOrDefault();
}

public static class OperationStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>
/// One kind of long operation (a module's): does the work in the operation's tenant scope, reports progress, returns the
/// link to its result. Run again after a node died half way, it must finish the same work, not do it twice.
/// </summary>
public interface IOperationHandler
{
    string Kind { get; }
    Task<OperationResult> RunAsync(OperationContext operation, JsonElement input, CancellationToken ct);
}

/// <summary>
/// What a finished operation says (Russian), where its result is if it has one to open, what it reports besides (stored as
/// JSON), and whether the work was refused as a whole (the operation then ends failed, its report kept).
/// </summary>
public sealed record OperationResult(string Message, string? Url = null, object? Data = null, bool Refused = false);

/// <summary>The running operation: its id, tenant scope and who asked for it, and a way to tell the page how far it is.</summary>
public sealed class OperationContext(DocumentStore store, Guid id, Guid tenantId, TenantScope scope, string? requestedBy, TimeProvider time)
{
    public Guid Id => id;
    public Guid TenantId => tenantId;
    public TenantScope Scope => scope;
    public string? RequestedBy => requestedBy;
    public TimeProvider Time => time;

    /// <summary>The file the operation was started with, if any.</summary>
    public async Task<byte[]?> PayloadAsync(CancellationToken ct)
    {
        await using var session = store.LightweightSession(scope, tenantId);
        return (await session.QueryAsync("SELECT payload FROM jobs.operations WHERE id = $1", r => r.IsDBNull(0) ? null : r.GetFieldValue<byte[]>(0), ct, id))
            .SingleOrDefault();
    }

    /// <summary>A session in the operation's own scope, never a wider one, attributed to the user who started it.</summary>
    public DocumentSession Session()
    {
        var session = store.LightweightSession(scope, tenantId);
        session.UserName = requestedBy;
        session.CorrelationId = "operation:" + id;
        return session;
    }

    /// <summary>Records progress in its own short transaction, so the page sees it while the work's transaction is open.</summary>
    public async Task ReportAsync(int percent, string message, CancellationToken ct)
    {
        await using var session = store.LightweightSession(scope, tenantId);
        await session.ExecuteAsync("UPDATE jobs.operations SET percent = $2, message = $3 WHERE id = $1 AND status = 'running'", ct,
            id, Math.Clamp(percent, 0, 99), message);
        await session.SaveChangesAsync(ct);
    }
}
