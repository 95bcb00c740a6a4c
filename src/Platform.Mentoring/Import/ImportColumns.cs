using System.Text;
using Platform.Mentoring.People;

namespace Platform.Mentoring.Import;

/// <summary>What an import reads from a column.</summary>
public enum ImportField
{
    FullName, LastName, FirstName, MiddleName, Position, Class, BirthYear,
    Subjects, YearsOfService, QualificationCategory, YoungSpecialist, Email, Phone,
    ConsentDate, ConsentSignedBy, GuardianName, ConsentNumber, ConsentScope,
}

/// <summary>The two lists a school imports: its staff (педагоги) and its students (обучающиеся).</summary>
public static class ImportKinds
{
    public const string Staff = "staff";
    public const string Students = "students";

    public static readonly IReadOnlyDictionary<string, string> PersonKind = new Dictionary<string, string>
    {
        [Staff] = PersonKinds.Teacher,
        [Students] = PersonKinds.Student,
    };
}

/// <param name="Title">The header as the template writes it; used in messages when the file has no such column.</param>
/// <param name="Headers">The accepted headers, compared without case, spaces and punctuation (ё = е).</param>
public sealed record ImportColumn(ImportField Field, string Title, string[] Headers, bool Staff, bool Students);

/// <summary>A problem found in the file: the row as numbered in the file, the column as headed there, a Russian message.</summary>
public sealed record ImportIssue(int Row, string? Column, string Message);

/// <summary>The file's header row matched against the columns of one list.</summary>
public sealed class ImportColumns
{
    public static readonly IReadOnlyList<ImportColumn> All =
    [
        new(ImportField.FullName, "ФИО", ["ФИО", "Ф.И.О.", "Фамилия имя отчество", "Фамилия, имя, отчество", "ФИО полностью"], true, true),
        new(ImportField.LastName, "Фамилия", ["Фамилия"], true, true),
        new(ImportField.FirstName, "Имя", ["Имя"], true, true),
        new(ImportField.MiddleName, "Отчество", ["Отчество"], true, true),
        new(ImportField.Position, "Должность", ["Должность", "Занимаемая должность"], true, false),
        new(ImportField.Subjects, "Предмет", ["Предмет", "Предметы", "Преподаваемый предмет", "Преподаваемые предметы", "Дисциплина", "Дисциплины"], true, false),
        new(ImportField.YearsOfService, "Стаж", ["Стаж", "Стаж лет", "Педагогический стаж", "Педстаж", "Стаж работы"], true, false),
        new(ImportField.QualificationCategory, "Категория", ["Категория", "Квалификационная категория", "Квалиф. категория"], true, false),
        new(ImportField.YoungSpecialist, "Молодой специалист", ["Молодой специалист", "Молодой педагог"], true, false),
        new(ImportField.Class, "Класс", ["Класс", "Класс/группа"], false, true),
        new(ImportField.BirthYear, "Год рождения", ["Год рождения", "Г.р.", "Дата рождения"], false, true),
        new(ImportField.Email, "Email", ["Email", "E-mail", "Эл. почта", "Электронная почта", "Почта", "Адрес электронной почты"], true, true),
        new(ImportField.Phone, "Телефон", ["Телефон", "Номер телефона", "Тел.", "Мобильный телефон"], true, true),
        new(ImportField.ConsentDate, "Согласие дата", ["Согласие дата", "Дата согласия", "Согласие от", "Согласие на обработку ПД дата", "Дата согласия на обработку ПД"], true, true),
        new(ImportField.ConsentSignedBy, "Согласие дал", ["Согласие дал", "Согласие дала", "Согласие дано", "Кто дал согласие", "Согласие подписал"], true, true),
        new(ImportField.GuardianName, "Законный представитель", ["Законный представитель", "ФИО законного представителя", "Представитель", "ФИО представителя"], true, true),
        new(ImportField.ConsentNumber, "Согласие номер", ["Согласие номер", "Номер согласия", "Согласие №", "№ согласия"], true, true),
        new(ImportField.ConsentScope, "Согласие объём", ["Согласие объём", "Объём согласия", "Согласие цели"], true, true),
    ];

    /// <summary>The details that need a consent (PersonDetails).</summary>
    public static readonly IReadOnlySet<ImportField> Details = new HashSet<ImportField>
    {
        ImportField.Subjects, ImportField.YearsOfService, ImportField.QualificationCategory, ImportField.YoungSpecialist, ImportField.Email, ImportField.Phone,
    };

    public static readonly IReadOnlySet<ImportField> Consent = new HashSet<ImportField>
    {
        ImportField.ConsentDate, ImportField.ConsentSignedBy, ImportField.GuardianName, ImportField.ConsentNumber, ImportField.ConsentScope,
    };

    private readonly Dictionary<ImportField, (int Index, string Header)> _found = [];

    public int HeaderRow { get; }
    public List<ImportIssue> Errors { get; } = [];
    public List<ImportIssue> Warnings { get; } = [];
    /// <summary>The columns read, as headed in the file.</summary>
    public List<string> Recognized { get; } = [];
    /// <summary>Whether the full name comes from «Фамилия», «Имя», «Отчество» instead of «ФИО».</summary>
    public bool SplitName { get; }

