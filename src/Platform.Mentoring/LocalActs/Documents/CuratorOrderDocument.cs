using Platform.EventStore;
using Platform.Mentoring.Appointments;
using Platform.Mentoring.Documents;
using Platform.Mentoring.Documents.Declension;
using static Platform.Mentoring.Documents.Docx;

namespace Platform.Mentoring.LocalActs.Documents;

/// <summary>One appointment the order made: the person as registered (nominative), the role, the position, from when.</summary>
public sealed record AppointedPerson(StaffRole Role, string PersonName, string? Position, DateOnly From);

public sealed record CuratorOrder(OrderRequisites Requisites, IReadOnlyList<AppointedPerson> Appointed);

/// <summary>
/// The order appointing the curator (and the coordinators and the psychologist appointed by the same order): «Назначить с
/// 1 сентября 2026 г. куратором системы наставничества педагогических работников Иванову Марию Петровну (учитель русского языка)» —
/// the name in the accusative (<see cref="RussianNames"/>); the people are the school's appointments that cite this order.
/// </summary>
public static class CuratorOrderDocument
{
    public static readonly DocumentKind Kind = new("curator_order", "Приказ о назначении куратора системы наставничества",
    [
        .. OrderRequisites.Placeholders,
        new("appointments.number", "Номер пункта: «1»"),
        new("appointments.role", "Кем назначается (творительный падеж): «куратором системы наставничества педагогических работников»"),
        new("appointments.name", "ФИО в винительном падеже: «Иванову Марию Петровну»"),
        new("appointments.position", "Должность: «учитель русского языка»"),
        new("appointments.from", "С какой даты: «1 сентября 2026 г.»"),
    ]);

    public static async Task<IReadOnlyList<AppointedPerson>> AppointedAsync(DocumentSession session, Guid schoolId, Guid orderId, CancellationToken ct) =>
        await session.QueryAsync("""
            SELECT role, person_name, position, from_date FROM mentoring.appointments WHERE tenant_id = $1 AND order_id = $2
             ORDER BY array_position(ARRAY['curator', 'coordinator', 'psychologist'], role), person_name, id
            """, r => new AppointedPerson(StaffRoles.Parse(r.GetString(0)), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                r.GetFieldValue<DateOnly>(3)), ct, schoolId, orderId);

    public static async Task<DateTimeOffset?> ChangedAsync(DocumentSession session, Guid schoolId, Guid orderId, CancellationToken ct) =>
        (await session.QueryAsync("SELECT max(updated_at) FROM mentoring.appointments WHERE tenant_id = $1 AND order_id = $2",
            r => r.IsDBNull(0) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(0), ct, schoolId, orderId)).Single();

    /// <summary>What the person is appointed as, in the instrumental: «куратором …», «ответственной за …».</summary>
    public static string Role(AppointedPerson p) => p.Role switch
    {
        StaffRole.Curator => "куратором системы наставничества педагогических работников",
        StaffRole.Coordinator => "координатором системы наставничества педагогических работников",
        _ => (RussianNames.Gender(p.PersonName) == NameGender.Female ? "ответственной" : "ответственным")
            + " за психолого-педагогическую поддержку и сопровождение наставляемых",
    };

    public static DocumentFields Fields(CuratorOrder order) => order.Requisites.Fields()
        .Table("appointments", order.Appointed.Select((p, i) => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["number"] = $"{i + 1}", ["role"] = Role(p), ["name"] = RussianNames.FullName(p.PersonName, GrammaticalCase.Accusative),
            ["position"] = p.Position ?? "", ["from"] = OrderLayout.InWords(p.From),
        }));

    /// <param name="stamp">When the act or its appointments last changed.</param>
    public static byte[] Write(CuratorOrder order, DateTimeOffset stamp) =>
        Docx.Write(order.Requisites.Layout(ApprovalOrderDocument.Grounds + ", положением о системе наставничества педагогических работников организации",
            Points(order).Select(p => Paragraph(p))), landscape: false, stamp);

    private static IEnumerable<string> Points(CuratorOrder order)
    {
        var n = 0;
        foreach (var p in order.Appointed)
            yield return $"{++n}. Назначить с {OrderLayout.InWords(p.From)} {Role(p)} {RussianNames.FullName(p.PersonName, GrammaticalCase.Accusative)}"
                + (p.Position is { Length: > 0 } position ? $" ({position})." : ".");
        if (order.Appointed.FirstOrDefault(p => p.Role == StaffRole.Curator) is { } curator)
            yield return $"{++n}. Куратору системы наставничества {RussianNames.FullName(curator.PersonName, GrammaticalCase.Dative)} обеспечить формирование "
                + "наставнических пар (групп), разработку персонализированных программ наставничества и мониторинг их реализации.";
        yield return $"{++n}. Контроль за исполнением настоящего приказа оставляю за собой.";
    }
}
