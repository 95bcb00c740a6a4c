namespace Platform.Domain;

/// <summary>
/// A decision refused because the command is invalid: field name (as in the API, camelCase) →
/// messages in Russian for the user. The API answers 400 with these as problem-details errors.
/// </summary>
public sealed class DomainValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("Команда не прошла проверку: " + string.Join("; ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>A decision refused because of the record's state (e.g. closing a closed school): 409 with a Russian message.</summary>
public sealed class DomainRuleException(string message) : Exception(message);

/// <summary>A part of a record (a stage, an activity…) that does not exist: 404 with a Russian message.</summary>
public sealed class RecordNotFoundException(string message) : Exception(message);

/// <summary>Collects field errors, then throws them all at once.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public Validation Require(bool ok, string field, string message)
    {
        if (!ok)
        {
            if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
            list.Add(message);
        }
        return this;
    }

    public Validation Text(string? value, string field, string label, int maxLength = 500) =>
        Require(!string.IsNullOrWhiteSpace(value), field, $"Укажите {label}.")
            .Require(value is null || value.Trim().Length <= maxLength, field, $"Поле «{label}» длиннее {maxLength} символов.");

    /// <summary>An optional text: no more than <paramref name="maxLength"/> characters once trimmed.</summary>
    public Validation MaxLength(string? value, string field, string label, int maxLength) =>
        Require(value is null || value.Trim().Length <= maxLength, field, $"Поле «{label}» длиннее {maxLength} символов.");

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0) throw new DomainValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}
