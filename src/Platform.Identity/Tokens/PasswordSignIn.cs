using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Platform.EventStore;
using Platform.Identity.Accounts;

namespace Platform.Identity.Tokens;

public enum SignInStatus { Succeeded, Failed, LockedOut, Blocked }

public sealed record SignInOutcome(SignInStatus Status, PlatformUser? User, string? Message)
{
    public static string Russian(SignInStatus status, DateTimeOffset? lockoutEnd) => status switch
    {
        SignInStatus.LockedOut => $"Слишком много неудачных попыток: вход временно заблокирован до {lockoutEnd:HH:mm} (UTC). Попробуйте позже или обратитесь к куратору.",
        SignInStatus.Blocked => "Учётная запись заблокирована. Обратитесь к муниципальному куратору.",
        _ => "Неверный логин или пароль.",
    };
}

/// <summary>
/// Checks a login and password with Identity (hashing, lockout after repeated failures) and records
/// the attempt in the account's stream, all in one platform-scoped transaction: the failure counter,
/// the lockout and their audit events commit together. Used by the token endpoint and the web sign-in.
/// </summary>
public sealed class PasswordSignIn(
    IdentityDb db, UserManager<PlatformUser> users, SignInManager<PlatformUser> signIn, DocumentStore store,
    TimeProvider time, ILogger<PasswordSignIn> log)
{
    private static readonly PlatformUser Nobody = new();
    private static readonly string NobodyHash = new PasswordHasher<PlatformUser>().HashPassword(Nobody, Guid.NewGuid().ToString());

    /// <param name="onSuccess">Work done in the same transaction when the password is right (e.g. issuing a refresh token).</param>
    public async Task<SignInOutcome> SignInAsync(string? login, string? password, string method, HttpContext http,
        Func<DocumentSession, PlatformUser, Task>? onSuccess, CancellationToken ct)
    {
        await using var session = store.LightweightSession(TenantScope.Platform);
        session.CorrelationId = http.TraceIdentifier;
        await db.EnlistAsync(session, ct);

        var user = string.IsNullOrWhiteSpace(login) ? null
            : await users.FindByNameAsync(login.Trim()) ?? await users.FindByEmailAsync(login.Trim());
        if (user is null || string.IsNullOrEmpty(password))
        {
            users.PasswordHasher.VerifyHashedPassword(Nobody, NobodyHash, password ?? ""); // same time as a real check
            log.LogWarning("Sign-in failed for unknown login {Login}", login);
            return new SignInOutcome(SignInStatus.Failed, null, SignInOutcome.Russian(SignInStatus.Failed, null));
        }

        session.UserName = user.UserName;
        var account = session.ForTenant(user.TenantId);
        var ip = http.Connection.RemoteIpAddress?.ToString();
        var agent = http.Request.Headers.UserAgent.ToString();
        var now = time.GetUtcNow();

        if (user.BlockedAt is not null)
        {
            account.Append(user.Id, new LoginFailed(user.Id, "blocked", user.AccessFailedCount, ip, agent, now));
            await session.SaveChangesAsync(ct);
            return new SignInOutcome(SignInStatus.Blocked, user, SignInOutcome.Russian(SignInStatus.Blocked, null));
        }

        var wasLocked = await users.IsLockedOutAsync(user);
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        SignInOutcome outcome;
        if (result.Succeeded)
        {
            account.Append(user.Id, new LoggedIn(user.Id, method, ip, agent, now));
            if (onSuccess is not null) await onSuccess(session, user);
            outcome = new SignInOutcome(SignInStatus.Succeeded, user, null);
        }
        else if (result.IsLockedOut)
        {
            var until = user.LockoutEnd ?? now;
            if (wasLocked)
                account.Append(user.Id, new LoginFailed(user.Id, "locked_out", user.AccessFailedCount, ip, agent, now));
            else
            {
                account.Append(user.Id, new LoginFailed(user.Id, "wrong_password", users.Options.Lockout.MaxFailedAccessAttempts, ip, agent, now),
                    new AccountLockedOut(user.Id, until, ip, now));
                log.LogWarning("Account {UserName} locked out until {Until}", user.UserName, until);
            }
            outcome = new SignInOutcome(SignInStatus.LockedOut, user, SignInOutcome.Russian(SignInStatus.LockedOut, until));
        }
        else
        {
            account.Append(user.Id, new LoginFailed(user.Id, "wrong_password", user.AccessFailedCount, ip, agent, now));
            outcome = new SignInOutcome(SignInStatus.Failed, user, SignInOutcome.Russian(SignInStatus.Failed, null));
        }
        await session.SaveChangesAsync(ct);
        return outcome;
    }
}
