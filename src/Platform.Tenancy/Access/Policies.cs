using Microsoft.AspNetCore.Authorization;

namespace Platform.Tenancy.Access;

/// <summary>
/// The authorization policies every endpoint declares: which roles may use it. Whether the account's
/// scope covers the school or district of the route is checked after, by tenant resolution.
/// A region officer reads its region and writes its districts (the region's registry) and the region's own settings (its system clients).
/// A system client with the read-only reporting scope reads district and region figures.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in account.</summary>
    public const string Authenticated = "authenticated";
    /// <summary>Anyone of the school (mentors and mentees included) and those above it.</summary>
    public const string SchoolMember = "school:member";
    /// <summary>The school's administration and those above it.</summary>
    public const string SchoolRead = "school:read";
    /// <summary>The school's curator and director.</summary>
    public const string SchoolWrite = "school:write";
    /// <summary>What only the organisation's head reads: the journal of views of personal data.</summary>
    public const string SchoolDirector = "school:director";
    public const string DistrictRead = "district:read";
    public const string DistrictWrite = "district:write";
    public const string RegionRead = "region:read";
    /// <summary>The region's registry: its districts, and the invitations of their curators.</summary>
    public const string RegionWrite = "region:write";
    /// <summary>The region's system clients (OAuth client credentials).</summary>
    public const string RegionClients = "region:clients";
    public const string Platform = "platform";

    public static readonly IReadOnlyDictionary<string, string[]> AllowedRoles = new Dictionary<string, string[]>
    {
        [Authenticated] = [.. Roles.All],
        [SchoolMember] = [Roles.SchoolDirector, Roles.SchoolCurator, Roles.Mentor, Roles.Mentee, Roles.DistrictCurator, Roles.RegionOfficer, Roles.PlatformAdmin],
        [SchoolRead] = [Roles.SchoolDirector, Roles.SchoolCurator, Roles.DistrictCurator, Roles.RegionOfficer, Roles.PlatformAdmin],
        [SchoolWrite] = [Roles.SchoolDirector, Roles.SchoolCurator, Roles.PlatformAdmin],
        [SchoolDirector] = [Roles.SchoolDirector, Roles.PlatformAdmin],
        [DistrictRead] = [Roles.DistrictCurator, Roles.RegionOfficer, Roles.PlatformAdmin, Roles.ReportingReader],
        [DistrictWrite] = [Roles.DistrictCurator, Roles.PlatformAdmin],
        [RegionRead] = [Roles.RegionOfficer, Roles.PlatformAdmin, Roles.ReportingReader],
        [RegionWrite] = [Roles.RegionOfficer, Roles.PlatformAdmin],
        [RegionClients] = [Roles.RegionOfficer, Roles.PlatformAdmin],
        [Platform] = [Roles.PlatformAdmin],
    };

    public static AuthorizationBuilder AddPlatformPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (name, roles) in AllowedRoles)
            builder.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));
        // An endpoint that forgot to declare a policy still needs a signed-in user (and fails the role-matrix test).
        builder.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }
}
