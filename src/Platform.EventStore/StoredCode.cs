namespace Platform.EventStore;

/// <summary>
/// An enum's code as the API and the read models write it (snake_case names: virtual, short_term…). Only a member's
/// name is a code: not a number ("7") and not a comma-separated list ("virtual, group"), which Enum.TryParse would take
/// and combine into a value of no member or of another one.
/// </summary>
public static class StoredCode
{
    public static bool TryParse<T>(string? code, out T value) where T : struct, Enum
    {
        value = default;
        return code is { Length: > 0 and <= 64 } && !code.Contains(',') && !int.TryParse(code, out _) && !code.StartsWith('-')
            && Enum.TryParse(code.Replace("_", ""), ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    /// <summary>A stored code; one the platform does not know leaves its row out of a list (<see cref="UnknownStoredValueException"/>).</summary>
    public static T Parse<T>(string code, string what) where T : struct, Enum =>
        TryParse(code, out T value) ? value : throw new UnknownStoredValueException(what, code);

    /// <summary>
    /// Every member's code: a paged list keeps its rows to these in SQL, so that a row left out for an unknown code is not
    /// counted in the page's total either.
    /// </summary>
    public static string[] All<T>() where T : struct, Enum =>
        Enum.GetNames<T>().Select(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName).ToArray();
}
