using Microsoft.Extensions.Logging;
using Platform.EventStore;
using Platform.Mentoring.People;
using Platform.Mentoring.Pools;
using Platform.Mentoring.Questionnaires;
using Platform.Tenancy.Demo;
using Platform.Tenancy.Registry;

namespace Platform.Mentoring.Demo;

/// <summary>
/// Invented people for the demo schools (no real personal data: names are combined at random from common Russian
/// names, e-mails are on the reserved .example domain, no phone numbers): teachers with some young specialists,
/// students with their guardians' consents, one or two mentors from outside, most with consents, and the mentor
/// and mentee pools built from them. Written through the same decisions as the API. Once per school.
/// </summary>
public static class DemoPeople
{
    public static async Task<int> SeedAsync(DocumentStore store, TimeProvider time, ILogger logger, CancellationToken ct = default)
    {
        var created = 0;
        foreach (var school in DemoDistrict.Schools)
        {
            await using var session = store.LightweightSession(TenantScope.School(school.SchoolId));
            session.UserName = "demo-seed";
            var exists = await session.QueryAsync("SELECT 1 FROM mentoring.people WHERE tenant_id = $1 LIMIT 1", r => r.GetInt32(0), ct, school.SchoolId);
            if (exists.Count > 0) continue;
            created += await new SchoolPeople(session, school, time.GetUtcNow()).SeedAsync(ct);
            await session.SaveChangesAsync(ct);
        }
        if (created > 0) logger.LogInformation("Seeded {Count} demo people with consents and pools", created);
        return created;
    }

    private sealed class SchoolPeople(DocumentSession session, SchoolRegistered school, DateTimeOffset now)
    {
        private readonly Random _random = new(BitConverter.ToInt32(school.SchoolId.ToByteArray(), 12));
        private readonly HashSet<string> _names = [];
        private readonly DateOnly _today = DateOnly.FromDateTime(now.UtcDateTime);
        private int SchoolYear => _today.Month >= 9 ? _today.Year : _today.Year - 1;
        private DateOnly ConsentDay => new DateOnly(SchoolYear, 9, 15) is var d && d <= _today ? d : _today;
        private readonly List<(Guid Id, string Kind)> _mentors = [];
        private int _documents;

        public async Task<int> SeedAsync(CancellationToken ct)
        {
            var count = 0;
            var (teachers, students, grades) = school.Kind switch
            {
                SchoolKind.PrimarySchoolKindergarten => (_random.Next(8, 10), _random.Next(10, 13), (1, 4)),
                SchoolKind.SupportCentre => (_random.Next(8, 11), _random.Next(12, 17), (1, 9)),
                _ => (_random.Next(10, 16), _random.Next(14, 21), (5, 11)),
            };
            var positions = Positions(school.Kind);
            for (var i = 0; i < teachers; i++, count++) await TeacherAsync(i, positions[i % positions.Length], last: i == teachers - 1, ct);
            foreach (var external in Externals.OrderBy(_ => _random.Next()).Take(_random.Next(1, 3))) { await ExternalAsync(external, ct); count++; }
            for (var i = 0; i < students; i++, count++) await StudentAsync(i, grades, last: i == students - 1, ct);
            await QuestionnaireAsync(ct);
            return count;
        }

