using Platform.Domain;
using Platform.Mentoring.RoadMaps;
using Platform.Mentoring.RoadMaps.Templates;

namespace Platform.Tests.Mentoring;

/// <summary>The road maps of the seed documents, entered as data: their shape and a few exact texts, no database.</summary>
public sealed class SeedRoadMapDataTests
{
    public static TheoryData<string> SeedIds => new() { "spb-411-2023", "komi-2022-model", "spb-gym166-2022", "irk-elan-2023", "spb-cppmsp-2024" };

    private static RoadMapTemplate Seed(string id) => SeedRoadMaps.All.Single(t => t.Id == id);

    private static string[] StageTitles(RoadMapTemplate t) => t.Stages.Select(s => s.Title).ToArray();

    private static ActivityDraft Activity(RoadMapTemplate t, int stage, int activity) => t.Stages[stage - 1].Activities![activity - 1];

    [Theory]
    [MemberData(nameof(SeedIds))]
    public void Every_activity_has_a_title_a_valid_period_and_known_roles(string id)
    {
        var t = Seed(id);
        t.Title.ShouldNotBeNullOrWhiteSpace();
        t.Publisher.ShouldNotBeNullOrWhiteSpace();
        t.Source.ShouldNotBeNullOrWhiteSpace();
        t.Years.ShouldBeInRange(1, 5);
        foreach (var stage in t.Stages)
        {
            stage.Title.ShouldNotBeNullOrWhiteSpace();
            stage.Activities.ShouldNotBeNull();
            stage.Activities.ShouldNotBeEmpty();
            foreach (var a in stage.Activities)
            {
                a.Title.ShouldNotBeNullOrWhiteSpace();
                a.Title.ShouldBe(a.Title.Trim());
                a.Title.ShouldNotContain("<");
                (a.Content ?? "").ShouldNotContain("<");
                var v = new Validation();
                Period.Check(a.Period, "period", v);
                Should.NotThrow(v.ThrowIfInvalid);
                (a.ResponsibleRoles ?? []).ShouldAllBe(r => ResponsibleRoles.IsKnown(r));
                if (a.ResponsibleRoles is { Length: > 0 }) a.Responsible.ShouldNotBeNullOrWhiteSpace();
            }
        }
    }

    [Theory]
    [MemberData(nameof(SeedIds))]
    public void A_road_map_can_be_created_from_each_seed(string id)
    {
        var t = Seed(id);
        var events = RoadMapCommands.Create(Guid.NewGuid(), new CreateRoadMap(t.Title, t.BaseYear, t.Years, t.Id, t.StagesFor(t.BaseYear)),
            DateTimeOffset.UnixEpoch, Guid.NewGuid);
        events.Length.ShouldBe(1 + t.Stages.Count + t.ActivityCount);
    }

    [Fact]
    public void Built_in_templates_are_seeds_001_002_004_and_every_seed_has_a_demo_school()
    {
        BuiltInTemplates.All.Select(t => t.Id).ShouldBe(["komi-2022-model", "spb-gym166-2022", "spb-cppmsp-2024"]);
        SeedRoadMaps.All.Select(t => t.Id).Distinct().Count().ShouldBe(5);
        SeedRoadMaps.ForDemo.Select(d => d.Template).Distinct().Count().ShouldBe(5);
        SeedRoadMaps.ForDemo.Select(d => d.SchoolId).Distinct().Count().ShouldBe(6);
        SeedRoadMaps.ForDemo.Single(d => d.SchoolId == Guid.Parse("11000000-0000-4000-8000-000000000063")).Template.ShouldBeSameAs(Seed003Elan.Template);
        SeedRoadMaps.ForDemo.Where(d => d.Template == Seed001Komi.Template).Select(d => d.SchoolId).ShouldBe(
            [Guid.Parse("11000000-0000-4000-8000-000000000001"), Guid.Parse("11000000-0000-4000-8000-000000000002")]);
    }

