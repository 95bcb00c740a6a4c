using Microsoft.Extensions.Logging;
using Platform.EventStore;
using Platform.Mentoring.Coverage;
using Platform.Tenancy.Demo;

namespace Platform.Mentoring.Demo;

/// <summary>
/// The demo schools' numbers of teachers and students for the current school year, as a curator enters them: the staff
/// are those on the platform and a few more; students far outnumber those who joined the programs. The support centre
/// has not entered its numbers, so the district sees what a missing figure looks like.
/// </summary>
public static class DemoCoverage
{
    public static async Task<int> SeedAsync(DocumentStore store, TimeProvider time, ILogger logger, CancellationToken ct = default)
    {
        var year = CoverageQuery.SchoolYearOf(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var entered = 0;
        foreach (var school in DemoDistrict.Schools.Where(s => s.Kind != Tenancy.Registry.SchoolKind.SupportCentre))
        {
            await using var session = store.LightweightSession(TenantScope.School(school.SchoolId));
            session.UserName = "demo-seed";
            var stream = CoverageCommands.TotalsStream(school.SchoolId, year);
            if (await session.Events.FetchStreamStateAsync(stream, ct) is not null) continue;
            var counts = (await session.QueryAsync(
                "SELECT count(*) FILTER (WHERE kind = 'teacher')::int, count(*) FILTER (WHERE kind = 'student')::int FROM mentoring.people WHERE tenant_id = $1",
                r => (Teachers: r.GetInt32(0), Students: r.GetInt32(1)), ct, school.SchoolId)).Single();
            session.Events.StartStream<SchoolYearTotals>(stream, new SchoolYearTotalsEntered(year, counts.Teachers + 2, Math.Max(40, counts.Students * 12)));
            await session.SaveChangesAsync(ct);
            entered++;
        }
        if (entered > 0) logger.LogInformation("Entered the demo schools' numbers of teachers and students for {Year}", year);
        return entered;
    }
}
