using System.Text;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using Platform.EventStore;

namespace Platform.Identity.Accounts;

/// <summary>
/// Identity's user store on PostgreSQL, schema <c>identity</c>, snake_case names. Its tables come from
/// migrations V003 (Identity) and V057 (the token server's), which together are this model's
/// <c>GenerateCreateScript()</c> (a test keeps them equal).
/// By default it connects in platform scope (sign-in must find an account before any tenant is known);
/// <see cref="EnlistAsync"/> moves it into a session's transaction, so that account changes and their
/// events commit together, under that session's scope.
/// </summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options) : IdentityUserContext<PlatformUser, Guid>(options)
{
    public const string Schema = "identity";

    public async Task EnlistAsync(DocumentSession session, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        if (Database.GetDbConnection() != connection) Database.SetDbConnection(connection);
        await Database.UseTransactionAsync(session.Transaction, ct);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
        builder.Entity<PlatformUser>(u =>
        {
            u.ToTable("users");
            u.Property(x => x.FullName).HasMaxLength(300);
            u.Property(x => x.ScopeKind).HasMaxLength(16);
            u.HasIndex(x => x.TenantId).HasDatabaseName("users_tenant");
            u.Ignore(x => x.Scope);
        });
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("user_tokens");
        // The token server's store (OpenIddict): clients, sign-ins (authorizations) and issued tokens.
        builder.Entity<OpenIddictEntityFrameworkCoreApplication<Guid>>().ToTable("oidc_applications");
        builder.Entity<OpenIddictEntityFrameworkCoreAuthorization<Guid>>().ToTable("oidc_authorizations");
        builder.Entity<OpenIddictEntityFrameworkCoreScope<Guid>>().ToTable("oidc_scopes");
        builder.Entity<OpenIddictEntityFrameworkCoreToken<Guid>>().ToTable("oidc_tokens");

        foreach (var entity in builder.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
                property.SetColumnName(SnakeCase(property.Name));
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
