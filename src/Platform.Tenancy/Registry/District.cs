namespace Platform.Tenancy.Registry;

// A district education authority (Управление образования муниципального района).
// Stream: tenant = its region, which owns the list of its districts; the region's officer registers and changes it.
public sealed record DistrictRegistered(Guid DistrictId, Guid RegionId, string Name, string ShortName, string TimeZone);
public sealed record DistrictRenamed(string Name, string ShortName);
public sealed record DistrictTimeZoneChanged(string TimeZone);
public sealed record DistrictClosed(DateOnly ClosedOn, string Reason);
public sealed record DistrictReopened;

public sealed record District(Guid Id, Guid RegionId, string Name, string ShortName, string TimeZone, DateOnly? ClosedOn = null, string? ClosureReason = null)
{
    public bool IsClosed => ClosedOn is not null;

    public static District Create(DistrictRegistered e) => new(e.DistrictId, e.RegionId, e.Name, e.ShortName, e.TimeZone);

    public District Apply(DistrictRenamed e) => this with { Name = e.Name, ShortName = e.ShortName };
    public District Apply(DistrictTimeZoneChanged e) => this with { TimeZone = e.TimeZone };
    public District Apply(DistrictClosed e) => this with { ClosedOn = e.ClosedOn, ClosureReason = e.Reason };
    public District Apply(DistrictReopened _) => this with { ClosedOn = null, ClosureReason = null };
}
