using System.Net;
using System.Net.Http.Json;
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

    private HttpClient Curator(Guid school) => api.ClientAs($"school:{school}");

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

    private static async Task<RoadMapView> Created(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ShouldBeOk<RoadMapView>();
    }

    [Fact]
    public async Task A_road_map_entered_in_full_reads_back_unchanged()
    {
        api.Clock.AdjustTime(new DateTimeOffset(2023, 10, 1, 9, 0, 0, TimeSpan.Zero));
        var created = await Created(await Curator(Sosh1).PostAsJsonAsync($"/api/schools/{Sosh1}/road-maps", Body()));
        var read = await (await Curator(Sosh1).GetAsync($"/api/schools/{Sosh1}/road-maps/{created.Id}")).ShouldBeOk<RoadMapView>();

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

        var list = await (await Curator(Sosh1).GetAsync($"/api/schools/{Sosh1}/road-maps")).ShouldBeOk<List<RoadMapSummary>>();
        list.ShouldContain(m => m.Id == created.Id && m.Stages == 2 && m.Activities == 5);
    }

    [Fact]
    public async Task Overdue_starts_at_the_end_of_the_last_day_in_the_schools_own_time_zone()
    {
        api.Clock.AdjustTime(new DateTimeOffset(2023, 10, 1, 9, 0, 0, TimeSpan.Zero));
        var moscow = await Created(await Curator(Sosh1).PostAsJsonAsync($"/api/schools/{Sosh1}/road-maps", Body("Москва")));
        var irkutsk = await Created(await Curator(Elan).PostAsJsonAsync($"/api/schools/{Elan}/road-maps", Body("Иркутск")));

        // 30 November 2023, 17:00 UTC: 20:00 in Moscow (still the last day), 01:00 on 1 December in Irkutsk.
        api.Clock.AdjustTime(new DateTimeOffset(2023, 11, 30, 17, 0, 0, TimeSpan.Zero));
        (await (await Curator(Sosh1).GetAsync($"/api/schools/{Sosh1}/road-maps/{moscow.Id}")).ShouldBeOk<RoadMapView>()).Overdue.ShouldBe(0);
        var late = await (await Curator(Elan).GetAsync($"/api/schools/{Elan}/road-maps/{irkutsk.Id}")).ShouldBeOk<RoadMapView>();
        late.Overdue.ShouldBe(2);
        late.Stages[0].Activities.ShouldAllBe(a => a.Overdue);

        var overdue = await (await Curator(Elan).GetAsync($"/api/schools/{Elan}/activities?overdue=true&roadMapId={irkutsk.Id}")).ShouldBeOk<Page<ActivityRow>>();
        overdue.Items.Select(a => a.Title).ShouldBe(["Приказ «Об утверждении положения о системе наставничества»", "Информирование педагогического сообщества"], ignoreOrder: true);
        (await (await Curator(Sosh1).GetAsync($"/api/schools/{Sosh1}/activities?overdue=true&roadMapId={moscow.Id}")).ShouldBeOk<Page<ActivityRow>>()).Total.ShouldBe(0);

        // The yearly December report falls due at the end of 31 December of the current school year.
        api.Clock.AdjustTime(new DateTimeOffset(2024, 1, 1, 0, 30, 0, TimeSpan.Zero)); // 03:30 in Moscow on 1 January
        var january = await (await Curator(Sosh1).GetAsync($"/api/schools/{Sosh1}/activities?overdue=true&roadMapId={moscow.Id}&sort=due")).ShouldBeOk<Page<ActivityRow>>();
        january.Items.Select(a => a.Title).ShouldBe(["Приказ «Об утверждении положения о системе наставничества»", "Информирование педагогического сообщества", "Отчёт о мониторинге в управление образования"]);
        january.Items[2].DueOn.ShouldBe(new DateOnly(2023, 12, 31));
    }

    [Fact]
    public async Task Done_needs_evidence_a_reschedule_needs_a_reason_and_the_history_tells_who_did_what()
    {
        api.Clock.AdjustTime(new DateTimeOffset(2023, 10, 1, 9, 0, 0, TimeSpan.Zero));
        var map = await Created(await Curator(Sosh1).PostAsJsonAsync($"/api/schools/{Sosh1}/road-maps", Body("Статусы")));
        var activity = map.Stages[0].Activities[1];
        var url = $"/api/schools/{Sosh1}/road-maps/{map.Id}/activities/{activity.Id}";
        var beforeDone = api.Clock.GetUtcNow();

        var noEvidence = await Curator(Sosh1).PostAsJsonAsync($"{url}/status", new { status = "done" });
        noEvidence.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await noEvidence.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("evidence")[0].GetString()!
            .ShouldContain("подтверждение");
        var noReason = await Curator(Sosh1).PostAsJsonAsync($"{url}/reschedule", new { period = new { kind = "month", from = "2023-12" } });
        JsonDocument.Parse(await noReason.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        var badPeriod = await Curator(Sosh1).PostAsJsonAsync($"{url}/reschedule", new { period = new { kind = "months", from = "2024-02", to = "2023-12" }, reason = "x" });
        badPeriod.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        api.Clock.AdjustTime(new DateTimeOffset(2023, 12, 5, 9, 0, 0, TimeSpan.Zero));
        var moved = await (await Curator(Sosh1).PostAsJsonAsync($"{url}/reschedule",
            new { period = new { kind = "month", from = "2023-12" }, reason = "Педсовет перенесён на декабрь" })).ShouldBeOk<RoadMapView>();
        var after = moved.Stages[0].Activities[1];
        after.DueOn.ShouldBe(new DateOnly(2023, 12, 31));
        after.Overdue.ShouldBeFalse();
        after.Reschedules.ShouldBe(1);

        var done = await (await Curator(Sosh1).PostAsJsonAsync($"{url}/status", new { status = "done", evidence = "Протокол педсовета № 3 от 12.12.2023" })).ShouldBeOk<RoadMapView>();
        done.Stages[0].Activities[1].Status.ShouldBe(ActivityStatus.Done);
        done.Done.ShouldBe(1);

        var history = JsonDocument.Parse(await Curator(Sosh1).GetStringAsync($"/api/schools/{Sosh1}/road-maps/{map.Id}/history")).RootElement;
        var types = history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        types.ShouldContain("activity_rescheduled");
        types.ShouldContain("activity_status_changed");
        history.EnumerateArray().Last().GetProperty("userName").GetString().ShouldBe("test.schoolcurator");

        var before = await (await Curator(Sosh1).GetAsync($"/api/schools/{Sosh1}/road-maps/{map.Id}?asOf={Uri.EscapeDataString(beforeDone.AddMinutes(1).ToString("O"))}")).ShouldBeOk<RoadMapView>();
        before.Stages[0].Activities[1].Status.ShouldBe(ActivityStatus.Planned);
        before.Stages[0].Activities[1].Reschedules.ShouldBe(0);
    }

    [Fact]
    public async Task Edits_are_checked_against_the_version_and_a_mentor_only_reads()
    {
        var map = await Created(await Curator(Sosh1).PostAsJsonAsync($"/api/schools/{Sosh1}/road-maps", Body("Версии")));
        var stale = new HttpRequestMessage(HttpMethod.Patch, $"/api/schools/{Sosh1}/road-maps/{map.Id}") { Content = JsonContent.Create(new { title = "Новое" }) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        (await Curator(Sosh1).SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var stage = await Curator(Sosh1).PostAsJsonAsync($"/api/schools/{Sosh1}/road-maps/{map.Id}/stages", new { title = "Информационная поддержка системы наставничества" });
        stage.StatusCode.ShouldBe(HttpStatusCode.Created);
        var added = (await stage.Content.ReadFromJsonAsync<RoadMapView>(HttpAssertions.Json))!.Stages.Last();
        var activity = await Curator(Sosh1).PostAsJsonAsync($"/api/schools/{Sosh1}/road-maps/{map.Id}/activities",
            new { stageId = added.Id, title = "Раздел на сайте", period = new { kind = "yearly" }, responsibleRoles = new[] { "technical_specialist" } });
        (await activity.Content.ReadFromJsonAsync<RoadMapView>(HttpAssertions.Json))!.Stages.Last().Activities.Single().DueOn.ShouldNotBeNull();
        (await Curator(Sosh1).DeleteAsync($"/api/schools/{Sosh1}/road-maps/{map.Id}/stages/{added.Id}")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var unknownRole = await Curator(Sosh1).PostAsJsonAsync($"/api/schools/{Sosh1}/road-maps/{map.Id}/activities",
            new { stageId = added.Id, title = "Х", responsibleRoles = new[] { "janitor" } });
        unknownRole.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var mentor = api.ClientAs($"school:{Sosh1}", Roles.Mentor);
        (await mentor.GetAsync($"/api/schools/{Sosh1}/road-maps/{map.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await mentor.PostAsJsonAsync($"/api/schools/{Sosh1}/road-maps/{map.Id}/stages", new { title = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Curator(Gym166).GetAsync($"/api/schools/{Gym166}/road-maps/{map.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // another school's stream
    }

    [Fact]
    public async Task A_district_publishes_a_model_road_map_its_schools_create_theirs_from_it()
    {
        var district = api.ClientAs($"district:{Platform.Tenancy.Demo.DemoDistrict.DistrictId}");
        var published = await district.PostAsJsonAsync($"/api/districts/{Platform.Tenancy.Demo.DemoDistrict.DistrictId}/road-map-templates", new
        {
            title = "Примерная дорожная карта района на 2025/2026", source = "Приказ УО от 01.09.2025 № 100", baseYear = 2025, years = 1,
            stages = new object[] { new { title = "Мониторинг", activities = new object[] { new { title = "Сдать мониторинг", period = new { kind = "date", date = "2025-12-23" } } } } },
        });
        published.StatusCode.ShouldBe(HttpStatusCode.Created);
        var template = (await published.Content.ReadFromJsonAsync<TemplateSummary>(HttpAssertions.Json))!;

        var offered = await (await Curator(Gym166).GetAsync($"/api/schools/{Gym166}/road-map-templates")).ShouldBeOk<List<TemplateSummary>>();
        offered.ShouldContain(t => t.Id == template.Id && !t.BuiltIn);
        offered.Count(t => t.BuiltIn).ShouldBe(3);

        var map = await Created(await Curator(Gym166).PostAsJsonAsync($"/api/schools/{Gym166}/road-maps", new { templateId = template.Id, firstYear = 2026 }));
        map.Title.ShouldBe("Примерная дорожная карта района на 2025/2026");
        map.Stages.Single().Activities.Single().DueOn.ShouldBe(new DateOnly(2026, 12, 23)); // shifted by a year
        map.TemplateId.ShouldBe(template.Id);

        (await district.DeleteAsync($"/api/districts/{Platform.Tenancy.Demo.DemoDistrict.DistrictId}/road-map-templates/{template.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Curator(Gym166).PostAsJsonAsync($"/api/schools/{Gym166}/road-maps", new { templateId = template.Id })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
