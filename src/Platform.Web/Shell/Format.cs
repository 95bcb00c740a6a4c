using System.Globalization;

namespace Platform.Web.Shell;

/// <summary>How the UI writes dates and numbers for a Russian reader: «23 декабря 2026», «1 234», «12,5 %».</summary>
public static class Format
{
    public static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    private static readonly string[] Months =
        ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];

    /// <summary>«23 декабря 2026» (the genitive month, as in a document's date).</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", Russian);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "—";

    /// <summary>«23 декабря 2026, 14:05» in the given time zone.</summary>
    public static string Moment(DateTimeOffset moment, string timeZone)
    {
        var local = TimeZoneInfo.ConvertTime(moment, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
        return local.ToString("d MMMM yyyy, HH:mm", Russian);
    }

    /// <summary>«Декабрь 2026» (the nominative month, as a heading).</summary>
    public static string Month(int year, int month) => $"{char.ToUpper(Months[month - 1][0], Russian)}{Months[month - 1][1..]} {year}";

    /// <summary>Whole numbers with Russian digit grouping: «12 345».</summary>
    public static string Number(long value) => value.ToString("N0", Russian);

    public static string Number(int value) => Number((long)value);

    public static string Number(int? value) => value is { } v ? Number((long)v) : "—";

    /// <summary>«12,5 %» — a decimal comma and a space before the sign, as Russian typography wants.</summary>
    public static string Percent(decimal? value) => value is { } v ? v.ToString("0.#", Russian) + "\u00A0%" : "—";

    /// <summary>The noun after a number: 1 мероприятие, 2 мероприятия, 5 мероприятий.</summary>
    public static string Plural(long n, string one, string few, string many)
    {
        var tens = n % 100;
        var ones = n % 10;
        var word = tens is >= 11 and <= 14 ? many : ones == 1 ? one : ones is >= 2 and <= 4 ? few : many;
        return $"{Number(n)} {word}";
    }

    /// <summary>A value for an &lt;input type="date"&gt;.</summary>
    public static string InputDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
