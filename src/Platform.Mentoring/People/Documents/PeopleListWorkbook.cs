using System.Security.Cryptography;
using DocumentFormat.OpenXml.Spreadsheet;
using Platform.Mentoring.Documents;

namespace Platform.Mentoring.People.Documents;

/// <summary>What the workbook says about its export: the school, when, by whom, with which filters.</summary>
public sealed record PeopleListExport(string Organisation, string ExportedAt, string ExportedBy, string Filters, bool Personal, DateTimeOffset Stamp);

/// <summary>
/// The school's list of people as a workbook, for the school itself. Depersonalised unless asked otherwise (152-ФЗ): a code
/// instead of the name, no position, no birth year, no letter of a class, no subjects, no dates, rows in the order of the codes;
/// what stays is what the school counts by — kind, grade, mentee categories, pools, the state of the consent.
/// </summary>
public static class PeopleListWorkbook
{
    public const string FileName = "Участники.xlsx";
    public const string DepersonalisedFileName = "Участники (обезличенно).xlsx";

    /// <summary>
    /// A stable code for a person that does not name them: the same in every export, so that two exports can be compared, and
    /// not the person's id (a UUIDv7 carries the moment of registration, and opens the card to whoever has access).
    /// </summary>
    public static string Code(Guid personId) => "Участник " + Convert.ToHexString(SHA256.HashData(personId.ToByteArray()), 0, 4);

    public static byte[] Write(IReadOnlyList<PersonRow> people, PeopleListExport export) => Xlsx.Write(
    [
        export.Personal
            ? new XlsxSheet("Участники", [6, 40, 24, 22, 10, 40, 30, 12, 12, 14, 22, 14, 12], PersonalRows(people))
            : new XlsxSheet("Участники", [6, 20, 24, 12, 40, 12, 12, 14, 22], DepersonalisedRows(people)),
        new XlsxSheet("Сведения", [32, 90], AboutRows(people.Count, export)),
    ], export.Stamp);

    private static IEnumerable<IEnumerable<Cell>> PersonalRows(IReadOnlyList<PersonRow> people)
    {
        yield return Header("№", "ФИО", "Вид участника", "Должность, класс (группа)", "Год рождения", "Категории наставляемого", "Предметы",
            "Банк наставников", "Банк наставляемых", "Согласие", "Согласие подписал", "Дата согласия", "Внесён");
        var n = 1;
        foreach (var p in people)
            yield return
            [
                Xlsx.Number(n++), Xlsx.Text(p.FullName), Xlsx.Text(Kind(p)), Xlsx.Text(p.Position), p.BirthYear is { } y ? Xlsx.Number(y) : Xlsx.Empty(),
                Xlsx.Text(Categories(p)), Xlsx.Text(string.Join(", ", p.Subjects)), Xlsx.Text(YesNo(p.InMentorPool)), Xlsx.Text(YesNo(p.InMenteePool)),
                Xlsx.Text(Consent(p)), Xlsx.Text(SignedBy(p)), Xlsx.Text(p.ConsentGivenOn?.ToString("dd.MM.yyyy")), Xlsx.Text(p.RegisteredAt.ToString("dd.MM.yyyy")),
            ];
    }

    private static IEnumerable<IEnumerable<Cell>> DepersonalisedRows(IReadOnlyList<PersonRow> people)
    {
        yield return Header("№", "Код участника", "Вид участника", "Параллель", "Категории наставляемого", "Банк наставников", "Банк наставляемых",
            "Согласие", "Согласие подписал");
        var n = 1;
        // By the code, not by the name: the order of a list sorted by name would tell who is who.
        foreach (var (p, code) in people.Select(p => (p, Code(p.Id))).OrderBy(x => x.Item2, StringComparer.Ordinal))
            yield return
            [
                Xlsx.Number(n++), Xlsx.Text(code), Xlsx.Text(Kind(p)), Grade(p) is { } g ? Xlsx.Number(g) : Xlsx.Empty(), Xlsx.Text(Categories(p)),
                Xlsx.Text(YesNo(p.InMentorPool)), Xlsx.Text(YesNo(p.InMenteePool)), Xlsx.Text(Consent(p)), Xlsx.Text(SignedBy(p)),
            ];
    }

    private static IEnumerable<IEnumerable<Cell>> AboutRows(int count, PeopleListExport e)
    {
        (string, string)[] lines =
        [
            ("Организация", e.Organisation), ("Выгружено", e.ExportedAt), ("Кем", e.ExportedBy), ("Отбор", e.Filters),
            ("Участников в списке", $"{count}"),
            ("Состав", e.Personal
                ? "с ФИО и персональными данными; выгрузка записана в журнал просмотров персональных данных по каждому участнику"
                : "обезличенный: вместо ФИО — код участника; без должности, года рождения, буквы класса, предметов и дат"),
        ];
        return lines.Select(l => (IEnumerable<Cell>)[Xlsx.Text(l.Item1, bold: true), Xlsx.Text(l.Item2)]);
    }

    private static IEnumerable<Cell> Header(params string[] titles) => titles.Select(t => Xlsx.Text(t, bold: true));

    private static string Kind(PersonRow p) =>
        PersonKinds.Names.GetValueOrDefault(p.Kind, p.Kind) + (p.ExternalRole is { } r ? $" ({ExternalRoles.Names.GetValueOrDefault(r, r)})" : "");

    /// <summary>A student's grade without the letter («7Б» → 7): the parallel, not the class of a few children.</summary>
    private static int? Grade(PersonRow p) =>
        p.Kind == PersonKinds.Student && Texts.TryNormalizeClass(p.Position, out var c) ? int.Parse(new string(c.TakeWhile(char.IsDigit).ToArray())) : null;

    private static string Categories(PersonRow p) => string.Join(", ", p.Categories.Select(c => MenteeCategories.Names.GetValueOrDefault(c, c)));

    private static string YesNo(bool value) => value ? "да" : "нет";

    private static string Consent(PersonRow p) => p.HasValidConsent ? "действует" : p.ConsentWithdrawnOn is not null ? "отозвано" : "нет";

    private static string SignedBy(PersonRow p) =>
        p.HasValidConsent && p.ConsentSignedBy is { } s ? ConsentSigners.Names.GetValueOrDefault(s, s) : "";
}
