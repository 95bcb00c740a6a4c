using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Identity.Tokens;
using Platform.Domain;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;

namespace Platform.Identity.Accounts;

public sealed record RoleView(string Code, string Name);
public sealed record ScopeView(string Kind, Guid? Id, string? Name);
public sealed record MeResponse(Guid? Id, string UserName, string? FullName, IReadOnlyList<RoleView> Roles, ScopeView Scope);
public sealed record ChangePassword(string? CurrentPassword, string? NewPassword);
public sealed record ChangeRoles(string[]? Roles);
public sealed record BlockAccount(string? Reason);

/// <summary>The caller's own account, and the district's accounts as its curator manages them.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").WithTags("Учётные записи").WithMetadata(new UsesHomeDatabaseAttribute()).RequireAuthorization(Policies.Authenticated);
        me.MapGet("", Me).WithSummary("Кто я: учётная запись, роли, уровень доступа");
        me.MapPost("/password", ChangeOwnPassword).RequireRateLimiting(SignInLimits.Policy)
            .WithSummary("Сменить свой пароль (все сеансы завершаются; неверный текущий пароль считается неудачной попыткой входа)");

        var district = app.MapGroup("/api/districts/{districtId:guid}/accounts").WithTags("Учётные записи").WithMetadata(new UsesHomeDatabaseAttribute());
        district.MapGet("", List).RequireAuthorization(Policies.DistrictRead).WithSummary("Учётные записи района и его организаций");
        district.MapPut("/{id:guid}/roles", SetRoles).RequireAuthorization(Policies.DistrictWrite).WithSummary("Изменить роли учётной записи");
        district.MapPost("/{id:guid}/block", Block).RequireAuthorization(Policies.DistrictWrite).WithSummary("Заблокировать учётную запись");
        district.MapDelete("/{id:guid}/block", Unblock).RequireAuthorization(Policies.DistrictWrite).WithSummary("Снять блокировку (и временную блокировку после неудачных входов)");
        return app;
    }

    private static async Task<Ok<MeResponse>> Me(TenantContext tenant, TenantDirectory directory, CancellationToken ct)
    {
        var caller = tenant.Caller!;
        var scopeName = caller.Scope.Kind switch
        {
            ScopeKind.School => (await directory.FindSchoolAsync(caller.Scope.Id, ct))?.ShortName,
            ScopeKind.District => (await directory.FindDistrictAsync(caller.Scope.Id, ct))?.ShortName,
            ScopeKind.Region => (await directory.ListRegionsAsync(ct)).FirstOrDefault(r => r.Id == caller.Scope.Id)?.Name,
            _ => "Вся платформа",
        };
        return TypedResults.Ok(new MeResponse(caller.UserId, caller.UserName, caller.FullName,
            caller.Roles.Order().Select(r => new RoleView(r, Roles.RussianName(r))).ToList(),
            new ScopeView(PlatformUser.KindName(caller.Scope.Kind), caller.Scope.Kind == ScopeKind.Platform ? null : caller.Scope.Id, scopeName)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangeOwnPassword(
        ChangePassword command, TenantContext tenant, DocumentSession session, IdentityDb db, UserManager<PlatformUser> users,
        PasswordSignIn passwords, SessionRevocation revocation, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        await db.EnlistAsync(session, ct);
        var user = tenant.Caller!.UserId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (user is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: "Пароль этой учётной записи меняется у внешнего поставщика входа.");
        new Validation()
            .Require(!string.IsNullOrEmpty(command.CurrentPassword), "currentPassword", "Укажите текущий пароль.")
            .Require(!string.IsNullOrEmpty(command.NewPassword), "newPassword", "Укажите новый пароль.")
            .ThrowIfInvalid();
        // A stolen session must not become a way to guess the password: wrong ones count like failed sign-ins.
        var check = await passwords.CheckCurrentPasswordAsync(user, command.CurrentPassword!, session, http, ct);
        if (check.Status == SignInStatus.Throttled) return SignInLimits.TooMany(http, check.Wait!.Value, check.Message!);
        if (check.Status != SignInStatus.Succeeded)
        {
            await session.SaveChangesAsync(ct); // the failure, the lockout and their journal entries stay
            if (check.Wait is { } wait)
                return SignInLimits.TooMany(http, wait, "Слишком много неверных паролей: смена пароля и вход временно недоступны. " + SignInLimits.RetryIn(wait));
            throw new DomainValidationException(new Dictionary<string, string[]> { ["currentPassword"] = ["Текущий пароль указан неверно."] });
        }
        var result = await users.ChangePasswordAsync(user, command.CurrentPassword!, command.NewPassword!);
        if (!result.Succeeded) throw AccountCommands.IdentityErrors(result);
        var now = time.GetUtcNow();
        await revocation.RevokeAllAsync(user.Id, ct);
        session.ForTenant(user.TenantId).Append(user.Id, new PasswordChanged(user.Id, now), new TokensRevoked(user.Id, null, "password_changed", now));
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<Page<AccountCard>>, ValidationProblem>> List(
        [AsParameters] AccountListQuery query, DocumentSession session, CancellationToken ct)
    {
        if (query.Role is not null && !Roles.IsKnown(query.Role))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = ["Неизвестная роль. Роли: " + string.Join(", ", Roles.All) + "."] });
        return TypedResults.Ok(await AccountList.QueryAsync(session, query, ct));
    }

    private static Task<Results<Ok<AccountCard>, NotFound>> SetRoles(Guid id, ChangeRoles command, AccountChange change, CancellationToken ct) =>
        change.ApplyAsync(id, ct, (user, caller, now) =>
        {
            var roles = AccountCommands.ValidRoles(command.Roles, user.Scope.Kind);
            if (user.Id == caller.UserId && !roles.Contains(Roles.DistrictCurator))
                throw new DomainRuleException("Нельзя снять с себя роль муниципального куратора: попросите об этом другого куратора района.");
            if (roles.Order().SequenceEqual(user.Roles.Order())) return [];
            var before = user.Roles.ToArray();
            user.Roles = [.. roles];
            return [new AccountRolesChanged(user.Id, before, roles, now)];
        }, revokeReason: "roles_changed");

    public static Task<Results<Ok<AccountCard>, NotFound>> Block(Guid id, BlockAccount command, AccountChange change, CancellationToken ct) =>
        change.ApplyAsync(id, ct, (user, caller, now) =>
        {
            if (user.Id == caller.UserId) throw new DomainRuleException("Нельзя заблокировать собственную учётную запись.");
            if (user.BlockedAt is not null) return [];
            user.BlockedAt = now;
            return [new AccountBlocked(user.Id, command.Reason?.Trim(), now)];
        }, revokeReason: "blocked");

    public static Task<Results<Ok<AccountCard>, NotFound>> Unblock(Guid id, AccountChange change, CancellationToken ct) =>
        change.ApplyAsync(id, ct, (user, _, now) =>
        {
            var locked = user.LockoutEnd > now;
            if (user.BlockedAt is null && !locked && user.AccessFailedCount == 0) return [];
            user.BlockedAt = null;
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            return [new AccountUnblocked(user.Id, now)];
        }, revokeReason: null);
}