        private async Task TeacherAsync(int index, (string Position, string[] Subjects) post, bool last, CancellationToken ct)
        {
            var female = _random.NextDouble() < 0.82;
            var name = NewName(female);
            // The first two or three are young specialists; then an adapting teacher, one who wants digital skills, one tired.
            var young = index < 2 + _random.Next(0, 2);
            var (years, qualification, categories) = index switch
            {
                _ when young => (_random.Next(0, 3), "none", new[] { "young_specialist" }),
                3 => (_random.Next(5, 15), "first", new[] { "adapting" }),
                4 => (_random.Next(25, 38), "highest", new[] { "digital_skills" }),
                6 => (_random.Next(15, 25), "first", new[] { "burnout" }),
                _ => (_random.Next(8, 36), _random.NextDouble() < 0.6 ? "highest" : "first", Array.Empty<string>()),
            };
            var position = index == 5 && school.Kind != SchoolKind.SupportCentre ? "заместитель директора по УВР, " + post.Position : post.Position;
            var consent = last ? null : new GiveConsent("self", null, ConsentDay,
                "участие в программе наставничества; ФИО, должность, преподаваемые предметы, стаж, квалификационная категория, адрес электронной почты",
                NextDocument());
            var details = consent is null ? null : new PersonDetailsDraft(post.Subjects, years, qualification, categories, Email(name));
            var person = await RegisterAsync(new RegisterPerson("teacher", name, position, null, null, consent, details), ct);
            if (person is null || !person.HasValidConsent) return;

            var subject = post.Subjects.FirstOrDefault();
            if (categories.Length > 0)
                await MenteeAsync(person, Difficulties(categories[0]), TeacherRequests(categories[0], subject), post.Subjects,
                    categories[0] == "digital_skills" ? "other" : "teacher_teacher", ct);
            else if (years >= 12 && _mentors.Count(m => m.Kind == PersonKinds.Teacher) < 5)
            {
                var competencies = new List<string>();
                if (subject is not null) competencies.Add($"методика преподавания: {subject}");
                if (subject is not null && school.Kind != SchoolKind.PrimarySchoolKindergarten) competencies.Add($"подготовка к ОГЭ и ЕГЭ: {subject}");
                competencies.AddRange(TeacherCompetencies.OrderBy(_ => _random.Next()).Take(2));
                string[] forms = position.StartsWith("заместитель") ? ["leader_teacher", "teacher_teacher"]
                    : _random.NextDouble() < 0.5 ? ["teacher_teacher", "teacher_student"] : ["teacher_teacher"];
                await MentorAsync(person, [.. competencies], post.Subjects, _random.Next(1, 4), forms, ct);
            }
        }

        private async Task StudentAsync(int index, (int From, int To) grades, bool last, CancellationToken ct)
        {
            var female = _random.NextDouble() < 0.5;
            var name = NewName(female, patronymic: true);
            var grade = _random.Next(grades.From, grades.To + 1);
            var letter = school.Kind == SchoolKind.PrimarySchoolKindergarten ? "" : _random.NextDouble() < 0.5 ? "А" : "Б";
            var birthYear = SchoolYear - 6 - grade;
            var minor = Person.IsMinor(PersonKinds.Student, birthYear, ConsentDay.Year);
            var surname = name.Split(' ')[0];
            var guardian = minor ? $"{(surname.EndsWith('а') ? surname : surname + "а")} {Pick(FemaleNames)} {Pick(Patronymics).Female}" : null;
            var category = school.Kind == SchoolKind.SupportCentre
                ? Pick<string>(["disabilities", "behaviour", "hard_life_situation", "low_results", "disengaged"])
                : index % 4 == 0 ? "gifted" : index % 4 == 1 ? "low_results" : index % 8 == 2 ? Pick<string>(["behaviour", "disengaged", "hard_life_situation"]) : null;
            var subject = Pick<string>(grade <= 4 ? ["математика", "русский язык", "окружающий мир"] : ["математика", "русский язык", "физика", "английский язык", "информатика", "биология"]);
            // One or two consents are still being collected.
            var consent = last || index == 5 ? null : new GiveConsent(minor ? "guardian" : "self", guardian, ConsentDay,
                "участие в программе наставничества; ФИО, класс, год рождения, категория наставляемого, предмет", NextDocument());
            var details = consent is null || category is null ? null : new PersonDetailsDraft([subject], null, null, [category]);
            var person = await RegisterAsync(new RegisterPerson("student", name, $"{grade}{letter}", birthYear, null, consent, details), ct);
            if (person is null || !person.HasValidConsent) return;

            if (category == "gifted" && grade >= 8)
                await MentorAsync(person, [$"помощь в подготовке к контрольным работам: {subject}", "адаптация пятиклассников", "вовлечение в школьные проекты"],
                    [subject], _random.Next(1, 3), ["student_student"], ct);
            else if (category == "gifted")
                await MenteeAsync(person, [], [$"олимпиадная подготовка: {subject}", "проектная и исследовательская деятельность"], [subject], "teacher_student", ct);
            else if (category == "low_results")
                await MenteeAsync(person, [$"пробелы в знаниях: {subject}"], [grade switch { 9 => $"подготовка к ОГЭ: {subject}", >= 10 => $"подготовка к ЕГЭ: {subject}", _ => $"помощь в подготовке к контрольным работам: {subject}" }],
                    [subject], _random.NextDouble() < 0.5 ? "student_student" : "teacher_student", ct);
            else if (category is not null)
                await MenteeAsync(person, [Pick<string>(["трудности в общении со сверстниками", "не участвует в жизни класса", "нарушает дисциплину на уроках"])],
                    ["вовлечение в школьные проекты", category == "disabilities" ? "индивидуальная поддержка на уроках, работа с детьми с ОВЗ" : "поддержка наставника-сверстника"],
                    [], category == "disabilities" ? "teacher_student" : "student_student", ct);
        }

