using Alba;
using Platform.Jobs.Notifications;
using Platform.Jobs.Reminders;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Jobs;

/// <summary>The in-app inbox (own notifications only, unread count, mark read) and the district curator's daily escalation.</summary>
public sealed class InboxTests(JobsApi api) : IClassFixture<JobsApi>
{
    private Task<T> Get<T>(string token, string url) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Get.Url(url);
    }).Json<T>();

    /// <summary>POST without a body as the caller, expecting the status.</summary>
    private Task<IScenarioResult> Post(string token, string url, int status) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Post.Url(url);
        s.StatusCodeShouldBe(status);
    });

    [Fact]
    public async Task Each_account_sees_only_its_own_notifications_counts_unread_and_marks_them_read()
    {
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 16, 6, 0, 0, TimeSpan.Zero));
        await api.ActivityAsync(JobsApi.Sosh1, "Входящие: встреча наставников", new DateOnly(2026, 12, 17));
        await api.Scan.RunAsync();
        await api.DeliveredAsync();

        var curator = await api.AccountTokenAsync("curator.sosh1");
        var page = await Get<NotificationPage>(curator, "/api/me/notifications");
        var reminder = page.Items.Single(n => n.Body.Contains("Входящие: встреча наставников"));
        reminder.Title.ShouldBe("Срок 17.12.2026 (завтра): Входящие: встреча наставников");
        page.Items.ShouldContain(n => n.Title == "Напоминания о сроках включены"); // the demo welcome notice
        var unread = (await Get<UnreadCount>(curator, "/api/me/notifications/unread-count")).Unread;
        unread.ShouldBe(page.Unread);
        unread.ShouldBeGreaterThanOrEqualTo(2);

        // Another account of the same school does not see it, and cannot mark it.
        var director = await api.AccountTokenAsync("director.sosh1");
        (await Get<NotificationPage>(director, "/api/me/notifications")).Items.ShouldNotContain(n => n.Id == reminder.Id);
        await Post(director, $"/api/me/notifications/{reminder.Id}/read", 404);

        await Post(curator, $"/api/me/notifications/{reminder.Id}/read", 204);
        (await Get<UnreadCount>(curator, "/api/me/notifications/unread-count")).Unread.ShouldBe(unread - 1);
        var onlyUnread = await Get<NotificationPage>(curator, "/api/me/notifications?unread=true");
        onlyUnread.Items.ShouldNotContain(n => n.Id == reminder.Id);
        await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Get.Url("/api/me/notifications?limit=1000");
            s.StatusCodeShouldBe(400);
        });
        (await Post(curator, "/api/me/notifications/read-all", 200).Json<UnreadCount>()).Unread.ShouldBe(0);
        await api.Scenario(s =>
        {
            s.Get.Url("/api/me/notifications");
            s.StatusCodeShouldBe(401);
        });
    }

    [Fact]
    public async Task The_district_curator_gets_one_escalation_a_day_listing_who_is_late_until_it_is_done()
    {
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 18, 6, 0, 0, TimeSpan.Zero)); // 09:00 in the district (Moscow)
        // The demo road maps' own overdue activities are done here, so that the digest lists this one among few. Another day than
        // the other test's scan (16 December), whose digest of that day already went out.
        await api.Database.OwnerExecuteAsync("UPDATE mentoring.road_map_activities SET status = 'done' WHERE status IN ('planned', 'in_progress')");
        var late = await api.ActivityAsync(JobsApi.Elan, "Эскалация: отчёт о мониторинге", new DateOnly(2026, 12, 16));
        var curatorId = await api.AccountIdAsync("district.curator");
        await api.Scan.RunAsync();
        await api.Scan.RunAsync();
        await api.DeliveredAsync();
        var key = "escalation:2026-12-18";
        (await api.OwnerCountAsync("SELECT count(*) FROM jobs.reminder_log WHERE deadline_key = $1 AND recipient_id = $2", key, curatorId)).ShouldBe(1L);

        var district = await api.AccountTokenAsync("district.curator");
        var digest = (await Get<NotificationPage>(district, "/api/me/notifications")).Items
            .Single(n => n.Kind == "escalation" && n.Body.Contains("на 18.12.2026"));
        digest.Body.ShouldContain("— МОУ ИРМО «Мало-Еланская НШДС»: «Эскалация: отчёт о мониторинге», срок 16.12.2026, просрочено на 2 дня");
        var lateList = await Get<List<LateDeadline>>(district, $"/api/districts/{JobsApi.District}/reminders/late");
        lateList.Single(l => l.DeadlineId == late.ToString()).DaysLate.ShouldBe(2);

        // Next day, still late: a new digest; then done: no longer listed.
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 19, 6, 0, 0, TimeSpan.Zero));
        await api.Scan.RunAsync();
        await api.DeliveredAsync();
        var secondDay = (await Get<NotificationPage>(district, "/api/me/notifications")).Items
            .Single(n => n.Kind == "escalation" && n.Body.Contains("на 19.12.2026"));
        secondDay.Body.ShouldContain("просрочено на 3 дня");
        await api.Database.OwnerExecuteAsync("UPDATE mentoring.road_map_activities SET status = 'done' WHERE id = $1", late);
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 20, 6, 0, 0, TimeSpan.Zero));
        await api.Scan.RunAsync();
        await api.DeliveredAsync();
        var items = (await Get<NotificationPage>(district, "/api/me/notifications")).Items;
        items.Where(n => n.Kind == "escalation" && n.Body.Contains("на 20.12.2026")).ShouldAllBe(n => !n.Body.Contains("Эскалация: отчёт о мониторинге"));
    }
}
