using Alba;
using Platform.EventStore;
using Platform.Identity.Accounts;
using Platform.Identity.Demo;
using Platform.Mentoring.Recognition.Contests;
using Platform.Tenancy.Access;
using Platform.Tenancy.Demo;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring.Recognition;

/// <summary>
/// A contest of a district or a school: the organiser names the jury from its own accounts and nominates candidates from
/// completed programs; each juror scores each candidate (changeable until the results); the winners get places; the award
/// order is a DOCX.
/// </summary>
public sealed class ContestsTests(FakeClockApi api) : IClassFixture<FakeClockApi>
{
    private RecognitionScenario R => new(api, MentoringScenario.Sosh1);
    private MentoringScenario S => R.S;
    private static string Contests => RecognitionScenario.DistrictContests;

    private Task<IScenarioResult> Docx(string url, string token, int status = 200) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Get.Url(url);
        s.StatusCodeShouldBe(status);
    });

    [Fact]
    public async Task A_district_contest_from_nomination_to_the_award_order()
    {
        var (pair, program) = await R.CompletedProgram("Конкурсов", evaluation: [2, 2, 2, 2, 2, 2, 2, 1, 1]);
        var (_, other) = await R.CompletedProgram("Соперников");
        var district = R.DistrictToken;

        var errors = (await S.Post(Contests, new { nomination = "own", from = "2025-10-01", to = "2025-09-01" }, 400, district).Json()).GetProperty("errors");
        errors.GetProperty("title")[0].GetString().ShouldBe("Укажите название своей номинации.");
        errors.GetProperty("to")[0].GetString().ShouldBe("Окончание конкурса — не раньше его начала.");
        await S.Post(Contests, new { nomination = "mentor_of_year", from = "2025-09-01", to = "2025-12-20" }, 403);
        var contest = await S.Post(Contests, new { nomination = "mentor_of_year", from = "2025-09-01", to = "2025-12-20", description = "Муниципальный этап" },
            201, district).Json<ContestView>();
        contest.Title.ShouldBe("Наставник года");
        contest.LevelName.ShouldBe("Муниципальный конкурс");
        var url = $"{Contests}/{contest.Id}";

        // The jury: the district's own accounts.
        var accounts = await S.Get<List<JuryAccount>>($"{Contests}/jury-accounts", district);
        var curator = accounts.Single(a => a.UserName == "district.curator");
        var second = await AccountCommands.CreateAsync(api.Services, "jury.district", "Жюрина Ольга Ивановна", Roles.DistrictCurator,
            TenantScope.District(DemoDistrict.DistrictId), DemoAccounts.Password, "test");
        (await MentoringScenario.Error(S.Post($"{url}/jury", new { accountId = Guid.NewGuid() }, 400, district), "accountId")).ShouldContain("нет у организатора");
        var schoolAccount = (await S.Get<List<JuryAccount>>($"/api/schools/{S.School}/contests/jury-accounts")).First();
        await S.Post($"{url}/jury", new { accountId = schoolAccount.Id }, 400, district);
        await S.Post($"{url}/jury", new { accountId = curator.Id }, 200, district);
        await S.Post($"{url}/jury", new { accountId = second.Id }, 200, district);
        (await MentoringScenario.Detail(S.Post($"{url}/jury", new { accountId = curator.Id }, 409, district))).ShouldBe("Мартюшева Галина Анатольевна уже в жюри.");

        // Candidates from completed programs of the district's schools; the evaluation goes with them.
        var choices = await S.Get<List<ProgramChoice>>($"{Contests}/programs", district);
        choices.ShouldContain(c => c.ProgramId == program.Id && c.EvaluationTotal == 16 && c.EvaluationLevel == "оптимальный");
        var (_, running) = await R.CompletedProgram("Незавершёнов", complete: false);
        (await MentoringScenario.Detail(S.Post($"{url}/candidates", new { schoolId = S.School, programId = running.Id }, 409, district)))
            .ShouldBe("Программа ещё не завершена: кандидаты выдвигаются по завершённым программам.");
        (await MentoringScenario.Error(S.Post($"{url}/candidates", new { schoolId = Guid.NewGuid(), programId = program.Id }, 400, district), "schoolId"))
            .ShouldContain("не участвует в конкурсе");
        var withFirst = await S.Post($"{url}/candidates", new { schoolId = S.School, programId = program.Id, note = "Автор методики взаимопосещений" }, 200, district)
            .Json<ContestView>();
        var first = withFirst.Ranking.Single();
        (first.Names, first.EvaluationTotal, first.EvaluationLevel).ShouldBe(("Конкурсова Галина Петровна", 16, "оптимальный"));
        first.PersonIds.ShouldBe([pair.Mentor.PersonId]);
        var secondCandidate = (await S.Post($"{url}/candidates", new { schoolId = S.School, programId = other.Id }, 200, district)
            .Json<ContestView>()).Ranking.Single(c => c.Id != first.Id);
        (await MentoringScenario.Detail(S.Post($"{url}/candidates", new { schoolId = S.School, programId = program.Id }, 409, district)))
            .ShouldBe("Кандидат по этой программе уже выдвинут.");

        // Scores: jurors only, 1 to 10, one per juror and candidate, changeable.
        var juror1 = api.TokenFor(curator.Id, curator.UserName, [Roles.DistrictCurator], TenantScope.District(DemoDistrict.DistrictId));
        var juror2 = api.TokenFor(second.Id, second.UserName!, [Roles.DistrictCurator], TenantScope.District(DemoDistrict.DistrictId));
        (await MentoringScenario.Detail(S.Post($"{url}/candidates/{first.Id}/score", new { score = 7 }, 409, district)))
            .ShouldBe("Оценивают только члены жюри этого конкурса.");
        (await MentoringScenario.Error(S.Post($"{url}/candidates/{first.Id}/score", new { score = 11 }, 400, juror1), "score"))
            .ShouldBe("Оценка — целое число от 1 до 10.");
        await S.Post($"{url}/candidates/{first.Id}/score", new { score = 6, comment = "Сильная программа" }, 200, juror1);
        await S.Post($"{url}/candidates/{first.Id}/score", new { score = 9, comment = "Пересмотрено: сильная программа" }, 200, juror1);
        await S.Post($"{url}/candidates/{first.Id}/score", new { score = 8 }, 200, juror2);
        await S.Post($"{url}/candidates/{secondCandidate.Id}/score", new { score = 5 }, 200, juror2);
        await S.Post($"{url}/candidates/{Guid.NewGuid()}/score", new { score = 5 }, 404, juror2);
        var ranked = await S.Get<ContestView>(url, district);
        ranked.Ranking.Select(c => (c.Id, c.Average)).ShouldBe([(first.Id, 8.5m), (secondCandidate.Id, 5m)]);
        ranked.Ranking[0].Scores.Select(s => (s.JurorName, s.Score, s.Comment)).ShouldBe([
            ("Мартюшева Галина Анатольевна", 9, "Пересмотрено: сильная программа"), ("Жюрина Ольга Ивановна", 8, null)], ignoreOrder: true);

        // No order before the results; the winners with places.
        (await MentoringScenario.Detail(Docx($"{url}/award-order.docx", district, 409))).ShouldContain("после подведения итогов");
        await S.Post($"{url}/winners", new { winners = new[] { new { candidateId = first.Id, place = 4 } } }, 400, district);
        var announced = await S.Post($"{url}/winners", new
        {
            winners = new[] { new { candidateId = first.Id, place = 1 }, new { candidateId = secondCandidate.Id, place = 2 } },
        }, 200, district).Json<ContestView>();
        announced.AnnouncedOn.ShouldBe(new DateOnly(2025, 10, 1));
        announced.Ranking.Select(c => c.Place).ShouldBe([1, 2]);
        (await MentoringScenario.Detail(S.Post($"{url}/candidates/{first.Id}/score", new { score = 1 }, 409, juror1)))
            .ShouldBe("Итоги конкурса подведены 01.10.2025: изменения не принимаются.");

        var bytes = await (await Docx($"{url}/award-order.docx", district)).ReadAsBytesAsync();
        (await (await Docx($"{url}/award-order.docx", district)).ReadAsBytesAsync()).ShouldBe(bytes);
        var text = await DocxText.ReadAsync(bytes);
        text.ShouldContain("ПРИКАЗ");
        text.ShouldContain("О поощрении победителей конкурса «Наставник года»");
        text.ShouldContain("проведённого с 01.09.2025 по 20.12.2025");
        text.ShouldContain("ПРИКАЗЫВАЮ:");
        text.ShouldContain("Конкурсова Галина Петровна");
        text.ShouldContain("Соперникова Галина Петровна");
        text.ShouldContain("8,5");
        text.ShouldContain("Начальник Управления образования");

        // The awards: the person's, the school's, the district's.
        var mine = await S.Get<List<AwardRow>>($"/api/schools/{S.School}/awards?personId={pair.Mentor.PersonId}");
        mine.Single().ShouldBe(new AwardRow(contest.Id, "Наставник года", "Муниципальный конкурс", 1, "Конкурсова Галина Петровна", S.School,
            mine.Single().SchoolName, new DateOnly(2025, 10, 1)));
        (await S.Get<List<AwardRow>>($"/api/schools/{S.School}/awards?personId={pair.Mentees[0].PersonId}")).ShouldBeEmpty();
        (await S.Get<List<AwardRow>>($"/api/districts/{DemoDistrict.DistrictId}/awards", district)).Where(a => a.ContestId == contest.Id)
            .Select(a => a.Place).ShouldBe([1, 2]);
        (await S.Get<List<EventHistoryItem>>($"{url}/history", district)).Select(h => h.Title).Distinct()
            .ShouldBe(["Конкурс объявлен", "Включён в жюри", "Выдвинут кандидат", "Оценка члена жюри", "Итоги подведены"]);
    }

    [Fact]
    public async Task A_school_contest_takes_its_own_programs_and_names_the_pair()
    {
        var (pair, program) = await R.CompletedProgram("Парнов");
        var contests = $"/api/schools/{S.School}/contests";
        var contest = await S.Post(contests, new { nomination = "best_pair", from = "2025-09-01", to = "2025-12-25" }, 201).Json<ContestView>();
        var oosh = await new RecognitionScenario(api, MentoringScenario.Oosh).CompletedProgram("Чужов");
        (await MentoringScenario.Error(S.Post($"{contests}/{contest.Id}/candidates", new { schoolId = MentoringScenario.Oosh, programId = oosh.Program.Id }, 400),
            "schoolId")).ShouldContain("не участвует в конкурсе");
        var view = await S.Post($"{contests}/{contest.Id}/candidates", new { schoolId = S.School, programId = program.Id }).Json<ContestView>();
        view.Ranking.Single().Names.ShouldBe("Парнова Галина Петровна — Парнов Илья Сергеевич");
        view.Ranking.Single().PersonIds.ShouldBe([pair.Mentor.PersonId, pair.Mentees[0].PersonId]);
        (await MentoringScenario.Detail(S.Post($"{contests}/{contest.Id}/winners",
            new { winners = new[] { new { candidateId = view.Ranking[0].Id, place = 1 } } }, 409)))
            .ShouldStartWith("Жюри ещё не оценило: Парнова Галина Петровна — Парнов Илья Сергеевич.");
        // The district does not reach a school's contest through its own routes.
        await S.Get($"{Contests}/{contest.Id}", 404, R.DistrictToken);
        (await S.Get<List<ContestRow>>(contests)).Single(c => c.Id == contest.Id).NominationName.ShouldBe("Лучшая пара");
    }
}
