namespace Platform.Identity.Accounts;

// The account's stream (stream id = account id, tenant = the account's scope): its life and its
// security history. The account's current state lives in Identity's users table; these events are
// the audit trail a district curator reads, written in the same transaction as the change.

public sealed record AccountCreated(Guid AccountId, string UserName, string FullName, string[] Roles, string Scope, Guid? InvitationId, DateTimeOffset CreatedAt);
public sealed record AccountRolesChanged(Guid AccountId, string[] Before, string[] After, DateTimeOffset ChangedAt);
public sealed record AccountBlocked(Guid AccountId, string? Reason, DateTimeOffset BlockedAt);
public sealed record AccountUnblocked(Guid AccountId, DateTimeOffset UnblockedAt);
public sealed record PasswordChanged(Guid AccountId, DateTimeOffset ChangedAt);
public sealed record LoggedIn(Guid AccountId, string Method, string? Ip, string? UserAgent, DateTimeOffset At);
public sealed record LoginFailed(Guid AccountId, string Reason, int FailedAttempts, string? Ip, string? UserAgent, DateTimeOffset At);
public sealed record AccountLockedOut(Guid AccountId, DateTimeOffset Until, string? Ip, DateTimeOffset At);
public sealed record TokensRevoked(Guid AccountId, Guid? FamilyId, string Reason, DateTimeOffset At);
public sealed record SignInThrottled(Guid AccountId, string? Ip, DateTimeOffset At);

/// <summary>The account as its events tell it (used for its stream type and by tests).</summary>
public sealed record Account(Guid Id, string UserName, string[] Roles, bool Blocked)
{
    public static Account Create(AccountCreated e) => new(e.AccountId, e.UserName, e.Roles, false);
    public Account Apply(AccountRolesChanged e) => this with { Roles = e.After };
    public Account Apply(AccountBlocked _) => this with { Blocked = true };
    public Account Apply(AccountUnblocked _) => this with { Blocked = false };

    public static readonly Type[] EventTypes =
    [
        typeof(AccountCreated), typeof(AccountRolesChanged), typeof(AccountBlocked), typeof(AccountUnblocked),
        typeof(PasswordChanged), typeof(LoggedIn), typeof(LoginFailed), typeof(AccountLockedOut), typeof(TokensRevoked), typeof(SignInThrottled),
    ];
}
