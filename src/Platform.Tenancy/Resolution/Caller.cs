using System.Security.Claims;
using Platform.EventStore;

namespace Platform.Tenancy.Resolution;

/// <summary>The claim types of our access tokens and cookies; external providers' claims are mapped to these.</summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string FullName = "full_name";
    public const string Role = "role";
    /// <summary>"school:{id}", "district:{id}", "region:{id}" or "platform", as <see cref="TenantScope.ToString"/> writes it.</summary>
    public const string Scope = "tenant_scope";
}

/// <summary>Who is calling: the account, its roles and the scope the account carries.</summary>
public sealed record Caller(Guid? UserId, string UserName, string? FullName, IReadOnlySet<string> Roles, TenantScope Scope)
{
    /// <summary>The caller an authenticated principal carries, or null (anonymous, or no valid scope claim).</summary>
    public static Caller? FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true) return null;
        var scope = ParseScope(principal.FindFirst(PlatformClaims.Scope)?.Value);
        if (scope is null) return null;
        var id = Guid.TryParse(principal.FindFirst(PlatformClaims.Subject)?.Value, out var g) ? g : (Guid?)null;
        var name = principal.FindFirst(PlatformClaims.Name)?.Value ?? principal.FindFirst(PlatformClaims.Subject)?.Value ?? "?";
        var roles = principal.FindAll(PlatformClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Caller(id, name, principal.FindFirst(PlatformClaims.FullName)?.Value, roles, scope);
    }

    public static TenantScope? ParseScope(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (value.Trim() == "platform") return TenantScope.Platform;
        var parts = value.Split(':', 2);
        if (parts.Length != 2 || !Guid.TryParse(parts[1], out var id)) return null;
        return parts[0] switch
        {
            "school" => TenantScope.School(id),
            "district" => TenantScope.District(id),
            "region" => TenantScope.Region(id),
            _ => null,
        };
    }

    public bool CanSee(SchoolEntry school) => Scope.Kind switch
    {
        ScopeKind.Platform => true,
        ScopeKind.Region => school.RegionId == Scope.Id,
        ScopeKind.District => school.DistrictId == Scope.Id,
        _ => school.Id == Scope.Id,
    };

    public bool CanSee(DistrictEntry district) => Scope.Kind switch
    {
        ScopeKind.Platform => true,
        ScopeKind.Region => district.RegionId == Scope.Id,
        ScopeKind.District => district.Id == Scope.Id,
        _ => false,
    };

    public bool CanSee(RegionEntry region) => Scope.Kind switch
    {
        ScopeKind.Platform => true,
        ScopeKind.Region => region.Id == Scope.Id,
        _ => false,
    };
}
