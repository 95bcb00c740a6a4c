namespace Platform.Web.Shell;

/// <summary>
/// A domain decision's field errors (the API's field names, camelCase, e.g. <c>evidence</c> or <c>plan[0].content</c>)
/// placed next to the form's fields; messages for no field of the form are shown above it.
/// </summary>
public sealed class FormErrors(IReadOnlyDictionary<string, string[]> fields, IReadOnlyList<string>? general = null)
{
    public static readonly FormErrors None = new(new Dictionary<string, string[]>());

    public static FormErrors General(string message) => new(new Dictionary<string, string[]>(), [message]);

    public bool Any => fields.Count > 0 || (general?.Count ?? 0) > 0;

    public bool Has(string field) => fields.ContainsKey(field);

    public IReadOnlyList<string> For(string field) => fields.TryGetValue(field, out var m) ? m : [];

    /// <summary>Bootstrap's invalid state for the field's input.</summary>
    public string Css(string field) => Has(field) ? " is-invalid" : "";

    /// <summary>Messages of fields the form does not show, and the general ones.</summary>
    public IEnumerable<string> Others(params string[] shown) =>
        (general ?? []).Concat(fields.Where(f => !shown.Contains(f.Key)).SelectMany(f => f.Value));
}
