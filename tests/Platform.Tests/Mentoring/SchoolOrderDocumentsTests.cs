using Alba;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Programs;
using Platform.Mentoring.RoadMaps;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring;

/// <summary>
/// The orders a school's registered acts produce by their kind — approval of the regulation and the road map, the curator's
/// appointment (names in the accusative), the encouragement of mentors (names in the dative) — read by LibreOffice as text and
/// printed to PDF; the same data gives the same bytes; a kind without a layout is refused in Russian.
/// </summary>
public sealed class SchoolOrderDocumentsTests(FakeClockApi api) : IClassFixture<FakeClockApi>
{
    private MentoringScenario S => new(api, MentoringScenario.Sosh1);

    private async Task<LocalActView> Act(string kind, string number, string date, string title)
    {
        await api.ClearDemoOrdersAsync(MentoringScenario.Sosh1); // the demo registers the seeds' orders and appointments
        return await S.Post($"/api/schools/{S.School}/local-acts", new { kind, number, date, title }, 201).Json<LocalActView>();
    }

    private Task<IScenarioResult> Download(Guid act, int status = 200) => S.Get($"/api/schools/{S.School}/local-acts/{act}/document.docx", status);

    /// <summary>The document twice (the same bytes), then as LibreOffice reads it, after checking it prints to PDF.</summary>
    private async Task<string> Text(Guid act)
    {
        var first = await (await Download(act)).ReadAsBytesAsync();
        (await (await Download(act)).ReadAsBytesAsync()).ShouldBe(first);
        return await DocxText.CheckAsync(first);
    }

