using Platform.EventStore;

namespace Platform.Tenancy.Access;

/// <summary>The roles of the mentoring system (DOMAIN.md) and the scope each one lives in.</summary>
public static class Roles
{
    public const string PlatformAdmin = nameof(PlatformAdmin);
    public const string RegionOfficer = nameof(RegionOfficer);
    public const string DistrictCurator = nameof(DistrictCurator);
    public const string SchoolDirector = nameof(SchoolDirector);
    public const string SchoolCurator = nameof(SchoolCurator);
    public const string Mentor = nameof(Mentor);
    public const string Mentee = nameof(Mentee);

    public static readonly IReadOnlyList<string> All =
        [PlatformAdmin, RegionOfficer, DistrictCurator, SchoolDirector, SchoolCurator, Mentor, Mentee];

    /// <summary>Not an account's role: what a district's or region's system client gets with the read-only reporting scope.</summary>
    public const string ReportingReader = nameof(ReportingReader);

    public static bool IsKnown(string role) => All.Contains(role);

    /// <summary>The kind of scope an account holding the role belongs to.</summary>
    public static ScopeKind ScopeOf(string role) => role switch
    {
        PlatformAdmin => ScopeKind.Platform,
        RegionOfficer => ScopeKind.Region,
        DistrictCurator => ScopeKind.District,
        _ => ScopeKind.School,
    };

    public static string RussianName(string role) => role switch
    {
        PlatformAdmin => "Администратор платформы",
        RegionOfficer => "Специалист регионального института развития образования",
        DistrictCurator => "Муниципальный куратор",
        SchoolDirector => "Руководитель организации",
        SchoolCurator => "Куратор организации",
        Mentor => "Наставник",
        Mentee => "Наставляемый",
        ReportingReader => "Внешняя система (чтение отчётности)",
        _ => role,
    };
}
