using System.Collections.Concurrent;
using System.Text;

namespace Platform.EventStore;

/// <summary>
/// Maps event CLR types to the stable names stored in es.events.type (snake_case of the type name),
/// so that renaming a namespace or moving a type between assemblies does not orphan stored events.
/// </summary>
public sealed class EventTypeRegistry
{
    private readonly ConcurrentDictionary<Type, string> _names = new();
    private readonly ConcurrentDictionary<string, Type> _types = new();

    public void Register(Type eventType, string? name = null)
    {
        name ??= ToSnakeCase(eventType.Name);
        var existing = _types.GetOrAdd(name, eventType);
        if (existing != eventType)
            throw new InvalidOperationException($"Event type name '{name}' is used by both {existing} and {eventType}.");
        _names[eventType] = name;
    }

    /// <summary>Registers the events an aggregate's <c>Create</c> and <c>Apply</c> methods take (Marten's conventions).</summary>
    public void RegisterAggregate(Type aggregateType)
    {
        const System.Reflection.BindingFlags flags = System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic
            | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Instance;
        foreach (var m in aggregateType.GetMethods(flags).Where(m => m.Name is "Create" or "Apply" && m.GetParameters().Length == 1))
            Register(m.GetParameters()[0].ParameterType);
    }

    public string NameOf(Type eventType)
    {
        if (_names.TryGetValue(eventType, out var name)) return name;
        Register(eventType);
        return _names[eventType];
    }

    public Type TypeOf(string name) =>
        _types.TryGetValue(name, out var type)
            ? type
            : throw new InvalidOperationException($"Unknown event type '{name}': register it with the store options.");

    public IReadOnlyCollection<Type> KnownTypes => _names.Keys.ToList();

    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