        private async Task ExternalAsync(ExternalMentor e, CancellationToken ct)
        {
            var name = NewName(_random.NextDouble() < 0.5);
            int? birthYear = e.Role == "college_student" ? SchoolYear - 20 : null;
            var person = await RegisterAsync(new RegisterPerson("external", name, e.Position, birthYear, e.Role,
                new GiveConsent("self", null, ConsentDay, "участие в программе наставничества в качестве наставника; ФИО, место работы или учёбы, адрес электронной почты", NextDocument()),
                new PersonDetailsDraft(e.Subjects, e.Role == "veteran_teacher" ? _random.Next(30, 45) : null, null, null, Email(name))), ct);
            if (person is not null)
                await MentorAsync(person, e.Competencies, e.Subjects, _random.Next(1, 3), e.Forms, ct,
                    e.Role == "college_student" ? "по субботам, дистанционно" : "раз в две недели, по договорённости");
        }

        private async Task<Person?> RegisterAsync(RegisterPerson c, CancellationToken ct)
        {
            var id = Guid.CreateVersion7();
            var (events, details) = PersonCommands.Register(id, c, _today, now, Guid.CreateVersion7());
            if (details is not null) await PersonDetailsTable.SaveAsync(session, id, details, now, ct);
            session.Events.StartStream<Person>(id, events);
            return session.Store.Fold<Person>(null, events);
        }

        private async Task MentorAsync(Person person, string[] competencies, string[] subjects, int capacity, string[] forms, CancellationToken ct,
            string? availability = null)
        {
            var until = _random.NextDouble() < 0.5 ? new DateOnly(SchoolYear + 1, 6, 30) : (DateOnly?)null;
            if (until < _today) until = null;
            var (events, profile) = PoolCommands.JoinMentorPool(person, new JoinMentorPool(person.Id, competencies, subjects, capacity,
                availability ?? Pick<string>(["по вторникам и четвергам после уроков", "по средам, 15:00–16:30", "на переменах и после 6-го урока", "по понедельникам, методический час"]),
                until, forms), _today, now);
            await PoolProfiles.SaveMentorAsync(session, person.Id, profile, now, ct);
            session.Events.Append(person.Id, events);
            _mentors.Add((person.Id, person.Kind));
        }

        private async Task MenteeAsync(Person person, string[] difficulties, string[] requests, string[] subjects, string form, CancellationToken ct)
        {
            var (events, profile) = PoolCommands.JoinMenteePool(person, new JoinMenteePool(person.Id, difficulties, requests, subjects, form), now);
            await PoolProfiles.SaveMenteeAsync(session, person.Id, profile, now, ct);
            session.Events.Append(person.Id, events);
        }

        private Task QuestionnaireAsync(CancellationToken ct)
        {
            var id = Guid.CreateVersion7();
            session.Events.StartStream<Questionnaire>(id, QuestionnaireCommands.Create(id, new CreateQuestionnaire("mentors", "Анкета потенциального наставника",
                "Для формирования банка наставников (анкетирование среди педагогов, желающих принять участие в программе наставничества).",
                [
                    new QuestionDraft("Оцените свою готовность стать наставником", "scale"),
                    new QuestionDraft("Какая форма наставничества вам ближе?", "choice", ["Педагог – педагог", "Учитель – ученик", "Руководитель – педагог", "Другая"]),
                    new QuestionDraft("В чём вы можете помочь наставляемому?", "text"),
                    new QuestionDraft("Сколько часов в месяц вы готовы уделять наставничеству?", "choice", ["до 2 часов", "2–4 часа", "больше 4 часов"], false),
                ]), now));
            return Task.CompletedTask;
        }

