using Microsoft.Extensions.Logging;
using Platform.EventStore;
using Platform.Mentoring.Appointments;
using Platform.Mentoring.LocalActs;

namespace Platform.Mentoring.Demo;

/// <summary>
/// The demo schools' orders: those the seeds cite (school № 411's № 360/1, the Irkutsk school's № 63/1-ОД,
/// the centre's road map order № 30-9 о/д), invented ones for the Komi schools, and invented curators.
/// Some schools are left with gaps on purpose, so that the district's checklist has something to show.
/// </summary>
public static class DemoLocalActs
{
    private static Guid School(string last) => Guid.Parse("11000000-0000-4000-8000-000000000" + last);

    private sealed record Order(LocalActKind[] Kinds, string Number, DateOnly Date, string Title);

    private static readonly (Guid School, Order[] Orders, string? Curator, string? Position)[] Data =
    [
        (School("411"), [new([LocalActKind.Regulation, LocalActKind.RoadMapApproval, LocalActKind.CuratorAppointment], "360/1", new(2023, 11, 13),
            "Об утверждении положения о системе (целевой модели) наставничества педагогических работников в ГБОУ школе № 411 «Гармония» Петродворцового района Санкт-Петербурга")],
            "Соколова Марина Викторовна", "заместитель директора по УВР"),
        (School("063"), [new([LocalActKind.Regulation, LocalActKind.RoadMapApproval, LocalActKind.CuratorAppointment], "63/1-ОД", new(2023, 9, 29),
            "О внедрении целевой модели наставничества")],
            "Ершова Наталья Сергеевна", "заместитель директора по УВР"),
        (School("030"), [new([LocalActKind.RoadMapApproval], "30-9 о/д", new(2024, 9, 2),
            "Об утверждении «дорожной карты» реализации целевой модели наставничества в ЦППМСП на 2024–2025 учебный год")], null, null),
        (School("001"), [
            new([LocalActKind.Regulation], "45-од", new(2022, 5, 16), "Об утверждении положения о системе наставничества педагогических работников"),
            new([LocalActKind.RoadMapApproval, LocalActKind.CuratorAppointment], "46-од", new(2022, 5, 16),
                "Об утверждении дорожной карты по реализации положения о системе наставничества и о назначении куратора")],
            "Лобанова Ирина Викторовна", "заместитель директора по учебной работе"),
        (School("002"), [new([LocalActKind.Regulation], "31", new(2022, 5, 19), "Об утверждении положения о системе наставничества педагогических работников")], null, null),
        (School("166"), [new([LocalActKind.Regulation, LocalActKind.RoadMapApproval], "112-о", new(2022, 8, 31),
            "Об утверждении положения о системе наставничества педагогических работников и дорожной карты на 2022–2023 учебный год")], null, null),
    ];

    public static async Task<int> SeedAsync(DocumentStore store, TimeProvider time, ILogger logger, CancellationToken ct = default)
    {
        var created = 0;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        foreach (var (school, orders, curator, position) in Data)
        {
            await using var session = store.LightweightSession(TenantScope.School(school));
            session.UserName = "demo-seed";
            if ((await session.QueryAsync("SELECT 1 FROM mentoring.local_acts WHERE tenant_id = $1 LIMIT 1", r => r.GetInt32(0), ct, school)).Count > 0) continue;
            OrderFacts? appointing = null;
            foreach (var order in orders)
                foreach (var kind in order.Kinds)
                {
                    var id = Guid.CreateVersion7();
                    session.Events.StartStream<LocalAct>(id, LocalActCommands.Register(id, new RegisterLocalAct(kind, order.Number, order.Date, order.Title, null), today));
                    created++;
                    if (kind == LocalActKind.CuratorAppointment) appointing = new OrderFacts(id, kind, order.Number, order.Date, false);
                }
            if (curator is not null && appointing is not null)
            {
                var id = Guid.CreateVersion7();
                session.Events.StartStream<Appointment>(id, AppointmentCommands.Appoint(id,
                    new AppointStaff(StaffRole.Curator, curator, position, null, appointing.Id, appointing.Date), appointing, accountFound: true, curatorActive: false));
            }
            await session.SaveChangesAsync(ct);
        }
        if (created > 0) logger.LogInformation("Seeded {Count} demo local acts", created);
        return created;
    }
}
