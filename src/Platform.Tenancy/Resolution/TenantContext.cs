using Platform.EventStore;

namespace Platform.Tenancy.Resolution;

/// <summary>The request's resolved tenant: set once by <see cref="TenantResolutionMiddleware"/>, read by everything after it.</summary>
public sealed class TenantContext
{
    public Caller? Caller { get; internal set; }

    /// <summary>The scope the route asks for (school or district), or the caller's own scope on routes without one.</summary>
    public TenantScope? Scope { get; internal set; }

    public SchoolEntry? School { get; internal set; }
    public DistrictEntry? District { get; internal set; }
    public RegionEntry? Region { get; internal set; }
}
