using System.Globalization;
using Platform.Mentoring.Documents;
using Platform.Mentoring.Documents.Declension;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Mentorships;

namespace Platform.Mentoring.Programs.Documents;

/// <summary>
/// What a program's order (completion, extension) shares: the number and date the curator types for it, or blanks to fill;
/// the pair named in the genitive — «наставника Петрова Ивана Ивановича (учитель математики) и наставляемой Сидоровой Анны
/// Петровны (учитель)».
/// </summary>
public static class ProgramOrders
{
    public const int MaxNumber = 50;

    /// <summary>The order's requisites from the query («number», «date»: «07.12.2026» or «2026-12-07»); a bad value is refused naming the field.</summary>
    public static OrderRequisites Requisites(string organisation, string head, string? number, string? date, string title)
    {
        var cleaned = OrderNumber.Clean(number);
        DateOnly parsed = default;
        var hasDate = !string.IsNullOrWhiteSpace(date);
        new Validation()
            .Require(cleaned is null || cleaned.Length <= MaxNumber, "number", $"Номер приказа длиннее {MaxNumber} символов.")
            .Require(!hasDate || DateOnly.TryParseExact(date!.Trim(), ["dd.MM.yyyy", "d.M.yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out parsed), "date", "Дата приказа — в виде «07.12.2026».")
            .Require(!hasDate || parsed.Year is >= 2000 and <= 2100, "date", "Дата приказа — между 2000 и 2100 годом.")
            .ThrowIfInvalid();
        return new OrderRequisites(organisation, head, hasDate ? OrderLayout.InWords(parsed) : OrderLayout.BlankDate,
            cleaned is null ? OrderLayout.BlankNumber : OrderNumber.Cite(cleaned), title);
    }

    /// <summary>«16 баллов из 18».</summary>
    public static string Points(int total)
    {
        var word = (total % 100 is >= 11 and <= 14) ? "баллов" : (total % 10) switch { 1 => "балл", >= 2 and <= 4 => "балла", _ => "баллов" };
        return $"{total} {word} из {EvaluationCriteria.MaxTotal}";
    }

    /// <summary>The pair in the genitive: «наставника … и наставляемого (наставляемой, наставляемых) …».</summary>
    public static string Pair(ProgramView p)
    {
        var mentees = p.Mentees.Count switch
        {
            0 => "",
            1 => (RussianNames.Gender(p.Mentees[0].FullName) == NameGender.Female ? " и наставляемой " : " и наставляемого ")
                + ProgramDocument.Person(p.Mentees[0], GrammaticalCase.Genitive),
            _ => " и наставляемых " + string.Join(", ", p.Mentees.Select(m => ProgramDocument.Person(m, GrammaticalCase.Genitive))),
        };
        return $"наставника {ProgramDocument.Person(p.Mentor, GrammaticalCase.Genitive)}{mentees}";
    }

    /// <summary>The placeholders both program orders declare besides the requisites.</summary>
    public static readonly IReadOnlyList<Placeholder> PairPlaceholders =
    [
        new("pair", "Пара в родительном падеже: «наставника Петрова Ивана Ивановича (учитель математики) и наставляемой Сидоровой Анны Петровны»"),
        new("mentor_dative", "Наставник в дательном падеже: «Петрову Ивану Ивановичу»"),
        new("term", "Срок реализации: «с 01.09.2026 по 31.05.2027 (9 мес.)»"),
        new("form", "Форма наставничества"),
        new("kind", "Вид наставничества"),
    ];

    public static DocumentFields PairFields(OrderRequisites requisites, ProgramView p) => requisites.Fields()
        .Set("pair", Pair(p)).Set("mentor_dative", RussianNames.FullName(p.Mentor.FullName, GrammaticalCase.Dative)).Set("term", ProgramDocument.Term(p))
        .Set("form", p.FormName).Set("kind", p.KindName);
}