        private string NextDocument() => $"С-{SchoolYear}/{++_documents:000}";

        private string NewName(bool female, bool patronymic = true)
        {
            while (true)
            {
                var surname = Pick(Surnames);
                var name = female
                    ? $"{surname}а {Pick(FemaleNames)}{(patronymic ? " " + Pick(Patronymics).Female : "")}"
                    : $"{surname} {Pick(MaleNames)}{(patronymic ? " " + Pick(Patronymics).Male : "")}";
                if (_names.Add(name)) return name;
            }
        }

        private string Email(string fullName)
        {
            var parts = fullName.Split(' ');
            var slug = school.SchoolId.ToString()[^3..];
            return $"{Translit(parts[1][..1])}.{Translit(parts[0])}@school{slug}.example";
        }

        private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
    }

    private static string[] Difficulties(string category) => category switch
    {
        "young_specialist" => ["дисциплина на уроке и управление классом", "работа с родителями"],
        "adapting" => ["адаптация в новом коллективе", "требования к документации в новой школе"],
        "digital_skills" => ["электронный журнал и цифровые образовательные ресурсы"],
        _ => ["усталость, профилактика эмоционального выгорания"],
    };

    private static string[] TeacherRequests(string category, string? subject) => category switch
    {
        "young_specialist" => subject is null
            ? ["составление рабочей программы по ФГОС", "классное руководство"]
            : [$"методика преподавания: {subject}", "составление рабочей программы по ФГОС", "классное руководство"],
        "adapting" => ["знакомство с традициями школы", "классное руководство и работа с родителями"],
        "digital_skills" => ["цифровые образовательные ресурсы и электронный журнал", "дистанционные уроки"],
        _ => ["профилактика эмоционального выгорания", "обмен опытом с коллегами"],
    };

    private static readonly string[] TeacherCompetencies =
    [
        "классное руководство и работа с родителями", "дисциплина на уроке и управление классом", "составление рабочей программы по ФГОС",
        "цифровые образовательные ресурсы и электронный журнал", "проектная и исследовательская деятельность", "олимпиадная подготовка",
        "работа с детьми с ОВЗ", "профилактика эмоционального выгорания", "адаптация в новом коллективе",
    ];

    private static (string, string[])[] Positions(SchoolKind kind) => kind switch
    {
        SchoolKind.PrimarySchoolKindergarten =>
        [
            ("учитель начальных классов", ["математика", "русский язык", "окружающий мир"]), ("учитель начальных классов", ["математика", "русский язык", "литературное чтение"]),
            ("воспитатель", []), ("учитель английского языка", ["английский язык"]), ("учитель начальных классов", ["математика", "окружающий мир"]),
            ("музыкальный руководитель", ["музыка"]), ("педагог-психолог", []), ("учитель-логопед", ["русский язык"]), ("учитель физической культуры", ["физическая культура"]),
        ],
        SchoolKind.SupportCentre =>
        [
            ("педагог-психолог", []), ("учитель-логопед", ["русский язык"]), ("учитель-дефектолог", []), ("социальный педагог", []),
            ("педагог-психолог", []), ("педагог дополнительного образования", ["информатика"]), ("методист", []), ("учитель-логопед", ["русский язык"]),
            ("педагог-психолог", []), ("тьютор", []),
        ],
        _ =>
        [
            ("учитель математики", ["математика"]), ("учитель русского языка и литературы", ["русский язык", "литература"]),
            ("учитель английского языка", ["английский язык"]), ("учитель начальных классов", ["математика", "русский язык"]),
            ("учитель истории и обществознания", ["история", "обществознание"]), ("учитель физики", ["физика"]), ("учитель информатики", ["информатика"]),
            ("учитель химии и биологии", ["химия", "биология"]), ("учитель математики", ["математика"]), ("учитель географии", ["география"]),
            ("педагог-психолог", []), ("учитель физической культуры", ["физическая культура"]), ("учитель английского языка", ["английский язык"]),
            ("учитель технологии", ["технология"]), ("учитель русского языка и литературы", ["русский язык", "литература"]),
        ],
    };

    private sealed record ExternalMentor(string Role, string Position, string[] Competencies, string[] Subjects, string[] Forms);

