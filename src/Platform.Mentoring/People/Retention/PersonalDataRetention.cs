using Microsoft.Extensions.Logging;
using Platform.EventStore;
using Platform.Tenancy.Registry;

namespace Platform.Mentoring.People.Retention;

/// <summary>What one run of the retention did.</summary>
public sealed record RetentionRun(int Schools, int Erased);

/// <summary>
/// The end of the retention period (152-ФЗ, ст. 5 ч. 7): a participant's personal data is erased once the region's number of years
/// (<see cref="Region.RetentionYears"/>) has passed since their last program ended — or since they were registered, if they never
/// took part in one — and they are in no current pair. One transaction per person, so a failure leaves the others done and the next
/// run takes it up again.
/// </summary>
public sealed class PersonalDataRetention(DocumentStore store, TimeProvider time, ILogger<PersonalDataRetention> log)
{
    private const int Batch = 2_000;

    /// <summary>Every database in turn (the home one and each region's own).</summary>
    public async Task<RetentionRun> RunAsync(CancellationToken ct)
    {
        var total = new RetentionRun(0, 0);
        foreach (var database in await store.Databases.IdsAsync(ct))
        {
            var run = await RunAsync(database, ct);
            total = new RetentionRun(total.Schools + run.Schools, total.Erased + run.Erased);
        }
        return total;
    }

    private async Task<RetentionRun> RunAsync(string database, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var platform = store.LightweightSession(TenantScope.Platform, database: database);
        var schools = await platform.QueryAsync("""
            SELECT s.id, d.region_id, s.time_zone FROM registry.schools s JOIN registry.districts d ON d.id = s.district_id
            """, r => (School: r.GetGuid(0), Region: r.GetGuid(1), Zone: r.GetString(2)), ct);
        var years = new Dictionary<Guid, int>();
        foreach (var region in schools.Select(s => s.Region).Distinct())
            years[region] = (await platform.ForTenant(region).AggregateStreamAsync<Region>(region, ct: ct))?.RetentionYears ?? Region.DefaultRetentionYears;
        var cutoffs = schools.Select(s => (s.School, Cutoff: Today(s.Zone, now).AddYears(-years[s.Region]), Today: Today(s.Zone, now))).ToList();

        var due = await platform.QueryAsync("""
            WITH s AS (SELECT * FROM unnest($1::uuid[], $2::date[]) AS s(school_id, cutoff))
            SELECT p.tenant_id, p.id FROM mentoring.people p JOIN s ON s.school_id = p.tenant_id
             WHERE p.erased_on IS NULL
               AND NOT EXISTS (SELECT 1 FROM mentoring.mentorships m
                                WHERE m.tenant_id = p.tenant_id AND m.status <> 'dissolved' AND (m.mentor_id = p.id OR p.id = ANY (m.mentee_ids)))
               AND greatest(p.registered_at::date,
                            (SELECT max(coalesce(g.completed_on, g.end_on)) FROM mentoring.programs g
                               JOIN mentoring.mentorships m ON m.tenant_id = g.tenant_id AND m.id = g.mentorship_id
                              WHERE g.tenant_id = p.tenant_id AND (m.mentor_id = p.id OR p.id = ANY (m.mentee_ids)))) <= s.cutoff
             ORDER BY p.tenant_id, p.id LIMIT $3
            """, r => (School: r.GetGuid(0), Person: r.GetGuid(1)), ct,
            cutoffs.Select(c => c.School).ToArray(), cutoffs.Select(c => c.Cutoff).ToArray(), Batch);

        var today = cutoffs.ToDictionary(c => c.School, c => c.Today);
        var erased = 0;
        foreach (var (school, person) in due)
        {
            await using var session = store.LightweightSession(TenantScope.School(school));
            session.UserName = "retention";
            if (await PersonalDataErasure.EraseAsync(session, person, ErasureReasons.RetentionExpired, today[school], now, ct)) erased++;
        }
        var run = new RetentionRun(due.Select(d => d.School).Distinct().Count(), erased);
        if (erased > 0) log.LogInformation("Retention erased the personal data of {Erased} participants in {Schools} schools", run.Erased, run.Schools);
        return run;
    }

    private static DateOnly Today(string zone, DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);
}
