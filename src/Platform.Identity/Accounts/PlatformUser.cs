using Microsoft.AspNetCore.Identity;
using Platform.EventStore;

namespace Platform.Identity.Accounts;

/// <summary>
/// An account in ASP.NET Core Identity. It belongs to one scope (a school, a district, a region or the
/// platform) and holds roles that fit that scope. <see cref="TenantId"/> is the scope's id (the nil
/// uuid for platform accounts): row-level security lets a district see the accounts of its schools.
/// </summary>
public sealed class PlatformUser : IdentityUser<Guid>
{
    public Guid TenantId { get; set; }
    public string ScopeKind { get; set; } = "school";
    public string FullName { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Blocked by a curator (a leaver, a compromised account): no sign-in until unblocked.</summary>
    public DateTimeOffset? BlockedAt { get; set; }

    public TenantScope Scope => ScopeKind switch
    {
        "platform" => TenantScope.Platform,
        "region" => TenantScope.Region(TenantId),
        "district" => TenantScope.District(TenantId),
        _ => TenantScope.School(TenantId),
    };

    public static string KindName(ScopeKind kind) => kind switch
    {
        EventStore.ScopeKind.Platform => "platform",
        EventStore.ScopeKind.Region => "region",
        EventStore.ScopeKind.District => "district",
        _ => "school",
    };
}
