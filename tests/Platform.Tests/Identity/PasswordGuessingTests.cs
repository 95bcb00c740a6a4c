using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Identity.Accounts;
using Platform.Identity.Demo;
using Platform.Identity.Tokens;
using Platform.Tenancy.Access;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Identity;

/// <summary>
/// Guessing a password (issue 21): the answers do not tell a locked account from an unknown login, a stranger guessing from one
/// address is made to wait before the account could be locked, and a password change's current password counts like a sign-in.
/// </summary>
public sealed class PasswordGuessingTests(FakeClockApi api) : IClassFixture<FakeClockApi>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");
    private static readonly IPAddress Stranger = IPAddress.Parse("203.0.113.66");
    private static readonly IPAddress Owner = IPAddress.Parse("198.51.100.10");

    private async Task<PlatformUser> NewAccount() =>
        await AccountCommands.CreateAsync(api.Services, $"user.{Guid.NewGuid():N}"[..20], "Проверочная Анна Ивановна", Roles.SchoolCurator,
            TenantScope.School(Sosh1), DemoAccounts.Password, "test");

    private Task<IScenarioResult> Token(string login, string password, IPAddress from, int status) => api.Scenario(s =>
    {
        s.Post.FormData(OAuth.PasswordGrant(login, password)).ToUrl("/connect/token");
        s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = from);
        s.StatusCodeShouldBe(status);
    });

    private Task<IScenarioResult> Throttled(string login, IPAddress from) => api.Scenario(s =>
    {
        s.Post.FormData(OAuth.PasswordGrant(login)).ToUrl("/connect/token"); // even the right password waits
        s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = from);
        s.ProblemShouldBe(429, contains: "Слишком много неудачных попыток входа с этого адреса");
    });

    private Task<int> FailedCount(Guid account) =>
        api.Database.OwnerScalarAsync<int>("SELECT access_failed_count FROM identity.users WHERE id = $1", account);

    private Task<bool> Locked(Guid account) =>
        api.Database.OwnerScalarAsync<bool>("SELECT coalesce(lockout_end > now(), false) FROM identity.users WHERE id = $1", account);

    private Task<List<string>> EventTypes(Guid account) => api.Database.OwnerListAsync<string>(
        "SELECT type FROM es.mt_events WHERE stream_id = $1 ORDER BY version", account);

    /// <summary>The district curator's security journal: the account's entries of one type.</summary>
    private async Task<JsonElement> Journal(Guid account, string type) => (await api.Scenario(s =>
    {
        s.WithBearerToken(api.TokenAs($"district:{DemoDistrict.DistrictId}"));
        s.Get.Url($"/api/districts/{DemoDistrict.DistrictId}/audit?accountId={account}&type={type}");
    }).Json()).GetProperty("items");

    [Fact]
    public async Task A_locked_account_answers_as_an_unknown_login_does_and_the_district_curator_sees_the_lockout_in_the_journal()
    {
        var user = await NewAccount();
        for (var i = 1; i <= 5; i++) // from five places: the lockout still stops guessing spread over many addresses
            await Token(user.UserName!, $"Wrong-password-{i}", IPAddress.Parse($"192.0.2.{i}"), 400);
        (await Locked(user.Id)).ShouldBeTrue();

        var from = IPAddress.Parse("192.0.2.77");
        var locked = await Token(user.UserName!, DemoAccounts.Password, from, 400).Json();
        var unknown = await Token($"nobody.{Guid.NewGuid():N}"[..20], DemoAccounts.Password, from, 400).Json();
        locked.GetProperty("error").GetString().ShouldBe(unknown.GetProperty("error").GetString());
        locked.GetProperty("error_description").GetString().ShouldBe(unknown.GetProperty("error_description").GetString());
        locked.GetProperty("error_description").GetString().ShouldBe(SignInOutcome.Refused);

        var lockout = (await Journal(user.Id, "account_locked_out")).EnumerateArray().ShouldHaveSingleItem();
        lockout.GetProperty("title").GetString().ShouldBe("Вход временно заблокирован после неудачных попыток");
        lockout.GetProperty("account").GetString().ShouldBe(user.UserName);
        (await Journal(user.Id, "login_failed")).GetArrayLength().ShouldBe(6);
    }

    [Fact]
    public async Task A_strangers_guesses_from_one_address_wait_before_they_could_lock_the_account_and_the_owner_still_signs_in()
    {
        var user = await NewAccount();
        for (var i = 0; i < 3; i++) await Token(user.UserName!, $"Wrong-password-{i}", Stranger, 400);

        var refused = await Throttled(user.UserName!, Stranger);
        // The failures' times are the database's, the wait is the node's clock rounded up: up to a second over the window.
        int.Parse(refused.Context.Response.Headers.RetryAfter.ToString()).ShouldBeInRange(14 * 60, 15 * 60 + 1);
        (await FailedCount(user.Id)).ShouldBe(3); // the waiting attempt did not move the lockout counter
        (await Locked(user.Id)).ShouldBeFalse();
        (await Journal(user.Id, "sign_in_throttled")).GetArrayLength().ShouldBe(1);
        // Another node (or this one after a restart) knows nothing of those guesses in its memory: the account's journal tells it.
        api.Services.GetRequiredService<SignInFailures>().Succeeded(user.Id.ToString(), Stranger.ToString());
        await Throttled(user.UserName!, Stranger);
        (await FailedCount(user.Id)).ShouldBe(3);

        // A made-up login waits the same way: the wait does not tell which accounts exist.
        var nobody = $"nobody.{Guid.NewGuid():N}"[..20];
        for (var i = 0; i < 3; i++) await Token(nobody, $"Wrong-password-{i}", Stranger, 400);
        await Throttled(nobody, Stranger);

        await Token(user.UserName!, DemoAccounts.Password, Owner, 200);
        (await FailedCount(user.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task Wrong_passwords_older_than_the_lockout_window_are_forgotten_so_a_patient_stranger_never_locks_the_account()
    {
        var user = await NewAccount();
        for (var i = 0; i < 3; i++) await Token(user.UserName!, $"Wrong-password-{i}", Stranger, 400);
        api.Clock.Advance(TimeSpan.FromMinutes(16));
        for (var i = 0; i < 3; i++) await Token(user.UserName!, $"Wrong-password-{i}", Stranger, 400);

        (await Locked(user.Id)).ShouldBeFalse();
        (await FailedCount(user.Id)).ShouldBe(3);
        await Token(user.UserName!, DemoAccounts.Password, Owner, 200);
    }

    [Fact]
    public async Task A_wrong_current_password_in_a_password_change_counts_as_a_failed_sign_in_waits_per_address_and_locks_the_account()
    {
        var user = await NewAccount();
        var token = (await api.SignInAsync(user.UserName!)).AccessToken;
        Task<IScenarioResult> Change(string current, IPAddress from, Action<Scenario> expect) => api.Scenario(s =>
        {
            s.WithBearerToken(token);
            s.Post.Json(new { currentPassword = current, newPassword = "Novyi-parol-2027" }).ToUrl("/api/me/password");
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = from);
            expect(s);
        });

        await Change("Wrong-password-0", Stranger, s => s.ProblemShouldBe(400, field: "currentPassword", contains: "Текущий пароль указан неверно"));
        (await FailedCount(user.Id)).ShouldBe(1);
        (await api.Database.OwnerScalarAsync<string>(
            "SELECT data->>'reason' FROM es.mt_events WHERE stream_id = $1 AND type = 'login_failed'", user.Id)).ShouldBe("wrong_current_password");
        for (var i = 1; i < 3; i++) await Change($"Wrong-password-{i}", Stranger, s => s.ProblemShouldBe(400, field: "currentPassword"));
        var waited = await Change(DemoAccounts.Password, Stranger, s => s.ProblemShouldBe(429, contains: "Слишком много неудачных попыток"));
        waited.Context.Response.Headers.RetryAfter.ToString().ShouldNotBeEmpty();
        (await FailedCount(user.Id)).ShouldBe(3);

        // From elsewhere the guesses go on until the lockout stops them.
        var elsewhere = IPAddress.Parse("203.0.113.99");
        await Change("Wrong-password-3", elsewhere, s => s.ProblemShouldBe(400, field: "currentPassword"));
        await Change("Wrong-password-4", elsewhere, s => s.ProblemShouldBe(429, contains: "временно недоступны"));
        (await Locked(user.Id)).ShouldBeTrue();
        await Change(DemoAccounts.Password, elsewhere, s => s.ProblemShouldBe(429, contains: "временно недоступны"));

        var events = await EventTypes(user.Id);
        events.ShouldContain("account_locked_out");
        events.ShouldNotContain("password_changed");
    }
}
