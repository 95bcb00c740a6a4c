using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using static Platform.Mentoring.Documents.Docx;

namespace Platform.Mentoring.Documents;

/// <summary>
/// An order (приказ) as the seeds' schools file it (seed 000): the organisation's full name, «ПРИКАЗ», the date and the number,
/// the title, the grounds, «ПРИКАЗЫВАЮ:», numbered points, control, the head's signature line. A point may carry a table.
/// </summary>
public static class OrderLayout
{
    /// <summary>What an unregistered order prints for its number and date: lines to fill in by hand.</summary>
    public const string BlankNumber = "№ ____";
    public const string BlankDate = "«__» ______ 20__ г.";

    private static readonly string[] Months =
        ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"];

    /// <summary>«7 декабря 2026 г.»</summary>
    public static string InWords(DateOnly date) => $"{date.Day} {Months[date.Month - 1]} {date.Year} г.";

    /// <summary>The head as the signature line calls them: «Директор», «Заведующий».</summary>
    public static string Head(string headTitle) => headTitle.Length == 0 ? headTitle : char.ToUpperInvariant(headTitle[0]) + headTitle[1..];

    /// <param name="date">«7 декабря 2026 г.» or <see cref="BlankDate"/>.</param>
    /// <param name="number">«№ 21/1» or <see cref="BlankNumber"/>.</param>
    /// <param name="points">The points after «ПРИКАЗЫВАЮ:», each already numbered, or a table under the point before it.</param>
    public static IEnumerable<OpenXmlElement> Order(string organisation, string date, string number, string title, string? grounds,
        IEnumerable<OpenXmlElement> points, string head)
    {
        yield return Paragraph(organisation, bold: true, center: true);
        yield return Paragraph("ПРИКАЗ", bold: true, center: true, size: 28);
        yield return Paragraph($"{date}{new string(' ', 16)}{number}", center: true);
        yield return Paragraph(title, bold: true, center: true);
        if (!string.IsNullOrWhiteSpace(grounds)) yield return Paragraph(grounds);
        yield return Paragraph("ПРИКАЗЫВАЮ:", bold: true);
        foreach (var point in points) yield return point;
        yield return Paragraph("");
        yield return Paragraph($"{head}{new string('_', 30)}", right: true);
    }
}

/// <summary>The head of an order: whose, when, which number, about what; a date in words («13 ноября 2023 г.») or blanks to fill.</summary>
public sealed record OrderRequisites(string Organisation, string Head, string Date, string Number, string Title)
{
    /// <summary>The placeholders every order declares.</summary>
    public static readonly IReadOnlyList<Placeholder> Placeholders =
    [
        new("organisation", "Полное наименование организации"),
        new("head", "Должность руководителя: «Директор», «Заведующий»"),
        new("date", "Дата приказа словами: «13 ноября 2023 г.» (или ««__» ______ 20__ г.», если не указана)"),
        new("number", "Номер приказа со знаком «№»: «№ 360/1» (или «№ ____»)"),
        new("title", "Заголовок приказа"),
    ];

    public DocumentFields Fields() => new DocumentFields().Set("organisation", Organisation).Set("head", Head).Set("date", Date).Set("number", Number)
        .Set("title", Title);

    public IEnumerable<DocumentFormat.OpenXml.OpenXmlElement> Layout(string? grounds, IEnumerable<DocumentFormat.OpenXml.OpenXmlElement> points) =>
        OrderLayout.Order(Organisation, Date, Number, Title, grounds, points, Head);
}
