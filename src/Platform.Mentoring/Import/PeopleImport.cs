using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Mentoring.People;

namespace Platform.Mentoring.Import;

/// <summary>What happens to a row: a new person, a change to a person already in the school, nothing, or nothing because of errors.</summary>
public static class ImportActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Unchanged = "unchanged";
    public const string Error = "error";
}

/// <param name="Changes">For an update: the columns whose values change (as headed in the file).</param>
/// <param name="PersonId">The person matched, or the person created by a commit.</param>
public sealed record ImportRowResult(int Row, string Action, string? FullName, string? Position, Guid? PersonId, string[] Changes);

/// <param name="Rows">Data rows read (empty rows are skipped).</param>
/// <param name="WithErrors">Rows that have at least one error.</param>
public sealed record ImportTotals(int Rows, int Create, int Update, int Unchanged, int WithErrors, int Warnings);

/// <summary>
/// The result of an import, the same for a dry run and a commit: every error and warning with the row as numbered in
/// the file, and per row what happens. <see cref="Committed"/> is true only when everything was written.
/// </summary>
/// <param name="Kind">staff or students.</param>
/// <param name="Columns">The columns read, as headed in the file.</param>
public sealed record ImportReport(string Kind, bool DryRun, bool Committed, string Format, string? Encoding, string? Separator,
    IReadOnlyList<string> Columns, ImportTotals Totals, IReadOnlyList<ImportIssue> Errors, IReadOnlyList<ImportIssue> Warnings,
    IReadOnlyList<ImportRowResult> Rows);

/// <summary>A person of the school the import may match: from mentoring.people.</summary>
public sealed record ImportCandidate(Guid Id, string FullName, string? Position);

/// <summary>A matched person as the decisions need them: the aggregate, its stream version and the details kept under the consent.</summary>
public sealed record ImportedPerson(Person Person, long Version, PersonDetails? Details);

/// <summary>What a commit writes for one person: events (a new stream when <see cref="ExpectedVersion"/> is 0) and, if changed, the details row.</summary>
public sealed record ImportWrite(Guid PersonId, long ExpectedVersion, object[] Events, PersonDetails? Details);

/// <summary>
/// An import of a staff or student list into the school's people. Every row goes through the decisions the API uses
/// (<see cref="PersonCommands"/>): the same validation, the consent rules (details only under a valid consent; a minor's
/// consent from a legal guardian), the same events. A row matches a person already in the school by the normalized
/// full name (and, for students, the class); identical data decides nothing, so importing a file twice changes nothing.
/// Steps: <see cref="Read"/> the rows, <see cref="Match"/> them against the school's people, load the matched ones,
/// <see cref="Decide"/>.
/// </summary>
public sealed partial class PeopleImport
{
    /// <summary>The consent's purpose and data when the file has no «Согласие объём» column.</summary>
    public const string DefaultConsentScope = "участие в системе наставничества образовательной организации; ФИО, должность или класс, "
        + "сведения из загруженного списка (предметы, стаж, категория, контакты)";

    private readonly string _list;
    private readonly string _kind;
    private readonly ImportColumns _columns;
    private readonly DateOnly _today;
    private readonly DateTimeOffset _now;
    private readonly List<RowDraft> _rows;

    private PeopleImport(string list, ImportColumns columns, IEnumerable<ImportRow> rows, DateOnly today, DateTimeOffset now)
    {
        _list = list;
        _kind = ImportKinds.PersonKind[list];
        _columns = columns;
        _today = today;
        _now = now;
        _rows = rows.Select(ReadRow).ToList();
    }

    /// <summary>Reads the rows of a table whose header matched (no errors in <paramref name="columns"/>).</summary>
    public static PeopleImport Read(string list, ImportColumns columns, ImportTable table, DateOnly today, DateTimeOffset now) =>
        new(list, columns, table.Rows, today, now);

    // ---- reading a row ----

