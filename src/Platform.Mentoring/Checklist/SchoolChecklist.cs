using Platform.EventStore;
using Platform.Mentoring.LocalActs;

namespace Platform.Mentoring.Checklist;

/// <param name="Source">local_act, appointment or road_map.</param>
public sealed record ChecklistEvidence(string Source, Guid Id, string Text, string? Number, DateOnly? Date);

/// <param name="Available">False for what the platform cannot tell yet (its section does not exist): such an item is never met.</param>
public sealed record ChecklistItem(string Code, string Title, bool Met, bool Available, IReadOnlyList<ChecklistEvidence> Evidence, string? Note);

public sealed record SchoolChecklist(Guid SchoolId, string ShortName, int MetCount, IReadOnlyList<ChecklistItem> Items);

public sealed record DistrictChecklist(Guid DistrictId, string DistrictName, IReadOnlyList<SchoolChecklist> Schools);

/// <summary>
/// What a school has in place for its mentoring system (seed 001: regulation, road map and curator by 20 May),
/// each item with the acts, appointments or road maps that show it. Read from the projections, for one school or
/// for all the schools a district session sees.
/// </summary>
public static class SchoolChecklists
{
    public const string RegulationAdopted = "regulation_adopted";
    public const string RoadMapApproved = "road_map_approved";
    public const string RoadMapExists = "road_map_exists";
    public const string CuratorAppointed = "curator_appointed";
    public const string PairsApproved = "pairs_approved";
    public const string PersonalizedPrograms = "personalized_programs";

    private sealed record Act(Guid School, Guid Id, LocalActKind Kind, string Number, DateOnly Date, string Title);
    private sealed record Curator(Guid School, Guid Id, string PersonName, string? Position, string? Number, DateOnly? Date);
    private sealed record Map(Guid School, Guid Id, string Title);

    public static async Task<IReadOnlyList<SchoolChecklist>> BuildAsync(
        DocumentSession session, IReadOnlyList<(Guid Id, string ShortName)> schools, CancellationToken ct)
    {
        var ids = schools.Select(s => s.Id).ToArray();
        var (acts, curators, maps) = await session.QueryAsync(new BatchQuery<Act>("""
            SELECT tenant_id, id, kind, number, date, title FROM mentoring.local_acts
             WHERE tenant_id = ANY($1) AND repealed_on IS NULL AND kind IN ('regulation', 'road_map_approval', 'pair_approval')
             ORDER BY date DESC, registered_at DESC
            """, r => new Act(r.GetGuid(0), r.GetGuid(1), LocalActKinds.Parse(r.GetString(2)), r.GetString(3), r.GetFieldValue<DateOnly>(4), r.GetString(5)),
            ids), new BatchQuery<Curator>("""
            SELECT a.tenant_id, a.id, a.person_name, a.position, o.number, o.date
              FROM mentoring.appointments a LEFT JOIN mentoring.local_acts o ON o.tenant_id = a.tenant_id AND o.id = a.order_id
             WHERE a.tenant_id = ANY($1) AND a.role = 'curator' AND a.ended_on IS NULL
             ORDER BY a.from_date DESC
            """, r => new Curator(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetFieldValue<DateOnly>(5)), ids), new BatchQuery<Map>(
            "SELECT tenant_id, id, title FROM mentoring.road_maps WHERE tenant_id = ANY($1) ORDER BY created_at DESC",
            r => new Map(r.GetGuid(0), r.GetGuid(1), r.GetString(2)), ids), ct);

        return schools.Select(s =>
        {
            var own = acts.Where(a => a.School == s.Id).ToList();
            ChecklistItem ActItem(string code, string title, LocalActKind kind)
            {
                var evidence = own.Where(a => a.Kind == kind)
                    .Select(a => new ChecklistEvidence("local_act", a.Id, $"{a.Title} ({LocalAct.Citation(a.Number, a.Date)})", a.Number, a.Date)).ToList();
                return new ChecklistItem(code, title, evidence.Count > 0, true, evidence, null);
            }
            var curatorEvidence = curators.Where(c => c.School == s.Id).Select(c => new ChecklistEvidence("appointment", c.Id,
                string.Join(", ", new[] { c.PersonName, c.Position, c.Number is null ? null : "приказ " + LocalAct.Citation(c.Number, c.Date!.Value) }
                    .Where(x => x is not null)), c.Number, c.Date)).ToList();
            var mapEvidence = maps.Where(m => m.School == s.Id).Select(m => new ChecklistEvidence("road_map", m.Id, m.Title, null, null)).ToList();
            ChecklistItem[] items =
            [
                ActItem(RegulationAdopted, "Принято положение о системе наставничества", LocalActKind.Regulation),
                ActItem(RoadMapApproved, "Дорожная карта утверждена приказом", LocalActKind.RoadMapApproval),
                new(RoadMapExists, "Дорожная карта ведётся на платформе", mapEvidence.Count > 0, true, mapEvidence, null),
                new(CuratorAppointed, "Назначен куратор", curatorEvidence.Count > 0, true, curatorEvidence, null),
                ActItem(PairsApproved, "Изданы приказы о закреплении наставнических пар (групп)", LocalActKind.PairApproval),
                new(PersonalizedPrograms, "Разработаны персонализированные программы наставничества", false, false, [],
                    "появится с разделом программ наставничества"),
            ];
            return new SchoolChecklist(s.Id, s.ShortName, items.Count(i => i.Met), items);
        }).ToList();
    }
}
