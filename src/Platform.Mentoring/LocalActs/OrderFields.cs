namespace Platform.Mentoring.LocalActs;

/// <summary>The fields every order has, a school's or a district's: number, date, title and note, checked alike.</summary>
public static class OrderFields
{
    private static readonly DateOnly Earliest = new(1992, 1, 1);

    public static Validation CheckOrder(this Validation v, string? number, DateOnly? date, string? title, string? note, DateOnly today) => v
        .Text(number, "number", "номер приказа", 50)
        .Require(string.IsNullOrWhiteSpace(number) || OrderNumber.Clean(number) is not null, "number", "Укажите номер приказа после знака «№».")
        .Text(title, "title", "название акта", 1000)
        .Require(date is null || date <= today, "date", "Дата приказа не может быть в будущем.")
        .Require(date is null || date >= Earliest, "date", "Дата приказа должна быть позже 1991 года.")
        .Require(note is null || note.Trim().Length <= 2000, "note", "Поле «примечание» длиннее 2000 символов.");

    /// <summary>A note as stored: trimmed, none when blank.</summary>
    public static string? Note(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