    /// <summary>A row's values for the commands, and what was wrong with its cells.</summary>
    private sealed class RowDraft(int row)
    {
        public int Row { get; } = row;
        public string? FullName;
        public string? Position;
        public int? BirthYear;
        public GiveConsent? Consent;
        public string[]? Subjects;
        public int? YearsOfService;
        public string? QualificationCategory;
        public bool? YoungSpecialist;
        public string? Email;
        public string? Phone;
        public string? Key;
        public Guid? MatchedId;
        public List<ImportIssue> Errors { get; } = [];
        public List<ImportIssue> Warnings { get; } = [];
        public ImportRowResult? Result;

        public bool HasDetails => Subjects is not null || YearsOfService is not null || QualificationCategory is not null || YoungSpecialist is not null
            || Email is not null || Phone is not null;
        /// <summary>Details that would be kept (a «нет» for young specialist keeps nothing).</summary>
        public bool HasDetailsToKeep => Subjects is not null || YearsOfService is not null || QualificationCategory is not null || YoungSpecialist == true
            || Email is not null || Phone is not null;
    }

    private RowDraft ReadRow(ImportRow row)
    {
        var d = new RowDraft(row.Number);
        string? Cell(ImportField f) => _columns.Value(row, f) is { Length: > 0 } v ? v : null;
        void Error(ImportField f, string message) => d.Errors.Add(new ImportIssue(row.Number, _columns.Header(f), message));

        d.FullName = _columns.SplitName
            ? Texts.Clean(string.Join(' ', new[] { ImportField.LastName, ImportField.FirstName, ImportField.MiddleName }.Select(Cell).OfType<string>()))
            : Texts.Clean(Cell(ImportField.FullName));
        d.Position = Cell(_list == ImportKinds.Staff ? ImportField.Position : ImportField.Class);
        if (_list == ImportKinds.Students && Cell(ImportField.BirthYear) is { } year)
        {
            d.BirthYear = ParseYear(year);
            if (d.BirthYear is null) Error(ImportField.BirthYear, "Год рождения — четыре цифры, например «2012».");
        }

        if (Cell(ImportField.Subjects) is { } subjects)
            d.Subjects = subjects.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (Cell(ImportField.YearsOfService) is { } service)
        {
            d.YearsOfService = int.TryParse(YearsWord().Replace(service, "").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null;
            if (d.YearsOfService is null) Error(ImportField.YearsOfService, "Стаж — целое число полных лет, например «12».");
        }
        if (Cell(ImportField.QualificationCategory) is { } category)
        {
            d.QualificationCategory = Category(category);
            if (d.QualificationCategory is null) Error(ImportField.QualificationCategory, "Категория: «нет», «первая» или «высшая».");
        }
        if (Cell(ImportField.YoungSpecialist) is { } young)
        {
            d.YoungSpecialist = YesNo(young);
            if (d.YoungSpecialist is null) Error(ImportField.YoungSpecialist, "Молодой специалист: «да» или «нет».");
        }
        d.Email = Cell(ImportField.Email);
        d.Phone = Cell(ImportField.Phone);

        var consentCells = ImportColumns.Consent.Select(Cell).Any(c => c is not null);
        if (consentCells)
        {
            DateOnly? givenOn = null;
            if (Cell(ImportField.ConsentDate) is { } date)
            {
                givenOn = ParseDate(date);
                if (givenOn is null) Error(ImportField.ConsentDate, "Дата согласия — в виде ДД.ММ.ГГГГ, например «15.09.2025».");
            }
            string? signedBy = null;
            if (Cell(ImportField.ConsentSignedBy) is { } signer)
            {
                signedBy = Signer(signer);
                if (signedBy is null) Error(ImportField.ConsentSignedBy, "Кто дал согласие: «сам» или «законный представитель».");
            }
            d.Consent = new GiveConsent(signedBy, Cell(ImportField.GuardianName), givenOn, Cell(ImportField.ConsentScope) ?? DefaultConsentScope,
                Cell(ImportField.ConsentNumber));
        }

        d.Key = Key(d.FullName, d.Position);
        return d;
    }

    // ---- matching ----

    /// <summary>Matches each row to at most one person of the school; returns the people to load. A person twice in the file is an error on the later row.</summary>
    public IReadOnlyCollection<Guid> Match(IEnumerable<ImportCandidate> people)
    {
        var byKey = people.Select(p => (Key: Key(p.FullName, p.Position), p.Id)).Where(p => p.Key is not null).ToLookup(p => p.Key!, p => p.Id);
        var seen = new Dictionary<string, int>();
        foreach (var d in _rows.Where(d => d.Key is not null))
        {
            if (seen.TryGetValue(d.Key!, out var first))
            {
                d.Errors.Add(new ImportIssue(d.Row, NameHeader, $"Этот участник уже есть в строке {first}"
                    + (_list == ImportKinds.Students ? " (то же ФИО и класс)" : " (то же ФИО)") + ": оставьте одну строку на человека."));
                continue;
            }
            seen[d.Key!] = d.Row;
            var matches = byKey[d.Key!].ToList();
            if (matches.Count > 1)
                d.Errors.Add(new ImportIssue(d.Row, NameHeader, $"В школе уже несколько участников ({matches.Count}) с таким ФИО"
                    + (_list == ImportKinds.Students ? " в этом классе" : "") + ": строку нельзя сопоставить. Исправьте повторы в списке участников."));
            else if (matches.Count == 1) d.MatchedId = matches[0];
        }
        return _rows.Where(d => d.MatchedId is not null).Select(d => d.MatchedId!.Value).ToList();
    }

    /// <summary>Normalized full name (trimmed, single spaces, ё = е, no case), plus the class for students; null when the row cannot be matched.</summary>
    internal string? Key(string? fullName, string? position)
    {
        if (Texts.Clean(fullName) is not { } name) return null;
        var key = name.ToLowerInvariant().Replace('ё', 'е');
        if (_kind != PersonKinds.Student) return key;
        return Texts.TryNormalizeClass(position, out var className) ? key + "|" + className.ToLowerInvariant().Replace('ё', 'е') : null;
    }

    private string NameHeader => _columns.Header(_columns.SplitName ? ImportField.LastName : ImportField.FullName);

    // ---- deciding ----

    /// <summary>Decides every row with the people's own decisions; the writes are for a commit, and only valid when the report has no errors.</summary>
    public (ImportReport Report, IReadOnlyList<ImportWrite> Writes) Decide(
        IReadOnlyDictionary<Guid, ImportedPerson> people, ImportTable table, bool dryRun, Func<Guid>? newId = null)
    {
        newId ??= Guid.CreateVersion7;
        var writes = new List<ImportWrite>();
        foreach (var d in _rows)
        {
            ImportWrite? write;
            if (d.MatchedId is not { } id) write = Create(d, newId(), dryRun, newId);
            else if (people.TryGetValue(id, out var person)) write = Update(d, person, newId);
            else
            {
                // Listed a moment ago, its stream gone since: nothing to decide on.
                d.Errors.Add(new ImportIssue(d.Row, NameHeader, "Участник не найден в школе: повторите загрузку."));
                write = null;
            }
            if (d.Errors.Count > 0 || d.Result is null) d.Result = new ImportRowResult(d.Row, ImportActions.Error, d.FullName, d.Position, d.MatchedId, []);
            else if (write is not null) writes.Add(write);
        }
        return (Report(table, dryRun), writes);
    }

    /// <summary>Not committed yet: the caller sets <see cref="ImportReport.Committed"/> once the writes are saved.</summary>
    private ImportReport Report(ImportTable table, bool dryRun)
    {
        var rows = _rows.Select(d => d.Result!).ToList();
        var errors = _columns.Errors.Concat(_rows.SelectMany(d => d.Errors)).ToList();
        var warnings = _columns.Warnings.Concat(_rows.SelectMany(d => d.Warnings)).ToList();
        return new ImportReport(_list, dryRun, false, table.Format, table.Encoding, table.Separator, _columns.Recognized,
            new ImportTotals(rows.Count, rows.Count(r => r.Action == ImportActions.Create), rows.Count(r => r.Action == ImportActions.Update),
                rows.Count(r => r.Action == ImportActions.Unchanged), rows.Count(r => r.Action == ImportActions.Error), warnings.Count),
            errors, warnings, rows);
    }

    /// <summary>A report for a file whose header has errors: its rows are not read.</summary>
    public static ImportReport HeaderReport(string list, ImportColumns columns, ImportTable table, bool dryRun) =>
        new(list, dryRun, false, table.Format, table.Encoding, table.Separator, columns.Recognized,
            new ImportTotals(table.Rows.Count, 0, 0, 0, 0, columns.Warnings.Count), columns.Errors, columns.Warnings, []);

    /// <param name="dryRun">A dry run shows no id: nobody is created.</param>
    private ImportWrite? Create(RowDraft d, Guid id, bool dryRun, Func<Guid> newId)
    {
        var details = d.HasDetails ? new PersonDetailsDraft(d.Subjects, d.YearsOfService, d.QualificationCategory,
            d.YoungSpecialist == true ? ["young_specialist"] : null, d.Email, d.Phone) : null;
        if (details is not null && d.Consent is null)
        {
            if (d.HasDetailsToKeep) d.Warnings.Add(NoConsentWarning(d));
            details = null;
        }
        var register = new RegisterPerson(_kind, d.FullName, d.Position, d.BirthYear, null, d.Consent, details);
        var decided = Try(d, () => PersonCommands.Register(id, register, _today, _now, newId()));
        if (d.Errors.Count > 0) return null;
        var (events, saved) = decided;
        var registered = (PersonRegistered)events[0];
        d.Result = new ImportRowResult(d.Row, ImportActions.Create, registered.FullName, registered.Position, dryRun ? null : id, []);
        return new ImportWrite(id, 0, events, saved);
    }

    private ImportWrite? Update(RowDraft d, ImportedPerson loaded, Func<Guid> newId)
    {
        var person = loaded.Person;
        // The registration's checks (required values, the consent and who signs it) on the row as it stands.
        Try(d, () => PersonCommands.Register(person.Id, new RegisterPerson(_kind, d.FullName, d.Position, d.BirthYear, null, d.Consent), _today, _now, Guid.Empty));
        if (d.Errors.Count > 0) return null;

        var events = new List<object>();
        PersonDetails? details = null;
        var decided = Try(d, () =>
        {
            // The name matched, so it stays as the school wrote it (a list without «ё» does not rename anyone).
            events.AddRange(PersonCommands.Change(person, new ChangePerson(null, d.Position, d.BirthYear), _today));
            person = Fold(person, events);
            if (d.Consent is not null && ConsentToGive(d, person) is { } consent)
            {
                events.Add(PersonCommands.GiveConsent(person, consent, _today, newId()));
                person = Fold(loaded.Person, events);
            }
            if (d.HasDetails)
            {
                if (!person.HasValidConsent)
                {
                    if (d.HasDetailsToKeep) d.Warnings.Add(NoConsentWarning(d));
                }
                else
                {
                    var current = loaded.Details ?? PersonDetails.Empty;
                    var merged = new PersonDetailsDraft(d.Subjects ?? current.Subjects, d.YearsOfService ?? current.YearsOfService,
                        d.QualificationCategory ?? current.QualificationCategory, YoungSpecialist(current.Categories, d.YoungSpecialist),
                        d.Email ?? current.Email, d.Phone ?? current.Phone);
                    var (next, changed) = PersonCommands.ChangeDetails(person, loaded.Details, merged);
                    if (changed.Length > 0)
                    {
                        events.AddRange(changed);
                        details = next ?? PersonDetails.Empty;
                    }
                }
            }
            return true;
        });
        if (d.Errors.Count > 0 || !decided) return null;
        var action = events.Count == 0 ? ImportActions.Unchanged : ImportActions.Update;
        d.Result = new ImportRowResult(d.Row, action, person.FullName, person.Position, person.Id, Changes(loaded.Person, events));
        return events.Count == 0 ? null : new ImportWrite(person.Id, loaded.Version, [.. events], details);
    }

    /// <summary>
    /// The row's consent, unless the person already has it. A consent once withdrawn is not given again by re-importing an
    /// old list, nor is one older than the consent on record: both are warnings, the row's other data still count.
    /// </summary>
    private GiveConsent? ConsentToGive(RowDraft d, Person person)
    {
        var c = d.Consent!;
        var signedBy = c.SignedBy ?? (string.IsNullOrWhiteSpace(c.GuardianName) ? ConsentSigners.Self : ConsentSigners.Guardian);
        var guardian = signedBy == ConsentSigners.Guardian ? NameKey(c.GuardianName) : "";
        var same = person.Consents.LastOrDefault(k => k.GivenOn == c.GivenOn && k.SignedBy == signedBy && NameKey(k.GuardianName) == guardian);
        var header = _columns.Header(ImportField.ConsentDate);
        if (same is { IsValid: true }) return null;
        if (same is not null)
        {
            d.Warnings.Add(new ImportIssue(d.Row, header, $"Согласие от {c.GivenOn:dd.MM.yyyy} отозвано {same.WithdrawnOn:dd.MM.yyyy}: загрузка списка его не "
                + "восстанавливает. Если дано новое согласие, укажите его дату."));
            return null;
        }
        if (person.Consent is { } last && c.GivenOn < (last.WithdrawnOn ?? last.GivenOn))
        {
            d.Warnings.Add(new ImportIssue(d.Row, header, last.IsValid
                ? $"У участника уже есть более позднее согласие (от {last.GivenOn:dd.MM.yyyy}): согласие из файла не внесено."
                : $"Согласие участника отозвано {last.WithdrawnOn:dd.MM.yyyy}, а согласие в файле дано раньше: оно не внесено."));
            return null;
        }
        return c;
    }

    private static string[] YoungSpecialist(string[] categories, bool? young) => young switch
    {
        true => [.. categories.Append("young_specialist").Distinct()],
        false => categories.Where(c => c != "young_specialist").ToArray(),
        null => categories,
    };

    private ImportIssue NoConsentWarning(RowDraft d)
    {
        var columns = ImportColumns.All.Select(c => c.Field).Where(ImportColumns.Details.Contains)
            .Where(f => f switch
            {
                ImportField.Subjects => d.Subjects is not null, ImportField.YearsOfService => d.YearsOfService is not null,
                ImportField.QualificationCategory => d.QualificationCategory is not null, ImportField.YoungSpecialist => d.YoungSpecialist == true,
                ImportField.Email => d.Email is not null, _ => d.Phone is not null,
            })
            .Select(f => $"«{_columns.Header(f)}»").ToList();
        return new ImportIssue(d.Row, null, $"Сведения из столбцов {string.Join(", ", columns)} не загружены: нет действующего согласия на обработку "
            + $"персональных данных. Укажите согласие в столбцах «{_columns.Header(ImportField.ConsentDate)}» и «{_columns.Header(ImportField.ConsentSignedBy)}».");
    }

    /// <summary>The columns an update changes, as headed in the file.</summary>
    private string[] Changes(Person before, List<object> events)
    {
        var changes = new List<string>();
        foreach (var e in events)
            switch (e)
            {
                case PersonChanged c:
                    if (c.Position != before.Position) changes.Add(_columns.Header(_kind == PersonKinds.Student ? ImportField.Class : ImportField.Position));
                    if (c.BirthYear != before.BirthYear) changes.Add(_columns.Header(ImportField.BirthYear));
                    break;
                case ConsentGiven:
                    changes.Add("Согласие");
                    break;
                case PersonDetailsChanged details:
                    changes.AddRange(details.Fields.Select(f => FieldOf(f) is { } field ? _columns.Header(field) : f));
                    break;
            }
        return [.. changes.Distinct()];
    }

    private Person Fold(Person person, IEnumerable<object> events) =>
        events.Aggregate(person, (p, e) => e switch
        {
            PersonChanged c => p.Apply(c),
            ConsentGiven c => p.Apply(c),
            _ => p,
        });

    /// <summary>Runs a decision; its Russian messages become the row's errors, each in the column it is about (once per column).</summary>
    private T? Try<T>(RowDraft d, Func<T> decide)
    {
        try
        {
            return decide();
        }
        catch (DomainValidationException e)
        {
            foreach (var (field, messages) in e.Errors)
            {
                var column = FieldOf(field) is { } f ? _columns.Header(f) : null;
                if (column is not null && d.Errors.Any(x => x.Column == column)) continue; // already said while reading the cell
                foreach (var message in messages.Distinct()) d.Errors.Add(new ImportIssue(d.Row, column, ForImport(message)));
            }
        }
        catch (DomainRuleException e)
        {
            d.Errors.Add(new ImportIssue(d.Row, e.Message.Contains("годом рождения") ? _columns.Header(ImportField.BirthYear) : null,
                ForImport(e.Message)));
        }
        return default;
    }

    /// <summary>The API's field (e.g. «consent.guardianName», «details.subjects[2]») → the column it comes from.</summary>
    private ImportField? FieldOf(string apiField)
    {
        var name = apiField[(apiField.LastIndexOf('.') + 1)..];
        if (name.IndexOf('[') is var bracket and >= 0) name = name[..bracket];
        return name switch
        {
            "fullName" => _columns.SplitName ? ImportField.LastName : ImportField.FullName,
            "position" => _kind == PersonKinds.Student ? ImportField.Class : ImportField.Position,
            "birthYear" => ImportField.BirthYear,
            "givenOn" => ImportField.ConsentDate,
            "signedBy" => ImportField.ConsentSignedBy,
            "guardianName" => ImportField.GuardianName,
            "scope" => ImportField.ConsentScope,
            "documentNumber" => ImportField.ConsentNumber,
            "subjects" => ImportField.Subjects,
            "yearsOfService" => ImportField.YearsOfService,
            "qualificationCategory" => ImportField.QualificationCategory,
            "categories" => ImportField.YoungSpecialist,
            "email" => ImportField.Email,
            "phone" => ImportField.Phone,
            _ => null,
        };
    }

    /// <summary>The API's messages name its fields in a few places; a list's user knows columns.</summary>
    private string ForImport(string message) => message
        .Replace("(signedBy = guardian)", $"(в столбце «{_columns.Header(ImportField.ConsentSignedBy)}» — «законный представитель»)")
        .Replace("self (сам участник) или guardian (законный представитель)", "«сам» или «законный представитель»");

    // ---- cell values ----

    private static string NameKey(string? name) => Texts.Clean(name)?.ToLowerInvariant().Replace('ё', 'е') ?? "";

    private static string Word(string text) => Texts.Clean(text)!.ToLowerInvariant().Replace('ё', 'е').Trim('.', ' ');

    internal static int? ParseYear(string text)
    {
        var t = YearWord().Replace(text, "").Trim();
        if (t.Length == 4 && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var year)) return year;
        if (ParseDate(t) is { } date) return date.Year; // a full birth date: only its year is kept
        return null;
    }

