using System.Diagnostics;
using Npgsql;
using Platform.EventStore;
using Platform.Mentoring.Appointments;
using Platform.Mentoring.Coverage;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.People;
using Platform.Mentoring.Pools;
using Platform.Mentoring.Programs;
using Platform.Mentoring.RoadMaps;

namespace Platform.Bench;

/// <summary>
/// Fills a region for the dashboard benchmark: districts of 50 schools, each school with four school years of mentoring (BENCH_YEARS, ≈9.5M events at 1,000 schools)
/// (staff and participating students with consents, pools, pairs approved by order, programs with plan rows, meetings,
/// completions and evaluations, a road map per year, acts and a curator), all appended through the real event store with
/// the real inline projections, one transaction per school and year. Made-up names only. Deterministic per school.
/// </summary>
public sealed class RegionGenerator(DocumentStore store, string ownerConnection, int years = 4)
{
    public static readonly Guid Region = Guid.Parse("00000000-0000-4000-8000-0000000d0a00");
    public static Guid District(int d) => Guid.Parse($"00000000-0000-4000-8001-{d:D12}");
    public static Guid School(int s) => Guid.Parse($"00000000-0000-4000-8002-{s:D12}");
    public const int SchoolsPerDistrict = 50;

    private static readonly string[] Surnames = ["Иванова", "Петрова", "Смирнова", "Кузнецова", "Попова", "Васильева", "Соколова", "Михайлова", "Новикова", "Фёдорова",
        "Морозова", "Волкова", "Алексеева", "Лебедева", "Семёнова", "Егорова", "Павлова", "Козлова", "Степанова", "Николаева"];
    private static readonly string[] Given = ["Анна", "Мария", "Елена", "Ольга", "Татьяна", "Наталья", "Ирина", "Светлана", "Юлия", "Екатерина"];
    private static readonly string[] Patronymics = ["Ивановна", "Петровна", "Сергеевна", "Александровна", "Николаевна", "Владимировна"];
    private static readonly string[] Forms = ["teacher_teacher", "teacher_student", "student_student", "leader_teacher"];

    public async Task SeedRegistryAsync(int schools)
    {
        await using var c = new NpgsqlConnection(ownerConnection);
        await c.OpenAsync();
        await Exec(c, "INSERT INTO registry.regions VALUES ($1, $1, 'G1', 'Генерируемый регион', 'Институт развития образования', 'Europe/Moscow', 1) ON CONFLICT DO NOTHING", Region);
        var districts = (schools + SchoolsPerDistrict - 1) / SchoolsPerDistrict;
        for (var d = 0; d < districts; d++)
            await Exec(c, "INSERT INTO registry.districts VALUES ($1, $2, $1, $3, $3, 'Europe/Moscow', 1) ON CONFLICT DO NOTHING", Region, District(d), $"Муниципальный район № {d + 1}");
        for (var s = 0; s < schools; s++)
            await Exec(c, "INSERT INTO registry.schools VALUES ($1, $2, $1, $3, $4, 'school', 'Europe/Moscow', NULL, NULL, 1) ON CONFLICT DO NOTHING",
                District(s / SchoolsPerDistrict), School(s), $"Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № {s + 1}»", $"МБОУ СОШ № {s + 1}");
    }

