using System.Text.Json;
using System.Text.Json.Serialization;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using JasperFx.MultiTenancy;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.EventStore.PersonalData;
using Platform.EventStore.Projections;

namespace Platform.EventStore;

public sealed class DocumentStoreOptions
{
    /// <summary>Marten's schema for the event store (es.mt_events, es.mt_streams…).</summary>
    public const string Schema = "es";

    /// <summary>Connection string of the application role (owns nothing; row-level security applies).</summary>
    public required string ConnectionString { get; init; }

    /// <summary>
    /// Connection string of <c>platform_system</c>, for the connections Marten opens itself (its async daemon, the
    /// tombstones that fill the sequence after a failed save): sessions of that role start in the platform scope. Requests
    /// never use it: their Marten sessions run on the request's own scoped transaction.
    /// </summary>
    public string? SystemConnectionString { get; init; }

    /// <summary>A hot standby (streaming replica) for the pages that declare <see cref="ReadsFromReplicaAttribute"/>; none: the primary.</summary>
    public string? ReplicaConnectionString { get; set; }

    /// <summary>The most a page read from the standby may lag behind the primary; a standby further behind is not used.</summary>
    public TimeSpan ReplicaMaxStaleness { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Marten configuration beyond ours, e.g. a Marten projection run by the async daemon.</summary>
    public Action<StoreOptions>? ConfigureMore { get; set; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where sessions report what they leave out (a read model's row with an unknown code).</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    public JsonSerializerOptions Json { get; } = CreateJsonOptions();

    public EventTypeRegistry Events { get; } = new();

    public List<IInlineProjection> Projections { get; } = [];

    internal NpgsqlDataSourceHolder PersonalDataSource { get; } = new();

    /// <summary>Registers every event an aggregate's Create/Apply methods take (Marten aggregates it live from them).</summary>
    public DocumentStoreOptions Aggregate<T>()
    {
        Events.RegisterAggregate(typeof(T));
        return this;
    }

    /// <summary>
    /// An aggregate whose state Marten keeps as a document (es.mt_doc_&lt;type&gt;), updated inline in the transaction of every
    /// append: <see cref="EventOperations.FetchForWriting{T}"/> reads one row instead of replaying the stream, so a long stream
    /// costs what a short one does. Reads at a past version or date still replay the events.
    /// </summary>
    public DocumentStoreOptions Snapshot<T>() where T : class
    {
        Aggregate<T>();
        if (Snapshots.ContainsKey(typeof(T))) return this;
        Snapshots[typeof(T)] = new SnapshotRegistration(
            // Row-level security named after our scope's setting: the policy is ours (migration V084), under the name Marten checks for.
            o => o.Projections.Snapshot<T>(SnapshotLifecycle.Inline).MultiTenanted().UseRowLevelSecurity("app.scope_id"),
            SnapshotBackfill.BackfillAsync<T>);
        return this;
    }

    /// <summary>The aggregates kept as snapshots (<see cref="Snapshot{T}"/>): their Marten configuration and their backfill.</summary>
    internal Dictionary<Type, SnapshotRegistration> Snapshots { get; } = [];

    internal sealed record SnapshotRegistration(Action<StoreOptions> Configure, Func<DocumentStore, string, CancellationToken, Task<int>> Backfill);

    public DocumentStoreOptions RegisterEvents(params Type[] eventTypes)
    {
        foreach (var t in eventTypes) Events.Register(t);
        return this;
    }

    public DocumentStoreOptions Project(IInlineProjection projection)
    {
        if (Projections.Any(p => p.Name == projection.Name))
            throw new InvalidOperationException($"Projection '{projection.Name}' is registered twice.");
        Projections.Add(projection);
        foreach (var t in projection.EventTypes) Events.Register(t);
        return this;
    }

    /// <summary>
    /// Marten's configuration: conjoined tenancy (the tenant id is the school's, district's or region's id), rich appends
    /// (versions and sequence numbers are known to the inline projections), our event names and JSON, our projections
    /// inline. Schema changes never run from here: <see cref="AutoCreate.None"/>; the DDL is one of our migrations.
    /// </summary>
    public void ConfigureMarten(StoreOptions o, string connectionString, AutoCreate autoCreate = AutoCreate.None)
    {
        o.Connection(connectionString);
        o.DatabaseSchemaName = Schema;
        o.Events.DatabaseSchemaName = Schema;
        o.AutoCreateSchemaObjects = autoCreate;
        o.Events.TenancyStyle = TenancyStyle.Conjoined;
        o.Events.AppendMode = EventAppendMode.Rich;
        o.Events.TimeProvider = Time;
        o.Events.MetadataConfig.UserNameEnabled = true;
        o.Events.MetadataConfig.CorrelationIdEnabled = true;
        o.Events.MetadataConfig.CausationIdEnabled = true;
        o.Events.MetadataConfig.HeadersEnabled = true;
        o.UseSystemTextJsonForSerialization(configure: j =>
        {
            j.PropertyNamingPolicy = Json.PropertyNamingPolicy;
            j.PropertyNameCaseInsensitive = Json.PropertyNameCaseInsensitive;
            j.NumberHandling = Json.NumberHandling;
            foreach (var c in Json.Converters) j.Converters.Add(c);
            j.Converters.Add(new PersonalDataConverterFactory(PersonalDataSource));
        });
        foreach (var type in Events.KnownTypes) o.Events.MapEventType(type, Events.NameOf(type));
        foreach (var projection in Projections)
            o.Projections.Add(new MartenProjection(projection), ProjectionLifecycle.Inline, projection.Name, null);
        foreach (var snapshot in Snapshots.Values) snapshot.Configure(o);
        // A snapshot loaded by FetchForWriting is the one the inline projection applies the new events to: no second read.
        o.Events.UseIdentityMapForAggregates = true;
        ConfigureMore?.Invoke(o);
    }

    public static JsonSerializerOptions CreateJsonOptions()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        // Integers stay readable here: events stored before the API refused them (issue 21) may hold one ("role": 99), and
        // a stored event must keep reading. The API's own converter (PlatformServices) takes names only.
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return o;
    }
}
