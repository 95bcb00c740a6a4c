using Microsoft.Extensions.Logging;
using Platform.EventStore;

namespace Platform.Mentoring.Demo;

/// <summary>The demo schools' workspace, in dependency order; each part is idempotent.</summary>
public static class DemoWorkspace
{
    public static async Task SeedAsync(DocumentStore store, TimeProvider time, ILogger logger, CancellationToken ct = default)
    {
        await DemoRoadMaps.SeedAsync(store, time, logger, ct);
        await DemoDistrictActs.SeedAsync(store, time, logger, ct);
        await DemoLocalActs.SeedAsync(store, time, logger, ct);
        await DemoPeople.SeedAsync(store, time, logger, ct);
        // mentorships and programs: after the people
        await DemoMentorships.SeedAsync(store, time, logger, ct);
        await DemoCoverage.SeedAsync(store, time, logger, ct);
        // the public pages: after the acts and programs they publish
        await DemoPublication.SeedAsync(store, time, logger, ct);
    }
}
