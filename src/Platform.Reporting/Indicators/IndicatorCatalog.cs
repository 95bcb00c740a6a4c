using Platform.Mentoring.People;
using Platform.Mentoring.Pools;

namespace Platform.Reporting.Indicators;

/// <summary>
/// The indicators the platform can compute, and the default set drawn from the seeds: required acts (seed 001: regulation,
/// road map, curator by 20 May; pair orders), mentors and mentees by category, young specialists, pairs by form, programs
/// started and completed, evaluation levels (seed 003), coverage against the targets (seed 004), the website section (by hand).
/// </summary>
public static class IndicatorCatalog
{
    private static Indicator Flag(string code, string name) => new(code, name, IndicatorSource.Computed, IndicatorKind.Flag, "да/нет");
    private static Indicator Count(string code, string name, string unit = "чел.") => new(code, name, IndicatorSource.Computed, IndicatorKind.Count, unit);
    private static Indicator Percent(string code, string name) => new(code, name, IndicatorSource.Computed, IndicatorKind.Percent, "%");

    public static readonly IReadOnlyList<Indicator> Computed =
    [
        Flag("regulation_adopted", "Положение о системе наставничества принято"),
        Flag("road_map_approved", "Дорожная карта утверждена приказом"),
        Flag("curator_appointed", "Куратор назначен приказом"),
        Flag("pairs_order_issued", "Приказ о закреплении наставнических пар (групп) издан"),
        Count("mentors_total", "Наставников всего"),
        Count("mentors_teachers", "Наставники из числа педагогов"),
        Count("mentors_students", "Наставники из числа обучающихся"),
        Count("mentors_external", "Наставники из числа внешних участников"),
        Count("mentees_total", "Наставляемых всего"),
        Count("mentees_teachers", "Наставляемые из числа педагогов"),
        Count("mentees_students", "Наставляемые из числа обучающихся"),
        .. MenteeCategories.Names.Select(c => Count($"mentees_{c.Key}", $"Наставляемые: {c.Value.ToLowerInvariant()}")),
        Count("young_specialists", "Молодых специалистов"),
        Count("young_specialists_with_mentor", "Молодых специалистов с наставником"),
        Count("pairs_total", "Наставнических пар (групп) всего", "ед."),
        .. MentoringForms.Names.Select(f => Count($"pairs_{f.Key}", $"Пары (группы) по форме «{f.Value}»", "ед.")),
        Count("programs_started", "Программ наставничества начато в периоде", "ед."),
        Count("programs_completed", "Программ наставничества завершено в периоде", "ед."),
        Count("programs_in_progress", "Программ наставничества реализуется на дату среза", "ед."),
        Count("evaluations_optimal", "Программ с оптимальным уровнем оценки (15–18 баллов)", "ед."),
        Count("evaluations_acceptable", "Программ с допустимым уровнем оценки (9–14 баллов)", "ед."),
        Count("evaluations_unacceptable", "Программ с недопустимым уровнем оценки (0–8 баллов)", "ед."),
        Percent("coverage_teachers_percent", "Охват педагогов наставничеством"),
        Percent("coverage_students_percent", "Охват обучающихся наставничеством"),
        Flag("coverage_teachers_target_met", "Целевой показатель охвата педагогов достигнут"),
        Flag("coverage_students_target_met", "Целевой показатель охвата обучающихся достигнут"),
    ];

    public static readonly Indicator WebsiteSection =
        new("website_section", "Раздел «Наставничество» на официальном сайте", IndicatorSource.Manual, IndicatorKind.Flag, "да/нет");

    public static readonly IReadOnlyList<Indicator> Default = [.. Computed, WebsiteSection];

    public static readonly IReadOnlyDictionary<string, Indicator> ComputedByCode = Computed.ToDictionary(i => i.Code);

    /// <summary>The checks a region's own set must pass: known computed codes, unique codes, names.</summary>
    public static IndicatorSetDefined Define(Guid regionId, IndicatorDraft[]? drafts, DateTimeOffset now)
    {
        var v = new Validation().Require(drafts is { Length: > 0 }, "indicators", "Укажите хотя бы один показатель.");
        var list = drafts ?? [];
        v.Require(list.Length <= 200, "indicators", "В наборе не больше 200 показателей.");
        var seen = new HashSet<string>();
        var result = new List<Indicator>();
        for (var i = 0; i < list.Length && i < 200; i++)
        {
            var d = list[i];
            var field = $"indicators[{i}]";
            var code = d.Code?.Trim() ?? "";
            v.Require(System.Text.RegularExpressions.Regex.IsMatch(code, "^[a-z][a-z0-9_]{1,63}$"), $"{field}.code",
                "Код показателя: латинские строчные буквы, цифры и «_», от 2 до 64 символов.");
            v.Require(seen.Add(code), $"{field}.code", $"Код «{code}» повторяется.");
            var source = d.Source ?? IndicatorSource.Manual;
            if (source == IndicatorSource.Computed)
            {
                var known = ComputedByCode.GetValueOrDefault(code);
                v.Require(known is not null, $"{field}.code", $"Показатель «{code}» не рассчитывается платформой; рассчитываются: {string.Join(", ", ComputedByCode.Keys)}.");
                if (known is not null) result.Add(known with { Name = string.IsNullOrWhiteSpace(d.Name) ? known.Name : d.Name.Trim() });
            }
            else
            {
                v.Text(d.Name, $"{field}.name", "наименование показателя", 300);
                v.Require(d.Kind is not null, $"{field}.kind", "Укажите вид значения: count, percent или flag.");
                result.Add(new Indicator(code, d.Name?.Trim() ?? "", IndicatorSource.Manual, d.Kind ?? IndicatorKind.Count,
                    string.IsNullOrWhiteSpace(d.Unit) ? (d.Kind == IndicatorKind.Flag ? "да/нет" : "ед.") : d.Unit.Trim()));
            }
        }
        v.ThrowIfInvalid();
        return new IndicatorSetDefined(regionId, [.. result], now);
    }
}

/// <param name="Source">Computed (one of the platform's codes) or manual (entered by the school's curator); manual when left out.</param>
public sealed record IndicatorDraft(string? Code, string? Name = null, IndicatorSource? Source = null, IndicatorKind? Kind = null, string? Unit = null);
