using Microsoft.Extensions.Logging;
using Platform.EventStore;
using Platform.Mentoring.RoadMaps;
using Platform.Mentoring.RoadMaps.Templates;

namespace Platform.Mentoring.Demo;

/// <summary>
/// The demo schools' road maps, as their seed documents give them (their own school years): the Komi
/// schools use the regional model of seed 001, the others their own road maps (seeds 000, 002, 003, 004).
/// </summary>
public static class DemoRoadMaps
{
    public static async Task<int> SeedAsync(DocumentStore store, TimeProvider time, ILogger logger, CancellationToken ct = default)
    {
        var created = 0;
        foreach (var (schoolId, template) in SeedRoadMaps.ForDemo)
        {
            await using var session = store.LightweightSession(TenantScope.School(schoolId));
            session.UserName = "demo-seed";
            var exists = await session.QueryAsync("SELECT 1 FROM mentoring.road_maps WHERE tenant_id = $1 AND template_id = $2",
                r => r.GetInt32(0), ct, schoolId, template.Id);
            if (exists.Count > 0) continue;
            var id = Guid.CreateVersion7();
            session.Events.StartStream<RoadMap>(id, RoadMapCommands.Create(id,
                new CreateRoadMap(template.Title, template.BaseYear, template.Years, template.Id, template.Stages), time.GetUtcNow(), Guid.CreateVersion7));
            await session.SaveChangesAsync(ct);
            created++;
        }
        if (created > 0) logger.LogInformation("Seeded {Count} demo road maps", created);
        return created;
    }
}