    private static readonly ExternalMentor[] Externals =
    [
        new("veteran_teacher", "ветеран педагогического труда, учитель математики (на пенсии)",
            ["методика преподавания: математика", "подготовка к ОГЭ и ЕГЭ: математика", "классное руководство и работа с родителями"], ["математика"], ["teacher_teacher", "teacher_student"]),
        new("employer", "инженер-технолог лесоперерабатывающего предприятия",
            ["профориентация: инженерные профессии", "проектная и исследовательская деятельность"], ["технология", "физика"], ["employer_student"]),
        new("college_student", "студент 3 курса педагогического колледжа",
            ["олимпиадная подготовка: информатика", "цифровые образовательные ресурсы"], ["информатика"], ["university_student_student"]),
        new("university_teacher", "доцент кафедры педагогики и психологии",
            ["профилактика эмоционального выгорания", "адаптация в новом коллективе", "составление рабочей программы по ФГОС"], [], ["university_teacher_young_teacher"]),
        new("parent", "родитель обучающегося, тренер спортивной секции",
            ["вовлечение в школьные проекты", "работа с подростками: дисциплина и поведение"], ["физическая культура"], ["other"]),
    ];

    private static readonly string[] Surnames =
    [
        "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев",
        "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров",
        "Зайцев", "Борисов", "Яковлев", "Григорьев", "Романов", "Сергеев", "Кузьмин", "Фролов", "Дмитриев", "Гусев", "Ильин", "Максимов",
        "Поляков", "Сорокин", "Виноградов", "Белов", "Медведев", "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов", "Комаров", "Давыдов",
        "Беляев", "Герасимов", "Богданов", "Осипов", "Матвеев", "Титов", "Марков", "Миронов", "Крылов", "Куликов", "Карпов", "Власов",
        "Денисов", "Тихонов", "Данилов", "Фомин", "Калинин", "Лазарев", "Климов", "Голубев", "Прохоров", "Трофимов", "Леонов", "Ермаков",
        "Канев", "Чупров", "Артеев", "Рочев", "Истомин", "Терентьев", "Хозяинов", "Носов", "Мезенцев", "Шахов",
    ];

    private static readonly string[] MaleNames =
    [
        "Александр", "Алексей", "Андрей", "Артём", "Владимир", "Дмитрий", "Евгений", "Иван", "Игорь", "Кирилл", "Максим", "Михаил",
        "Никита", "Павел", "Роман", "Сергей", "Степан", "Тимофей", "Фёдор", "Ярослав", "Матвей", "Егор", "Даниил", "Илья", "Глеб", "Лев",
    ];

    private static readonly string[] FemaleNames =
    [
        "Анна", "Анастасия", "Валентина", "Виктория", "Галина", "Дарья", "Екатерина", "Елена", "Ирина", "Ксения", "Людмила", "Мария",
        "Наталья", "Ольга", "Полина", "Светлана", "Софья", "Татьяна", "Ульяна", "Юлия", "Алина", "Вера", "Надежда", "Варвара", "Алиса",
    ];

    private static readonly (string Male, string Female)[] Patronymics =
    [
        ("Александрович", "Александровна"), ("Алексеевич", "Алексеевна"), ("Андреевич", "Андреевна"), ("Владимирович", "Владимировна"),
        ("Дмитриевич", "Дмитриевна"), ("Евгеньевич", "Евгеньевна"), ("Иванович", "Ивановна"), ("Игоревич", "Игоревна"),
        ("Михайлович", "Михайловна"), ("Николаевич", "Николаевна"), ("Павлович", "Павловна"), ("Сергеевич", "Сергеевна"),
        ("Викторович", "Викторовна"), ("Юрьевич", "Юрьевна"), ("Олегович", "Олеговна"), ("Васильевич", "Васильевна"),
        ("Анатольевич", "Анатольевна"), ("Петрович", "Петровна"), ("Константинович", "Константиновна"), ("Геннадьевич", "Геннадьевна"),
    ];

    private static string Translit(string text)
    {
        const string ru = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
        string[] en = ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"];
        return string.Concat(text.ToLowerInvariant().Select(ch => ru.IndexOf(ch) is var i and >= 0 ? en[i] : ch.ToString()));
    }
}
