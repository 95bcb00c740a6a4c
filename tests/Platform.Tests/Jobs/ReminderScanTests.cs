using Alba;
using Platform.Jobs.Notifications;
using Platform.Jobs.Reminders;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Jobs;

/// <summary>Reminders at 09:00 in each school's own zone, the latest offset only, stopping when done, and the district's policy.</summary>
public sealed class ReminderScanTests(JobsApi api) : IClassFixture<JobsApi>
{
    private Task<T> Get<T>(string token, string url) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Get.Url(url);
    }).Json<T>();

    /// <summary>A district reminder policy set by the caller, expecting the status.</summary>
    private Task<IScenarioResult> PutPolicy(string token, string kind, object policy, int status) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Put.Json(policy).ToUrl($"/api/districts/{JobsApi.District}/reminder-policies/{kind}");
        s.StatusCodeShouldBe(status);
    });

    private async Task<List<(string Key, Guid Recipient, int Offset)>> LogFor(Guid activity) =>
        (await api.Database.OwnerListAsync<string>(
            "SELECT deadline_key || '|' || recipient_id || '|' || offset_days FROM jobs.reminder_log WHERE deadline_key = $1 ORDER BY offset_days",
            "road_map_activity:" + activity))
        .Select(s => s.Split('|')).Select(p => (p[0], Guid.Parse(p[1]), int.Parse(p[2]))).ToList();

    [Fact]
    public async Task Irkutsk_school_is_reminded_at_its_09_00_and_the_Moscow_school_at_its_own()
    {
        api.Clock.AdjustTime(JobsApi.IrkutskNine.AddMinutes(-1)); // 08:59 in Irkutsk
        var irkutsk = await api.ActivityAsync(JobsApi.Elan, "Анкетирование наставляемых", new DateOnly(2026, 12, 23));
        var moscow = await api.ActivityAsync(JobsApi.Sosh1, "Заседание рабочей группы", new DateOnly(2026, 12, 23));

        await api.Scan.RunAsync();
        (await LogFor(irkutsk)).ShouldBeEmpty();

        api.Clock.AdjustTime(JobsApi.IrkutskNine); // 16 December, 09:00 Asia/Irkutsk = 04:00 Moscow
        await api.Scan.RunAsync();
        var elanCurator = await api.AccountIdAsync("curator.elan");
        (await LogFor(irkutsk)).ShouldBe([("road_map_activity:" + irkutsk, elanCurator, 7)]);
        (await LogFor(moscow)).ShouldBeEmpty();

        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 16, 5, 59, 0, TimeSpan.Zero)); // 08:59 Moscow
        await api.Scan.RunAsync();
        (await LogFor(moscow)).ShouldBeEmpty();
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 16, 6, 0, 0, TimeSpan.Zero)); // 09:00 Moscow
        await api.Scan.RunAsync();
        await api.Scan.RunAsync();
        (await LogFor(moscow)).Select(l => (l.Recipient, l.Offset)).ShouldBe([(await api.AccountIdAsync("curator.sosh1"), 7)]);
        (await LogFor(irkutsk)).Count.ShouldBe(1);

        await api.DeliveredAsync();
        var inbox = await Get<NotificationPage>(await api.AccountTokenAsync("curator.elan"), "/api/me/notifications");
        var reminder = inbox.Items.Single(n => n.Body.Contains("Анкетирование наставляемых"));
        reminder.Kind.ShouldBe("reminder");
        reminder.Title.ShouldBe("Срок 23.12.2026 (через 7 дней): Анкетирование наставляемых");
        reminder.Body.ShouldContain("«Мало-Еланская НШДС»");
        reminder.Link!.ShouldStartWith("https://nastavnik.test/schools/" + JobsApi.Elan);
    }

    [Fact]
    public async Task Each_offset_is_sent_once_only_the_latest_due_one_and_none_once_the_activity_is_done()
    {
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero)); // 10:00 Moscow, 1 December
        var activity = await api.ActivityAsync(JobsApi.Sosh1, "Отчёт наставника", new DateOnly(2026, 12, 20));
        // 19 days before: nothing yet.
        await api.Scan.RunAsync();
        (await LogFor(activity)).ShouldBeEmpty();

        // The node was down from 6 December (14 days before) until 14 December (6 days before): only the 7-day reminder is true now.
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 14, 7, 0, 0, TimeSpan.Zero));
        await api.Scan.RunAsync();
        (await LogFor(activity)).Select(l => l.Offset).ShouldBe([7]);

        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 17, 7, 0, 0, TimeSpan.Zero)); // 3 days before
        await api.Scan.RunAsync();
        await api.Scan.RunAsync();
        (await LogFor(activity)).Select(l => l.Offset).ShouldBe([3, 7]);

        await api.Database.OwnerExecuteAsync("UPDATE mentoring.road_map_activities SET status = 'done' WHERE id = $1", activity);
        foreach (var day in new[] { 19, 20, 21, 22 })
        {
            api.Clock.AdjustTime(new DateTimeOffset(2026, 12, day, 7, 0, 0, TimeSpan.Zero));
            await api.Scan.RunAsync();
        }
        (await LogFor(activity)).Select(l => l.Offset).ShouldBe([3, 7]);
        (await api.OwnerCountAsync("SELECT count(*) FROM jobs.deliveries WHERE payload->>'deadline' = 'Отчёт наставника'")).ShouldBe(2L); // inbox only: no e-mail address
    }

    [Fact]
    public async Task A_district_policy_changes_the_offsets_and_bad_policies_are_refused_in_Russian()
    {
        var district = await api.AccountTokenAsync("district.curator");
        var problem = await (await PutPolicy(district, "program_end", new { offsets = new[] { 5, 5 }, sendAt = "9 утра" }, 400)).ReadAsTextAsync();
        problem.ShouldContain("не должны повторяться");
        problem.ShouldContain("ЧЧ:ММ");
        await PutPolicy(district, "no_such_kind", new { offsets = new[] { 1 } }, 404);

        var saved = await PutPolicy(district, "road_map_activity", new { offsets = new[] { 2 }, sendAt = "10:30" }, 200).Json<ReminderPolicyView>();
        saved.Offsets.ShouldBe([2]);
        var all = await Get<List<ReminderPolicyView>>(district, $"/api/districts/{JobsApi.District}/reminder-policies");
        all.Single(p => p.Kind == "road_map_activity").IsDefault.ShouldBeFalse();
        all.Single(p => p.Kind == "program_end").Offsets.ShouldBe(ReminderPolicy.DefaultOffsets);

        try
        {
            var activity = await api.ActivityAsync(JobsApi.Sosh1, "Педсовет по наставничеству", new DateOnly(2027, 1, 12));
            api.Clock.AdjustTime(new DateTimeOffset(2027, 1, 5, 7, 0, 0, TimeSpan.Zero)); // 7 days before, 10:00 Moscow: not in the policy
            await api.Scan.RunAsync();
            (await LogFor(activity)).ShouldBeEmpty();
            api.Clock.AdjustTime(new DateTimeOffset(2027, 1, 10, 7, 29, 0, TimeSpan.Zero)); // 2 days before, 10:29
            await api.Scan.RunAsync();
            (await LogFor(activity)).ShouldBeEmpty();
            api.Clock.AdjustTime(new DateTimeOffset(2027, 1, 10, 7, 30, 0, TimeSpan.Zero)); // 10:30
            await api.Scan.RunAsync();
            (await LogFor(activity)).Select(l => l.Offset).ShouldBe([2]);

            var upcoming = await Get<List<UpcomingReminder>>(district, $"/api/districts/{JobsApi.District}/reminders/upcoming?days=60");
            upcoming.ShouldNotContain(u => u.DeadlineId == activity.ToString()); // its last reminder is sent
        }
        finally
        {
            await api.Scenario(s =>
            {
                s.WithBearerToken(district);
                s.Delete.Url($"/api/districts/{JobsApi.District}/reminder-policies/road_map_activity");
                s.StatusCodeShouldBe(204);
            });
        }
    }

    [Fact]
    public async Task Upcoming_lists_the_next_reminder_of_each_open_deadline_in_the_schools_local_time()
    {
        api.Clock.AdjustTime(JobsApi.IrkutskNine);
        var activity = await api.ActivityAsync(JobsApi.Elan, "Итоговое мероприятие", new DateOnly(2027, 2, 15));
        var district = await api.AccountTokenAsync("district.curator");
        var upcoming = await Get<List<UpcomingReminder>>(district, $"/api/districts/{JobsApi.District}/reminders/upcoming?days=61");
        var next = upcoming.Single(u => u.DeadlineId == activity.ToString());
        next.OffsetDays.ShouldBe(14);
        next.LocalSendAt.ShouldBe(new DateTime(2027, 2, 1, 9, 0, 0));
        next.TimeZone.ShouldBe("Asia/Irkutsk");
        next.Recipients.ShouldBe(1);
        await api.Scenario(s =>
        {
            s.WithBearerToken(district);
            s.Get.Url($"/api/districts/{JobsApi.District}/reminders/upcoming?days=500");
            s.StatusCodeShouldBe(400);
        });
    }

    [Fact]
    public async Task Program_plan_rows_and_program_end_dates_are_deadlines_too_until_done_or_completed()
    {
        var program = Guid.NewGuid();
        var row = Guid.NewGuid();
        await api.Database.OwnerExecuteAsync("""
            INSERT INTO mentoring.programs (tenant_id, id, mentorship_id, problem, goal, form, kind, start_on, end_on, status, created_at, updated_at, version)
            VALUES ($1, $2, $3, 'Трудности адаптации', 'Адаптация молодого педагога', 'teacher_teacher', 'traditional', '2026-09-01', '2027-03-01', 'in_progress', now(), now(), 1)
            """, JobsApi.Sosh1, program, Guid.NewGuid());
        await api.Database.OwnerExecuteAsync(
            "INSERT INTO mentoring.program_plan_rows (tenant_id, row_id, program_id, content, deadline) VALUES ($1, $2, $3, 'Открытый урок наставляемого', '2027-02-22')",
            JobsApi.Sosh1, row, program);

        api.Clock.AdjustTime(new DateTimeOffset(2027, 2, 15, 6, 0, 0, TimeSpan.Zero)); // 09:00 Moscow: plan row in 7 days, program end in 14
        await api.Scan.RunAsync();
        var keys = await api.Database.OwnerListAsync<string>(
            "SELECT deadline_key || '/' || offset_days FROM jobs.reminder_log WHERE deadline_key IN ($1, $2) ORDER BY 1",
            "program_end:" + program, "program_plan_row:" + row);
        keys.ShouldBe([$"program_end:{program}/14", $"program_plan_row:{row}/7"]);

        await api.Database.OwnerExecuteAsync("UPDATE mentoring.program_plan_rows SET done_on = '2027-02-16' WHERE row_id = $1", row);
        await api.Database.OwnerExecuteAsync("UPDATE mentoring.programs SET status = 'completed' WHERE id = $1", program);
        api.Clock.AdjustTime(new DateTimeOffset(2027, 2, 22, 6, 0, 0, TimeSpan.Zero)); // the plan row's day, the program's 7-day mark
        await api.Scan.RunAsync();
        (await api.OwnerCountAsync("SELECT count(*) FROM jobs.reminder_log WHERE deadline_key IN ($1, $2)", "program_end:" + program, "program_plan_row:" + row))
            .ShouldBe(2L);
        await api.DeliveredAsync();
        var inbox = await Get<NotificationPage>(await api.AccountTokenAsync("curator.sosh1"), "/api/me/notifications?limit=200");
        inbox.Items.ShouldContain(n => n.Title == "Срок 22.02.2027 (через 7 дней): Открытый урок наставляемого"
                                        && n.Body.Contains("Мероприятие плана программы наставничества"));
        inbox.Items.ShouldContain(n => n.Title == "Срок 01.03.2027 (через 14 дней): Завершение программы: Адаптация молодого педагога");
    }
}
