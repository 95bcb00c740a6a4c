using Npgsql;

namespace Platform.EventStore;

/// <summary>
/// The store: opens sessions, each one a PostgreSQL transaction scoped to a tenant scope.
/// Shaped after Marten's IDocumentStore so that a later swap stays a local change.
/// </summary>
public sealed class DocumentStore : IAsyncDisposable
{
    public DocumentStore(DocumentStoreOptions options)
    {
        Options = options;
        DataSource = NpgsqlDataSource.Create(options.ConnectionString);
    }

    public DocumentStoreOptions Options { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// A unit of work in one transaction. Without a scope the session sees no tenant rows at all.
    /// <paramref name="tenantId"/> is the tenant new streams are written to; it defaults to the scope's id.
    /// </summary>
    public DocumentSession LightweightSession(TenantScope? scope, Guid? tenantId = null) =>
        new(this, scope, tenantId);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