    [Fact]
    public void Seed_000_school_411()
    {
        var t = Seed000School411.Template;
        (t.Id, t.BaseYear, t.Years).ShouldBe(("spb-411-2023", 2023, 2));
        StageTitles(t).ShouldBe([
            "Подготовка условий для реализации системы наставничества",
            "Формирование банка наставляемых",
            "Формирование банка наставников",
            "Отбор и обучение",
            "Организация и осуществление работы наставнических пар/групп",
            "Завершение персонализированных программ наставничества",
            "Информационная поддержка системы наставничества",
        ]);
        t.ActivityCount.ShouldBe(10);

        var first = Activity(t, 1, 1);
        first.Title.ShouldBe("Подготовка и принятие локальных нормативных правовых актов образовательной организации");
        first.Period.ShouldBe(Period.Months(2023, 10, 2023, 11));
        first.ResponsibleRoles.ShouldBe(["director", "administration", "curator"]);
        first.Responsible.ShouldBe("Директор школы, администрация, куратор");
        Activity(t, 1, 2).ResponsibleRoles.ShouldBe(["director", "administration", "class_teachers", "technical_specialist"]);
        Activity(t, 3, 1).Period.ShouldBe(Period.InMonth(2023, 11));
        Activity(t, 4, 1).Period.ShouldBe(Period.Months(2023, 11, 2023, 12));
        Activity(t, 4, 1).Responsible.ShouldBe("Куратор, педагог-психолог");
        var work = Activity(t, 5, 1);
        work.Title.ShouldBe("Работа с наставнической парой/группой");
        work.Period.ShouldBe(Period.Months(2023, 11, 2024, 10));
        work.ResponsibleRoles.ShouldBe(["curator", "mentors"]);
        work.Content!.ShouldContain("- организация участия наставнических пар в конкурсном движении, семинарах, конференциях");
        Activity(t, 6, 2).Title.ShouldBe("Проведение итогового мероприятия");
        Activity(t, 6, 2).Period.ShouldBe(Period.InMonth(2024, 10));
        Activity(t, 7, 1).Content.ShouldBe("осуществляется на всех этапах на сайте образовательной организации и социальных сетях, по возможности на муниципальном уровне");
    }

    [Fact]
    public void Seed_001_komi_model()
    {
        var t = Seed001Komi.Template;
        t.Id.ShouldBe("komi-2022-model");
        t.Publisher.ShouldBe("Министерство образования, науки и молодежной политики Республики Коми");
        t.Source.ShouldContain("от 21.03.2022 № 143-п");
        StageTitles(t).ShouldBe([
            "Подготовка условий для реализации системы наставничества",
            "Формирование банка наставляемых",
            "Формирование банка наставников",
            "Отбор и обучение",
            "Организация и осуществление работы наставнических пар/групп",
            "Завершение персонализированных программ наставничества",
            "Информационная поддержка системы наставничества",
        ]);
        t.Stages.Select(s => s.Activities!.Count).ShouldBe([1, 2, 2, 2, 3, 3, 1]);
        t.Stages.SelectMany(s => s.Activities!).ShouldAllBe(a => a.Period == null);

        Activity(t, 1, 1).Title.ShouldBe("Подготовка и принятие локальных нормативных правовых актов образовательной организации");
        Activity(t, 1, 1).Content!.ShouldStartWith("1) приказ «Об утверждении положения о системе наставничества педагогических работников в образовательной организации»;");
        Activity(t, 2, 1).Title.ShouldBe("Сбор информации о профессиональных запросах педагогов");
        Activity(t, 2, 1).Content.ShouldBeNull();
        Activity(t, 5, 3).Title.ShouldBe("Организация психолого-педагогической поддержки сопровождения наставляемых, не сформировавших пару или группу (при необходимости), продолжение поиска наставника/наставников");
        Activity(t, 6, 2).Title.ShouldBe("Проведение конференции или семинара");
    }

    [Fact]
    public void Seed_002_gymnasium_166()
    {
        var t = Seed002Gymnasium166.Template;
        (t.Id, t.BaseYear, t.Years).ShouldBe(("spb-gym166-2022", 2022, 1));
        StageTitles(t).ShouldBe([
            "Подготовка условий для реализации системы наставничества",
            "Формирование банка наставляемых",
            "Формирование банка наставников",
            "Отбор и обучение",
            "Организация и осуществление работы наставнических пар",
            "Организация текущего контроля достижения планируемых результатов наставниками",
            "Завершение персонализированных программ наставничества",
            "Информационная поддержка системы наставничества",
        ]);
        t.Stages.Select(s => s.Activities!.Count).ShouldBe([1, 2, 2, 2, 3, 2, 3, 1]);
        t.Stages.SelectMany(s => s.Activities!).ShouldAllBe(a => a.Period == null);

        Activity(t, 4, 1).Title.ShouldBe("Анализ банка и выбор подходящих наставников для педагога/группы педагогов");
        Activity(t, 5, 2).Title.ShouldBe("Издание приказа «О закреплении наставнических пар»");
        Activity(t, 6, 2).Title.ShouldBe("Внесение корректив (при необходимости) в персонализированные программы наставничества");
        Activity(t, 7, 3).Title.ShouldBe("Проведение итогового мероприятия по выявлению лучших практик наставничества и награждение победителя в номинации «Лучшая пара наставник – наставляемый»");
        Activity(t, 8, 1).Title.ShouldBe("Освещение важных мероприятий Дорожной карты на сайте образовательной организации и социальных сетях в специальном разделе");
    }

