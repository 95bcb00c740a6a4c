using System.Globalization;

namespace Platform.Mentoring.RoadMaps;

public enum PeriodKind { Date, Month, Months, Yearly }

/// <summary>
/// When an activity is due: an exact date, a month ("2023-11"), a range of months ("2023-10".."2023-11"),
/// or every school year («ежегодно»), optionally in a given month. Road maps run by school year
/// (September to June), so a yearly activity falls in its month of each school year.
/// </summary>
public sealed record Period(PeriodKind Kind, DateOnly? Date = null, string? From = null, string? To = null, int? Month = null)
{
    private static readonly CultureInfo Ru = CultureInfo.GetCultureInfo("ru-RU");

    public static Period OnDate(DateOnly date) => new(PeriodKind.Date, Date: date);
    public static Period InMonth(int year, int month) => new(PeriodKind.Month, From: $"{year:D4}-{month:D2}");
    public static Period Months(int fromYear, int fromMonth, int toYear, int toMonth) =>
        new(PeriodKind.Months, From: $"{fromYear:D4}-{fromMonth:D2}", To: $"{toYear:D4}-{toMonth:D2}");
    public static Period Yearly(int? month = null) => new(PeriodKind.Yearly, Month: month);

    /// <summary>Adds this period's field errors (under <paramref name="field"/>) to the validation.</summary>
    public static void Check(Period? p, string field, Validation v)
    {
        if (p is null) return;
        switch (p.Kind)
        {
            case PeriodKind.Date:
                v.Require(p.Date is not null, field, "Укажите дату.");
                break;
            case PeriodKind.Month:
                v.Require(ParseMonth(p.From) is not null, field, "Укажите месяц в виде ГГГГ-ММ, например 2023-11.");
                break;
            case PeriodKind.Months:
                var from = ParseMonth(p.From);
                var to = ParseMonth(p.To);
                v.Require(from is not null && to is not null, field, "Укажите первый и последний месяц в виде ГГГГ-ММ.");
                v.Require(from is null || to is null || from <= to, field, "Последний месяц не может быть раньше первого.");
                break;
            case PeriodKind.Yearly:
                v.Require(p.Month is null or >= 1 and <= 12, field, "Месяц — число от 1 до 12.");
                break;
        }
    }

    /// <summary>The last day of the period; for a yearly one, of its occurrence in the school year starting in September of <paramref name="schoolYear"/>.</summary>
    public DateOnly? LastDay(int schoolYear) => Kind switch
    {
        PeriodKind.Date => Date,
        PeriodKind.Month => EndOfMonth(ParseMonth(From)!.Value),
        PeriodKind.Months => EndOfMonth(ParseMonth(To)!.Value),
        _ => Month is { } m ? EndOfMonth(new DateOnly(m >= 9 ? schoolYear : schoolYear + 1, m, 1)) : new DateOnly(schoolYear + 1, 6, 30),
    };

    /// <summary>The same period <paramref name="years"/> school years later (templates are instantiated this way).</summary>
    public Period ShiftYears(int years) => this with
    {
        Date = Date?.AddYears(years),
        From = ParseMonth(From)?.AddYears(years).ToString("yyyy-MM", CultureInfo.InvariantCulture),
        To = ParseMonth(To)?.AddYears(years).ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };

    /// <summary>Russian, as a curator writes it: «октябрь – ноябрь 2023», «ежегодно, декабрь».</summary>
    public string Russian() => Kind switch
    {
        PeriodKind.Date => Date!.Value.ToString("d MMMM yyyy", Ru),
        PeriodKind.Month => MonthName(ParseMonth(From)!.Value) + " " + ParseMonth(From)!.Value.Year,
        PeriodKind.Months when ParseMonth(From)!.Value.Year == ParseMonth(To)!.Value.Year =>
            $"{MonthName(ParseMonth(From)!.Value)} – {MonthName(ParseMonth(To)!.Value)} {ParseMonth(To)!.Value.Year}",
        PeriodKind.Months => $"{MonthName(ParseMonth(From)!.Value)} {ParseMonth(From)!.Value.Year} – {MonthName(ParseMonth(To)!.Value)} {ParseMonth(To)!.Value.Year}",
        _ => Month is { } m ? "ежегодно, " + MonthName(new DateOnly(2000, m, 1)) : "ежегодно",
    };

    internal static DateOnly? ParseMonth(string? value) =>
        DateOnly.TryParseExact((value ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static DateOnly EndOfMonth(DateOnly d) => new DateOnly(d.Year, d.Month, 1).AddMonths(1).AddDays(-1);

    private static string MonthName(DateOnly d) => Ru.DateTimeFormat.MonthNames[d.Month - 1];
}
