namespace Platform.Tenancy.Registry;

// A region (субъект РФ) with its regional institute for the development of education (ИРО).
// Stream: tenant = the region itself. Created and changed by the platform administrator.
// TimeZones: every zone of the region (the default first); events written before they existed carry none.
public sealed record RegionRegistered(Guid RegionId, string Code, string Name, string InstituteName, string TimeZone,
    IReadOnlyList<string>? TimeZones = null);
public sealed record RegionRenamed(string Name);
public sealed record RegionCodeChanged(string Code);
public sealed record RegionInstituteRenamed(string InstituteName);
public sealed record RegionTimeZonesChanged(string TimeZone, IReadOnlyList<string> TimeZones);

public sealed record Region(Guid Id, string Code, string Name, string InstituteName, string TimeZone, IReadOnlyList<string> TimeZones)
{
    public static Region Create(RegionRegistered e) =>
        new(e.RegionId, e.Code, e.Name, e.InstituteName, e.TimeZone, ZonesOf(e.TimeZone, e.TimeZones));

    public Region Apply(RegionRenamed e) => this with { Name = e.Name };
    public Region Apply(RegionCodeChanged e) => this with { Code = e.Code };
    public Region Apply(RegionInstituteRenamed e) => this with { InstituteName = e.InstituteName };
    public Region Apply(RegionTimeZonesChanged e) => this with { TimeZone = e.TimeZone, TimeZones = ZonesOf(e.TimeZone, e.TimeZones) };

    /// <summary>The default zone first, then the others, each once.</summary>
    public static IReadOnlyList<string> ZonesOf(string defaultZone, IEnumerable<string>? others) =>
        new[] { defaultZone }.Concat(others ?? []).Distinct(StringComparer.Ordinal).ToList();
}