    [Fact]
    public async Task The_curator_order_names_the_people_the_order_appointed_in_the_accusative()
    {
        api.Clock.AdjustTime(new DateTimeOffset(2026, 9, 10, 9, 0, 0, TimeSpan.Zero));
        var order = await Act("curator_appointment", "№ 45-од", "2026-09-01", "О назначении куратора системы наставничества");
        (await MentoringScenario.Detail(Download(order.Id, 409))).ShouldContain("никто не назначен");

        await S.Post($"/api/schools/{S.School}/appointments", new
        {
            role = "curator", personName = "Кузьмина Ольга Николаевна", position = "заместитель директора по УВР", orderId = order.Id,
        }, 201);
        await S.Post($"/api/schools/{S.School}/appointments", new
        {
            role = "psychologist", personName = "Ильин Илья Ильич", position = "педагог-психолог", orderId = order.Id, from = "2026-09-02",
        }, 201);

        var text = await Text(order.Id);
        text.ShouldContain("ПРИКАЗ", Case.Sensitive);
        text.ShouldContain("1 сентября 2026 г.");
        text.ShouldContain("№ 45-од");
        text.ShouldNotContain("№ №");
        text.ShouldContain("О назначении куратора системы наставничества");
        text.ShouldContain("ПРИКАЗЫВАЮ:", Case.Sensitive);
        text.ShouldContain("1. Назначить с 1 сентября 2026 г. куратором системы наставничества педагогических работников Кузьмину Ольгу Николаевну "
            + "(заместитель директора по УВР).");
        text.ShouldContain("2. Назначить с 2 сентября 2026 г. ответственным за психолого-педагогическую поддержку и сопровождение "
            + "наставляемых Ильина Илью Ильича (педагог-психолог).");
        text.ShouldContain("3. Куратору системы наставничества Кузьминой Ольге Николаевне обеспечить");
        text.ShouldContain("4. Контроль за исполнением настоящего приказа оставляю за собой.");
        text.ShouldContain("Директор");

        var final = await Act("final_event", "46-од", "2026-09-01", "О проведении итогового мероприятия");
        (await MentoringScenario.Detail(Download(final.Id, 409))).ShouldBe("Для вида «Приказ о проведении итогового мероприятия» документ не формируется: приложите скан приказа к акту.");
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"school:{MentoringScenario.Oosh}"));
            s.Get.Url($"/api/schools/{MentoringScenario.Oosh}/local-acts/{order.Id}/document.docx");
            s.StatusCodeShouldBe(404);
        });
    }

    [Fact]
    public async Task The_regulation_and_road_map_orders_name_the_school_s_regulation_and_road_map_with_their_years()
    {
        api.Clock.AdjustTime(new DateTimeOffset(2025, 9, 10, 9, 0, 0, TimeSpan.Zero));
        var roadMapOrder = await Act("road_map_approval", "12/2", "2025-09-05", "Об утверждении дорожной карты на 2025/2026 учебный год");
        var regulation = await Act("regulation", "12/1", "2025-09-05", "Положение о системе наставничества педагогических работников МБОУ СОШ № 1");
        await S.Post($"/api/schools/{S.School}/road-maps", new
        {
            title = "Дорожная карта реализации положения «Утверждаемая»", firstYear = 2025, years = 1,
            stages = new object[] { new { title = "Подготовительный", activities = new object[] { new { title = "Приказ", period = new { kind = "date", date = "2025-09-15" } } } } },
        }, 201);

        var text = await Text(regulation.Id);
        text.ShouldContain("5 сентября 2025 г.");
        text.ShouldContain("№ 12/1");
        text.ShouldContain("Об утверждении положения о системе наставничества педагогических работников и дорожной карты");
        text.ShouldContain("1. Утвердить и ввести в действие с 5 сентября 2025 г.:");
        text.ShouldContain("1.1. Положение о системе наставничества педагогических работников МБОУ СОШ № 1 (приложение 1).", Case.Sensitive);
        text.ShouldContain("1.2. Дорожную карту (план мероприятий) «Дорожная карта реализации положения «Утверждаемая»» на 2025/2026 учебный год (приложение 2).");

        var map = await Text(roadMapOrder.Id);
        map.ShouldContain("Об утверждении дорожной карты на 2025/2026 учебный год");
        map.ShouldContain("положением «Положение о системе наставничества педагогических работников МБОУ СОШ № 1», утверждённым приказом от 05.09.2025 № 12/1", Case.Sensitive);
        map.ShouldContain("1. Утвердить дорожную карту (план мероприятий) «Дорожная карта реализации положения «Утверждаемая»» на 2025/2026 учебный год (приложение).");
    }

    [Fact]
    public async Task The_encouragement_order_thanks_the_mentors_of_programs_completed_at_the_optimal_level_in_the_dative()
    {
        api.Clock.AdjustTime(new DateTimeOffset(2026, 3, 25, 9, 0, 0, TimeSpan.Zero));
        var empty = await Act("encouragement", "77", "2025-10-01", "О поощрении наставников");
        (await MentoringScenario.Detail(Download(empty.Id, 409))).ShouldContain("нет программ, завершённых с оптимальным уровнем оценки");

        var pairOrder = await Act("pair_approval", "76", "2025-09-20", "Об утверждении наставнических пар (групп)");
        async Task Completed(string mentor, string mentee, int[] scores)
        {
            var pair = await S.Approve((await S.Pair(await S.Mentor(mentor), [await S.Mentee(mentee)])).Id, pairOrder.Id);
            var program = await S.Post(S.Programs, ProgramsTests.Body(pair.Id), 201).Json<ProgramView>();
            await S.Post($"{S.Programs}/{program.Id}/complete", new { reason = "curator_initiative", note = "Досрочно по решению куратора", completedOn = "2026-03-20" });
            await S.Post($"{S.Programs}/{program.Id}/evaluations", new
            {
                scores = EvaluationCriteria.All.Zip(scores).ToDictionary(x => x.First.Code, x => x.Second), evaluatedOn = "2026-03-24",
            }, 201);
        }
        await Completed("Кузьмина Галина Петровна", "Кузьмин Илья Сергеевич", [2, 2, 2, 2, 2, 2, 2, 2, 1]);
        await Completed("Черных Павел Андреевич", "Черных Анна Сергеевна", [2, 2, 2, 2, 2, 2, 2, 1, 1]);
        await Completed("Дольский Пётр Ильич", "Дольская Юлия Петровна", [1, 1, 1, 1, 1, 1, 1, 1, 1]);

        var order = await Act("encouragement", "78", "2026-03-25", "О поощрении наставников по итогам 2025/2026 учебного года");
        var text = await Text(order.Id);
        text.ShouldContain("25 марта 2026 г.");
        text.ShouldContain("с 26.03.2025 по 25.03.2026");
        text.ShouldContain("1. Объявить благодарность за результативную наставническую деятельность");
        text.ShouldContain("Кузьминой Галине Петровне (учитель) — 17 баллов из 18.");
        text.ShouldContain("Черных Павлу Андреевичу (учитель) — 16 баллов из 18.");
        text.ShouldNotContain("Дольск");
    }
}
