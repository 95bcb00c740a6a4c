using System.Text.RegularExpressions;
using Platform.Tests.Infrastructure;
using Platform.Tests.Jobs;

namespace Platform.Tests.Web;

/// <summary>
/// «Уведомления» and the district's «Рассылки» over HTTP as htmx uses them: the inbox with the demo welcome notice, marking read
/// lowering the header's badge, upcoming reminders and who is late, and resending a dead delivery.
/// </summary>
public sealed partial class NotificationPagesTests(JobsApi api) : IClassFixture<JobsApi>
{
    [GeneratedRegex("""data-unread="(\d+)""")]
    private static partial Regex UnreadBadge();

    /// <summary>Posts the page's (first) form to the action as the account, expecting the status: the answer's HTML.</summary>
    private async Task<string> PostAsync(string account, string page, string action, int status)
    {
        var (_, form) = await api.FormAsync(account, page);
        form.Token.ShouldNotBeEmpty();
        return await api.PostFormAsync(account, action, form, status);
    }

    private static int Badge(string html) => UnreadBadge().Match(html) is { Success: true } m ? int.Parse(m.Groups[1].Value) : 0;

    [Fact]
    public async Task The_inbox_lists_the_welcome_notice_and_marking_read_lowers_the_badge()
    {
        var curator = await api.AccountTokenAsync("curator.sosh1");
        var inbox = await api.PageAsync(curator, "/notifications");
        inbox.ShouldContain("Напоминания о сроках включены");
        inbox.ShouldContain("id=\"inbox-link\""); // the header's badge, loaded by every page
        inbox.ShouldContain("Новое");
        var before = Badge(await api.PageAsync(curator, "/notifications/badge"));
        before.ShouldBeGreaterThan(0);

        var id = Regex.Match(inbox, """hx-post="/notifications/([0-9a-f-]{36})/read""").Groups[1].Value;
        var fragment = await PostAsync(curator, "/notifications", $"/notifications/{id}/read", 200);
        fragment.ShouldContain("<hx-partial hx-target=\"#inbox-link\"");
        Badge(fragment[fragment.IndexOf("<hx-partial", StringComparison.Ordinal)..]).ShouldBe(before - 1);
        Badge(await api.PageAsync(curator, "/notifications/badge")).ShouldBe(before - 1);

        // Another account cannot mark it (the inbox is its own), and «all read» empties the badge.
        var director = await api.AccountTokenAsync("director.sosh1");
        await PostAsync(director, "/notifications", $"/notifications/{id}/read", 404);
        (await PostAsync(curator, "/notifications", "/notifications/read-all", 200)).ShouldContain("Непрочитанных нет.");
        Badge(await api.PageAsync(curator, "/notifications/badge")).ShouldBe(0);
        var (_, held) = await api.FormAsync(curator, "/notifications");
        await api.Scenario(s => // the browser holds the antiforgery cookie, the post lacks the form's token
        {
            s.AsBrowser(curator);
            s.WithRequestHeader("Cookie", held.Cookie);
            s.Post.FormData(new Dictionary<string, string>()).ToUrl("/notifications/read-all");
            s.StatusCodeShouldBe(400);
            s.ContentShouldContain("Страница устарела");
        });
    }

    [Fact]
    public async Task The_district_sees_upcoming_reminders_who_is_late_and_resends_a_dead_delivery()
    {
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 16, 6, 0, 0, TimeSpan.Zero));
        await api.ActivityAsync(JobsApi.Sosh1, "Рассылки: встреча с наставниками", new DateOnly(2026, 12, 23));
        await api.ActivityAsync(JobsApi.Elan, "Рассылки: просроченный отчёт", new DateOnly(2026, 12, 10));
        var dead = Guid.NewGuid();
        await api.Database.OwnerExecuteAsync("""
            INSERT INTO jobs.deliveries (tenant_id, id, channel, template, address, payload, status, attempts, max_attempts, next_attempt_at, last_error, created_at)
            VALUES ($1, $2, 'email', 'reminder', 'curator.sosh1@school.test', '{"deadline": "Рассылки: письмо не дошло"}', 'dead', 3, 3, now(),
                    '451 Temporary local problem', now())
            """, JobsApi.Sosh1, dead);

        var district = await api.AccountTokenAsync("district.curator");
        var page = $"/districts/{JobsApi.District}/deliveries";
        var html = await api.PageAsync(district, page);
        html.ShouldContain("Рассылки</a>"); // in the district's menu
        html.ShouldContain("Рассылки: встреча с наставниками");
        html.ShouldContain("Рассылки: просроченный отчёт");
        html.ShouldContain("Рассылки: письмо не дошло");
        html.ShouldContain("451 Temporary local problem");
        html.ShouldContain("Отправить повторно");

        (await PostAsync(district, page, $"/districts/{JobsApi.District}/deliveries/{dead}/resend", 200))
            .ShouldContain("«Рассылки: письмо не дошло» поставлена в очередь повторно");
        (await api.DeliveryReachesAsync(dead, "sent", 4)).ShouldBe(("sent", 4)); // a fresh round: the fourth attempt went through
        (await PostAsync(district, page, $"/districts/{JobsApi.District}/deliveries/{dead}/resend", 409)).ShouldContain("уже доставлено");

        // A school's account does not reach the district's page.
        await api.PageAsync(await api.AccountTokenAsync("curator.sosh1"), page, 403);
    }
}
