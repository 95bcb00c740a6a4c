using Alba;
using Platform.Mentoring.Programs;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring;

/// <summary>
/// A personalized program as the seed 003 template (its plan, meetings and the nine criteria with the scores), and the orders
/// completing and extending it: the pair named in the genitive, the number and date typed for the order or blanks to fill.
/// </summary>
public sealed class ProgramDocumentsTests(FakeClockApi api) : IClassFixture<FakeClockApi>
{
    private MentoringScenario S => new(api, MentoringScenario.Sosh1);

    private async Task<byte[]> Bytes(string url) => await (await S.Get(url)).ReadAsBytesAsync();

    private async Task<string> Text(string url)
    {
        var first = await Bytes(url);
        (await Bytes(url)).ShouldBe(first);
        return await DocxText.CheckAsync(first);
    }

    private async Task<ProgramView> Program(string mentor, string mentee)
    {
        var order = await S.Order($"{mentor.Split(' ')[0]}-од");
        var pair = await S.Approve((await S.Pair(await S.Mentor(mentor), [await S.Mentee(mentee)])).Id, order.Id);
        return await S.Post(S.Programs, ProgramsTests.Body(pair.Id), 201).Json<ProgramView>();
    }

    [Fact]
    public async Task The_program_reads_as_the_seed_003_template_with_its_plan_meetings_and_scores()
    {
        api.Clock.AdjustTime(new DateTimeOffset(2025, 10, 20, 9, 0, 0, TimeSpan.Zero));
        var program = await Program("Петров Иван Иванович", "Иванова Мария Петровна");
        var url = $"{S.Programs}/{program.Id}/document.docx";
        var before = await Text(url);
        before.ShouldContain("Оценка: не проводилась");

        await S.Post($"{S.Programs}/{program.Id}/meetings", new { kind = "organizational", date = "2025-09-23", notes = "Знакомство, запрос наставляемой" }, 201);
        await S.Post($"{S.Programs}/{program.Id}/evaluations", new
        {
            scores = EvaluationCriteria.All.Zip(new[] { 2, 2, 2, 2, 2, 2, 1, 2, 1 }).ToDictionary(x => x.First.Code, x => x.Second), evaluatedOn = "2025-10-15",
        }, 201);

        var text = await Text(url);
        text.ShouldNotBe(before);
        text.ShouldContain("Утверждаю");
        text.ShouldContain("ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА", Case.Sensitive);
        text.ShouldContain("разработана совместно наставником Петровым Иваном Ивановичем (учитель) и наставляемой Ивановой Марией Петровной (учитель) "
            + "для решения ПРОБЛЕМЫ: Затруднения молодого педагога");
        text.ShouldContain("ФОРМА наставничества: Педагог – педагог", Case.Sensitive);
        text.ShouldContain("ВИД наставничества: Традиционное наставничество");
        text.ShouldContain("1. Освоить приёмы управления классом");
        text.ShouldContain("2. Подготовить и провести родительское собрание");
        text.ShouldContain("Добровольность; Гуманность");
        text.ShouldContain("СРОК РЕАЛИЗАЦИИ ПРОГРАММЫ: с 22.09.2025 по 21.03.2026 (6 мес.)", Case.Sensitive);
        text.ShouldContain("ПЛАН ВЗАИМОДЕЙСТВИЯ", Case.Sensitive);
        text.ShouldContain("Посещение уроков наставника");
        text.ShouldContain("30.11.2025");
        text.ShouldContain("Протокол собрания");
        text.ShouldContain("Организационная встреча");
        text.ShouldContain("Знакомство, запрос наставляемой");
        text.ShouldContain("III. КРИТЕРИИ ОЦЕНКИ ВЫПОЛНЕНИЯ ПРОГРАММЫ И ЕЕ ЭФФЕКТИВНОСТИ", Case.Sensitive);
        foreach (var c in EvaluationCriteria.All) text.ShouldContain(c.Indicator);
        text.ShouldContain("Оценка: 16 баллов из 18 — оптимальный уровень (15–18 баллов), 15.10.2025");
        text.ShouldContain("9–14 баллов — допустимый уровень");
    }