    [Fact]
    public void Seed_003_malaya_elan()
    {
        var t = Seed003Elan.Template;
        (t.Id, t.BaseYear, t.Years).ShouldBe(("irk-elan-2023", 2023, 1));
        StageTitles(t).ShouldBe([
            "Подготовка условий для запуска программы наставничества",
            "Формирование базы наставляемых",
            "Формирование базы наставников",
            "Отбор и обучение наставников",
            "Формирование наставнических пар / групп",
            "Организация и осуществление работы наставнических пар / групп",
            "Завершение наставничества",
        ]);
        t.Stages.Select(s => s.Activities!.Count).ShouldBe([6, 3, 3, 4, 4, 2, 3]);
        t.ActivityCount.ShouldBe(25);

        Activity(t, 1, 1).Title.ShouldBe("Изучение и систематизация имеющихся материалов по проблеме наставничества");
        Activity(t, 1, 1).Period.ShouldBe(Period.Months(2023, 8, 2023, 9));
        Activity(t, 1, 1).ResponsibleRoles.ShouldBe(["director", "deputy_director"]);
        Activity(t, 1, 4).Content.ShouldBe("2. Проведение административного совещания по вопросам реализации целевой модели наставничества. Выбор форм и программ наставничества.");
        Activity(t, 1, 4).Period.ShouldBe(Period.InMonth(2023, 8));
        Activity(t, 4, 3).Content.ShouldBe("2. Издать приказ об организации «Школы наставников» с утверждение программ и графиков обучения наставников.");
        Activity(t, 4, 3).Period.ShouldBe(Period.InMonth(2023, 10));
        Activity(t, 4, 3).ResponsibleRoles.ShouldBe(["director"]);
        Activity(t, 4, 4).Content.ShouldBe("3. Организовать «Школу наставников» и провести обучение.");
        Activity(t, 5, 3).ResponsibleRoles.ShouldBe(["deputy_director", "mentees"]);
        Activity(t, 6, 1).Period.ShouldBe(Period.Months(2023, 10, 2023, 12));
        Activity(t, 6, 1).Responsible.ShouldBe("Заместитель директора, наставник");
        Activity(t, 7, 1).Period.ShouldBe(Period.Months(2023, 12, 2024, 5));
        Activity(t, 7, 2).Period.ShouldBeNull();
        Activity(t, 7, 3).Responsible.ShouldBe("Заместитель директора, делопроизводитель");
    }

    [Fact]
    public void Seed_004_cppmsp()
    {
        var t = Seed004Cppmsp.Template;
        (t.Id, t.BaseYear, t.Years).ShouldBe(("spb-cppmsp-2024", 2024, 1));
        t.Source.ShouldContain("№ 30-9 о/д");
        StageTitles(t).ShouldBe([
            "Подготовка условий для запуска программы наставничества",
            "Формирование базы наставляемых",
            "Отбор и обучение наставников",
            "Формирование тандемов/ групп",
            "Организация работы тандемов/групп",
            "Завершение наставничества",
        ]);
        t.Stages.Select(s => s.Activities!.Count).ShouldBe([3, 2, 1, 1, 1, 1]);

        var study = Activity(t, 1, 1);
        study.Title.ShouldBe("Изучение нормативной базы и тематических методических материалов");
        study.Period.ShouldBe(Period.InMonth(2024, 9));
        study.ResponsibleRoles.ShouldBe(["director", "deputy_director", "curator", "methodologist"]);
        study.Responsible.ShouldBe("Директор, заместитель директора, ответственный за реализацию Программы наставничества, методисты");
        Activity(t, 1, 2).Period.ShouldBe(Period.Months(2024, 10, 2024, 11));
        Activity(t, 1, 3).Content!.ShouldEndWith("3.4. Обучение куратора.");
        Activity(t, 1, 3).Period.ShouldBe(Period.Months(2024, 9, 2024, 10));
        Activity(t, 2, 1).Period.ShouldBe(Period.Months(2024, 11, 2024, 12));
        Activity(t, 2, 1).ResponsibleRoles.ShouldBe(["curator"]);
        Activity(t, 3, 1).Period.ShouldBe(Period.Months(2024, 9, 2024, 12));
        Activity(t, 5, 1).Title.ShouldBe("Закрепление продуктивных отношений в тандеме/группе");
        Activity(t, 5, 1).Period.ShouldBe(Period.Months(2024, 10, 2025, 5));
        Activity(t, 6, 1).Period.ShouldBe(Period.Months(2025, 5, 2025, 6));
        Activity(t, 6, 1).Content!.ShouldContain("11. Формирование долгосрочной базы наставников.");
    }

    [Fact]
    public void Periods_shift_with_the_school_year()
    {
        var stages = Seed004Cppmsp.Template.StagesFor(2025);
        stages[4].Activities![0].Period.ShouldBe(Period.Months(2025, 10, 2026, 5));
    }
}
