using Platform.Mentoring.LocalActs;

namespace Platform.Mentoring.Appointments;

public sealed record AppointStaff(StaffRole? Role, string? PersonName, string? Position, Guid? AccountId, Guid? OrderId, DateOnly? From);
public sealed record EndAppointment(DateOnly? Date, string? Reason, Guid? OrderId);

/// <summary>An order of the school as a decision needs it (read from mentoring.local_acts at the edge).</summary>
public sealed record OrderFacts(Guid Id, LocalActKind Kind, string Number, DateOnly Date, bool Repealed)
{
    public string Citation => LocalAct.Citation(Number, Date);
}

/// <summary>The decisions about appointments: validate, then return the events. What they depend on is looked up by the caller.</summary>
public static class AppointmentCommands
{
    public const string SecondCurator = "В организации уже назначен куратор: сначала завершите его назначение.";

    /// <param name="order">The order cited by <c>OrderId</c>, null if the school has no such act.</param>
    /// <param name="accountFound">Whether the linked account exists in the school (true when none is linked).</param>
    /// <param name="curatorActive">Whether the school has a curator whose appointment has not ended.</param>
    /// <remarks>The start may lie ahead: orders often appoint from the start of the next school year.</remarks>
    public static StaffAppointed Appoint(Guid id, AppointStaff c, OrderFacts? order, bool accountFound, bool curatorActive)
    {
        var from = c.From ?? order?.Date;
        var v = new Validation()
            .Require(c.Role is not null, "role", "Укажите роль: curator (куратор), coordinator (координатор) или psychologist (педагог-психолог).")
            .Text(c.PersonName, "personName", "фамилию, имя и отчество", 300)
            .Require(c.Position is null || c.Position.Trim().Length <= 300, "position", "Поле «должность» длиннее 300 символов.")
            .Require(accountFound, "accountId", "Такой учётной записи в организации нет.")
            .Require(c.OrderId is not null, "orderId", "Укажите приказ о назначении (из локальных актов организации).");
        if (c.OrderId is not null) CheckOrder(v, "orderId", order);
        if (order is { Repealed: false } && c.Role is StaffRole.Curator or StaffRole.Coordinator)
            v.Require(order.Kind is LocalActKind.CuratorAppointment or LocalActKind.Other, "orderId",
                $"Куратора и координатора назначают приказом о назначении куратора (или иным приказом), а приказ {order.Citation} — «{order.Kind.Russian()}».");
        if (order is not null && from is not null)
            v.Require(from >= order.Date, "from", $"Дата начала раньше даты приказа ({order.Date:dd.MM.yyyy}).");
        v.ThrowIfInvalid();
        if (c.Role == StaffRole.Curator && curatorActive) throw new DomainRuleException(SecondCurator);

        return new StaffAppointed(id, c.Role!.Value, c.PersonName!.Trim(), Clean(c.Position), c.AccountId, order!.Id, from!.Value);
    }

    /// <param name="order">The order cited by <c>OrderId</c> (null if none is cited or the school has no such act).</param>
    public static AppointmentEnded End(Appointment appointment, EndAppointment c, OrderFacts? order, DateOnly today)
    {
        var date = c.Date ?? today;
        var v = new Validation()
            .Text(c.Reason, "reason", "причину (например, «освобождена от обязанностей куратора приказом № …»)", 1000)
            .Require(date <= today, "date", "Дата окончания не может быть в будущем.")
            .Require(date >= appointment.From, "date", $"Дата окончания раньше начала назначения ({appointment.From:dd.MM.yyyy}).");
        if (c.OrderId is not null) CheckOrder(v, "orderId", order);
        v.ThrowIfInvalid();
        if (!appointment.IsActive) throw new DomainRuleException($"Назначение уже завершено ({appointment.EndedOn:dd.MM.yyyy}).");
        return new AppointmentEnded(date, c.Reason!.Trim(), c.OrderId);
    }

    private static void CheckOrder(Validation v, string field, OrderFacts? order) => v
        .Require(order is not null, field, "Такого приказа нет среди локальных актов организации: сначала зарегистрируйте его.")
        .Require(order is not { Repealed: true }, field, $"Приказ {order?.Citation} отменён: сошлитесь на действующий приказ.");

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
