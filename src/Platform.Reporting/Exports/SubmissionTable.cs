using System.Globalization;
using Platform.Reporting.Indicators;
using Platform.Reporting.Submissions;

namespace Platform.Reporting.Exports;

/// <summary>
/// A submission as one table, in a stable order (schools by name, then id): what every export writes. The district
/// total of an indicator: counts add up, flags count the «да», a computed percentage is the summed part over the summed
/// base of the schools (weighted, as the dashboard's totals: <see cref="PercentWeights"/>).
/// </summary>
public sealed class SubmissionTable
{
    public const string TotalsLabel = "Итого по району";

    public SubmissionTable(Submission s)
    {
        Submission = s;
        Indicators = s.Indicators;
        Rows = [.. s.Rows.OrderBy(r => r.SchoolName, StringComparer.Ordinal).ThenBy(r => r.SchoolId)];
        var values = Rows.Select(r => (IReadOnlyDictionary<string, decimal?>)r.Values).ToList();
        Totals = Indicators.ToDictionary(i => i.Code, i => Total(i, values));
    }

    public Submission Submission { get; }
    public IReadOnlyList<Indicator> Indicators { get; }
    public IReadOnlyList<SubmissionRow> Rows { get; }
    public IReadOnlyDictionary<string, decimal?> Totals { get; }

    /// <summary>The moment written into every file (ZIP entries, manifest): the as-of moment, so a rebuild at it gives the same bytes.</summary>
    public DateTimeOffset Stamp => Submission.AsOf;

    /// <summary>The district total of an indicator over the schools' values (each school's report values by code).</summary>
    public static decimal? Total(Indicator i, IReadOnlyList<IReadOnlyDictionary<string, decimal?>> rows)
    {
        if (i.Kind == IndicatorKind.Percent) return PercentWeights.Total(i, rows);
        return rows.Select(r => r.GetValueOrDefault(i.Code)).Where(v => v is not null).Sum(v => v!.Value);
    }

    public static string Header(Indicator i) => i.Kind == IndicatorKind.Flag ? i.Name : $"{i.Name}, {i.Unit}";

    /// <summary>A value as a Russian reader sees it: «да»/«нет» for a school's flag, a decimal comma.</summary>
    public static string Text(Indicator i, decimal? value, bool total = false) => value switch
    {
        null => "",
        { } v when i.Kind == IndicatorKind.Flag && !total => v == 1 ? "да" : "нет",
        { } v => v.ToString("0.##", Russian),
    };

    public static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    /// <summary>The files' base name: the campaign and the district, without characters file systems refuse.</summary>
    public string BaseName
    {
        get
        {
            var name = $"{Submission.CampaignTitle} {Submission.DistrictName}";
            var clean = new string(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '№' ? c : '_').ToArray());
            while (clean.Contains("__")) clean = clean.Replace("__", "_");
            return clean.Trim('_');
        }
    }
}
