using System.Text.Json;

namespace Platform.Mentoring.Appointments;

/// <summary>The school's staff of the mentoring system appointed by order (DOMAIN: SchoolCurator, coordinator, Psychologist).</summary>
public enum StaffRole { Curator, Coordinator, Psychologist }

public static class StaffRoles
{
    public static string Russian(this StaffRole role) => role switch
    {
        StaffRole.Curator => "Куратор",
        StaffRole.Coordinator => "Координатор",
        _ => "Педагог-психолог",
    };

    public static string Code(this StaffRole role) => JsonNamingPolicy.SnakeCaseLower.ConvertName(role.ToString());

    public static bool TryParse(string? code, out StaffRole role) =>
        Platform.EventStore.StoredCode.TryParse(code, out role);

    public static StaffRole Parse(string code) => TryParse(code, out var r) ? r : throw new Platform.EventStore.UnknownStoredValueException("staff role", code);
}

// An appointment of one person to a role by an order (приказ) of the school, until it is ended (by another
// order, or on a date with a reason). One stream per appointment; tenant = the school.

public sealed record StaffAppointed(Guid AppointmentId, StaffRole Role, string PersonName, string? Position, Guid? AccountId, Guid OrderId, DateOnly From);
public sealed record AppointmentEnded(DateOnly Date, string Reason, Guid? OrderId);

public sealed record Appointment(
    Guid Id, StaffRole Role, string PersonName, string? Position, Guid? AccountId, Guid OrderId, DateOnly From,
    DateOnly? EndedOn, string? EndReason, Guid? EndOrderId)
{
    public bool IsActive => EndedOn is null;

    public static Appointment Create(StaffAppointed e) =>
        new(e.AppointmentId, e.Role, e.PersonName, e.Position, e.AccountId, e.OrderId, e.From, null, null, null);

    public Appointment Apply(AppointmentEnded e) => this with { EndedOn = e.Date, EndReason = e.Reason, EndOrderId = e.OrderId };
}
