using Platform.Mentoring.DistrictDeadlines;
using Platform.Tests.Infrastructure;
using Platform.Tests.Jobs;

namespace Platform.Tests.Mentoring;

/// <summary>
/// The district's deadlines for its schools (seed 001, order № 237): those done by the schools' records (regulation, road map,
/// curator), those the schools mark (monitoring by 23 December every year), who is late, and the reminders, sent once.
/// The clock: 16.12.2026.
/// </summary>
public sealed class DistrictDeadlinesTests(JobsApi api) : IClassFixture<JobsApi>
{
    private static readonly Guid District = JobsApi.District;
    private static readonly Guid Sosh1 = JobsApi.Sosh1;
    private static readonly Guid Oosh = Guid.Parse("11000000-0000-4000-8000-000000000002");
    private static readonly Guid Cppmsp = Guid.Parse("11000000-0000-4000-8000-000000000030");
    private static readonly string Url = $"/api/districts/{District}/deadlines";

    private string Curator => api.TokenAs($"district:{District}");
    private string School(Guid id) => api.TokenAs($"school:{id}");

    private Task<IScenarioResult> Send(string token, Action<Scenario> request, int status = 200) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        request(s);
        s.StatusCodeShouldBe(status);
    });

    /// <summary>One request with the token; the answer must be a problem with this status (and the field and text given).</summary>
    private Task<IScenarioResult> Refuse(string token, Func<Scenario, SendExpression> request, int status, string? field = null, string? contains = null) =>
        api.Scenario(s =>
        {
            s.WithBearerToken(token);
            request(s);
            s.ProblemShouldBe(status, field, contains);
        });

    private async Task<DeadlineProgress> Progress(string titleStart) =>
        (await Send(Curator, s => s.Get.Url(Url)).Json<List<DeadlineProgress>>()).Single(p => p.Deadline.Title.StartsWith(titleStart));

    private Task<List<SchoolDeadlineRow>> SchoolRows(Guid school) =>
        Send(School(school), s => s.Get.Url($"/api/schools/{school}/district-deadlines")).Json<List<SchoolDeadlineRow>>();

    [Fact]
    public async Task Order_237_deadlines_are_done_by_the_schools_records_and_the_district_sees_who_is_late()
    {
        var regulation = await Progress("Утвердить положение");
        regulation.Deadline.DueText.ShouldBe("до 20.05.2022");
        regulation.Deadline.Act.ShouldBe("от 04.05.2022 № 237");
        regulation.Deadline.CompletedBy.ShouldBe(CompletedBy.RegulationAdopted);
        // The demo centre (ЦППМСП) has no regulation; every other school adopted one.
        regulation.Late.Select(l => l.SchoolId).ShouldBe([Cppmsp]);
        regulation.Schools.ShouldBe(6);
        regulation.Done.ShouldBe(5);
        (await Progress("Назначить куратора")).Late.Select(l => l.SchoolId).ShouldNotContain(Sosh1);
        (await Progress("Назначить куратора")).Late.Select(l => l.SchoolId).ShouldContain(Oosh);
        (await Progress("Разработать и утвердить")).Late.Select(l => l.SchoolId).ShouldBe([Oosh]);
        var monitoring = await Progress("Направить результаты мониторинга");
        monitoring.Deadline.DueText.ShouldBe("до 23 декабря ежегодно");
        monitoring.Year.ShouldBe(2026);
        monitoring.Deadline.CompletedBy.ShouldBe(CompletedBy.MonitoringReport);
        // The demo schools sent their monitoring every past year (their marks), but the centre missed 2025; this year's is done by
        // the report submitted in the district's campaign (due 23.12.2026) — the campaign reminds the others, not this deadline.
        monitoring.Late.Select(l => (l.SchoolId, l.Year)).ShouldBe([(Cppmsp, 2025)]);
        var submitted = await api.Database.OwnerListAsync<Guid>(
            "SELECT tenant_id FROM reporting.campaign_schools WHERE report_status IN ('submitted', 'accepted') AND due_on = '2026-12-23'");
        submitted.ShouldNotBeEmpty();
        monitoring.Done.ShouldBe(submitted.Count);
        var sent = (await SchoolRows(submitted[0])).Single(r => r.DeadlineId == monitoring.Deadline.Id && r.Year == 2026);
        (sent.Done, sent.Markable).ShouldBe((true, true));

        // The school sees the same from its side, and the regulation it registers now completes the deadline.
        var rows = await SchoolRows(Cppmsp);
        var owed = rows.Single(r => r.Title.StartsWith("Утвердить положение"));
        (owed.Done, owed.Overdue, owed.Markable).ShouldBe((false, true, false));
        await Send(School(Cppmsp), s => s.Post.Json(new { kind = "regulation", number = "31-о/д", date = "2026-12-10", title = "Об утверждении положения" })
            .ToUrl($"/api/schools/{Cppmsp}/local-acts"), 201);
        (await Progress("Утвердить положение")).Late.ShouldBeEmpty();
        var done = (await SchoolRows(Cppmsp)).Single(r => r.Title.StartsWith("Утвердить положение"));
        (done.Done, done.DoneOn, done.Overdue).ShouldBe((true, new DateOnly(2026, 12, 10), false));

        // A deadline done by the records is not marked by hand.
        await Refuse(School(Oosh), s => s.Post.Json(new { }).ToUrl($"/api/schools/{Oosh}/district-deadlines/{done.DeadlineId}/done"), 409, contains: "отмечается сам, по данным организации");
    }

    [Fact]
    public async Task A_yearly_deadline_is_marked_per_year_and_done_this_year_is_not_done_next_year()
    {
        var set = await Send(Curator, s => s.Post.Json(new
        {
            title = "Сдать анализ работы наставников", yearlyMonth = 12, yearlyDay = 15, firstYear = 2025,
        }).ToUrl(Url), 201).Json<DistrictDeadlineView>();
        set.DueText.ShouldBe("до 15 декабря ежегодно");

        var mine = (await SchoolRows(Sosh1)).Where(r => r.DeadlineId == set.Id).ToList();
        // The past years still open, and the next date.
        mine.Select(r => (r.Year, r.Overdue)).ShouldBe([(2025, true), (2026, true), (2027, false)]);
        var marked = await Send(School(Sosh1), s => s.Post.Json(new { year = 2026, note = "Анализ направлен письмом" })
            .ToUrl($"/api/schools/{Sosh1}/district-deadlines/{set.Id}/done")).Json<List<SchoolDeadlineRow>>();
        marked.Where(r => r.DeadlineId == set.Id).Select(r => (r.Year, r.Done, r.Overdue)).ShouldBe([(2025, false, true), (2027, false, false), (2026, true, false)]);
        await Refuse(School(Sosh1), s => s.Post.Json(new { year = 2026 }).ToUrl($"/api/schools/{Sosh1}/district-deadlines/{set.Id}/done"), 409, contains: "за 2026 год уже отмечен");
        (await Progress("Сдать анализ")).Late.Where(l => l.SchoolId == Sosh1).Select(l => l.Year).ShouldBe([2025]);

        // A year later the 2026 mark does not cover 2027.
        api.Clock.AdjustTime(new DateTimeOffset(2027, 12, 16, 9, 0, 0, TimeSpan.Zero));
        try
        {
            var next = (await SchoolRows(Sosh1)).Where(r => r.DeadlineId == set.Id).Select(r => (r.Year, r.Done, r.Overdue)).ToList();
            next.ShouldBe([(2025, false, true), (2027, false, true), (2028, false, false)]);
        }
        finally { api.Clock.AdjustTime(JobsApi.IrkutskNine); }

        // The mark is taken back.
        var undone = await Send(School(Sosh1), s => s.Delete.Url($"/api/schools/{Sosh1}/district-deadlines/{set.Id}/done?year=2026"))
            .Json<List<SchoolDeadlineRow>>();
        undone.Where(r => r.DeadlineId == set.Id).ShouldAllBe(r => !r.Done);
    }

    [Fact]
    public async Task Bad_terms_are_refused_in_Russian_naming_the_field()
    {
        await Refuse(Curator, s => s.Post.Json(new { title = "Без срока" }).ToUrl(Url), 400, "dueOn", "Укажите срок");
        await Refuse(Curator, s => s.Post.Json(new { title = "Високосный", yearlyMonth = 2, yearlyDay = 29 }).ToUrl(Url), 400, "yearlyDay", "каждый год");
        await Refuse(Curator, s => s.Post.Json(new { title = "Оба", dueOn = "2027-01-10", yearlyMonth = 1, yearlyDay = 10 }).ToUrl(Url), 400, "dueOn", "не оба сразу");
        await Refuse(Curator, s => s.Post.Json(new { title = "Чужой акт", dueOn = "2027-01-10", actId = Guid.NewGuid() }).ToUrl(Url), 400, "actId", "Такого акта в районе нет");
        await Refuse(Curator, s => s.Post.Json(new { title = "Авто", yearlyMonth = 5, yearlyDay = 20, completedBy = "curator_appointed" }).ToUrl(Url), 400, "completedBy", "только разовые");
        await Refuse(Curator, s => s.Post.Json(new { title = new string('с', 501), dueOn = "2027-01-10" }).ToUrl(Url), 400, "title", "длиннее 500");
        await Send(School(Sosh1), s => s.Post.Json(new { title = "Школа", dueOn = "2027-01-10" }).ToUrl(Url), 403);
    }

    [Fact]
    public async Task A_deadline_is_changed_and_cancelled_with_history_and_a_cancelled_one_leaves_the_schools()
    {
        var set = await Send(Curator, s => s.Post.Json(new { title = "Провести семинар наставников", dueOn = "2027-03-01" }).ToUrl(Url), 201)
            .Json<DistrictDeadlineView>();
        var changed = await Send(Curator, s => s.Put.Json(new { title = "Провести семинар наставников района", dueOn = "2027-03-15" })
            .ToUrl($"{Url}/{set.Id}")).Json<DistrictDeadlineView>();
        changed.DueText.ShouldBe("до 15.03.2027");
        (await SchoolRows(Sosh1)).ShouldContain(r => r.DeadlineId == set.Id && !r.Overdue);
        await Send(Curator, s => s.Post.Json(new { reason = "Перенесён в план на следующий год" }).ToUrl($"{Url}/{set.Id}/cancel"));
        (await SchoolRows(Sosh1)).ShouldNotContain(r => r.DeadlineId == set.Id);
        var history = await Send(Curator, s => s.Get.Url($"{Url}/{set.Id}/history")).Json<List<Platform.Tenancy.Registry.EventHistoryItem>>();
        history.Select(h => h.Title).ShouldBe(["Срок установлен", "Срок изменён", "Срок отменён"]);
    }

    [Fact]
    public async Task Schools_are_reminded_once_of_a_deadline_still_open_and_not_of_one_done()
    {
        var set = await Send(Curator, s => s.Post.Json(new { title = "Сдать план методической недели", dueOn = "2026-12-19" }).ToUrl(Url), 201)
            .Json<DistrictDeadlineView>();
        await Send(School(Oosh), s => s.Post.Json(new { }).ToUrl($"/api/schools/{Oosh}/district-deadlines/{set.Id}/done"));
        // 09:00 in Moscow three days before.
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 16, 6, 0, 0, TimeSpan.Zero));
        try
        {
            await api.Scan.RunAsync();
            await api.Scan.RunAsync();
            var key = $"district_deadline:{set.Id}:2026";
            var reminded = await api.Database.OwnerListAsync<Guid>("SELECT DISTINCT tenant_id FROM jobs.reminder_log WHERE deadline_key = $1 ORDER BY tenant_id", key);
            reminded.ShouldContain(Sosh1);
            reminded.ShouldNotContain(Oosh);
            (await api.OwnerCountAsync("SELECT count(*) FROM jobs.reminder_log WHERE deadline_key = $1 AND offset_days <> 3", key)).ShouldBe(0L);
            (await api.OwnerCountAsync(
                "SELECT count(*) - count(DISTINCT (tenant_id, recipient_id)) FROM jobs.reminder_log WHERE deadline_key = $1", key)).ShouldBe(0L);
        }
        finally { api.Clock.AdjustTime(JobsApi.IrkutskNine); }
    }
}
