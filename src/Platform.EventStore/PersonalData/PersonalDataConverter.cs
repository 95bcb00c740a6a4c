using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Platform.EventStore.PersonalData;

/// <summary>
/// Seals the <see cref="PersonalAttribute"/> members of every <see cref="IPersonalData"/> as Marten writes an event, and opens them as
/// Marten reads one: the objects in memory (and the inline projections that see them) hold plain values, the stored JSON only sealed
/// ones. A value whose key is destroyed reads as <see cref="PersonalDataMarker.Erased"/> (a text) or empty (any other type), never as an error.
/// </summary>
internal sealed class PersonalDataConverterFactory(NpgsqlDataSourceHolder dataSource) : JsonConverterFactory
{
    private readonly ConcurrentDictionary<Type, JsonSerializerOptions> _inner = new();
    private readonly Type? _except;

    private PersonalDataConverterFactory(NpgsqlDataSourceHolder dataSource, Type except) : this(dataSource) => _except = except;

    public override bool CanConvert(Type type) =>
        type != _except && typeof(IPersonalData).IsAssignableFrom(type) && !type.IsInterface && !type.IsAbstract;

    public override JsonConverter CreateConverter(Type type, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(type), this, options)!;

    /// <summary>The same options, with this factory unable to convert <paramref name="type"/> itself (its members still are).</summary>
    private JsonSerializerOptions InnerFor(Type type, JsonSerializerOptions options) => _inner.GetOrAdd(type, t =>
    {
        var inner = new JsonSerializerOptions(options);
        var self = inner.Converters.OfType<PersonalDataConverterFactory>().Single();
        inner.Converters[inner.Converters.IndexOf(self)] = new PersonalDataConverterFactory(dataSource, t);
        return inner;
    });

    /// <summary>The session's keys; outside a session (Marten's own processes), keys read one by one in the platform scope.</summary>
    private PersonalDataKeys Keys => PersonalDataKeys.Current
        ?? new PersonalDataKeys(subject => PersonalDataKeys.LoadOne(
            dataSource.DataSource ?? throw new InvalidOperationException("The store is not built yet."), TenantScope.Platform, subject));

    private sealed class Converter<T>(PersonalDataConverterFactory factory, JsonSerializerOptions options) : JsonConverter<T>
    {
        private readonly JsonSerializerOptions _inner = factory.InnerFor(typeof(T), options);
        private readonly (string Name, JsonNode? Erased)[] _members = Members(options);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions _)
        {
            var node = JsonSerializer.SerializeToNode(value, _inner)!.AsObject();
            var subject = ((IPersonalData)value!).SubjectId;
            byte[]? key = null;
            foreach (var (name, _) in _members)
            {
                if (node[name] is not { } plain || plain.GetValueKind() == JsonValueKind.Null) continue;
                key ??= (PersonalDataKeys.Current ?? throw new InvalidOperationException("Personal data is written only through a session.")).ForWriting(subject);
                node[name] = PersonalDataCipher.Seal(key, subject, plain.ToJsonString());
            }
            node.WriteTo(writer);
        }

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions _)
        {
            var node = JsonNode.Parse(ref reader)!.AsObject();
            PersonalDataKeys? keys = null;
            foreach (var (name, erased) in _members)
            {
                if (node[name] is not JsonValue value || value.GetValueKind() != JsonValueKind.String) continue;
                var text = value.GetValue<string>();
                if (!PersonalDataCipher.IsSealed(text, out var subject)) continue;
                keys ??= factory.Keys;
                var plain = keys.Find(subject) is { } key ? PersonalDataCipher.Open(key, subject, text) : null;
                node[name] = plain is null ? erased?.DeepClone() : JsonNode.Parse(plain);
            }
            return node.Deserialize<T>(_inner);
        }

        private static (string, JsonNode?)[] Members(JsonSerializerOptions options)
        {
            var parameters = typeof(T).GetConstructors().SelectMany(c => c.GetParameters())
                .Where(p => p.GetCustomAttribute<PersonalAttribute>() is not null).Select(p => p.Name).ToHashSet();
            return typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetCustomAttribute<PersonalAttribute>() is not null || parameters.Contains(p.Name))
                .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? options.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name,
                    Erased(p.PropertyType)))
                .ToArray();
        }

        private static JsonNode? Erased(Type type) =>
            type == typeof(string) ? JsonValue.Create(PersonalDataMarker.Erased)
            : type.IsValueType && Nullable.GetUnderlyingType(type) is null ? JsonSerializer.SerializeToNode(Activator.CreateInstance(type), type)
            : null;
    }
}

/// <summary>The data source the store builds after Marten's options (which hold the converter) are set.</summary>
internal sealed class NpgsqlDataSourceHolder
{
    public Npgsql.NpgsqlDataSource? DataSource { get; set; }
}
