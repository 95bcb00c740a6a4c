using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Domain;

namespace Platform.Identity.Accounts;

/// <summary>Creating accounts and checking roles against an account's scope.</summary>
public static class AccountCommands
{
    /// <summary>Every role must exist and belong to the account's kind of scope (a school role on a school account…).</summary>
    public static string[] ValidRoles(IEnumerable<string>? roles, ScopeKind scope)
    {
        var list = (roles ?? []).Distinct().ToArray();
        new Validation()
            .Require(list.Length > 0, "roles", "Укажите хотя бы одну роль.")
            .Require(list.All(Roles.IsKnown), "roles", "Неизвестная роль. Роли: " + string.Join(", ", Roles.All) + ".")
            .Require(list.Where(Roles.IsKnown).All(r => Roles.ScopeOf(r) == scope), "roles",
                "Роль не подходит к уровню учётной записи: роли организации — руководитель, куратор, наставник, наставляемый; района — муниципальный куратор; региона — специалист института.")
            .ThrowIfInvalid();
        return list;
    }

    /// <summary>Creates the account in Identity and starts its stream, in the session's transaction (the Identity context must be enlisted in it).</summary>
    public static async Task CreateAsync(UserManager<PlatformUser> users, DocumentSession session, PlatformUser user, string password,
        Guid? invitationId, DateTimeOffset now)
    {
        user.CreatedAt = now;
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) throw IdentityErrors(result);
        session.ForTenant(user.TenantId).StartStream<Account>(user.Id,
            new AccountCreated(user.Id, user.UserName!, user.FullName, [.. user.Roles], user.Scope.ToString(), invitationId, now));
    }

    /// <summary>Creates an account in a transaction of its own (seeding, administration, tests).</summary>
    public static async Task<PlatformUser> CreateAsync(IServiceProvider services, string userName, string fullName, string role,
        TenantScope scope, string password, string actor, CancellationToken ct = default)
    {
        await using var di = services.CreateAsyncScope();
        var sp = di.ServiceProvider;
        await using var session = sp.GetRequiredService<DocumentStore>().LightweightSession(TenantScope.Platform);
        session.UserName = actor;
        await sp.GetRequiredService<IdentityDb>().EnlistAsync(session, ct);
        var user = new PlatformUser
        {
            Id = Guid.CreateVersion7(), UserName = userName, FullName = fullName, Roles = [.. ValidRoles([role], scope.Kind)],
            TenantId = scope.Kind == ScopeKind.Platform ? Guid.Empty : scope.Id, ScopeKind = PlatformUser.KindName(scope.Kind),
        };
        await CreateAsync(sp.GetRequiredService<UserManager<PlatformUser>>(), session, user, password, null, sp.GetRequiredService<TimeProvider>().GetUtcNow());
        await session.SaveChangesAsync(ct);
        return user;
    }

    public static DomainValidationException IdentityErrors(IdentityResult result) => new(result.Errors
        .GroupBy(e => e.Code.StartsWith("Password") ? "password"
            : e.Code.Contains("Email") ? "email"
            : e.Code.Contains("UserName") ? "userName" : "account")
        .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
}
