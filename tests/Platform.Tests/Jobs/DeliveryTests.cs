using Alba;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.EventStore;
using Platform.Jobs.Deliveries;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Jobs;

/// <summary>
/// E-mail through a real SMTP listener (Russian template, retries with backoff, dead letter, the district curator's
/// resend), invitation letters, and HTTP pushes to an institute endpoint that is down for a while.
/// </summary>
public sealed class DeliveryTests(JobsApi api) : IClassFixture<JobsApi>
{
    private const string Curator = "curator.sosh1";

    private async Task GiveEmailAsync(string login) =>
        await api.Database.OwnerExecuteAsync("UPDATE identity.users SET email = $1 || '@school.test' WHERE user_name = $1", login);

    private Task<T> Get<T>(string token, string url) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Get.Url(url);
    }).Json<T>();

    /// <summary>A district's delivery sent again by the caller, expecting the status.</summary>
    private Task<IScenarioResult> Resend(string token, Guid id, int status) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Post.Url($"/api/districts/{JobsApi.District}/deliveries/{id}/resend");
        s.StatusCodeShouldBe(status);
    });

    [Fact]
    public async Task A_reminder_mail_arrives_in_Russian_with_school_deadline_days_left_and_link()
    {
        await GiveEmailAsync(Curator);
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 16, 6, 0, 0, TimeSpan.Zero));
        await api.ActivityAsync(JobsApi.Sosh1, "Письмо: мониторинг программ", new DateOnly(2026, 12, 19));
        await api.Scan.RunAsync();
        await api.DeliveredAsync();

        (await api.Database.OwnerScalarAsync<string>(
            "SELECT status || ' ' || coalesce(last_error, '') FROM jobs.deliveries WHERE channel = 'email' AND payload->>'deadline' = 'Письмо: мониторинг программ'"))
            .ShouldBe("sent ");
        var mail = (await api.Smtp.WaitForAsync(m => m.Body.Contains("Письмо: мониторинг программ"))).Single();
        mail.To.ShouldBe(["curator.sosh1@school.test"]);
        mail.Subject.ShouldBe("Срок 19.12.2026 (через 3 дня): Письмо: мониторинг программ");
        mail.Body.ShouldContain("МБОУ СОШ № 1");
        mail.Body.ShouldContain("Срок — 19.12.2026, через 3 дня.");
        mail.Body.ShouldContain("Ссылка: https://nastavnik.test/schools/" + JobsApi.Sosh1 + "/road-maps/");
        mail.MessageId.ShouldBe($"<{mail.DeliveryId}@nastavnik>");
        (await api.Database.OwnerScalarAsync<string>("SELECT status FROM jobs.deliveries WHERE id = $1", Guid.Parse(mail.DeliveryId))).ShouldBe("sent");
    }

    [Fact]
    public async Task A_refused_mail_is_retried_with_backoff_then_dead_and_the_district_curator_sees_it_and_resends()
    {
        await GiveEmailAsync(Curator);
        api.Clock.AdjustTime(new DateTimeOffset(2026, 12, 16, 6, 0, 0, TimeSpan.Zero));
        await api.ActivityAsync(JobsApi.Sosh1, "Письмо: сбой сервера", new DateOnly(2026, 12, 23));
        api.Smtp.FailNext(3); // Email:MaxAttempts = 3 in the test host, retries after 1 s, then 2 s
        await api.Scan.RunAsync();
        var id = await api.Database.OwnerScalarAsync<Guid>(
            "SELECT id FROM jobs.deliveries WHERE channel = 'email' AND payload->>'deadline' = 'Письмо: сбой сервера'");

        (await api.DeliveryReachesAsync(id, "failed", 1)).ShouldBe(("failed", 1));
        var firstFailed = System.Diagnostics.Stopwatch.StartNew();
        var next = await api.Database.OwnerScalarAsync<DateTime>("SELECT next_attempt_at FROM jobs.deliveries WHERE id = $1", id);
        (next - api.Clock.GetUtcNow().UtcDateTime).ShouldBe(TimeSpan.FromSeconds(1)); // the first retry's wait, before jitter
        (await api.DeliveryReachesAsync(id, "failed", 2)).ShouldBe(("failed", 2));
        firstFailed.Elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(800)); // Wolverine waited before the retry
        next = await api.Database.OwnerScalarAsync<DateTime>("SELECT next_attempt_at FROM jobs.deliveries WHERE id = $1", id);
        (next - api.Clock.GetUtcNow().UtcDateTime).ShouldBe(TimeSpan.FromSeconds(2)); // doubled
        (await api.DeliveryReachesAsync(id, "dead", 3)).ShouldBe(("dead", 3));

        var district = await api.AccountTokenAsync("district.curator");
        var problems = await Get<List<DeliveryRow>>(district, $"/api/districts/{JobsApi.District}/deliveries?status=problems");
        var dead = problems.Single(p => p.Id == id);
        dead.Status.ShouldBe("dead");
        dead.Address.ShouldBe("curator.sosh1@school.test");
        dead.LastError!.ShouldContain("451");
        var details = await Get<DeliveryDetails>(district, $"/api/districts/{JobsApi.District}/deliveries/{id}");
        details.Attempts.Select(a => (a.Attempt, a.Ok)).ShouldBe([(1, false), (2, false), (3, false)]);
        details.Attempts.ShouldAllBe(a => a.Answer!.Contains("451"));

        // A school's account cannot reach the district's deliveries; a region officer reads but cannot resend.
        var school = await api.AccountTokenAsync(Curator);
        await api.Scenario(s =>
        {
            s.WithBearerToken(school);
            s.Get.Url($"/api/districts/{JobsApi.District}/deliveries");
            s.StatusCodeShouldBe(403);
        });
        (await Resend(district, id, 200).Json<DeliveryRow>()).Status.ShouldBe("pending");
        (await api.DeliveryReachesAsync(id, "sent", 4)).ShouldBe(("sent", 4)); // Wolverine replayed its dead letter
        (await api.Smtp.WaitForAsync(m => m.DeliveryId == id.ToString())).Count.ShouldBe(1);
        var again = await Resend(district, id, 409);
        (await again.ReadAsTextAsync()).ShouldContain("уже доставлено");
    }

    [Fact]
    public async Task An_invitation_link_is_emailed()
    {
        var district = await api.AccountTokenAsync("district.curator");
        var body = await api.Scenario(s =>
        {
            s.WithBearerToken(district);
            s.Post.Json(new { schoolId = JobsApi.Elan, role = "SchoolDirector", email = "new.director@elan.test", fullName = "Иванова Мария Петровна" })
                .ToUrl($"/api/districts/{JobsApi.District}/invitations");
            s.StatusCodeShouldBe(201);
        }).Json();
        var link = body.GetProperty("link").GetString()!;
        await api.DeliveredAsync();
        var mail = (await api.Smtp.WaitForAsync(m => m.To.Contains("new.director@elan.test"))).Single();
        mail.Subject.ShouldBe("Приглашение в систему наставничества");
        mail.Body.ShouldContain("Здравствуйте, Иванова Мария Петровна!");
        mail.Body.ShouldContain("Руководитель организации");
        mail.Body.ShouldContain(link);
    }

    [Fact]
    public async Task A_push_to_the_institute_is_retried_over_days_every_answer_logged_and_dead_after_the_last_attempt()
    {
        var received = new List<(string Key, string Type, string Disposition, byte[] Body)>();
        var refuse = 2;
        await using var institute = await Endpoint(async http =>
        {
            if (refuse-- > 0)
            {
                http.Response.StatusCode = 503;
                await http.Response.WriteAsync("Сервис на обслуживании до понедельника");
                return;
            }
            using var ms = new MemoryStream();
            await http.Request.Body.CopyToAsync(ms);
            lock (received) received.Add((http.Request.Headers["Idempotency-Key"].ToString(), http.Request.ContentType!,
                http.Request.Headers.ContentDisposition.ToString(), ms.ToArray()));
            http.Response.StatusCode = 201;
            await http.Response.WriteAsync("принято, № 2026/77");
        });
        var file = "Мониторинг района 2026;Итого\n"u8.ToArray();
        var queue = api.Services.GetRequiredService<DeliveryQueue>();
        Guid id;
        await using (var session = api.Store.LightweightSession(TenantScope.District(JobsApi.District)))
        {
            id = await queue.QueueAsync(session, InstituteDelivery.To(JobsApi.District, institute.Url,
                new DeliveryPayload(file, "text/csv; charset=utf-8", "мониторинг-2026.csv"), "Мониторинг за 2026 год"), default);
            await session.SaveChangesAsync();
        }

        (await api.DeliveryReachesAsync(id, "sent", 3)).ShouldBe(("sent", 3));

        var push = received.Single();
        push.Key.ShouldBe(id.ToString());
        push.Type.ShouldBe("text/csv; charset=utf-8");
        push.Disposition.ShouldContain("filename*=utf-8''");
        push.Body.ShouldBe(file);
        var details = await Get<DeliveryDetails>(await api.AccountTokenAsync("district.curator"), $"/api/districts/{JobsApi.District}/deliveries/{id}");
        details.Attempts.Select(a => a.Answer).ShouldBe([
            "503 Service Unavailable: Сервис на обслуживании до понедельника",
            "503 Service Unavailable: Сервис на обслуживании до понедельника",
            "201 Created: принято, № 2026/77"]);

        // An endpoint down for good: retried with growing waits, then the push is dead (Deliveries:MaxAttempts = 4 here).
        refuse = int.MaxValue;
        Guid doomed;
        await using (var session = api.Store.LightweightSession(TenantScope.District(JobsApi.District)))
        {
            doomed = await queue.QueueAsync(session, InstituteDelivery.To(JobsApi.District, institute.Url, new DeliveryPayload(file, "text/csv", "m.csv"), "Повтор"), default);
            await session.SaveChangesAsync();
        }
        (await api.DeliveryReachesAsync(doomed, "dead", 4)).ShouldBe(("dead", 4));
    }

    [Fact]
    public async Task An_email_attempt_is_logged_before_the_server_has_the_mail_and_one_cut_short_stays_in_the_log_as_interrupted()
    {
        // A delivery with no Wolverine message: this test runs the handler itself, as Wolverine would, twice.
        var id = Guid.CreateVersion7();
        await api.Database.OwnerExecuteAsync("""
            INSERT INTO jobs.deliveries (tenant_id, id, channel, template, address, payload, status, attempts, max_attempts, next_attempt_at, created_at)
            VALUES ($1, $2, 'email', 'notice', 'curator.sosh1@school.test', '{"title": "Прерванное письмо", "body": "Текст"}', 'pending', 0, 3, now(), now())
            """, JobsApi.District, id);
        var handler = ActivatorUtilities.CreateInstance<DeliveryHandler>(api.Services);
        var message = new Platform.Jobs.Messaging.SendEmail(JobsApi.District, id);
        var district = await api.AccountTokenAsync("district.curator");
        Task<DeliveryDetails> Details() => Get<DeliveryDetails>(district, $"/api/districts/{JobsApi.District}/deliveries/{id}");

        // The first attempt: the server has the mail and its «250», the node waits on QUIT and is stopped there.
        api.Smtp.HoldQuit = true;
        using var stop = new CancellationTokenSource();
        var first = handler.Handle(message, new Wolverine.Envelope { Attempts = 1 }, stop.Token);
        (await api.Smtp.WaitForAsync(m => m.DeliveryId == id.ToString())).Count.ShouldBe(1);
        var sending = (await Details()).Attempts.ShouldHaveSingleItem(); // committed before the server answered
        (sending.Attempt, sending.Outcome, sending.Ok, sending.FinishedAt).ShouldBe((1, "sending", false, null));
        stop.Cancel();
        await Should.ThrowAsync<OperationCanceledException>(first);
        api.Smtp.HoldQuit = false;
        (await Details()).Attempts.Single().Outcome.ShouldBe("sending");

        // Wolverine delivers the message again: a second attempt, its own row; the first one is shown interrupted.
        await handler.Handle(message, new Wolverine.Envelope { Attempts = 1 }, default);
        var details = await Details();
        details.Delivery.Status.ShouldBe("sent");
        details.Delivery.Attempts.ShouldBe(2);
        details.Delivery.Interrupted.ShouldBe(1);
        details.Attempts.Select(a => (a.Attempt, a.Outcome, a.Ok)).ShouldBe([(1, "interrupted", false), (2, "sent", true)]);
        details.Attempts[0].Answer.ShouldBe(DeliveryHandler.Interrupted);
        details.Attempts[1].FinishedAt.ShouldNotBeNull();
        var mails = (await api.Smtp.WaitForAsync(m => m.DeliveryId == id.ToString(), 2)).ToList();
        mails.Count.ShouldBe(2);
        mails.Select(m => m.MessageId).Distinct().ShouldHaveSingleItem(); // the receiver drops the second

        // «Рассылки» and the API's problems list it: delivered, but perhaps twice; it is not resent.
        var problems = await Get<List<DeliveryRow>>(district, $"/api/districts/{JobsApi.District}/deliveries?status=problems");
        problems.Single(p => p.Id == id).Interrupted.ShouldBe(1);
        var html = await Platform.Tests.Web.PageClient.PageAsync(api, district, $"/districts/{JobsApi.District}/deliveries");
        html.ShouldContain("Прерванное письмо");
        html.ShouldContain("попытка прервана — исход неизвестен");
        html.ShouldNotContain($"/deliveries/{id}/resend");
    }

    private sealed class TestEndpoint(WebApplication app, Uri url) : IAsyncDisposable
    {
        public Uri Url { get; } = url;
        public ValueTask DisposeAsync() => app.DisposeAsync();
    }

    /// <summary>A real HTTP endpoint on 127.0.0.1 (Kestrel), standing in for the institute's intake.</summary>
    private static async Task<TestEndpoint> Endpoint(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/intake", handler);
        await app.StartAsync();
        var address = app.Urls.First();
        return new TestEndpoint(app, new Uri(address + "/intake"));
    }
}
