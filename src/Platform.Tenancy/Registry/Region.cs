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
/// <summary>How many years after a participant's last program ended (or, without one, after they were registered) the schools keep their personal data.</summary>
public sealed record PersonalDataRetentionSet(int Years);

public sealed record Region(Guid Id, string Code, string Name, string InstituteName, string TimeZone, IReadOnlyList<string> TimeZones,
    int RetentionYears = Region.DefaultRetentionYears)
{
    public const int DefaultRetentionYears = 3;
    public const int MaxRetentionYears = 10;

    public static Region Create(RegionRegistered e) =>
        new(e.RegionId, e.Code, e.Name, e.InstituteName, e.TimeZone, ZonesOf(e.TimeZone, e.TimeZones));

    public Region Apply(RegionRenamed e) => this with { Name = e.Name };
    public Region Apply(RegionCodeChanged e) => this with { Code = e.Code };
    public Region Apply(RegionInstituteRenamed e) => this with { InstituteName = e.InstituteName };
    public Region Apply(RegionTimeZonesChanged e) => this with { TimeZone = e.TimeZone, TimeZones = ZonesOf(e.TimeZone, e.TimeZones) };
    public Region Apply(PersonalDataRetentionSet e) => this with { RetentionYears = e.Years };

    /// <summary>The default zone first, then the others, each once.</summary>
    public static IReadOnlyList<string> ZonesOf(string defaultZone, IEnumerable<string>? others) =>
        new[] { defaultZone }.Concat(others ?? []).Distinct(StringComparer.Ordinal).ToList();
}
