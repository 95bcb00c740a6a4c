namespace Platform.Tenancy.Registry;

// A region (субъект РФ) with its regional institute for the development of education (ИРО).
// Stream: tenant = the region itself.
public sealed record RegionRegistered(Guid RegionId, string Code, string Name, string InstituteName, string TimeZone);

public sealed record Region(Guid Id, string Code, string Name, string InstituteName, string TimeZone)
{
    public static Region Create(RegionRegistered e) => new(e.RegionId, e.Code, e.Name, e.InstituteName, e.TimeZone);
}
