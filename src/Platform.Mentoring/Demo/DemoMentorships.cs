using Microsoft.Extensions.Logging;
using Platform.EventStore;
using Platform.Mentoring.Appointments;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Monitoring;
using Platform.Mentoring.People;
using Platform.Mentoring.Programs;
using Platform.Tenancy.Demo;
using Platform.Tenancy.Registry;

namespace Platform.Mentoring.Demo;

/// <summary>
/// The demo schools' pairs: for each school, an order approving the pairs and two to five pairs formed from the demo
/// pools (mentors and mentees with consents, forms that fit), each with a personalized program in the wording of the
/// seed 003 template and the meetings held so far; one program is completed and evaluated by the nine criteria.
/// Written through the same decisions as the API. Once per school (after the demo people).
/// </summary>
public static class DemoMentorships
{
    public static async Task<int> SeedAsync(DocumentStore store, TimeProvider time, ILogger logger, CancellationToken ct = default)
    {
        var created = 0;
        for (var i = 0; i < DemoDistrict.Schools.Count; i++)
        {
            var school = DemoDistrict.Schools[i];
            await using var session = store.LightweightSession(TenantScope.School(school.SchoolId));
            session.UserName = "demo-seed";
            if ((await session.QueryAsync("SELECT 1 FROM mentoring.mentorships WHERE tenant_id = $1 LIMIT 1", r => r.GetInt32(0), ct, school.SchoolId)).Count > 0)
                continue;
            created += await new SchoolPairs(session, school, i, time.GetUtcNow()).SeedAsync(ct);
            await session.SaveChangesAsync(ct);
        }
        if (created > 0) logger.LogInformation("Seeded {Count} demo mentorships with their programs", created);
        return created;
    }

    private sealed record MentorRow(Guid Id, string FullName, string Kind, int Capacity, DateOnly? AvailableUntil, string[] Forms);

    private sealed record MenteeRow(Guid Id, string FullName, string Kind, string? Form, string[] Requests, string[] Difficulties);

    private sealed class SchoolPairs(DocumentSession session, SchoolRegistered school, int index, DateTimeOffset now)
    {
        private readonly Random _random = new(BitConverter.ToInt32(school.SchoolId.ToByteArray(), 12) + 5);
        private readonly DateOnly _today = DateOnly.FromDateTime(now.UtcDateTime);
        private readonly List<(Guid ProgramId, MonitoringSurveyTaken Survey, Dictionary<string, int> Scores)> _surveys = [];
        private int SchoolYear => _today.Month >= 9 ? _today.Year : _today.Year - 1;
        // The people's consents are of 15 September (DemoPeople); the pairs are approved ten days later.
        private DateOnly ConsentDay => Min(new DateOnly(SchoolYear, 9, 15), _today);
        private DateOnly OrderDay => Min(ConsentDay.AddDays(10), _today);

