using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Platform.Api.Infrastructure;

/// <summary>
/// What a field of a given type expects, in Russian, for refusals of values the API could not read (a JSON value of
/// the wrong type, a query value that does not parse). Dates are ISO 8601 everywhere in the API.
/// </summary>
public static partial class FieldFormats
{
    public const string Date = "Дата — в формате ГГГГ-ММ-ДД, например 2026-12-07.";
    public const string DateTime = "Дата и время — в формате ISO 8601, например 2026-12-07 или 2026-12-07T09:30:00+03:00.";

    /// <summary>The message for a value that is not of the field's type; enums list their codes as the API writes them.</summary>
    public static string MessageFor(Type type, JsonNamingPolicy? enumNaming = null)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(DateOnly)) return Date;
        if (type == typeof(DateTimeOffset) || type == typeof(System.DateTime)) return DateTime;
        if (type == typeof(TimeOnly)) return "Время — в формате ЧЧ:ММ, например 09:30.";
        if (type == typeof(Guid)) return "Идентификатор (GUID), например 0192f3a0-7c1e-7000-8000-000000000001.";
        if (type == typeof(bool)) return "Логическое значение: true или false.";
        if (type == typeof(string)) return "Строка в кавычках.";
        if (type.IsEnum) return $"Значение не распознано: допустимые значения — {string.Join(", ", EnumCodes(type, enumNaming))}.";
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte))
            return "Целое число, например 42.";
        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float))
            return "Число, например 12.5 (дробная часть — через точку).";
        if (type.IsArray || (type != typeof(string) && type.GetInterface("IEnumerable") is not null && !IsDictionary(type)))
            return "Список значений в квадратных скобках: [ … ].";
        return "Объект в фигурных скобках: { … }.";
    }

    /// <summary>The enum's codes as the JSON converter reads and writes them (its member names, else the naming policy).</summary>
    public static IEnumerable<string> EnumCodes(Type enumType, JsonNamingPolicy? naming) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f =>
            f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? naming?.ConvertName(f.Name) ?? f.Name);

    /// <summary>Whether a query or route value of this type is written as ISO 8601 (see <see cref="IsIsoDate"/>).</summary>
    public static bool IsDateType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(DateOnly) || type == typeof(DateTimeOffset) || type == typeof(System.DateTime);
    }

    /// <summary>
    /// Whether a query or route value for a date type is ISO 8601: «2026-12-07» for a date, with an optional time and
    /// offset for a moment. «07.12.2026» is not (the framework would read it as 12 July).
    /// </summary>
    public static bool IsIsoDate(Type type, string value)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(DateOnly) ? IsoDate().IsMatch(value) : IsoMoment().IsMatch(value);
    }

    private static bool IsDictionary(Type type) =>
        type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() is var d
            && (d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>)));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();

    // A '+' of an offset arrives as a space when the client did not encode it: the binding then refuses the value.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)?(Z|[+\- ]\d{2}(:?\d{2})?)?$")]
    private static partial Regex IsoMoment();
}
