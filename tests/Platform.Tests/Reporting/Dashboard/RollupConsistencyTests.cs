using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.EventStore.Projections;
using Platform.Mentoring.Appointments;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.People;
using Platform.Mentoring.Pools;
using Platform.Mentoring.Programs;
using Platform.Reporting.Dashboard;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.Tests.Reporting.Dashboard;

/// <summary>
/// The rollup read by the dashboard equals the baseline aggregate computed from scratch over the read models, after
/// random changes of every kind the rollup depends on (a road map's or a program's alone recompute only their columns), and again after the rollup is rebuilt from the events.
/// </summary>
public sealed class RollupConsistencyTests(ApiHost api, ITestOutputHelper output) : IClassFixture<ApiHost>
{
    private static readonly Guid D = DemoDistrict.DistrictId;

    [Fact]
    public async Task The_rollup_equals_the_from_scratch_aggregate_after_random_changes_and_after_a_rebuild()
    {
        var store = api.Services.GetRequiredService<DocumentStore>();
        var seed = Environment.TickCount;
        output.WriteLine($"random seed {seed}");
        var random = new Random(seed);
        var schools = await api.Database.OwnerListAsync<Guid>("SELECT id FROM registry.schools WHERE district_id = $1 ORDER BY id", D);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var people = schools.ToDictionary(s => s, _ => new List<(Guid Id, string Kind)>());
        var pairs = new List<(Guid School, Guid Id, bool Active)>();
        var programs = new List<(Guid School, Guid Id, Guid Pair)>(); // in progress: one per pair

        var overdueChanges = 0;
        for (var round = 0; round < 4; round++)
        {
            for (var step = 0; step < 40; step++)
            {
                var school = schools[random.Next(schools.Count)];
                await using var session = store.LightweightSession(TenantScope.School(school));
                switch (random.Next(9))
                {
                    case 8: // an activity of a road map done, or back to planned: the overdue counts change, nothing else
                    {
                        var activities = await api.Database.OwnerListAsync<Guid>("""
                            SELECT a.id FROM mentoring.road_map_activities a WHERE a.tenant_id = $1 AND a.period_kind <> 'yearly' AND a.last_day < current_date
                            """, school);
                        if (activities.Count == 0) break;
                        var activity = activities[random.Next(activities.Count)];
                        var map = await api.Database.OwnerScalarAsync<Guid>("SELECT road_map_id FROM mentoring.road_map_activities WHERE tenant_id = $1 AND id = $2", school, activity);
                        await api.Scenario(s =>
                        {
                            s.WithBearerToken(api.TokenAs($"school:{school}"));
                            s.Post.Json(random.Next(2) == 0 ? new { status = "done", evidence = "Протокол" } : new { status = "planned", evidence = "Перенос" })
                                .ToUrl($"/api/schools/{school}/road-maps/{map}/activities/{activity}/status");
                        });
                        overdueChanges++;
                        break;
                    }
                    case 0 or 1: // people, some with a consent and in a pool
                        for (var i = 0; i < 3; i++)
                        {
                            var id = Guid.NewGuid();
                            var kind = random.Next(2) == 0 ? "teacher" : "student";
                            var events = new List<object> { new PersonRegistered(id, kind, null, $"Тестовый Человек {id:N}", kind == "teacher" ? "учитель" : "7А",
                                kind == "student" ? 2013 : null, DateTimeOffset.UtcNow) };
                            if (random.Next(3) > 0) events.Add(new ConsentGiven(id, Guid.NewGuid(), kind == "student" ? "guardian" : "self", null, today, "mentoring", null));
                            if (random.Next(2) == 0) events.Add(kind == "teacher" ? new JoinedMentorPool(id, DateTimeOffset.UtcNow) : new JoinedMenteePool(id, DateTimeOffset.UtcNow));
                            session.Events.StartStream<Person>(id, [.. events]);
                            people[school].Add((id, kind));
                        }
                        break;
                    case 2 when people[school].Count >= 2: // a pair, proposed, maybe approved in the past two years
                    {
                        var mentor = people[school][random.Next(people[school].Count)];
                        var mentees = people[school].Where(p => p.Id != mentor.Id).OrderBy(_ => random.Next()).Take(random.Next(1, 3)).Select(p => p.Id).ToArray();
                        var id = Guid.NewGuid();
                        var approve = random.Next(3) > 0;
                        var events = new List<object> { new MentorshipProposed(id, mentor.Id, mentees, "teacher_teacher", MentoringKind.Traditional, null, DateTimeOffset.UtcNow) };
                        if (approve) events.Add(new MentorshipApproved(Guid.NewGuid(), "1-ОД", today.AddDays(-random.Next(700)), today.AddDays(-random.Next(700))));
                        session.Events.StartStream<Mentorship>(id, [.. events]);
                        pairs.Add((school, id, approve));
                        break;
                    }
                    case 3 when pairs.Any(p => p.School == school && p.Active): // dissolve a pair
                    {
                        var pair = pairs.Where(p => p.School == school && p.Active).OrderBy(_ => random.Next()).First();
                        session.Events.Append(pair.Id, new MentorshipDissolved(today.AddDays(-random.Next(60)), "по взаимному решению"));
                        pairs.Remove(pair);
                        pairs.Add(pair with { Active = false });
                        break;
                    }
                    case 4 when pairs.Any(p => p.School == school && programs.All(x => x.Pair != p.Id)): // a program, maybe evaluated
                    {
                        var pair = pairs.Where(p => p.School == school && programs.All(x => x.Pair != p.Id)).OrderBy(_ => random.Next()).First();
                        var id = Guid.NewGuid();
                        var start = today.AddDays(-random.Next(300));
                        var events = new List<object> { new ProgramCreated(id, pair.Id, new ProgramContent("Проблема", "Цель", ["Задача"], "teacher_teacher",
                            MentoringKind.Traditional, "Результаты", null, null), start, start.AddMonths(6), DateTimeOffset.UtcNow) };
                        if (random.Next(2) == 0)
                        {
                            var level = (EvaluationLevel)random.Next(3);
                            events.Add(new ProgramEvaluated(Guid.NewGuid(), today, [new CriterionScore("goals_and_tasks", 1)], level switch
                            {
                                EvaluationLevel.Optimal => 16, EvaluationLevel.Acceptable => 10, _ => 4,
                            }, level, null));
                        }
                        session.Events.StartStream<MentoringProgram>(id, [.. events]);
                        programs.Add((school, id, pair.Id));
                        break;
                    }
                    case 5 when programs.Any(p => p.School == school): // complete a program
                    {
                        var program = programs.Where(p => p.School == school).OrderBy(_ => random.Next()).First();
                        session.Events.Append(program.Id, new ProgramCompleted(CompletionReason.PlanCompleted, today, null));
                        programs.Remove(program);
                        break;
                    }
                    case 6: // an act, sometimes repealed at once
                    {
                        var id = Guid.NewGuid();
                        var kind = (LocalActKind)random.Next(3); // regulation, road map approval, pair approval
                        var events = new List<object> { new LocalActRegistered(id, kind, $"{random.Next(1, 500)}-ОД", today.AddDays(-random.Next(400)), "Приказ", null) };
                        if (random.Next(4) == 0) events.Add(new LocalActRepealed(today, "отменён"));
                        session.Events.StartStream<LocalAct>(id, [.. events]);
                        break;
                    }
                    default: // the curator changes: the current one leaves, maybe a new one is appointed
                    {
                        var current = await api.Database.OwnerListAsync<Guid>(
                            "SELECT id FROM mentoring.appointments WHERE tenant_id = $1 AND role = 'curator' AND ended_on IS NULL", school);
                        foreach (var a in current) session.Events.Append(a, new AppointmentEnded(today, "перевод", null));
                        if (current.Count == 0 || random.Next(2) == 0)
                            session.Events.StartStream<Appointment>(Guid.NewGuid(), new StaffAppointed(Guid.NewGuid(), StaffRole.Curator, "Куратор Тестовый",
                                null, null, Guid.NewGuid(), today));
                        break;
                    }
                }
                await session.SaveChangesAsync();
            }
            await ExpectEqualAsync(store, $"round {round}");
        }

        overdueChanges.ShouldBeGreaterThan(0, "the demo's road maps have activities past their dates");
        var rebuilt = await new ProjectionRebuilder(store).RebuildAsync("school_rollups", null);
        rebuilt.Processed.ShouldBeGreaterThan(100);
        await ExpectEqualAsync(store, "after the rebuild");
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM reporting.school_rollups r JOIN registry.schools s ON s.id = r.tenant_id WHERE s.district_id = $1", D))
            .ShouldBe(schools.Count);
    }

    private async Task ExpectEqualAsync(DocumentStore store, string when)
    {
        var dashboard = await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"district:{D}"));
            s.Get.Url($"/api/districts/{D}/dashboard");
        }).Json<DistrictDashboard>();
        await using var session = store.LightweightSession(TenantScope.District(D));
        var baseline = await DashboardBaseline.QueryAsync(session, D, null, DateTimeOffset.UtcNow, dashboard.SchoolYear, false, default);
        var rows = dashboard.Schools.Select(DashboardBaseline.From).OrderBy(r => r.SchoolId).ToList();
        rows.ShouldBe(baseline.OrderBy(r => r.SchoolId).ToList(), when);
        rows.Sum(r => r.MentorshipsActive + r.ProgramsActive + r.MentorPool).ShouldBeGreaterThan(0);
    }
}