    [Fact]
    public async Task The_completion_and_extension_orders_name_the_pair_in_the_genitive_with_the_typed_number_or_blanks()
    {
        api.Clock.AdjustTime(new DateTimeOffset(2026, 3, 25, 9, 0, 0, TimeSpan.Zero));
        var program = await Program("Ильин Илья Ильич", "Кузьмина Ольга Николаевна");
        var completion = $"{S.Programs}/{program.Id}/completion-order.docx";
        var extension = $"{S.Programs}/{program.Id}/extension-order.docx";
        (await MentoringScenario.Detail(S.Get(completion, 409))).ShouldStartWith("Программа не завершена");
        (await MentoringScenario.Detail(S.Get(extension, 409))).ShouldStartWith("Программа не продлевалась");

        api.Clock.AdjustTime(new DateTimeOffset(2025, 10, 20, 9, 0, 0, TimeSpan.Zero));
        await S.Post($"{S.Programs}/{program.Id}/extend", new { endOn = "2026-06-30", reason = "Наставляемая ушла на больничный.", agreedOn = "2025-10-15" });
        var extended = await Text($"{extension}?number=№ 88&date=20.10.2025");
        extended.ShouldContain("20 октября 2025 г.");
        extended.ShouldContain("№ 88");
        extended.ShouldNotContain("№ №");
        extended.ShouldContain("О продлении срока реализации персонализированной программы наставничества");
        extended.ShouldContain("1. Продлить до 30 июня 2026 г. срок реализации персонализированной программы наставничества наставника Ильина Ильи Ильича "
            + "(учитель) и наставляемой Кузьминой Ольги Николаевны (учитель)");
        extended.ShouldContain("по взаимному согласию участников (15.10.2025)");
        extended.ShouldContain("3. Наставнику Ильину Илье Ильичу внести изменения");

        api.Clock.AdjustTime(new DateTimeOffset(2026, 3, 25, 9, 0, 0, TimeSpan.Zero));
        await S.Post($"{S.Programs}/{program.Id}/complete", new { reason = "curator_initiative", note = "Встречи не проводились", completedOn = "2026-03-20" });
        await S.Post($"{S.Programs}/{program.Id}/evaluations", new
        {
            scores = EvaluationCriteria.All.ToDictionary(c => c.Code, _ => 1), evaluatedOn = "2026-03-24",
        }, 201);
        var completed = await Text(completion);
        completed.ShouldContain("«__» ______ 20__ г.");
        completed.ShouldContain("№ ____");
        completed.ShouldContain("О завершении реализации персонализированной программы наставничества");
        completed.ShouldContain("1. Завершить 20 марта 2026 г. реализацию персонализированной программы наставничества наставника Ильина Ильи Ильича (учитель) "
            + "и наставляемой Кузьминой Ольги Николаевны (учитель)");
        completed.ShouldContain("срок реализации с 22.09.2025 по 30.06.2026 (9 мес.)");
        completed.ShouldContain("2. Основание: по инициативе куратора");
        completed.ShouldContain("(Встречи не проводились).");
        completed.ShouldContain("3. Принять к сведению оценку выполнения программы и ее эффективности: 9 баллов из 18 — допустимый уровень.");

        (await MentoringScenario.Error(S.Get($"{completion}?date=31.02.2026", 400), "date")).ShouldBe("Дата приказа — в виде «07.12.2026».");
        (await MentoringScenario.Error(S.Get($"{completion}?number={new string('1', 51)}", 400), "number")).ShouldBe("Номер приказа длиннее 50 символов.");
        await S.Get($"{S.Programs}/{Guid.NewGuid()}/completion-order.docx", 404);
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"school:{MentoringScenario.Oosh}"));
            s.Get.Url($"/api/schools/{MentoringScenario.Oosh}/programs/{program.Id}/document.docx");
            s.StatusCodeShouldBe(404);
        });
    }
}
