using Npgsql;
using Platform.EventStore;
using Platform.Mentoring.LocalActs;

namespace Platform.Mentoring.Appointments;

public sealed record OrderRef(Guid Id, string Number, DateOnly Date, string Title, string Citation);

/// <summary>An appointment with the order it rests on (and the one that ended it).</summary>
public sealed record AppointmentView(
    Guid Id, StaffRole Role, string RoleName, string PersonName, string? Position, Guid? AccountId, DateOnly From, OrderRef? Order,
    bool Active, DateOnly? EndedOn, string? EndReason, OrderRef? EndOrder, long Version);

/// <summary>The school's appointments from mentoring.appointments, and the facts about orders the decisions need.</summary>
public static class AppointmentList
{
    private const string Select = """
        SELECT a.id, a.role, a.person_name, a.position, a.account_id, a.from_date, a.ended_on, a.end_reason, a.version,
               o.id, o.number, o.date, o.title, e.id, e.number, e.date, e.title
          FROM mentoring.appointments a
          LEFT JOIN mentoring.local_acts o ON o.tenant_id = a.tenant_id AND o.id = a.order_id
          LEFT JOIN mentoring.local_acts e ON e.tenant_id = a.tenant_id AND e.id = a.end_order_id
        """;

    public static Task<List<AppointmentView>> QueryAsync(DocumentSession session, Guid schoolId, bool all, StaffRole? role, CancellationToken ct) =>
        session.QueryAsync($"""
            {Select}
             WHERE a.tenant_id = $1 AND ($2 OR a.ended_on IS NULL) AND ($3::text IS NULL OR a.role = $3)
             ORDER BY a.ended_on IS NOT NULL, array_position(ARRAY['curator', 'coordinator', 'psychologist'], a.role), a.from_date DESC, a.id
            """, Read, ct, schoolId, all, role?.Code());

    public static async Task<AppointmentView?> FindAsync(DocumentSession session, Guid schoolId, Guid id, CancellationToken ct) =>
        (await session.QueryAsync($"{Select} WHERE a.tenant_id = $1 AND a.id = $2", Read, ct, schoolId, id)).FirstOrDefault();

    public static async Task<bool> CuratorActiveAsync(DocumentSession session, Guid schoolId, CancellationToken ct) =>
        (await session.QueryAsync("SELECT 1 FROM mentoring.appointments WHERE tenant_id = $1 AND role = 'curator' AND ended_on IS NULL LIMIT 1",
            r => r.GetInt32(0), ct, schoolId)).Count > 0;

    public static async Task<OrderFacts?> OrderAsync(DocumentSession session, Guid schoolId, Guid? orderId, CancellationToken ct) =>
        orderId is null ? null : (await session.QueryAsync(
            "SELECT id, kind, number, date, repealed_on IS NOT NULL FROM mentoring.local_acts WHERE tenant_id = $1 AND id = $2",
            r => new OrderFacts(r.GetGuid(0), LocalActKinds.Parse(r.GetString(1)), r.GetString(2), r.GetFieldValue<DateOnly>(3), r.GetBoolean(4)),
            ct, schoolId, orderId.Value)).FirstOrDefault();

    /// <summary>
    /// Whether the account belongs to the school. identity.accounts (over identity.users) is under row-level security: the school's
    /// session sees only the school's own accounts.
    /// </summary>
    public static async Task<bool> AccountExistsAsync(DocumentSession session, Guid? accountId, CancellationToken ct) =>
        accountId is null || (await session.QueryAsync("SELECT 1 FROM identity.accounts WHERE id = $1", r => r.GetInt32(0), ct, accountId.Value)).Count > 0;

    private static AppointmentView Read(NpgsqlDataReader r)
    {
        var role = StaffRoles.Parse(r.GetString(1));
        var endedOn = r.IsDBNull(6) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(6);
        return new AppointmentView(r.GetGuid(0), role, role.Russian(), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
            r.IsDBNull(4) ? null : r.GetGuid(4), r.GetFieldValue<DateOnly>(5), Order(r, 9), endedOn is null, endedOn,
            r.IsDBNull(7) ? null : r.GetString(7), Order(r, 13), r.GetInt64(8));
    }

    private static OrderRef? Order(NpgsqlDataReader r, int at)
    {
        if (r.IsDBNull(at)) return null;
        var number = r.GetString(at + 1);
        var date = r.GetFieldValue<DateOnly>(at + 2);
        return new OrderRef(r.GetGuid(at), number, date, r.GetString(at + 3), LocalAct.Citation(number, date));
    }
}
