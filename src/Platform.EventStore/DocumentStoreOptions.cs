using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.EventStore.Projections;

namespace Platform.EventStore;

public sealed class DocumentStoreOptions
{
    /// <summary>Connection string of the application role (owns nothing; row-level security applies).</summary>
    public required string ConnectionString { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public JsonSerializerOptions Json { get; } = CreateJsonOptions();

    public EventTypeRegistry Events { get; } = new();

    internal Dictionary<Type, AggregateFolder> Aggregates { get; } = new();

    internal Dictionary<Type, string> AggregateNames { get; } = new();

    public List<IInlineProjection> Projections { get; } = [];

    /// <summary>Registers an aggregate and every event its Create/Apply methods take.</summary>
    public DocumentStoreOptions Aggregate<T>(string? name = null)
    {
        var folder = new AggregateFolder(typeof(T));
        Aggregates[typeof(T)] = folder;
        AggregateNames[typeof(T)] = name ?? EventTypeRegistry.ToSnakeCase(typeof(T).Name);
        foreach (var t in folder.EventTypes) Events.Register(t);
        return this;
    }

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

    /// <summary>Applies events to an aggregate state with its registered Create/Apply methods.</summary>
    public T? Fold<T>(T? state, IEnumerable<object> events) where T : class => (T?)FolderFor(typeof(T)).Fold(state, events);

    internal AggregateFolder FolderFor(Type aggregateType) =>
        Aggregates.TryGetValue(aggregateType, out var f)
            ? f
            : throw new InvalidOperationException($"Aggregate {aggregateType.Name} is not registered with the store options.");

    internal string AggregateName(Type aggregateType) =>
        AggregateNames.TryGetValue(aggregateType, out var n) ? n : EventTypeRegistry.ToSnakeCase(aggregateType.Name);

    public static JsonSerializerOptions CreateJsonOptions()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return o;
    }
}
