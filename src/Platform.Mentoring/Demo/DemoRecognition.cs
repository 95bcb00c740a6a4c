using Microsoft.Extensions.Logging;
using Platform.EventStore;
using Platform.Mentoring.People;
using Platform.Mentoring.Programs;
using Platform.Mentoring.Recognition.BestPractices;
using Platform.Mentoring.Recognition.Contests;
using Platform.Tenancy.Demo;

namespace Platform.Mentoring.Demo;

/// <summary>
/// The demo district's recognition: the first school's completed program published as a best practice (every participant's
/// consent, a minor's by the guardian of the personal data consent) and nominated by the district to the region; and the
/// district's finished contest «Наставник года» for the school year, its jury the district curator's account, the completed
/// programs of three schools as candidates, the scores and the winners. Written through the same decisions as the API. After
/// the demo accounts (the jury is one of them): without them the contest is left out. Once.
/// </summary>
public static class DemoRecognition
{
    public static readonly Guid PracticeId = Guid.Parse("11000000-0000-4000-8000-0000000b0001");
    public static readonly Guid ContestId = Guid.Parse("11000000-0000-4000-8000-0000000c0001");

    public static async Task SeedAsync(DocumentStore store, TimeProvider time, ILogger logger, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var schools = DemoDistrict.Schools;
        await using var session = store.LightweightSession(TenantScope.District(DemoDistrict.DistrictId));
        session.UserName = "demo-seed";

        var first = schools[0].SchoolId;
        var events = session.ForTenant(first);
        if (await events.FetchStreamStateAsync(PracticeId, ct) is null && await CompletedAsync(session, first, ct) is { } program)
        {
            var participants = await BestPracticeEndpoints.ParticipantsAsync(events, program, today, ct);
            var consents = new List<ConsentDraft>();
            foreach (var p in participants)
            {
                var guardian = p.Minor ? (await events.AggregateStreamAsync<Person>(p.PersonId, ct: ct))?.Consent?.GuardianName ?? "Законный представитель" : null;
                consents.Add(new ConsentDraft(p.PersonId, program.CompletedOn, guardian, p.Role == "mentor"));
            }
            var published = BestPracticeCommands.Publish(PracticeId, new PublishBestPractice(program.Id,
                "Наставничество «" + (program.Content.Form == "teacher_teacher" ? "педагог – педагог" : "учитель – ученик") + "»: от затруднений к самостоятельности",
                "Кейс школы: наставник и наставляемый за время программы разобрали запросы наставляемого на встречах, составили план взаимодействия и "
                + "выполнили его; ключевой приём — взаимопосещение уроков (занятий) с последующим анализом.\n" + program.Content.Problem,
                "Запрос наставляемого решён; наставляемый работает самостоятельно. " + program.Content.PlannedResults, [.. consents]),
                program, participants, publishedAlready: false, today, now);
            events.StartStream<BestPractice>(PracticeId, published);
            var practice = BestPractice.Create(published);
            events.Append(PracticeId, BestPracticeCommands.Nominate(practice, DemoDistrict.DistrictId,
                new NominateBestPractice("Рекомендуется для региональной методической копилки"), program.CompletedOn!.Value.AddDays(3) is var d && d <= today ? d : today));
            logger.LogInformation("Seeded the demo best practice");
        }

        var district = session.Events;
        var juror = (await session.QueryAsync("SELECT id, coalesce(full_name, user_name) FROM identity.accounts WHERE tenant_id = $1 AND user_name = 'district.curator'",
            r => new JuryAccount(r.GetGuid(0), r.GetString(1), "district.curator", false), ct, DemoDistrict.DistrictId)).SingleOrDefault();
        if (juror is not null && await district.FetchStreamStateAsync(ContestId, ct) is null)
        {
            var year = today.Month >= 9 ? today.Year : today.Year - 1;
            var opened = ContestCommands.Open(ContestId, ContestLevel.District, DemoDistrict.DistrictId,
                new OpenContest(Nomination.MentorOfYear, null, new DateOnly(year, 9, 1), new DateOnly(year, 12, 20),
                    "Муниципальный конкурс по итогам завершённых программ наставничества"), now);
            var contest = Contest.Create(opened);
            var log = new List<object> { opened };
            void Add(object e)
            {
                log.Add(e);
                contest = session.Store.Fold(contest, [e])!;
            }
            Add(ContestCommands.AddJuror(contest, new AddJuror(juror.Id), juror));
            var points = new[] { 9, 8, 7 };
            foreach (var school in schools.Take(3))
            {
                if (await CompletedAsync(session, school.SchoolId, ct) is not { } completed) continue;
                var people = await BestPracticeEndpoints.ParticipantsAsync(session.ForTenant(school.SchoolId), completed, today, ct);
                var nominated = ContestCommands.Nominate(contest, Guid.CreateVersion7(), new NominateCandidate(school.SchoolId, completed.Id), school.ShortName, completed,
                    people);
                Add(nominated);
                Add(ContestCommands.Score(contest, nominated.CandidateId, juror.Id, new ScoreCandidate(points[contest.Candidates.Count - 1], "Оценка по итогам программы")));
            }
            if (contest.Candidates.Count > 0)
            {
                Add(ContestCommands.Announce(contest, new AnnounceWinners(contest.Ranking.Select((c, i) => new WinnerDraft(c.Id, i + 1)).ToArray()), today));
                district.StartStream<Contest>(ContestId, [.. log]);
                logger.LogInformation("Seeded the demo contest with {Count} winners", contest.Candidates.Count);
            }
        }
        await session.SaveChangesAsync(ct);
    }

    private static async Task<MentoringProgram?> CompletedAsync(DocumentSession session, Guid school, CancellationToken ct)
    {
        var id = (await session.QueryAsync("SELECT id FROM mentoring.programs WHERE tenant_id = $1 AND status = 'completed' ORDER BY completed_on, id LIMIT 1",
            r => r.GetGuid(0), ct, school)).SingleOrDefault();
        return id == Guid.Empty ? null : await BestPracticeEndpoints.ProgramAsync(session, session.ForTenant(school), id, ct);
    }
}