        public async Task<int> SeedAsync(CancellationToken ct)
        {
            var mentors = await session.QueryAsync("""
                SELECT p.id, p.full_name, p.kind, m.capacity, m.available_until, m.preferred_forms
                  FROM mentoring.mentor_profiles m JOIN mentoring.people p ON p.tenant_id = m.tenant_id AND p.id = m.person_id
                 WHERE m.tenant_id = $1 AND p.in_mentor_pool AND p.has_consent
                 ORDER BY p.full_name
                """, r => new MentorRow(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4),
                    r.GetFieldValue<string[]>(5)), ct, school.SchoolId);
            var mentees = await session.QueryAsync("""
                SELECT p.id, p.full_name, p.kind, m.desired_form, m.requests, m.difficulties
                  FROM mentoring.mentee_profiles m JOIN mentoring.people p ON p.tenant_id = m.tenant_id AND p.id = m.person_id
                 WHERE m.tenant_id = $1 AND p.in_mentee_pool AND p.has_consent
                 ORDER BY p.full_name
                """, r => new MenteeRow(r.GetGuid(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                    r.GetFieldValue<string[]>(4), r.GetFieldValue<string[]>(5)), ct, school.SchoolId);

            var taken = new Dictionary<Guid, int>();
            var pairs = new List<(MentorRow Mentor, List<MenteeRow> Mentees)>();
            var paired = new HashSet<Guid>();
            var wanted = _random.Next(2, 6);
            var candidates = mentees.Where(m => m.Form is not null and not "other").OrderBy(_ => _random.Next()).ToList();
            foreach (var mentee in candidates)
            {
                if (pairs.Count == wanted) break;
                if (!paired.Add(mentee.Id)) continue;
                bool Fits(MentorRow m, MenteeRow x) => m.Id != x.Id && m.Forms.Contains(x.Form!) && (m.AvailableUntil is null || m.AvailableUntil >= _today)
                    && MentorshipCommands.FormMismatch(x.Form!, Facts(m, 0), [Facts(x)]) is null;
                var mentor = mentors.Where(m => Fits(m, mentee) && taken.GetValueOrDefault(m.Id) < m.Capacity)
                    .OrderByDescending(m => m.Capacity - taken.GetValueOrDefault(m.Id)).ThenBy(m => m.FullName, StringComparer.Ordinal)
                    .FirstOrDefault();
                if (mentor is null)
                {
                    paired.Remove(mentee.Id);
                    continue;
                }
                var group = new List<MenteeRow> { mentee };
                // One group per school, when a mentor has room for two who want the same form (not the first pair: its program is completed).
                if (pairs.Count == 1 && mentor.Capacity - taken.GetValueOrDefault(mentor.Id) >= 2
                    && candidates.FirstOrDefault(x => !paired.Contains(x.Id) && x.Form == mentee.Form && Fits(mentor, x)) is { } second)
                {
                    group.Add(second);
                    paired.Add(second.Id);
                }
                taken[mentor.Id] = taken.GetValueOrDefault(mentor.Id) + group.Count;
                pairs.Add((mentor, group));
            }
            if (pairs.Count == 0) return 0;

            var orderId = Guid.CreateVersion7();
            var order = LocalActCommands.Register(orderId, new RegisterLocalAct(LocalActKind.PairApproval, $"{61 + index * 7}-од", OrderDay,
                $"Об утверждении наставнических пар (групп) на {SchoolYear}/{SchoolYear + 1} учебный год", null), _today);
            session.Events.StartStream<LocalAct>(orderId, order);
            var facts = new OrderFacts(orderId, order.Kind, order.Number, order.Date, false);

            taken.Clear();
            for (var i = 0; i < pairs.Count; i++) Pair(pairs[i].Mentor, pairs[i].Mentees, facts, taken, completed: i == 0);
            foreach (var (programId, survey, scores) in _surveys) await MonitoringAnswers.SaveAsync(session, programId, survey, scores, now, ct);
            return pairs.Count;
        }

        private void Pair(MentorRow mentor, IReadOnlyList<MenteeRow> mentees, OrderFacts order, Dictionary<Guid, int> taken, bool completed)
        {
            var people = mentees.ToDictionary(m => m.Id, Facts);
            people[mentor.Id] = Facts(mentor, taken.GetValueOrDefault(mentor.Id));
            var signed = Min(ConsentDay.AddDays(5), OrderDay);
            var id = Guid.CreateVersion7();
            var first = mentees[0];
            var events = new List<object>(MentorshipCommands.Propose(id, new ProposeMentorship(mentor.Id, mentees.Select(m => m.Id).ToArray(), first.Form,
                mentees.Count > 1 ? MentoringKind.Group : KindFor(first.Form!), Topic(first),
                [.. people.Keys.Select(p => new PairConsentDraft(p, signed))]), people, _today, now));
            var mentorship = session.Store.Fold<Mentorship>(null, events)!;
            var approved = MentorshipCommands.Approve(mentorship, new ApproveMentorship(order.Id), order, people);
            events.Add(approved);
            mentorship = session.Store.Fold(mentorship, [approved])!;
            session.Events.StartStream<Mentorship>(id, [.. events]);
            taken[mentor.Id] = taken.GetValueOrDefault(mentor.Id) + mentees.Count;

            ProgramFor(mentorship, first, completed);
        }

