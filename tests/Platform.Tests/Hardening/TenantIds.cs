using System.Text.RegularExpressions;
using Platform.Mentoring.Documents;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Hardening;

/// <summary>
/// Real ids of one tenant (a school, its district and region), read as the owner from the read models, to fill an
/// operation's route parameters and the id fields of its body: the record a route names is picked from the table its
/// segment stands for (…/people/{id} → mentoring.people of that school).
/// </summary>
public sealed class TenantIds
{
    public required Guid School { get; init; }
    public required Guid District { get; init; }
    public required Guid Region { get; init; }

    private readonly Dictionary<string, List<Guid>> _rows = [];

    /// <summary>The table behind a route segment or a body field (its name less «Id»/«Ids»).</summary>
    private static readonly Dictionary<string, string> Tables = new()
    {
        ["people"] = "mentoring.people", ["person"] = "mentoring.people", ["mentor-pool"] = "mentoring.people",
        ["mentee-pool"] = "mentoring.people", ["mentor"] = "mentoring.people", ["mentee"] = "mentoring.people",
        ["newMentor"] = "mentoring.people", ["programs"] = "mentoring.programs", ["program"] = "mentoring.programs",
        ["mentorships"] = "mentoring.mentorships", ["mentorship"] = "mentoring.mentorships", ["road-maps"] = "mentoring.road_maps",
        ["roadMap"] = "mentoring.road_maps", ["stages"] = "mentoring.road_map_stages", ["stage"] = "mentoring.road_map_stages",
        ["activities"] = "mentoring.road_map_activities", ["activity"] = "mentoring.road_map_activities",
        ["local-acts"] = "mentoring.local_acts", ["act"] = "mentoring.local_acts", ["appointments"] = "mentoring.appointments",
        ["questionnaires"] = "mentoring.questionnaires", ["questionnaire"] = "mentoring.questionnaires",
        ["acts"] = "mentoring.district_acts", ["deadlines"] = "mentoring.district_deadlines",
        ["district-deadlines"] = "mentoring.district_deadlines", ["best-practices"] = "publication.best_practices",
        ["bestPractice"] = "publication.best_practices", ["contests"] = "mentoring.contests", ["contest"] = "mentoring.contests",
        ["candidates"] = "mentoring.contest_candidates", ["candidate"] = "mentoring.contest_candidates",
        ["road-map-templates"] = "mentoring.road_map_templates", ["template"] = "mentoring.road_map_templates",
        ["reports"] = "reporting.school_reports", ["report"] = "reporting.school_reports", ["submissions"] = "reporting.submissions",
        ["campaigns"] = "reporting.campaigns", ["campaign"] = "reporting.campaigns", ["news"] = "publication.news",
        ["invitations"] = "identity.invitations", ["notifications"] = "jobs.notifications", ["attachments"] = "mentoring.attachments",
        ["materials"] = "mentoring.attachments", ["file"] = "mentoring.attachments", ["account"] = "identity.accounts",
        ["accounts"] = "identity.accounts", ["juror"] = "identity.accounts", ["deliveries"] = "jobs.deliveries",
        ["districts"] = "registry.districts", ["schools"] = "registry.schools", ["plan"] = "mentoring.program_plan_rows",
        ["row"] = "mentoring.program_plan_rows",
    };

    public static async Task<TenantIds> LoadAsync(PostgresDatabase db, Guid school, Guid district, Guid region)
    {
        var ids = new TenantIds { School = school, District = district, Region = region };
        var tenants = new[] { school, district, region };
        foreach (var table in Tables.Values.Distinct())
        {
            var column = await db.OwnerScalarAsync<string>("""
                SELECT column_name FROM information_schema.columns WHERE table_schema || '.' || table_name = $1
                  AND column_name IN ('id', 'row_id', 'file_id') ORDER BY column_name = 'id' DESC LIMIT 1
                """, table);
            var tenant = await db.OwnerScalarAsync<long>(
                "SELECT count(*) FROM information_schema.columns WHERE table_schema || '.' || table_name = $1 AND column_name = 'tenant_id'", table);
            ids._rows[table] = column is null || tenant == 0 ? []
                : await db.OwnerListAsync<Guid>($"SELECT {column} FROM {table} WHERE tenant_id::text = ANY($1) ORDER BY 1 LIMIT 50",
                    (object)tenants.Select(t => t.ToString()).ToArray());
        }
        return ids;
    }

    /// <summary>Whether the text (a body) holds one of the tenant's record ids.</summary>
    public bool Mentions(string text) => _rows.Values.Any(rows => rows.Any(id => text.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase)));

    /// <summary>How many real records of the tenant the lookups found (to check a seeded tenant has data to attack).</summary>
    public int Count => _rows.Values.Sum(r => r.Count);

    /// <summary>A real id of the tenant for a route segment or a body field, or a made-up one where it has none.</summary>
    /// <summary>A real id of the tenant for a route's record parameter (by its segment), as <see cref="Route(Operation, int, Func{string, string?}?)"/> fills it.</summary>
    public Guid ForRoute(string segment, string name, int pick = 0) => segment.Length > 0 && Tables.ContainsKey(segment) ? For(segment, pick) : For(name, pick);

    public Guid For(string name, int pick = 0)
    {
        var key = name.EndsWith("Ids", StringComparison.Ordinal) ? name[..^3] : name.EndsWith("Id", StringComparison.Ordinal) ? name[..^2] : name;
        if (key is "school") return School;
        if (key is "district") return District;
        if (key is "region") return Region;
        return Tables.TryGetValue(key, out var table) && _rows[table] is { Count: > 0 } rows ? rows[Math.Abs(pick) % rows.Count] : Guid.NewGuid();
    }

    /// <summary>The operation's route with every parameter filled: scope ids, real record ids by segment, plausible strings.</summary>
    public string Route(Operation op, int pick = 0, Func<string, string?>? strings = null) => Route(op, pick, (_, name) => strings?.Invoke(name));

    /// <summary>As above, with a value for any parameter (by its segment and name) in place of the tenant's.</summary>
    public string Route(Operation op, int pick, Func<string, string, string?> values) =>
        Regex.Replace(op.Template, @"(?:/([a-z-]+))?/\{(\w+)\}", m =>
        {
            var segment = m.Groups[1].Value;
            var name = m.Groups[2].Value;
            var prefix = segment.Length > 0 ? "/" + segment : "";
            var value = name switch
            {
                "schoolId" => School.ToString(),
                "districtId" => District.ToString(),
                "regionId" => Region.ToString(),
                "schoolYear" => "2025",
                "kind" when segment == "document-templates" => DocumentKinds.All[Math.Abs(pick) % DocumentKinds.All.Count].Code,
                "kind" => "program_plan",
                "name" => "no-such-projection",
                "clientId" => "fuzz-client",
                "token" => "not-a-real-invitation-token",
                "version" => "1",
                _ => ForRoute(segment, name, pick).ToString(),
            };
            return $"{prefix}/{values(segment, name) ?? value}";
        });
}
