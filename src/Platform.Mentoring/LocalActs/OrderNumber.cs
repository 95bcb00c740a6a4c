using System.Text.RegularExpressions;

namespace Platform.Mentoring.LocalActs;

/// <summary>
/// An order's number as the document writes it: «180», «21/1», «181/1», «143-п», «30-9 о/д». It is stored without the
/// «№» sign (a user often types «№ 21/1» or «N21/1») and cited with exactly one: «№ 21/1», never «№ № 21/1».
/// </summary>
public static partial class OrderNumber
{
    /// <summary>The number without leading «№»/«N»/«No» signs and with inner spaces collapsed; null when nothing is left.</summary>
    public static string? Clean(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        var bare = Sign().Replace(typed.Trim(), "");
        bare = Spaces().Replace(bare, " ").Trim();
        return bare.Length == 0 ? null : bare;
    }

    /// <summary>«№ 21/1».</summary>
    public static string Cite(string number) => "№ " + (Clean(number) ?? number);

    /// <summary>How documents cite an order: «от 04.05.2022 № 237».</summary>
    public static string Citation(string number, DateOnly date) => $"от {date:dd.MM.yyyy} {Cite(number)}";

    // «№», «N», «No», «Nº» — each possibly repeated and followed by spaces or a dot — only before the number itself.
    [GeneratedRegex(@"^(?:(?:№|N[oº°]?\.?)\s*)+", RegexOptions.IgnoreCase)]
    private static partial Regex Sign();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