    private static async Task Exec(NpgsqlConnection c, string sql, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Generates every school not generated yet (a rerun continues), with <paramref name="writers"/> concurrent writers.</summary>
    public async Task<long> GenerateAsync(int schools, int writers, DateOnly today)
    {
        var done = new HashSet<Guid>();
        await using (var c = new NpgsqlConnection(ownerConnection))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT tenant_id FROM reporting.school_rollups", c);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) done.Add(r.GetGuid(0));
        }
        long events = 0, finished = 0;
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            int s;
            while ((s = Interlocked.Increment(ref next)) < schools)
            {
                if (done.Contains(School(s))) continue;
                var n = await SchoolAsync(s, today);
                var total = Interlocked.Add(ref events, n);
                var f = Interlocked.Increment(ref finished);
                if (f % 10 == 0 || s == schools - 1)
                    Console.Error.WriteLine($"    generated {f:N0} schools, {total:N0} events, {total / clock.Elapsed.TotalSeconds:N0} events/s, {clock.Elapsed:mm\\:ss}");
            }
        })));
        return events;
    }

    private async Task<long> SchoolAsync(int index, DateOnly today)
    {
        var school = School(index);
        var random = new Random(index * 7919 + 17);
        var currentYear = SchoolYears(today);
        var teachers = random.Next(25, 95);
        var students = teachers * random.Next(8, 14);
        var staff = new List<Guid>();
        long count = 0;
        var teacherIds = new List<Guid>();
        string Name() => $"{Surnames[random.Next(Surnames.Length)]} {Given[random.Next(Given.Length)]} {Patronymics[random.Next(Patronymics.Length)]}";

        // Year one: the acts, the curator, the staff.
        await using (var session = Session(school))
        {
            var acts = random.NextDouble();
            var first = new DateOnly(currentYear - years + 1, 9, 1).AddDays(random.Next(60));
            if (acts < 0.92) Act(session, LocalActKind.Regulation, "Об утверждении положения о системе наставничества", first);
            if (acts < 0.85) Act(session, LocalActKind.RoadMapApproval, "Об утверждении дорожной карты", first);
            if (acts < 0.9)
            {
                var order = Act(session, LocalActKind.CuratorAppointment, "О назначении куратора", first);
                session.Events.StartStream<Appointment>(Guid.NewGuid(), new StaffAppointed(Guid.NewGuid(), StaffRole.Curator, Name(), "заместитель директора", null, order, first));
            }
            for (var t = 0; t < teachers; t++)
            {
                var id = Guid.NewGuid();
                teacherIds.Add(id);
                var events = new List<object> { new PersonRegistered(id, "teacher", null, Name(), "учитель", null, DateTimeOffset.UtcNow) };
                if (random.NextDouble() < 0.93) events.Add(new ConsentGiven(id, Guid.NewGuid(), "self", null, first, "mentoring", null));
                session.Events.StartStream<Person>(id, [.. events]);
            }
            session.Events.StartStream<SchoolYearTotals>(CoverageCommands.TotalsStream(school, currentYear), new SchoolYearTotalsEntered(currentYear, teachers, students));
            count += await SaveAsync(session);
        }

        var mentors = teacherIds.Take(Math.Max(2, teachers / 4)).ToList();
        await using (var session = Session(school))
        {
            foreach (var m in mentors) session.Events.Append(m, new JoinedMentorPool(m, DateTimeOffset.UtcNow));
            count += await SaveAsync(session);
        }

        for (var year = currentYear - years + 1; year <= currentYear; year++)
        {
            await using var session = Session(school);
            var start = new DateOnly(year, 9, 15);
            RoadMap(session, random, year, today);
            if (random.NextDouble() < 0.8) Act(session, LocalActKind.PairApproval, "О закреплении наставнических пар", start);
            // Teacher mentees (young specialists, 12–20 % of the staff) and students (8–14 % of them), new every year.
            var teacherMentees = teacherIds.Skip(mentors.Count).OrderBy(_ => random.Next()).Take(teachers * random.Next(12, 21) / 100).ToList();
            var studentMentees = new List<Guid>();
            for (var i = 0; i < students * random.Next(8, 15) / 100; i++)
            {
                var id = Guid.NewGuid();
                studentMentees.Add(id);
                var events = new List<object> { new PersonRegistered(id, "student", null, Name(), $"{random.Next(5, 11)}{"АБВ"[random.Next(3)]}", year - random.Next(10, 16), DateTimeOffset.UtcNow) };
                if (random.NextDouble() < 0.9) events.Add(new ConsentGiven(id, Guid.NewGuid(), "guardian", Name(), start, "mentoring", null));
                events.Add(new JoinedMenteePool(id, DateTimeOffset.UtcNow));
                session.Events.StartStream<Person>(id, [.. events]);
            }
            foreach (var t in teacherMentees) session.Events.Append(t, new JoinedMenteePool(t, DateTimeOffset.UtcNow));
            var groups = teacherMentees.Select(t => new[] { t })
                .Concat(studentMentees.Chunk(random.Next(1, 4))).ToList();
            foreach (var group in groups)
            {
                var pair = Guid.NewGuid();
                var mentor = mentors[random.Next(mentors.Count)];
                var form = group.Length == 1 && teacherMentees.Contains(group[0]) ? Forms[random.Next(2) * 3] : Forms[1 + random.Next(2)];
                var from = start.AddDays(random.Next(30));
                var pairEvents = new List<object>
                {
                    new MentorshipProposed(pair, mentor, group, form, group.Length > 1 ? MentoringKind.Group : MentoringKind.Traditional, null, DateTimeOffset.UtcNow),
                    new PairConsentRecorded(mentor, from.AddDays(-5), null),
                };
                pairEvents.AddRange(group.Select(g => (object)new PairConsentRecorded(g, from.AddDays(-5), null)));
                pairEvents.Add(new MentorshipApproved(Guid.NewGuid(), $"{random.Next(1, 300)}-ОД", from.AddDays(-1), from));
                var endOn = from.AddMonths(random.Next(6, 10));
                var finished = endOn < today;
                if (finished && random.NextDouble() < 0.9) pairEvents.Add(new MentorshipDissolved(endOn, "программа выполнена"));
                session.Events.StartStream<Mentorship>(pair, [.. pairEvents]);
                Program(session, random, pair, form, from, endOn, today);
            }
            count += await SaveAsync(session);
        }
        return count;
    }

    private void Program(DocumentSession session, Random random, Guid pair, string form, DateOnly from, DateOnly endOn, DateOnly today)
    {
        var id = Guid.NewGuid();
        var events = new List<object>
        {
            new ProgramCreated(id, pair, new ProgramContent("Затруднения в организации урока", "Освоение приёмов работы", ["Посещение уроков", "Совместная подготовка"],
                form, MentoringKind.Traditional, "Проведены открытые уроки", null, null), from, endOn, DateTimeOffset.UtcNow),
        };
        var rows = Enumerable.Range(0, random.Next(8, 14)).Select(i => (Id: Guid.NewGuid(), Deadline: from.AddDays(20 * (i + 1)))).ToList();
        events.AddRange(rows.Select(r => (object)new PlanRowAdded(r.Id, "Совместное занятие по плану", "Разобран урок", "беседа", r.Deadline, "отчёт")));
        events.AddRange(rows.Where(r => r.Deadline < today && random.NextDouble() < 0.85).Select(r => (object)new PlanRowDone(r.Id, r.Deadline, null)));
        for (var day = from; day < endOn && day < today; day = day.AddDays(random.Next(6, 12)))
            events.Add(new MeetingHeld(Guid.NewGuid(), day == from ? MeetingKind.Organizational : MeetingKind.Regular, day, null));
        if (endOn < today)
        {
            events.Add(new MeetingHeld(Guid.NewGuid(), MeetingKind.Final, endOn, null));
            events.Add(new ProgramCompleted(CompletionReason.PlanCompleted, endOn, null));
            var roll = random.NextDouble();
            var (total, level) = roll < 0.6 ? (16, EvaluationLevel.Optimal) : roll < 0.92 ? (12, EvaluationLevel.Acceptable) : (6, EvaluationLevel.Unacceptable);
            events.Add(new ProgramEvaluated(Guid.NewGuid(), endOn, EvaluationCriteria.All.Select(c => new CriterionScore(c.Code, total / 9)).ToArray(), total, level, null));
        }
        session.Events.StartStream<MentoringProgram>(id, [.. events]);
    }

    private static void RoadMap(DocumentSession session, Random random, int year, DateOnly today)
    {
        var id = Guid.NewGuid();
        var events = new List<object> { new RoadMapCreated(id, $"Дорожная карта {year}/{year + 1}", year, 1, null, DateTimeOffset.UtcNow) };
        string[] stages = ["Подготовка условий", "Формирование банков", "Формирование пар", "Реализация программ", "Завершение и мониторинг"];
        foreach (var title in stages)
        {
            var stage = Guid.NewGuid();
            events.Add(new StageAdded(stage, title, null));
            for (var a = 0; a < random.Next(8, 13); a++)
            {
                var activity = Guid.NewGuid();
                var due = new DateOnly(year, 9, 1).AddDays(random.Next(300));
                events.Add(new ActivityAdded(activity, stage, $"Мероприятие {a + 1}: {title.ToLowerInvariant()}", null, Period.OnDate(due), ["curator"], null, null));
                if (due < today && random.NextDouble() < 0.9)
                {
                    events.Add(new ActivityStatusChanged(activity, ActivityStatus.Planned, ActivityStatus.InProgress, null, null));
                    events.Add(new ActivityStatusChanged(activity, ActivityStatus.InProgress, ActivityStatus.Done, "протокол", null));
                }
            }
        }
        session.Events.StartStream<Platform.Mentoring.RoadMaps.RoadMap>(id, [.. events]);
    }

    private static Guid Act(DocumentSession session, LocalActKind kind, string title, DateOnly date)
    {
        var id = Guid.NewGuid();
        session.Events.StartStream<LocalAct>(id, new LocalActRegistered(id, kind, $"{date.DayOfYear}-ОД", date, title, null));
        return id;
    }

    private static int SchoolYears(DateOnly day) => day.Month >= 9 ? day.Year : day.Year - 1;

    private DocumentSession Session(Guid school)
    {
        var session = store.LightweightSession(TenantScope.School(school));
        session.UserName = "generator";
        return session;
    }

    private static async Task<long> SaveAsync(DocumentSession session)
    {
        var n = session.PendingEventCount;
        await session.SaveChangesAsync();
        return n;
    }
}
