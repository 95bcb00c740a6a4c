using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Platform.EventStore;
using Platform.Identity.Accounts;

namespace Platform.Identity.Tokens;

public enum SignInStatus { Succeeded, Failed, LockedOut, Blocked, Throttled }

/// <param name="Wait">For <see cref="SignInStatus.Throttled"/>: how long the address waits (Retry-After).</param>
public sealed record SignInOutcome(SignInStatus Status, PlatformUser? User, string? Message, TimeSpan? Wait = null)
{
    /// <summary>
    /// A wrong password, an unknown login and a temporarily locked account get the same words: the answer must not tell a
    /// stranger which accounts exist or are locked. The lockout shows in the district's security journal.
    /// </summary>
    public const string Refused = "Неверный логин или пароль. После нескольких неудачных попыток вход на время приостанавливается: " +
                                  "подождите или обратитесь к куратору.";

    public static string Russian(SignInStatus status, TimeSpan? wait = null) => status switch
    {
        SignInStatus.Blocked => "Учётная запись заблокирована. Обратитесь к муниципальному куратору.",
        SignInStatus.Throttled => "Слишком много неудачных попыток входа с этого адреса. " + SignInLimits.RetryIn(wait ?? TimeSpan.Zero),
        _ => Refused,
    };
}

/// <summary>
/// Checks a login and password with Identity (hashing, lockout after repeated failures) and records
/// the attempt in the account's stream, all in one platform-scoped transaction: the failure counter,
/// the lockout and their audit events commit together. Used by the token endpoint and the web sign-in;
/// <see cref="CheckCurrentPasswordAsync"/> does the same for a password change.
/// </summary>
public sealed class PasswordSignIn(
    IdentityDb db, UserManager<PlatformUser> users, SignInManager<PlatformUser> signIn, DocumentStore store, SignInFailures failures,
    TimeProvider time, ILogger<PasswordSignIn> log)
{
    private static readonly PlatformUser Nobody = new();
    private static readonly string NobodyHash = new PasswordHasher<PlatformUser>().HashPassword(Nobody, Guid.NewGuid().ToString());

    private static readonly string[] WrongPasswordReasons = ["wrong_password", "wrong_current_password"];

    /// <param name="onSuccess">Work done in the same transaction when the password is right (e.g. issuing a refresh token).</param>
    public async Task<SignInOutcome> SignInAsync(string? login, string? password, string method, HttpContext http,
        Func<DocumentSession, PlatformUser, Task>? onSuccess, CancellationToken ct)
    {
        await using var session = store.LightweightSession(TenantScope.Platform);
        session.CorrelationId = http.TraceIdentifier;
        await db.EnlistAsync(session, ct);

        var user = string.IsNullOrWhiteSpace(login) ? null
            : await users.FindByNameAsync(login.Trim()) ?? await users.FindByEmailAsync(login.Trim());
        var ip = http.Connection.RemoteIpAddress?.ToString();
        var key = user?.Id.ToString() ?? login?.Trim() ?? "";
        if (await ThrottledAsync(session, user, key, http, ct) is { } throttled) return throttled;

        if (user is null || string.IsNullOrEmpty(password))
        {
            SameTimeAsACheck(password);
            failures.Failed(key, ip);
            log.LogWarning("Sign-in failed for unknown login {Login}", login);
            return Outcome(SignInStatus.Failed, null);
        }

        session.UserName = user.UserName;
        var account = session.ForTenant(user.TenantId);
        var agent = http.Request.Headers.UserAgent.ToString();
        var now = time.GetUtcNow();

        if (user.BlockedAt is not null)
        {
            // Said only to whoever knows the password: to anyone else a blocked account is like one that does not exist.
            var right = users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash ?? NobodyHash, password) != PasswordVerificationResult.Failed;
            account.Append(user.Id, new LoginFailed(user.Id, "blocked", user.AccessFailedCount, ip, agent, now));
            await session.SaveChangesAsync(ct);
            failures.Failed(key, ip);
            return Outcome(right ? SignInStatus.Blocked : SignInStatus.Failed, user);
        }

        if (await users.IsLockedOutAsync(user))
        {
            SameTimeAsACheck(password); // Identity answers a locked account without hashing: the time would tell
            account.Append(user.Id, new LoginFailed(user.Id, "locked_out", user.AccessFailedCount, ip, agent, now));
            await session.SaveChangesAsync(ct);
            failures.Failed(key, ip);
            return Outcome(SignInStatus.LockedOut, user);
        }

        await ForgetOldFailuresAsync(session, user, now, ct);
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        SignInOutcome outcome;
        if (result.Succeeded)
        {
            account.Append(user.Id, new LoggedIn(user.Id, method, ip, agent, now));
            if (onSuccess is not null) await onSuccess(session, user);
            outcome = new SignInOutcome(SignInStatus.Succeeded, user, null);
        }
        else
        {
            RecordWrongPassword(account, user, "wrong_password", result.IsLockedOut, ip, agent, now);
            outcome = Outcome(result.IsLockedOut ? SignInStatus.LockedOut : SignInStatus.Failed, user);
        }
        await session.SaveChangesAsync(ct);
        if (result.Succeeded) failures.Succeeded(key, ip);
        else failures.Failed(key, ip);
        return outcome;
    }

    /// <summary>
    /// The signed-in account's current password, before a change: a wrong one counts as a failed sign-in (the lockout
    /// counter, the journal, the wait per address). The events go into <paramref name="session"/>, which the caller saves
    /// (a refusal too: it must be kept). Failed, LockedOut (locked before or by this attempt) or Throttled: not to go on.
    /// </summary>
    public async Task<SignInOutcome> CheckCurrentPasswordAsync(PlatformUser user, string password, DocumentSession session, HttpContext http,
        CancellationToken ct)
    {
        var key = user.Id.ToString();
        var ip = http.Connection.RemoteIpAddress?.ToString();
        if (await ThrottledAsync(session, user, key, http, ct) is { } throttled) return throttled;
        var now = time.GetUtcNow();
        if (await users.IsLockedOutAsync(user))
            return new SignInOutcome(SignInStatus.LockedOut, user, null, (user.LockoutEnd ?? now) - now);

        await ForgetOldFailuresAsync(session, user, now, ct);
        if (await users.CheckPasswordAsync(user, password))
        {
            if (user.AccessFailedCount > 0) await users.ResetAccessFailedCountAsync(user);
            failures.Succeeded(key, ip);
            return new SignInOutcome(SignInStatus.Succeeded, user, null);
        }
        await users.AccessFailedAsync(user);
        var locked = await users.IsLockedOutAsync(user);
        RecordWrongPassword(session.ForTenant(user.TenantId), user, "wrong_current_password", locked, ip, http.Request.Headers.UserAgent.ToString(), now);
        failures.Failed(key, ip);
        return new SignInOutcome(locked ? SignInStatus.LockedOut : SignInStatus.Failed, user, null, locked ? (user.LockoutEnd ?? now) - now : null);
    }

    /// <summary>This address has had its share of wrong passwords on this login: it waits, and a known account's journal says so.</summary>
    private async Task<SignInOutcome?> ThrottledAsync(DocumentSession session, PlatformUser? user, string key, HttpContext http, CancellationToken ct)
    {
        var ip = http.Connection.RemoteIpAddress?.ToString();
        var wait = failures.Wait(key, ip);
        if (user is not null && await JournaledWaitAsync(session, user, ip, ct) is { } journaled) wait = wait > journaled ? wait : journaled;
        if (wait is null) return null;
        log.LogWarning("Password attempts on {Login} from {RemoteAddress} throttled for {Wait}", user?.UserName ?? key, ip, wait);
        if (user is not null && failures.ShouldJournal(user.UserName!))
        {
            session.UserName ??= user.UserName;
            session.ForTenant(user.TenantId).Append(user.Id, new SignInThrottled(user.Id, ip, time.GetUtcNow()));
            await session.SaveChangesAsync(ct);
        }
        return new SignInOutcome(SignInStatus.Throttled, user, SignInOutcome.Russian(SignInStatus.Throttled, wait), wait);
    }

    /// <summary>
    /// The same count from the account's journal: the same on every node and after a restart, so that a stranger cannot get
    /// more guesses by reaching another node. A sign-in, an unblocking or a password change starts it again, as it does the
    /// lockout counter.
    /// </summary>
    private async Task<TimeSpan?> JournaledWaitAsync(DocumentSession session, PlatformUser user, string? ip, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var times = await session.QueryAsync("""
            SELECT (data->>'at')::timestamptz FROM es.mt_events
             WHERE tenant_id = $1 AND stream_id = $2 AND type = 'login_failed' AND data->>'ip' IS NOT DISTINCT FROM $3::text
               AND (data->>'at')::timestamptz > $4
               AND seq_id > coalesce((SELECT max(seq_id) FROM es.mt_events WHERE tenant_id = $1 AND stream_id = $2
                                         AND type IN ('logged_in', 'account_unblocked', 'password_changed')), 0)
             ORDER BY seq_id DESC LIMIT $5
            """, r => r.GetFieldValue<DateTimeOffset>(0), ct, user.TenantId.ToString(), user.Id, ip, now - failures.Window, failures.Limit);
        return times.Count < failures.Limit ? null : times.Min() + failures.Window - now;
    }

    /// <summary>
    /// The lockout counts the wrong passwords of the last lockout window only: Identity's counter never forgets, so a
    /// stranger's few guesses a day, each within the per-address allowance, would otherwise add up to a lockout.
    /// </summary>
    private async Task ForgetOldFailuresAsync(DocumentSession session, PlatformUser user, DateTimeOffset now, CancellationToken ct)
    {
        if (user.AccessFailedCount == 0) return;
        var recent = (await session.QueryAsync("""
            SELECT count(*) FROM es.mt_events
             WHERE tenant_id = $1 AND stream_id = $2 AND type = 'login_failed' AND data->>'reason' = ANY($3)
               AND (data->>'at')::timestamptz > $4
            """, r => (int)r.GetInt64(0), ct, user.TenantId.ToString(), user.Id, WrongPasswordReasons,
            now - users.Options.Lockout.DefaultLockoutTimeSpan))[0];
        if (recent < user.AccessFailedCount) user.AccessFailedCount = recent; // stored with Identity's next update of the account
    }

    private void RecordWrongPassword(EventOperations account, PlatformUser user, string reason, bool lockedNow, string? ip, string agent, DateTimeOffset now)
    {
        if (!lockedNow)
        {
            account.Append(user.Id, new LoginFailed(user.Id, reason, user.AccessFailedCount, ip, agent, now));
            return;
        }
        var until = user.LockoutEnd ?? now;
        account.Append(user.Id, new LoginFailed(user.Id, reason, users.Options.Lockout.MaxFailedAccessAttempts, ip, agent, now),
            new AccountLockedOut(user.Id, until, ip, now));
        log.LogWarning("Account {UserName} locked out until {Until}", user.UserName, until);
    }

    private void SameTimeAsACheck(string? password) => users.PasswordHasher.VerifyHashedPassword(Nobody, NobodyHash, password ?? "");

    private static SignInOutcome Outcome(SignInStatus status, PlatformUser? user) => new(status, user, SignInOutcome.Russian(status));
}
