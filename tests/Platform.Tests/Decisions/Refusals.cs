using Platform.Domain;

namespace Platform.Tests.Decisions;

/// <summary>Helpers for the decision tests: the refusal a decision throws, read as its fields and messages or its Russian rule.</summary>
internal static class Refusals
{
    /// <summary>The field errors of a <see cref="DomainValidationException"/> the decision must throw.</summary>
    public static IReadOnlyDictionary<string, string[]> Invalid(Action decide) => Should.Throw<DomainValidationException>(decide).Errors;

    /// <summary>The Russian message of a <see cref="DomainRuleException"/> the decision must throw.</summary>
    public static string Rule(Action decide) => Should.Throw<DomainRuleException>(decide).Message;

    /// <summary>The Russian message of a <see cref="RecordNotFoundException"/> the decision must throw.</summary>
    public static string NotFound(Action decide) => Should.Throw<RecordNotFoundException>(decide).Message;

    public static readonly DateTimeOffset Now = new(2025, 12, 10, 9, 0, 0, TimeSpan.FromHours(3));
}
