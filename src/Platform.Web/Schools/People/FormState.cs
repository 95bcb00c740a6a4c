using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Platform.EventStore;
using Platform.Web.Shell;

namespace Platform.Web.Schools.People;

/// <summary>
/// What the forms of a page hold after a post: which form it was, the typed values (every posted field) and the messages
/// next to its fields; after a change, a notice. A page with several forms shows the values and messages in the posted one only.
/// </summary>
public sealed partial record FormState(string? Which, IReadOnlyDictionary<string, string?> Typed, FormErrors Errors, string? Notice = null)
{
    public static readonly FormState Empty = new(null, new Dictionary<string, string?>(), FormErrors.None);

    public static FormState Of(string which, IFormCollection form, FormErrors errors) =>
        new(which, form.Keys.ToDictionary(k => k, k => (string?)string.Join("\n", form[k].ToArray())), errors);

    public static FormState Done(string notice) => Empty with { Notice = notice };

    public string? this[string field] => Typed.GetValueOrDefault(field);

    /// <summary>The messages of that form (none when another form was posted).</summary>
    public FormErrors For(string which) => Which == which ? Errors : FormErrors.None;

    /// <summary>The typed value when that form was posted, else what the record holds.</summary>
    public string? Value(string which, string field, string? current = null) => Which == which ? Typed.GetValueOrDefault(field) : current;

    /// <summary>A checkbox among several of one name: checked as typed when that form was posted, else as the record holds.</summary>
    public bool Checked(string which, string field, string code, bool current = false) =>
        Which == which ? (Typed.GetValueOrDefault(field) ?? "").Split('\n').Contains(code) : current;

    /// <summary>A list typed one item a line.</summary>
    public static string[]? Lines(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();

    /// <summary>A whole number typed into a field; empty is null, anything else a Russian message next to the field.</summary>
    public static int? Number(string? text, string field, string example)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return int.TryParse(text.Trim(), out var n) ? n
            : throw new DomainValidationException(new Dictionary<string, string[]> { [field] = [$"Укажите целое число, например {example}."] });
    }

    /// <summary>
    /// Runs the decision; the messages of a list's items («subjects[2]») go next to the list's one field («subjects»), with the
    /// field names of the form (a prefix such as «details.» kept).
    /// </summary>
    public static async Task<IResult> Folded(Func<Task<IResult>> decide)
    {
        try
        {
            return await decide();
        }
        catch (DomainValidationException e)
        {
            var folded = e.Errors.GroupBy(x => ListIndex().Replace(x.Key, "")).ToDictionary(g => g.Key, g => g.SelectMany(x => x.Value).Distinct().ToArray());
            throw new DomainValidationException(folded);
        }
    }

    [GeneratedRegex(@"\[\d+\]$")]
    private static partial Regex ListIndex();
}