        private void ProgramFor(Mentorship mentorship, MenteeRow mentee, bool completed)
        {
            var start = Min(mentorship.ActiveFrom!.Value.AddDays(5), _today);
            var end = completed ? ProgramCommands.EarliestEnd(start) : ProgramCommands.LatestEnd(start).AddMonths(-3);
            var teacher = mentee.Kind == PersonKinds.Teacher;
            var needs = mentee.Requests.Length > 0 ? mentee.Requests : mentee.Difficulties;
            var rows = needs.Take(3).Select((need, i) => new PlanRowDraft(Capitalize(need),
                teacher ? $"Наставляемый самостоятельно справляется: {need}" : $"Устранены пробелы, наставляемый уверенно справляется: {need}",
                teacher ? Pick<string>(["Консультация, взаимопосещение уроков", "Совместная разработка материалов", "Беседа, анализ урока"])
                    : Pick<string>(["Совместное решение задач", "Консультация перед контрольной работой", "Проектная работа"]),
                start.AddDays((end.DayNumber - start.DayNumber) * (i + 1) / (Math.Min(needs.Length, 3) + 1)),
                teacher ? Pick<string>(["Анализ урока", "Собеседование", "Отчёт наставника"]) : Pick<string>(["Контрольная работа", "Защита проекта", "Собеседование"])))
                .ToArray();
            var id = Guid.CreateVersion7();
            var events = new List<object>(ProgramCommands.Create(id, new CreateProgram(mentorship.Id,
                (teacher ? "Профессиональные затруднения: " : "Затруднения обучающегося: ") + string.Join("; ", mentee.Difficulties.Length > 0 ? mentee.Difficulties : needs),
                teacher
                    ? "Устранение выявленных профессиональных затруднений наставляемого и поддержка его сильных сторон"
                    : "Максимально полное раскрытие потенциала личности наставляемого, необходимое для успешной личной и профессиональной самореализации",
                needs.Take(3).Select(n => $"Отработать с наставником: {n}").ToArray(),
                teacher
                    ? "Наставляемый уверенно решает задачи, с которыми обратился; сформирована потребность в профессиональном росте"
                    : "Повышение образовательных результатов и вовлечённости наставляемого в жизнь школы",
                start, end, null, null,
                teacher ? "Встречи в кабинете наставника после уроков, взаимопосещение уроков" : "Встречи после уроков в кабинете наставника, помощь классного руководителя",
                teacher ? "Беседа, консультация, взаимопосещение уроков, совместная разработка материалов, анализ и самоанализ урока"
                    : "Беседа, совместное решение задач, проектная работа, консультации",
                rows), mentorship, otherInProgress: false, now, Guid.CreateVersion7));
            var program = session.Store.Fold<MentoringProgram>(null, events)!;
            void Add(object e)
            {
                events.Add(e);
                program = session.Store.Fold(program, [e])!;
            }

            var finalOn = completed && end <= _today ? end.AddDays(-3) : (DateOnly?)null;
            var lastDay = Min(finalOn?.AddDays(-1) ?? end, _today);
            (MeetingKind Kind, int Day, string Notes)[] first =
            [
                (MeetingKind.Organizational, 0, "Знакомство, обсуждены ожидания наставляемого и правила взаимодействия"),
                (MeetingKind.Trial, 7, "Пробная рабочая встреча: разобран первый запрос наставляемого"),
                (MeetingKind.Planning, 14, "Составлен план взаимодействия, согласован график регулярных встреч"),
            ];
            foreach (var (kind, day, notes) in first)
                if (start.AddDays(day) <= lastDay) Add(ProgramCommands.HoldMeeting(program, Guid.CreateVersion7(), new HoldMeeting(kind, start.AddDays(day), notes), _today));
            for (var day = start.AddDays(28); day <= lastDay && program.Held(MeetingKind.Planning) is not null; day = day.AddDays(14))
                Add(ProgramCommands.HoldMeeting(program, Guid.CreateVersion7(), new HoldMeeting(MeetingKind.Regular, day, "Рабочая встреча по плану взаимодействия"), _today));
            foreach (var row in program.Plan.Where(r => r.Deadline <= lastDay).ToList())
                Add(ProgramCommands.MarkDone(program, row.Id, new MarkPlanRowDone(row.Deadline), _today));
            var entry = new Dictionary<Guid, Dictionary<string, int>>();
            if (start.AddDays(45) is var interimOn && interimOn <= lastDay)
                foreach (var person in mentorship.Participants)
                    entry[person] = Survey(person, MonitoringStage.Interim, interimOn, _ => _random.Next(5, 9));

            if (completed)
            {
                var plannedToEnd = finalOn is not null && program.Held(MeetingKind.Regular) is not null && program.Plan.All(r => r.Done);
                if (plannedToEnd)
                {
                    Add(ProgramCommands.HoldMeeting(program, Guid.CreateVersion7(),
                        new HoldMeeting(MeetingKind.Final, finalOn!.Value, "Подведены итоги программы: наставляемый представил результаты работы"), _today));
                    Add(ProgramCommands.Complete(program, new CompleteProgram(CompletionReason.PlanCompleted, null, end), _today));
                }
                else
                    // Too early in the school year for a program of three months to have run its course.
                    Add(ProgramCommands.Complete(program, new CompleteProgram(CompletionReason.ParticipantInitiative,
                        "По обоюдному решению наставника и наставляемого: запрос наставляемого решён досрочно, дальше он работает самостоятельно", null), _today));
                foreach (var person in entry.Keys)
                    Survey(person, MonitoringStage.Final, program.CompletedOn!.Value, code => Math.Min(10, entry[person].GetValueOrDefault(code, 7) + _random.Next(0, 4)));
                int[] points = plannedToEnd ? [2, 2, 2, 2, 2, 1, 1, 2, 1] : [2, 1, 2, 2, 1, 1, 1, 2, 1];
                Add(ProgramCommands.Evaluate(program, new EvaluateProgram(
                    EvaluationCriteria.All.Zip(points).ToDictionary(x => x.First.Code, x => (int?)x.Second), program.CompletedOn,
                    "Итоговая оценка куратора по критериям программы"), _today, Guid.CreateVersion7()));
            }
            session.Events.StartStream<MentoringProgram>(id, [.. events]);

            Dictionary<string, int> Survey(Guid person, MonitoringStage stage, DateOnly on, Func<string, int> score)
            {
                var role = MonitoringCommands.RoleOf(mentorship, person)!.Value;
                var answers = MonitoringSurvey.For(role).ToDictionary(i => i.Code, i => (int?)score(i.Code));
                var (taken, scores) = MonitoringCommands.Take(program, mentorship, new Respondent(person, "", true), new TakeSurvey(person, stage, answers, on),
                    _today, Guid.CreateVersion7());
                Add(taken);
                _surveys.Add((id, taken, scores));
                return scores;
            }
        }

        private static MentoringKind KindFor(string form) => form switch
        {
            "student_student" or "employer_student" => MentoringKind.ShortTerm,
            "university_student_student" or "university_teacher_young_teacher" => MentoringKind.Virtual,
            _ => MentoringKind.Traditional,
        };

        private static string? Topic(MenteeRow mentee) => (mentee.Requests.Length > 0 ? mentee.Requests : mentee.Difficulties).FirstOrDefault();

        private static ParticipantFacts Facts(MentorRow m, int taken) =>
            new(m.Id, m.FullName, m.Kind, true, true, false, m.Capacity, m.AvailableUntil, taken, null);

        private static ParticipantFacts Facts(MenteeRow m) => new(m.Id, m.FullName, m.Kind, true, false, true, null, null, 0, null);

        private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

        private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

        private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
    }
}
