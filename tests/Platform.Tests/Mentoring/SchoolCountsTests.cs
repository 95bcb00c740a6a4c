using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Mentoring.Checklist;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Pools;
using Platform.Mentoring.Programs;
using Platform.Tenancy.Demo;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring;

/// <summary>The overview's figures, counted in one statement, are the totals the school's lists show with the same filters.</summary>
public sealed class SchoolCountsTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Every_demo_schools_counts_are_its_lists_totals()
    {
        var store = api.Services.GetRequiredService<DocumentStore>();
        var schools = await api.Database.OwnerListAsync<Guid>("SELECT id FROM registry.schools WHERE district_id = $1", DemoDistrict.DistrictId);
        schools.Count.ShouldBeGreaterThan(1);
        var sums = new int[6];
        foreach (var school in schools)
        {
            await using var session = store.LightweightSession(TenantScope.School(school));
            var today = RussianTimeZones.Today(DateTimeOffset.UtcNow, "Europe/Moscow");
            var counts = await SchoolCounts.ForSchoolAsync(session, school, today, default);
            int[] expected =
            [
                (await PoolList.MentorsAsync(session, school, today, new MentorPoolQuery(PageSize: 1), default)).Total,
                (await PoolList.MenteesAsync(session, school, today, DateTimeOffset.UtcNow, new MenteePoolQuery(PageSize: 1), false, default)).Total,
                (await MentorshipList.QueryAsync(session, school, new MentorshipListQuery(Status: "active", PageSize: 1), default)).Total,
                (await MentorshipList.QueryAsync(session, school, new MentorshipListQuery(Status: "proposed", PageSize: 1), default)).Total,
                (await ProgramList.QueryAsync(session, school, today, new ProgramListQuery(Status: "in_progress", PageSize: 1), default)).Total,
                (await ProgramList.QueryAsync(session, school, today, new ProgramListQuery(Status: "in_progress", Overdue: true, PageSize: 1), default)).Total,
            ];
            int[] actual = [counts.MentorsInPool, counts.MenteesInPool, counts.ActivePairs, counts.ProposedPairs, counts.ProgramsInProgress, counts.OverduePrograms];
            actual.ShouldBe(expected, $"school {school}");
            for (var i = 0; i < 6; i++) sums[i] += actual[i];
        }
        // The demo has people in both pools, active pairs and programs in progress: the comparison is not of zeros only.
        sums[0].ShouldBeGreaterThan(0);
        sums[1].ShouldBeGreaterThan(0);
        sums[2].ShouldBeGreaterThan(0);
        sums[4].ShouldBeGreaterThan(0);
    }
}
