using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Identity.Tokens;

namespace Platform.Identity.Web;

/// <summary>
/// The Data Protection key ring (sign-in cookie, antiforgery tokens) in PostgreSQL, so that every web node behind the proxy
/// reads what another issued. Without it each node keeps its own ring in memory and a request that lands on the other node
/// is signed out.
/// </summary>
public sealed class DataProtectionDb(DbContextOptions<DataProtectionDb> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder model) => model.Entity<DataProtectionKey>(e =>
    {
        e.ToTable("data_protection_keys", "identity");
        e.Property(k => k.Id).HasColumnName("id");
        e.Property(k => k.FriendlyName).HasColumnName("friendly_name");
        e.Property(k => k.Xml).HasColumnName("xml");
    });
}

public static class SharedDataProtection
{
    public const string ApplicationName = "nastavnik-platform";

    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDbContext<DataProtectionDb>((sp, o) => o.UseNpgsql(
            sp.GetRequiredService<IConfiguration>().GetConnectionString("PlatformSystem")
            ?? throw new InvalidOperationException("ConnectionStrings:PlatformSystem is not configured (Data Protection keys).")));
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<DataProtectionDb>();
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<AuthOptions>>((o, auth) =>
        {
            if (auth.Value.KeyProtectionFile is { Length: > 0 } file) o.XmlEncryptor = new SealedKeyXmlEncryptor(KeyProtection.FromFile(file));
        });
        return services;
    }
}
