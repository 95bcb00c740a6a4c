namespace Platform.Tenancy.Registry;

// A district education authority (Управление образования муниципального района).
// Stream: tenant = its region, which owns the list of its districts.
public sealed record DistrictRegistered(Guid DistrictId, Guid RegionId, string Name, string ShortName, string TimeZone);

public sealed record District(Guid Id, Guid RegionId, string Name, string ShortName, string TimeZone)
{
    public static District Create(DistrictRegistered e) => new(e.DistrictId, e.RegionId, e.Name, e.ShortName, e.TimeZone);
}
