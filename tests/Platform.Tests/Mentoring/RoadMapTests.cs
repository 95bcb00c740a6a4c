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
    public async Task Long_texts_have_limits_a_longer_one_is_a_400_naming_the_field_and_nothing_is_stored()
    {
        var map = await Create(Sosh1, Body("Длинные тексты"));
        var activity = map.Stages[0].Activities[1];
        var url = $"/api/schools/{Sosh1}/road-maps/{map.Id}";
        var tooLong = new string('ы', 4001); // longer texts are refused by the input guard before the command (InputGuardTests)
        var events = await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE stream_id = $1", map.Id);

        var evidence = await Post(Sosh1, $"{url}/activities/{activity.Id}/status", new { status = "done", evidence = tooLong }, 400).Json();
        evidence.GetProperty("errors").GetProperty("evidence")[0].GetString().ShouldBe("Поле «подтверждение выполнения» длиннее 4000 символов.");
        var stage = await Post(Sosh1, $"{url}/stages", new { title = "Этап", description = tooLong }, 400).Json();
        stage.GetProperty("errors").GetProperty("description")[0].GetString().ShouldBe("Поле «описание этапа» длиннее 4000 символов.");
        var added = await Post(Sosh1, $"{url}/activities", new { stageId = map.Stages[0].Id, title = "Х", content = tooLong, expectedResult = tooLong }, 400).Json();
        added.GetProperty("errors").GetProperty("content")[0].GetString().ShouldContain("длиннее 4000 символов");
        added.GetProperty("errors").GetProperty("expectedResult")[0].GetString().ShouldContain("длиннее 4000 символов");
        var created = await Post(Sosh1, $"/api/schools/{Sosh1}/road-maps",
            new { title = "Длинная", firstYear = 2024, stages = new[] { new { title = "Этап", description = tooLong } } }, 400).Json();
        created.GetProperty("errors").GetProperty("stages[0].description")[0].GetString().ShouldContain("длиннее 4000 символов");

        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE stream_id = $1", map.Id)).ShouldBe(events);
        await Post(Sosh1, $"{url}/activities/{activity.Id}/status", new { status = "done", evidence = new string('ы', 4000) });
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

    [Fact]
    public async Task A_model_road_map_of_three_years_makes_a_three_year_road_map_unless_the_request_says_otherwise()
    {
        var districtId = Platform.Tenancy.Demo.DemoDistrict.DistrictId;
        var template = await Send(api.TokenAs($"district:{districtId}"), s => s.Post.Json(new
        {
            title = "Примерная дорожная карта района на 2025–2028 годы", source = "Приказ УО от 01.09.2025 № 181/1", baseYear = 2025, years = 3,
            stages = new object[]
            {
                new
                {
                    title = "Реализация", activities = new object[]
                    {
                        new { title = "Ежегодный отчёт о наставничестве", period = new { kind = "yearly", month = 12 } },
                        new { title = "Итоговая конференция наставников", period = new { kind = "date", date = "2028-05-20" } },
                    },
                },
            },
        }).ToUrl($"/api/districts/{districtId}/road-map-templates"), 201).Json<TemplateSummary>();
        template.Years.ShouldBe(3);

        var whole = await Create(Gym166, new { templateId = template.Id });
        whole.Years.ShouldBe(3);
        whole.FirstYear.ShouldBe(2025);
        whole.SchoolYears.ShouldBe("2025/2028 учебные годы");
        var read = await Get<RoadMapView>(Gym166, $"/api/schools/{Gym166}/road-maps/{whole.Id}");
        read.Years.ShouldBe(3);
        (await Get<List<RoadMapSummary>>(Gym166, $"/api/schools/{Gym166}/road-maps")).Single(m => m.Id == whole.Id).Years.ShouldBe(3);

        var shorter = await Create(Gym166, new { templateId = template.Id, firstYear = 2026, years = 2 });
        (shorter.FirstYear, shorter.Years, shorter.SchoolYears).ShouldBe((2026, 2, "2026/2028 учебные годы"));
        shorter.Stages[0].Activities[1].DueOn.ShouldBe(new DateOnly(2029, 5, 20)); // shifted by the year

        // Without a template: one school year unless told; «2021–2024» is three; more than ten is refused, naming the field.
        (await Create(Gym166, new { title = "На один год", firstYear = 2025 })).Years.ShouldBe(1);
        (await Create(Gym166, new { title = "Дорожная карта на 2021–2024 годы", firstYear = 2021, years = 3 })).SchoolYears.ShouldBe("2021/2024 учебные годы");
        var tooLong = await Post(Gym166, $"/api/schools/{Gym166}/road-maps", new { templateId = template.Id, years = 11 }, 400).Json();
        tooLong.GetProperty("errors").GetProperty("years")[0].GetString().ShouldBe("Дорожная карта рассчитана на 1–10 учебных лет.");
    }

    [Fact]
    public async Task A_yearly_activity_done_this_school_year_is_open_next_year_and_overdue_on_its_date_there()
    {
        api.Clock.AdjustTime(new DateTimeOffset(2025, 9, 10, 9, 0, 0, TimeSpan.Zero));
        var map = await Create(Sosh1, new
        {
            title = "Дорожная карта: сентябрь 2025 – май 2027", firstYear = 2025, years = 2,
            stages = new object[]
            {
                new
                {
                    title = "Мониторинг",
                    activities = new object[] { new { title = "Ежегодный отчёт в управление образования", period = new { kind = "yearly", month = 12 }, responsibleRoles = new[] { "curator" } } },
                },
            },
        });
        var activity = map.Stages[0].Activities.Single();
        var url = $"/api/schools/{Sosh1}/road-maps/{map.Id}";
        ActivityView Yearly(RoadMapView view) => view.Stages[0].Activities.Single();
        Task<Page<ActivityRow>> Rows(string query) => Get<Page<ActivityRow>>(Sosh1, $"/api/schools/{Sosh1}/activities?roadMapId={map.Id}&{query}");

        // 2025/2026: done on 20 December with its evidence.
        api.Clock.AdjustTime(new DateTimeOffset(2025, 12, 20, 9, 0, 0, TimeSpan.Zero));
        var done = await Post(Sosh1, $"{url}/activities/{activity.Id}/status", new { status = "done", evidence = "Письмо в УО от 19.12.2025 № 12" }).Json<RoadMapView>();
        (Yearly(done).Status, Yearly(done).SchoolYear, done.Done).ShouldBe((ActivityStatus.Done, (int?)2025, 1));
        api.Clock.AdjustTime(new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero));
        var january = await Get<RoadMapView>(Sosh1, url);
        (Yearly(january).Status, Yearly(january).Overdue, january.Overdue).ShouldBe((ActivityStatus.Done, false, 0));
        (await Rows("overdue=true")).Total.ShouldBe(0);

        // 2026/2027: open again, its evidence not carried over, due on 31 December 2026.
        api.Clock.AdjustTime(new DateTimeOffset(2026, 9, 15, 9, 0, 0, TimeSpan.Zero));
        var autumn = await Get<RoadMapView>(Sosh1, url);
        Yearly(autumn).ShouldSatisfyAllConditions(
            a => a.Status.ShouldBe(ActivityStatus.Planned), a => a.SchoolYear.ShouldBe(2026), a => a.DueOn.ShouldBe(new DateOnly(2026, 12, 31)),
            a => a.Overdue.ShouldBeFalse(), a => a.Evidence.ShouldBeNull());
        autumn.Done.ShouldBe(0);
        (await Rows("status=done")).Total.ShouldBe(0);
        (await Rows("status=planned")).Items.Single().Status.ShouldBe("planned");
        (await Get<List<RoadMapSummary>>(Sosh1, $"/api/schools/{Sosh1}/road-maps")).Single(m => m.Id == map.Id).Done.ShouldBe(0);

        // 1 January 2027, 03:30 in Moscow: overdue in the map, the activity list and the road maps' list.
        api.Clock.AdjustTime(new DateTimeOffset(2027, 1, 1, 0, 30, 0, TimeSpan.Zero));
        Yearly(await Get<RoadMapView>(Sosh1, url)).Overdue.ShouldBeTrue();
        var overdue = await Rows("overdue=true");
        (overdue.Total, overdue.Items.Single().DueOn, overdue.Items.Single().Overdue).ShouldBe((1, (DateOnly?)new DateOnly(2026, 12, 31), true));
        (await Get<List<RoadMapSummary>>(Sosh1, $"/api/schools/{Sosh1}/road-maps")).Single(m => m.Id == map.Id).Overdue.ShouldBe(1);

        // A school year outside the map's is refused by name; done for 2026/2027 ends the overdue, 2025/2026 stays done.
        var outside = await Post(Sosh1, $"{url}/activities/{activity.Id}/status", new { status = "done", evidence = "x", schoolYear = 2027 }, 400).Json();
        outside.GetProperty("errors").GetProperty("schoolYear")[0].GetString().ShouldBe("Учебный год — один из лет дорожной карты: 2025–2026 (год начала учебного года).");
        await Post(Sosh1, $"{url}/activities/{activity.Id}/status", new { status = "done", evidence = "Письмо в УО от 11.01.2027 № 3", schoolYear = 2026 });
        (await Rows("overdue=true")).Total.ShouldBe(0);
        var history = await Get<JsonElement>(Sosh1, $"{url}/history");
        history.EnumerateArray().Where(e => e.GetProperty("type").GetString() == "activity_status_changed")
            .Select(e => e.GetProperty("data").GetProperty("schoolYear").GetInt32()).ShouldBe([2025, 2026]);
    }
}
