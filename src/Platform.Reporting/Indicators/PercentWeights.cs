namespace Platform.Reporting.Indicators;

/// <summary>
/// A computed percentage is a share of a count: the coverage of teachers is the teacher mentees over the teachers the
/// school entered for the school year. SchoolFacts gives both counts beside the percentage and a school's report keeps
/// them (under the keys below, not shown as indicators), so that a district total is the summed part over the summed
/// base — weighted by the size of each school, as the dashboard's totals are — and not a mean of the schools' percentages.
/// </summary>
public static class PercentWeights
{
    public static readonly IReadOnlyDictionary<string, (string Part, string Base)> Of = new Dictionary<string, (string, string)>
    {
        ["coverage_teachers_percent"] = ("coverage_teachers_mentees", "coverage_teachers_base"),
        ["coverage_students_percent"] = ("coverage_students_mentees", "coverage_students_base"),
    };

    /// <summary>The keys a report of this set keeps beside its indicators: the part and base of each computed percentage in it.</summary>
    public static IEnumerable<string> KeysFor(IEnumerable<Indicator> indicators) => indicators
        .Where(i => i.Source == IndicatorSource.Computed && Of.ContainsKey(i.Code)).SelectMany(i => new[] { Of[i.Code].Part, Of[i.Code].Base });

    /// <summary>
    /// The district total of a percentage: the summed parts over the summed bases of the schools that entered a base (one
    /// decimal), as DashboardQuery.Totals forms it; null when none did. A percentage without counts behind it (entered by
    /// hand, or a report made before the counts were kept) has no weights: its total is the mean over the schools.
    /// </summary>
    public static decimal? Total(Indicator i, IReadOnlyList<IReadOnlyDictionary<string, decimal?>> rows)
    {
        var present = rows.Select(r => r.GetValueOrDefault(i.Code)).Where(v => v is not null).Select(v => v!.Value).ToList();
        if (i.Source == IndicatorSource.Computed && Of.TryGetValue(i.Code, out var w)
            && rows.All(r => r.GetValueOrDefault(i.Code) is null || r.ContainsKey(w.Base)))
        {
            var based = rows.Where(r => r.GetValueOrDefault(w.Base) is not null).ToList();
            var sumBase = based.Sum(r => r[w.Base]!.Value);
            return sumBase > 0 ? Math.Round(100m * based.Sum(r => r.GetValueOrDefault(w.Part) ?? 0) / sumBase, 1) : null;
        }
        return present.Count == 0 ? null : Math.Round(present.Average(), 1);
    }
}
