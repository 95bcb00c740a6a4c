using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Platform.EventStore.PersonalData;

/// <summary>
/// An event, or a part of one, holding personal data of one person (its subject): the members marked <see cref="PersonalAttribute"/> are
/// stored encrypted under the subject's key (es.personal_data_keys). Implement <see cref="SubjectId"/> explicitly, so that it is not
/// serialized: <c>Guid IPersonalData.SubjectId =&gt; PersonId;</c>
/// </summary>
public interface IPersonalData
{
    Guid SubjectId { get; }
}

/// <summary>A member of an <see cref="IPersonalData"/> stored encrypted; in a positional record, on the parameter.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PersonalAttribute : Attribute;

public static class PersonalDataMarker
{
    /// <summary>What a text of personal data reads as once its subject's key is destroyed.</summary>
    public const string Erased = "данные удалены";

    /// <summary>The subjects whose data an event holds: its own, and that of its members that are <see cref="IPersonalData"/> (one level down).</summary>
    public static IEnumerable<Guid> SubjectsOf(object e)
    {
        if (e is IPersonalData p) yield return p.SubjectId;
        foreach (var member in Members.GetOrAdd(e.GetType(), NestedMembers))
        {
            switch (member.GetValue(e))
            {
                case IPersonalData nested:
                    yield return nested.SubjectId;
                    break;
                case IEnumerable items:
                    foreach (var item in items)
                        if (item is IPersonalData n) yield return n.SubjectId;
                    break;
            }
        }
    }

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Members = new();

    private static PropertyInfo[] NestedMembers(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && (typeof(IPersonalData).IsAssignableFrom(p.PropertyType) || ElementIsPersonal(p.PropertyType)))
            .ToArray();

    private static bool ElementIsPersonal(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type)
        && (type.IsArray ? type.GetElementType() : type.GetGenericArguments().FirstOrDefault()) is { } element
        && typeof(IPersonalData).IsAssignableFrom(element);
}
