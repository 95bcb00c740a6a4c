using Npgsql;
using Platform.EventStore.Databases;

namespace Platform.EventStore;

/// <summary>
/// Marten's document store with the tenant scope of row-level security around it: every session is one PostgreSQL
/// transaction that sets its scope first, and Marten works inside that transaction.
/// </summary>
public sealed class DocumentStore : IAsyncDisposable
{
    public DocumentStore(DocumentStoreOptions options)
    {
        Options = options;
        DataSource = NpgsqlDataSource.Create(Tuned(options.ConnectionString));
        SystemDataSource = options.SystemConnectionString is { Length: > 0 } system
            ? NpgsqlDataSource.Create(Tuned(ForRequests(system, options.ConnectionString)))
            : DataSource;
        options.PersonalDataSource.DataSource = SystemDataSource;
        Marten = global::Marten.DocumentStore.For(o => options.ConfigureMarten(o, options.SystemConnectionString ?? options.ConnectionString));
        if (options.ReplicaConnectionString is { Length: > 0 } replica)
            Replica = new ReadReplica(Tuned(replica), options.ReplicaMaxStaleness);
        Databases = new TenantDatabases(options, DataSource, SystemDataSource);
    }

    public DocumentStoreOptions Options { get; }

    /// <summary>
    /// Marten writes one INSERT per event, and PostgreSQL plans the row-level-security policy into each (0.66 ms of
    /// planning against 0.12 ms of execution, measured by bench.sh): statements used twice on a connection are prepared,
    /// so the plan is reused. A connection string that sets Max Auto Prepare itself is left as it is.
    /// A connection given back to the pool is not reset either (one statement and a round trip fewer per request): the
    /// store's sessions keep no session state, their scope is set for the transaction only (set_config(…, true)).
    /// Prepared statements keep their generic plan (plan_cache_mode): left to choose, PostgreSQL planned most reads anew at every
    /// execution, because the tenant policies and the arrays of ids make a custom plan look cheaper; planning was 22 % of the
    /// database's time under the load test, and the generic plans measured no slower (docs/performance.md). A connection string
    /// that sets plan_cache_mode in its Options is left as it is.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 100;
            builder.AutoPrepareMinUsages = 2;
        }
        builder.NoResetOnClose = true;
        if (builder.Options?.Contains("plan_cache_mode") != true)
            builder.Options = $"{builder.Options} -c plan_cache_mode=force_generic_plan".Trim();
        return builder.ConnectionString;
    }

    /// <summary>
    /// platform_system's connection string with the application's pool size: platform-scoped sessions serve requests too
    /// (sign-in, the platform's administration), not only the store's own processes, for which the system string's small
    /// pool is sized.
    /// </summary>
    public static string ForRequests(string systemConnectionString, string appConnectionString) =>
        new NpgsqlConnectionStringBuilder(systemConnectionString)
        {
            MaxPoolSize = new NpgsqlConnectionStringBuilder(appConnectionString).MaxPoolSize,
        }.ConnectionString;

    /// <summary>The home database's connections (the catalog, the accounts, the messages, and every tenant of a region without its own database).</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// The home database's connections as platform_system, for sessions in the platform scope: PostgreSQL refuses that
    /// scope to the application's role (V082). Without a system connection string, the application's (which then sees
    /// no rows in the platform scope).
    /// </summary>
    public NpgsqlDataSource SystemDataSource { get; }

    /// <summary>Where each tenant lives: the home database or its region's own.</summary>
    public TenantDatabases Databases { get; }

    public global::Marten.IDocumentStore Marten { get; }

    /// <summary>
    /// A unit of work in one transaction. Without a scope the session sees no tenant rows at all.
    /// <paramref name="tenantId"/> is the tenant new streams are written to; it defaults to the scope's id.
    /// The session works in the database of <paramref name="database"/> when given, otherwise in the tenant's (or the
    /// scope's) database: the platform scope without a tenant works in the home database.
    /// </summary>
    public DocumentSession LightweightSession(TenantScope? scope, Guid? tenantId = null, string? database = null) =>
        new(this, scope, tenantId, database, null);

    /// <summary>The hot standby for read-heavy pages, when one is configured.</summary>
    public ReadReplica? Replica { get; }

    /// <summary>
    /// A session that only reads: on the standby while it is fresh (<see cref="ReadReplica"/>), otherwise on the primary.
    /// Saving from it is refused.
    /// </summary>
    public DocumentSession ReadOnlySession(TenantScope? scope) =>
        new(this, scope, null, null, scope is { Kind: not ScopeKind.Platform } && Replica is { IsFresh: true } replica ? replica.DataSource : null) { ReadOnly = true };

    /// <summary>
    /// Applies events to an aggregate's state in memory with Marten's live aggregation (its Create/Apply conventions):
    /// the state a decision leaves, without reading it back.
    /// </summary>
    public T? Fold<T>(T? state, IEnumerable<object> events) where T : class
    {
        var options = ((global::Marten.DocumentStore)Marten).Options;
        var graph = (global::Marten.Events.EventGraph)options.Events;
        using var query = Marten.QuerySession();
        var folded = options.Projections.AggregatorFor<T>().BuildAsync(events.Select(graph.BuildEvent).ToList(), query, state, CancellationToken.None);
        // Our aggregates apply events synchronously, so the ValueTask has already completed.
        return folded.IsCompletedSuccessfully ? folded.Result : folded.AsTask().GetAwaiter().GetResult();
    }

    public async ValueTask DisposeAsync()
    {
        Marten.Dispose();
        await DataSource.DisposeAsync();
        if (SystemDataSource != DataSource) await SystemDataSource.DisposeAsync();
        await Databases.DisposeAsync();
        if (Replica is not null) await Replica.DisposeAsync();
    }
}
