using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Platform.EventStore;

/// <summary>
/// The type a statement casts each positional parameter to (<c>$3::uuid</c>), given to a null argument. Npgsql prepares a
/// statement for its parameters' types and prepares it again when they change: an optional filter sent as an untyped null in
/// one request and as a value in the next made the list queries be parsed and planned anew at most requests.
/// </summary>
internal static partial class NullParameterTypes
{
    private const int MaxCached = 4096;
    private static readonly ConcurrentDictionary<string, string?[]> Cache = new();

    public static string? Of(string sql, int position)
    {
        if (!Cache.TryGetValue(sql, out var types))
        {
            types = Parse(sql);
            if (Cache.Count < MaxCached) Cache.TryAdd(sql, types);
        }
        return position < types.Length ? types[position] : null;
    }

    private static string?[] Parse(string sql)
    {
        var found = new Dictionary<int, string>();
        foreach (Match m in Cast().Matches(sql))
            if (Names.TryGetValue(m.Groups[2].Value, out var name))
                found.TryAdd(int.Parse(m.Groups[1].ValueSpan) - 1, m.Groups[3].Success ? name + "[]" : name);
        var types = new string?[found.Count == 0 ? 0 : found.Keys.Max() + 1];
        foreach (var (position, type) in found) types[position] = type;
        return types;
    }

    /// <summary>The casts our statements use, by PostgreSQL's full names; a null cast to another type stays untyped.</summary>
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["boolean"] = "boolean", ["bytea"] = "bytea", ["date"] = "date", ["int"] = "integer", ["integer"] = "integer", ["bigint"] = "bigint",
        ["json"] = "json", ["jsonb"] = "jsonb", ["text"] = "text", ["time"] = "time without time zone",
        ["timestamptz"] = "timestamp with time zone", ["uuid"] = "uuid",
    };

    [GeneratedRegex(@"\$(\d+)::([a-z_][a-z0-9_]*)(\[\])?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Cast();
}
