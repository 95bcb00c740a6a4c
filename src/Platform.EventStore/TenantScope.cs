namespace Platform.EventStore;

public enum ScopeKind
{
    School,
    District,
    Region,
    /// <summary>All tenants: system processes only (feed readers, full rebuilds, platform administration).</summary>
    Platform,
}

/// <summary>
/// What a transaction may see. Set in PostgreSQL with set_config at the start of every transaction,
/// where row-level security turns it into the set of visible tenants.
/// </summary>
public sealed record TenantScope(ScopeKind Kind, Guid Id)
{
    public static TenantScope School(Guid schoolId) => new(ScopeKind.School, schoolId);
    public static TenantScope District(Guid districtId) => new(ScopeKind.District, districtId);
    public static TenantScope Region(Guid regionId) => new(ScopeKind.Region, regionId);
    public static readonly TenantScope Platform = new(ScopeKind.Platform, Guid.Empty);

    internal string SqlKind => Kind switch
    {
        ScopeKind.School => "school",
        ScopeKind.District => "district",
        ScopeKind.Region => "region",
        _ => "platform",
    };

    public override string ToString() => Kind == ScopeKind.Platform ? "platform" : $"{SqlKind}:{Id}";
}
