using Platform.EventStore;

namespace Platform.Tenancy.Resolution;

/// <summary>Who is calling and the scope their account carries (a school, a district, a region, or the platform).</summary>
public sealed record Caller(string UserName, TenantScope Scope)
{
    /// <summary>
    /// Development stand-in for authentication until the identity issue lands:
    /// <c>X-Dev-Caller: district:{id}</c> (or school:, region:, platform). Ignored outside Development.
    /// </summary>
    public const string DevHeader = "X-Dev-Caller";

    public static Caller? ParseDevHeader(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (value.Trim() == "platform") return new Caller("dev:platform", TenantScope.Platform);
        var parts = value.Split(':', 2);
        if (parts.Length != 2 || !Guid.TryParse(parts[1], out var id)) return null;
        var scope = parts[0] switch
        {
            "school" => TenantScope.School(id),
            "district" => TenantScope.District(id),
            "region" => TenantScope.Region(id),
            _ => null,
        };
        return scope is null ? null : new Caller($"dev:{value.Trim()}", scope);
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
}
