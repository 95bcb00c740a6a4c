namespace Platform.Domain;

/// <summary>
/// The dates the platform takes from its users. Far wider than any school year, birth or founding date; its point is the
/// other end: 9999-12-31 plus a few days (a due date and its days of grace, a period and two years) overflows and was a 500,
/// and such a date once stored broke every list that showed it.
/// </summary>
public static class InputDates
{
    public static readonly DateOnly Earliest = new(1800, 1, 1);
    public static readonly DateOnly Latest = new(2199, 12, 31);

    public const string OutOfRange = "Дата — не раньше 01.01.1800 и не позже 31.12.2199.";

    public static bool Contains(DateOnly date) => date >= Earliest && date <= Latest;

    public static bool ContainsYear(int year) => year >= Earliest.Year && year <= Latest.Year;
}
