using System.Text.Json;
using Platform.Mentoring.RoadMaps;
using Platform.Mentoring.RoadMaps.Templates;
using Platform.Tenancy.Access;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring;

/// <summary>A school curator keeps the school's road map: stages, activities, statuses, reschedules, history.</summary>
public sealed class RoadMapTests(FakeClockApi api) : IClassFixture<FakeClockApi>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");   // Europe/Moscow
    private static readonly Guid Elan = Guid.Parse("11000000-0000-4000-8000-000000000063");    // Asia/Irkutsk
    private static readonly Guid Gym166 = Guid.Parse("11000000-0000-4000-8000-000000000166");

    private string Curator(Guid school) => api.TokenAs($"school:{school}");

    /// <summary>One request with the token; the answer must have this status.</summary>
    private Task<IScenarioResult> Send(string token, Action<Scenario> request, int status = 200) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        request(s);
        s.StatusCodeShouldBe(status);
    });

    private Task<T> Get<T>(Guid school, string url) => Send(Curator(school), s => s.Get.Url(url)).Json<T>();

    private Task<IScenarioResult> Post(Guid school, string url, object body, int status = 200) => Send(Curator(school), s => s.Post.Json(body).ToUrl(url), status);

    private Task<RoadMapView> Create(Guid school, object body) => Post(school, $"/api/schools/{school}/road-maps", body, 201).Json<RoadMapView>();

    private static object Body(string title = "Дорожная карта на 2023/2024 учебный год") => new
    {
        title, firstYear = 2023, years = 1,
        stages = new object[]
        {
            new
            {
                title = "Подготовка условий для реализации системы наставничества", description = "Подготовка и принятие локальных актов",
                activities = new object[]
                {
                    new { title = "Приказ «Об утверждении положения о системе наставничества»", period = new { kind = "months", from = "2023-10", to = "2023-11" },
                          responsibleRoles = new[] { "director", "curator" }, responsible = "Директор школы, куратор", expectedResult = "Приказ издан" },
                    new { title = "Информирование педагогического сообщества", period = new { kind = "month", from = "2023-11" }, responsibleRoles = new[] { "administration" } },
                },
            },
            new
            {
                title = "Завершение персонализированных программ наставничества",
                activities = new object[]
                {
                    new { title = "Мониторинг качества реализации программ", period = new { kind = "date", date = "2024-05-20" } },
                    new { title = "Отчёт о мониторинге в управление образования", period = new { kind = "yearly", month = 12 }, responsibleRoles = new[] { "curator" } },
                    new { title = "Освещение мероприятий на сайте" },
                },
            },
        },
    };

    [Fact]
    public async Task A_road_map_entered_in_full_reads_back_unchanged()
    {
        api.Clock.AdjustTime(new DateTimeOffset(2023, 10, 1, 9, 0, 0, TimeSpan.Zero));
        var created = await Create(Sosh1, Body());
        var read = await Get<RoadMapView>(Sosh1, $"/api/schools/{Sosh1}/road-maps/{created.Id}");

        read.Title.ShouldBe("Дорожная карта на 2023/2024 учебный год");
        read.SchoolYears.ShouldBe("2023/2024 учебный год");
        read.Stages.Select(s => s.Title).ShouldBe(["Подготовка условий для реализации системы наставничества", "Завершение персонализированных программ наставничества"]);
        read.Stages[0].Description.ShouldBe("Подготовка и принятие локальных актов");
        var first = read.Stages[0].Activities[0];
        first.Period.ShouldBe(Period.Months(2023, 10, 2023, 11));
        first.PeriodText.ShouldBe("октябрь – ноябрь 2023");
        first.DueOn.ShouldBe(new DateOnly(2023, 11, 30));
        first.ResponsibleRoles.ShouldBe(["director", "curator"]);
        first.Responsible.ShouldBe("Директор школы, куратор");
        first.ExpectedResult.ShouldBe("Приказ издан");
        first.Status.ShouldBe(ActivityStatus.Planned);
        var last = read.Stages[1].Activities;
        last[0].DueOn.ShouldBe(new DateOnly(2024, 5, 20));
        last[1].PeriodText.ShouldBe("ежегодно, декабрь");
        last[1].DueOn.ShouldBe(new DateOnly(2023, 12, 31));
        last[2].Period.ShouldBeNull();
        read.Activities.ShouldBe(5);
        read.Overdue.ShouldBe(0);

        var list = await Get<List<RoadMapSummary>>(Sosh1, $"/api/schools/{Sosh1}/road-maps");
        list.ShouldContain(m => m.Id == created.Id && m.Stages == 2 && m.Activities == 5);
    }

    [Fact]
    public async Task Overdue_starts_at_the_end_of_the_last_day_in_the_schools_own_time_zone()
    {
        api.Clock.AdjustTime(new DateTimeOffset(2023, 10, 1, 9, 0, 0, TimeSpan.Zero));
        var moscow = await Create(Sosh1, Body("Москва"));
        var irkutsk = await Create(Elan, Body("Иркутск"));

        // 30 November 2023, 17:00 UTC: 20:00 in Moscow (still the last day), 01:00 on 1 December in Irkutsk.
        api.Clock.AdjustTime(new DateTimeOffset(2023, 11, 30, 17, 0, 0, TimeSpan.Zero));
        (await Get<RoadMapView>(Sosh1, $"/api/schools/{Sosh1}/road-maps/{moscow.Id}")).Overdue.ShouldBe(0);
        var late = await Get<RoadMapView>(Elan, $"/api/schools/{Elan}/road-maps/{irkutsk.Id}");
        late.Overdue.ShouldBe(2);
        late.Stages[0].Activities.ShouldAllBe(a => a.Overdue);

        var overdue = await Get<Page<ActivityRow>>(Elan, $"/api/schools/{Elan}/activities?overdue=true&roadMapId={irkutsk.Id}");
        overdue.Items.Select(a => a.Title).ShouldBe(["Приказ «Об утверждении положения о системе наставничества»", "Информирование педагогического сообщества"], ignoreOrder: true);
        (await Get<Page<ActivityRow>>(Sosh1, $"/api/schools/{Sosh1}/activities?overdue=true&roadMapId={moscow.Id}")).Total.ShouldBe(0);

        // The yearly December report falls due at the end of 31 December of the current school year.
        api.Clock.AdjustTime(new DateTimeOffset(2024, 1, 1, 0, 30, 0, TimeSpan.Zero)); // 03:30 in Moscow on 1 January
        var january = await Get<Page<ActivityRow>>(Sosh1, $"/api/schools/{Sosh1}/activities?overdue=true&roadMapId={moscow.Id}&sort=due");
        january.Items.Select(a => a.Title).ShouldBe(["Приказ «Об утверждении положения о системе наставничества»", "Информирование педагогического сообщества", "Отчёт о мониторинге в управление образования"]);
        january.Items[2].DueOn.ShouldBe(new DateOnly(2023, 12, 31));
    }

    [Fact]
    public async Task Done_needs_evidence_a_reschedule_needs_a_reason_and_the_history_tells_who_did_what()
    {
        api.Clock.AdjustTime(new DateTimeOffset(2023, 10, 1, 9, 0, 0, TimeSpan.Zero));
        var map = await Create(Sosh1, Body("Статусы"));
        var activity = map.Stages[0].Activities[1];
        var url = $"/api/schools/{Sosh1}/road-maps/{map.Id}/activities/{activity.Id}";
        var beforeDone = api.Clock.GetUtcNow();

        var noEvidence = await Post(Sosh1, $"{url}/status", new { status = "done" }, 400).Json();
        noEvidence.GetProperty("errors").GetProperty("evidence")[0].GetString()!.ShouldContain("подтверждение");
        var noReason = await Post(Sosh1, $"{url}/reschedule", new { period = new { kind = "month", from = "2023-12" } }, 400).Json();
        noReason.GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        await Post(Sosh1, $"{url}/reschedule", new { period = new { kind = "months", from = "2024-02", to = "2023-12" }, reason = "x" }, 400);

        api.Clock.AdjustTime(new DateTimeOffset(2023, 12, 5, 9, 0, 0, TimeSpan.Zero));
        var moved = await Post(Sosh1, $"{url}/reschedule",
            new { period = new { kind = "month", from = "2023-12" }, reason = "Педсовет перенесён на декабрь" }).Json<RoadMapView>();
        var after = moved.Stages[0].Activities[1];
        after.DueOn.ShouldBe(new DateOnly(2023, 12, 31));
        after.Overdue.ShouldBeFalse();
        after.Reschedules.ShouldBe(1);

        var done = await Post(Sosh1, $"{url}/status", new { status = "done", evidence = "Протокол педсовета № 3 от 12.12.2023" }).Json<RoadMapView>();
        done.Stages[0].Activities[1].Status.ShouldBe(ActivityStatus.Done);
        done.Done.ShouldBe(1);

        var history = await Get<JsonElement>(Sosh1, $"/api/schools/{Sosh1}/road-maps/{map.Id}/history");
        var types = history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        types.ShouldContain("activity_rescheduled");
        types.ShouldContain("activity_status_changed");
        history.EnumerateArray().Last().GetProperty("userName").GetString().ShouldBe("test.schoolcurator");

        var before = await Get<RoadMapView>(Sosh1, $"/api/schools/{Sosh1}/road-maps/{map.Id}?asOf={Uri.EscapeDataString(beforeDone.AddMinutes(1).ToString("O"))}");
        before.Stages[0].Activities[1].Status.ShouldBe(ActivityStatus.Planned);
        before.Stages[0].Activities[1].Reschedules.ShouldBe(0);
    }

    [Fact]
    public async Task Edits_are_checked_against_the_version_and_a_mentor_only_reads()
    {
        var map = await Create(Sosh1, Body("Версии"));
        await Send(Curator(Sosh1), s =>
        {
            s.Patch.Json(new { title = "Новое" }).ToUrl($"/api/schools/{Sosh1}/road-maps/{map.Id}");
            s.WithRequestHeader("If-Match", "\"1\"");
        }, 409);

        var added = (await Post(Sosh1, $"/api/schools/{Sosh1}/road-maps/{map.Id}/stages", new { title = "Информационная поддержка системы наставничества" }, 201)
            .Json<RoadMapView>()).Stages.Last();
        var activity = await Post(Sosh1, $"/api/schools/{Sosh1}/road-maps/{map.Id}/activities",
            new { stageId = added.Id, title = "Раздел на сайте", period = new { kind = "yearly" }, responsibleRoles = new[] { "technical_specialist" } }, 201).Json<RoadMapView>();
        activity.Stages.Last().Activities.Single().DueOn.ShouldNotBeNull();
        await Send(Curator(Sosh1), s => s.Delete.Url($"/api/schools/{Sosh1}/road-maps/{map.Id}/stages/{added.Id}"), 409);
        await Post(Sosh1, $"/api/schools/{Sosh1}/road-maps/{map.Id}/activities", new { stageId = added.Id, title = "Х", responsibleRoles = new[] { "janitor" } }, 400);

        var mentor = api.TokenAs($"school:{Sosh1}", Roles.Mentor);
        await Send(mentor, s => s.Get.Url($"/api/schools/{Sosh1}/road-maps/{map.Id}"));
        await Send(mentor, s => s.Post.Json(new { title = "x" }).ToUrl($"/api/schools/{Sosh1}/road-maps/{map.Id}/stages"), 403);
        await Send(Curator(Gym166), s => s.Get.Url($"/api/schools/{Gym166}/road-maps/{map.Id}"), 404); // another school's stream
    }

    [Fact]
    public async Task A_district_publishes_a_model_road_map_its_schools_create_theirs_from_it()
    {
        var district = api.TokenAs($"district:{Platform.Tenancy.Demo.DemoDistrict.DistrictId}");
        var template = await Send(district, s => s.Post.Json(new
        {
            title = "Примерная дорожная карта района на 2025/2026", source = "Приказ УО от 01.09.2025 № 100", baseYear = 2025, years = 1,
            stages = new object[] { new { title = "Мониторинг", activities = new object[] { new { title = "Сдать мониторинг", period = new { kind = "date", date = "2025-12-23" } } } } },
        }).ToUrl($"/api/districts/{Platform.Tenancy.Demo.DemoDistrict.DistrictId}/road-map-templates"), 201).Json<TemplateSummary>();

        var offered = await Get<List<TemplateSummary>>(Gym166, $"/api/schools/{Gym166}/road-map-templates");
        offered.ShouldContain(t => t.Id == template.Id && !t.BuiltIn);
        offered.Count(t => t.BuiltIn).ShouldBe(3);

        var map = await Create(Gym166, new { templateId = template.Id, firstYear = 2026 });
        map.Title.ShouldBe("Примерная дорожная карта района на 2025/2026");
        map.Stages.Single().Activities.Single().DueOn.ShouldBe(new DateOnly(2026, 12, 23)); // shifted by a year
        map.TemplateId.ShouldBe(template.Id);

        await Send(district, s => s.Delete.Url($"/api/districts/{Platform.Tenancy.Demo.DemoDistrict.DistrictId}/road-map-templates/{template.Id}"), 204);
        await Post(Gym166, $"/api/schools/{Gym166}/road-maps", new { templateId = template.Id }, 400);
    }
}