    private ImportColumns(string list, ImportRow header)
    {
        HeaderRow = header.Number;
        var columns = All.Where(c => list == ImportKinds.Staff ? c.Staff : c.Students).ToList();
        var byHeader = columns.SelectMany(c => c.Headers.Select(h => (Key: Key(h), Column: c))).DistinctBy(x => x.Key).ToDictionary(x => x.Key, x => x.Column);
        var otherList = All.Where(c => list == ImportKinds.Staff ? !c.Staff : !c.Students).SelectMany(c => c.Headers.Select(Key)).ToHashSet();
        for (var i = 0; i < header.Cells.Length; i++)
        {
            var text = header.Cells[i];
            if (text.Length == 0) continue;
            if (!byHeader.TryGetValue(Key(text), out var column))
            {
                Warnings.Add(new ImportIssue(HeaderRow, text, otherList.Contains(Key(text))
                    ? $"Столбец «{text}» относится к списку {(list == ImportKinds.Staff ? "обучающихся" : "педагогов")} и не загружается. Проверьте, тот ли файл выбран."
                    : $"Столбец «{text}» не распознан и не загружается. Известные столбцы: {string.Join(", ", columns.Select(c => $"«{c.Title}»"))}."));
                continue;
            }
            if (_found.TryGetValue(column.Field, out var first))
            {
                Errors.Add(new ImportIssue(HeaderRow, text,
                    $"Столбец «{column.Title}» встречается дважды (столбцы {first.Index + 1} и {i + 1}): оставьте один."));
                continue;
            }
            _found[column.Field] = (i, text);
            Recognized.Add(text);
        }

        var parts = _found.ContainsKey(ImportField.LastName) || _found.ContainsKey(ImportField.FirstName) || _found.ContainsKey(ImportField.MiddleName);
        if (_found.ContainsKey(ImportField.FullName))
        {
            if (parts)
                Warnings.Add(new ImportIssue(HeaderRow, Header(ImportField.FullName),
                    "В файле есть и «ФИО», и отдельные «Фамилия» / «Имя» / «Отчество»: ФИО берётся из столбца «ФИО», остальные не загружаются."));
        }
        else if (_found.ContainsKey(ImportField.LastName) && _found.ContainsKey(ImportField.FirstName)) SplitName = true;
        else
            Errors.Add(new ImportIssue(HeaderRow, "ФИО", parts
                ? "Для ФИО нужны оба столбца «Фамилия» и «Имя» («Отчество» — если есть) или один столбец «ФИО»."
                : "Нет обязательного столбца «ФИО» (или столбцов «Фамилия», «Имя», «Отчество»)."));
        foreach (var required in list == ImportKinds.Staff ? new[] { ImportField.Position } : [ImportField.Class, ImportField.BirthYear])
            if (!_found.ContainsKey(required))
                Errors.Add(new ImportIssue(HeaderRow, Title(required), required switch
                {
                    ImportField.Position => "Нет обязательного столбца «Должность», например «учитель математики».",
                    ImportField.Class => "Нет обязательного столбца «Класс», например «7Б».",
                    _ => "Нет обязательного столбца «Год рождения»: по нему видно, кто подписывает согласие — ученик или законный представитель.",
                }));
        if (_found.ContainsKey(ImportField.ConsentSignedBy) || _found.ContainsKey(ImportField.GuardianName))
            if (!_found.ContainsKey(ImportField.ConsentDate))
                Errors.Add(new ImportIssue(HeaderRow, "Согласие дата", "Есть столбцы о согласии, но нет столбца «Согласие дата»: без даты согласие не вносится."));
    }

    public static ImportColumns Match(string list, ImportRow header) => new(list, header);

    private static readonly HashSet<string> KnownHeaders = All.SelectMany(c => c.Headers.Select(Key)).ToHashSet();

    /// <summary>Whether a row has at least one known column header: the header row of a list.</summary>
    public static bool LooksLikeHeader(ImportRow row) => row.Cells.Any(c => KnownHeaders.Contains(Key(c)));

    public bool Has(ImportField field) => _found.ContainsKey(field) && (field is not (ImportField.LastName or ImportField.FirstName or ImportField.MiddleName) || SplitName);

    public string Value(ImportRow row, ImportField field) => Has(field) ? row.Cell(_found[field].Index) : "";

    /// <summary>The column's header as the file writes it, or the template's title when the file has none.</summary>
    public string Header(ImportField field) => _found.TryGetValue(field, out var f) ? f.Header : Title(field);

    public static string Title(ImportField field) => All.First(c => c.Field == field).Title;

    /// <summary>Headers compared without case, spaces and punctuation; ё = е.</summary>
    public static string Key(string header)
    {
        var key = new StringBuilder(header.Length);
        foreach (var ch in header.ToLowerInvariant().Replace('ё', 'е'))
            if (char.IsLetterOrDigit(ch) || ch == '№') key.Append(ch);
        return key.ToString();
    }
}