    /// <summary>ДД.ММ.ГГГГ (also Д.М.ГГ, ГГГГ-ММ-ДД, with a time after a space) or an Excel date number.</summary>
    internal static DateOnly? ParseDate(string text)
    {
        var t = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        string[] formats = ["dd.MM.yyyy", "d.M.yyyy", "dd.MM.yy", "d.M.yy", "yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];
        if (DateOnly.TryParseExact(t, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var serial) && serial is > 3000 and < 100_000)
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        return null;
    }

    private static string? Category(string text) => Word(text) switch
    {
        "нет" or "-" or "—" or "без категории" or "б/к" or "бк" or "none" or "соответствие занимаемой должности" or "сзд" => "none",
        "первая" or "1" or "i" or "первая категория" or "первая квалификационная категория" or "first" => "first",
        "высшая" or "в" or "высшая категория" or "высшая квалификационная категория" or "highest" => "highest",
        _ => null,
    };

    private static bool? YesNo(string text) => Word(text) switch
    {
        "да" or "+" or "1" or "yes" or "true" or "истина" or "является" => true,
        "нет" or "-" or "—" or "0" or "no" or "false" or "ложь" or "не является" => false,
        _ => null,
    };

    private static string? Signer(string text) => Word(text) switch
    {
        "сам" or "сама" or "сам участник" or "сама участница" or "лично" or "участник" or "педагог" or "ученик" or "обучающийся" or "self" => ConsentSigners.Self,
        "законный представитель" or "представитель" or "родитель" or "мать" or "отец" or "опекун" or "попечитель" or "усыновитель" or "зп" or "guardian"
            => ConsentSigners.Guardian,
        _ => null,
    };

    [GeneratedRegex(@"\s*(лет|год|года|г\.?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex YearsWord();

    [GeneratedRegex(@"\s*(г\.?|год)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex YearWord();
}
