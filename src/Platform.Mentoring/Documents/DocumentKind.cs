namespace Platform.Mentoring.Documents;

/// <summary>
/// A placeholder a district's own template may hold: «{{organisation}}» anywhere in the text, or «{{pairs.mentor}}» in a table
/// row, which then repeats once per item of the table «pairs».
/// </summary>
public sealed record Placeholder(string Name, string Description);

/// <summary>A kind of document the platform produces, and the placeholders its data fills.</summary>
/// <param name="Code">Stable, snake_case: how the API and a district's template name the kind.</param>
/// <param name="Name">How the curator calls it: «Приказ о закреплении наставнических пар (групп)».</param>
public sealed record DocumentKind(string Code, string Name, IReadOnlyList<Placeholder> Placeholders);

/// <summary>A document's data by placeholder: the values and the tables' rows, as the built-in layout prints them.</summary>
public sealed class DocumentFields
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> tables = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Values => values;

    public IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> Tables => tables;

    public DocumentFields Set(string name, string? value)
    {
        values[name] = value ?? "";
        return this;
    }

    /// <summary>A table's rows; each row's columns are named without the table's prefix («mentor» for «{{pairs.mentor}}»).</summary>
    public DocumentFields Table(string name, IEnumerable<IReadOnlyDictionary<string, string>> rows)
    {
        tables[name] = rows.ToList();
        return this;
    }

    /// <summary>Every placeholder name these fields fill: values as they are, table columns as «table.column».</summary>
    public IEnumerable<string> Names() =>
        values.Keys.Concat(tables.SelectMany(t => t.Value.SelectMany(r => r.Keys).Distinct().Select(c => $"{t.Key}.{c}")));
}
