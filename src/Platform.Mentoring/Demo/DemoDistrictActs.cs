using Microsoft.Extensions.Logging;
using Platform.EventStore;
using Platform.Mentoring.DistrictActs;
using Platform.Mentoring.DistrictDeadlines;
using Platform.Tenancy.Demo;

namespace Platform.Mentoring.Demo;

/// <summary>
/// The demo district's own order of seed 001 (от 04.05.2022 № 237 «Об организации системы наставничества…») and the
/// deadlines it sets its schools: regulation, road map and curator by 20 May 2022 (п. 4.2, 4.3, 4.5 — done by the schools'
/// own records), and the monitoring results to the district by 23 December every year (п. 4.6 — done by the school's report in
/// the district's campaign of the year, or its mark: the demo marks the past years sent, except the centre's last year).
/// </summary>
public static class DemoDistrictActs
{
    private static readonly DateOnly OrderDate = new(2022, 5, 4);
    private static readonly DateOnly May20 = new(2022, 5, 20);

    public const string OrderTitle =
        "Об организации системы наставничества педагогических работников образовательных организаций на территории МР «Троицко-Печорский»";

    public static async Task<int> SeedAsync(DocumentStore store, TimeProvider time, ILogger logger, CancellationToken ct = default)
    {
        var district = DemoDistrict.DistrictId;
        await using var session = store.LightweightSession(TenantScope.District(district));
        session.UserName = "demo-seed";
        if ((await session.QueryAsync("SELECT 1 FROM mentoring.district_acts WHERE tenant_id = $1 LIMIT 1", r => r.GetInt32(0), ct, district)).Count > 0)
            return 0;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var actId = Guid.CreateVersion7();
        session.Events.StartStream<DistrictAct>(actId, DistrictActCommands.Register(actId, new RegisterDistrictAct(DistrictActKind.MentoringSystemOrder, "№ 237",
            OrderDate, OrderTitle, "Куратор внедрения — Афанасьева Л.М., специалист ИМК; рабочая группа — п. 2 приказа. "
            + "Рабочая группа участвует в мониторинге до 26 декабря, результаты направляются в КРИРО до 28 декабря."), today));
        var act = new CitedAct(actId, OrderDate, false);
        SetDeadline(new("Утвердить положение о системе наставничества педагогических работников (п. 4.2)", May20, ActId: actId,
            CompletedBy: CompletedBy.RegulationAdopted));
        SetDeadline(new("Разработать и утвердить «дорожную карту» по реализации положения о системе наставничества (п. 4.3)", May20, ActId: actId,
            CompletedBy: CompletedBy.RoadMapApproved));
        SetDeadline(new("Назначить куратора внедрения системы наставничества в организации (п. 4.5)", May20, ActId: actId,
            CompletedBy: CompletedBy.CuratorAppointed));
        var monitoring = SetDeadline(new("Направить результаты мониторинга системы наставничества в Управление образования (п. 4.6)", YearlyMonth: 12,
            YearlyDay: 23, ActId: actId, CompletedBy: CompletedBy.MonitoringReport));
        await session.SaveChangesAsync(ct);

        // The schools sent their monitoring in the past years (invented: on 20 December), all but the centre last year.
        var state = DistrictDeadline.Create(monitoring);
        foreach (var school in DemoDistrict.Schools)
        {
            await using var own = store.LightweightSession(TenantScope.School(school.SchoolId));
            own.UserName = "demo-seed";
            var marks = (DistrictDeadlineMarks?)null;
            var events = new List<object>();
            for (var year = state.FirstYear; year < today.Year; year++)
            {
                if (school.ShortName.Contains("ЦППМСП") && year == today.Year - 1) continue;
                var done = DistrictDeadlineCommands.MarkDone(state, marks, new MarkDistrictDeadline(year, new DateOnly(year, 12, 20)), today);
                events.Add(done);
                marks = marks is null ? DistrictDeadlineMarks.Create(done) : marks.Apply(done);
            }
            if (events.Count == 0) continue;
            own.Events.StartStream<DistrictDeadlineMarks>(DistrictDeadlineMarks.StreamId(school.SchoolId, state.Id), events.ToArray());
            await own.SaveChangesAsync(ct);
        }
        logger.LogInformation("Seeded the demo district's order № 237 and its 4 deadlines");
        return 5;

        DistrictDeadlineSet SetDeadline(SetDistrictDeadline c)
        {
            var id = Guid.CreateVersion7();
            var set = DistrictDeadlineCommands.Set(id, c, act, today);
            session.Events.StartStream<DistrictDeadline>(id, set);
            return set;
        }
    }
}
