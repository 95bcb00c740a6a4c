namespace Platform.Tenancy.Registry;

// A school (образовательная организация): the tenant of the mentoring work.
// Its registry stream is owned by its district (tenant = district), which keeps the list of its schools.
public sealed record SchoolRegistered(
    Guid SchoolId, Guid DistrictId, string FullName, string ShortName, SchoolKind Kind, string TimeZone, DateOnly? OpenedOn);
public sealed record SchoolRenamed(string FullName, string ShortName);
public sealed record SchoolKindChanged(SchoolKind Kind);
public sealed record SchoolTimeZoneChanged(string TimeZone);
public sealed record SchoolClosed(DateOnly ClosedOn, string Reason);
public sealed record SchoolReopened;

public sealed record School(
    Guid Id, Guid DistrictId, string FullName, string ShortName, SchoolKind Kind, string TimeZone,
    DateOnly? OpenedOn, DateOnly? ClosedOn, string? ClosureReason)
{
    public bool IsClosed => ClosedOn is not null;

    public static School Create(SchoolRegistered e) =>
        new(e.SchoolId, e.DistrictId, e.FullName, e.ShortName, e.Kind, e.TimeZone, e.OpenedOn, null, null);

    public School Apply(SchoolRenamed e) => this with { FullName = e.FullName, ShortName = e.ShortName };
    public School Apply(SchoolKindChanged e) => this with { Kind = e.Kind };
    public School Apply(SchoolTimeZoneChanged e) => this with { TimeZone = e.TimeZone };
    public School Apply(SchoolClosed e) => this with { ClosedOn = e.ClosedOn, ClosureReason = e.Reason };
    public School Apply(SchoolReopened _) => this with { ClosedOn = null, ClosureReason = null };
}
