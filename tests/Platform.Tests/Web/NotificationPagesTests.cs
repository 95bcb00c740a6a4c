using System.Net;
using System.Text.RegularExpressions;
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

    private async Task<HttpClient> BrowserAsync(string login)
    {
        var client = await api.AsAccountAsync(login);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string action)
    {
        var html = await client.GetStringAsync(page);
        var token = PageClient.Antiforgery(html);
        token.ShouldNotBeEmpty();
        return await client.PostAsync(action, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
    }

    private static int Badge(string html) => UnreadBadge().Match(html) is { Success: true } m ? int.Parse(m.Groups[1].Value) : 0;

    [Fact]
    public async Task The_inbox_lists_the_welcome_notice_and_marking_read_lowers_the_badge()
    {
        api.Start();
        var curator = await BrowserAsync("curator.sosh1");
        var inbox = await curator.GetStringAsync("/notifications");
        inbox.ShouldContain("Напоминания о сроках включены");
        inbox.ShouldContain("id=\"inbox-link\""); // the header's badge, loaded by every page
        inbox.ShouldContain("Новое");
        var before = Badge(await curator.GetStringAsync("/notifications/badge"));
        before.ShouldBeGreaterThan(0);

        var id = Regex.Match(inbox, """hx-post="/notifications/([0-9a-f-]{36})/read""").Groups[1].Value;
        var marked = await PostAsync(curator, "/notifications", $"/notifications/{id}/read");
        marked.StatusCode.ShouldBe(HttpStatusCode.OK);
        var fragment = await marked.Content.ReadAsStringAsync();
        fragment.ShouldContain("<hx-partial hx-target=\"#inbox-link\"");
        Badge(fragment[fragment.IndexOf("<hx-partial", StringComparison.Ordinal)..]).ShouldBe(before - 1);
        Badge(await curator.GetStringAsync("/notifications/badge")).ShouldBe(before - 1);

        // Another account cannot mark it (the inbox is its own), and «all read» empties the badge.
        var director = await BrowserAsync("director.sosh1");
        (await PostAsync(director, "/notifications", $"/notifications/{id}/read")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await PostAsync(curator, "/notifications", "/notifications/read-all")).Content.ReadAsStringAsync()).ShouldContain("Непрочитанных нет.");
        Badge(await curator.GetStringAsync("/notifications/badge")).ShouldBe(0);
        var stale = await curator.PostAsync("/notifications/read-all", new FormUrlEncodedContent([]));
        stale.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await stale.Content.ReadAsStringAsync()).ShouldContain("Страница устарела");
    }

    [Fact]
    public async Task The_district_sees_upcoming_reminders_who_is_late_and_resends_a_dead_delivery()
    {
        api.Start();
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 16, 6, 0, 0, TimeSpan.Zero));
        await api.ActivityAsync(JobsApi.Sosh1, "Рассылки: встреча с наставниками", new DateOnly(2026, 12, 23));
        await api.ActivityAsync(JobsApi.Elan, "Рассылки: просроченный отчёт", new DateOnly(2026, 12, 10));
        var dead = Guid.NewGuid();
        await api.Database.OwnerExecuteAsync("""
            INSERT INTO jobs.deliveries (tenant_id, id, channel, template, address, payload, status, attempts, max_attempts, next_attempt_at, last_error, created_at)
            VALUES ($1, $2, 'email', 'reminder', 'curator.sosh1@school.test', '{"deadline": "Рассылки: письмо не дошло"}', 'dead', 3, 3, now(),
                    '451 Temporary local problem', now())
            """, JobsApi.Sosh1, dead);

        var district = await BrowserAsync("district.curator");
        var page = $"/districts/{JobsApi.District}/deliveries";
        var html = await district.GetStringAsync(page);
        html.ShouldContain("Рассылки</a>"); // in the district's menu
        html.ShouldContain("Рассылки: встреча с наставниками");
        html.ShouldContain("Рассылки: просроченный отчёт");
        html.ShouldContain("Рассылки: письмо не дошло");
        html.ShouldContain("451 Temporary local problem");
        html.ShouldContain("Отправить повторно");

        var resent = await PostAsync(district, page, $"/districts/{JobsApi.District}/deliveries/{dead}/resend");
        resent.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await resent.Content.ReadAsStringAsync()).ShouldContain("«Рассылки: письмо не дошло» поставлена в очередь повторно");
        (await api.DeliveryReachesAsync(dead, "sent", 4)).ShouldBe(("sent", 4)); // a fresh round: the fourth attempt went through
        var again = await PostAsync(district, page, $"/districts/{JobsApi.District}/deliveries/{dead}/resend");
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain("уже доставлено");

        // A school's account does not reach the district's page.
        (await (await BrowserAsync("curator.sosh1")).GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
