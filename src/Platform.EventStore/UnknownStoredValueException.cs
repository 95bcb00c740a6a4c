namespace Platform.EventStore;

/// <summary>
/// A read model's row holds a code that names no value the platform knows (an enum's code written before the API refused
/// numbers such as <c>"role": 99</c>, issue 21). <see cref="DocumentSession.QueryAsync{T}"/> leaves such a row out of the
/// answer with a warning in the log: one bad row must not fail a whole list.
/// </summary>
public sealed class UnknownStoredValueException(string what, string code)
    : Exception($"Unknown {what} «{code}» in a stored row: the row is left out.")
{
    public string What { get; } = what;
    public string Code { get; } = code;
}
