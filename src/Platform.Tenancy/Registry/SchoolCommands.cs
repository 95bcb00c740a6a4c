using Platform.Domain;

namespace Platform.Tenancy.Registry;

public sealed record RegisterSchool(string FullName, string ShortName, SchoolKind? Kind, string TimeZone, DateOnly? OpenedOn);
public sealed record UpdateSchool(string? FullName, string? ShortName, SchoolKind? Kind, string? TimeZone);
public sealed record CloseSchool(DateOnly? ClosedOn, string Reason);

/// <summary>The registry's decisions about a school: validate, then return the events.</summary>
public static class SchoolCommands
{
    public static SchoolRegistered Register(Guid schoolId, Guid districtId, RegisterSchool c, DateOnly today)
    {
        new Validation()
            .Text(c.FullName, "fullName", "полное наименование")
            .Text(c.ShortName, "shortName", "краткое наименование", 200)
            .Require(c.Kind is not null, "kind", "Укажите вид организации.")
            .Require(RussianTimeZones.IsKnown(c.TimeZone), "timeZone", "Укажите часовой пояс России из списка (например, Europe/Moscow).")
            .Require(c.OpenedOn is null || c.OpenedOn <= today, "openedOn", "Дата открытия не может быть в будущем.")
            .ThrowIfInvalid();
        return new SchoolRegistered(schoolId, districtId, c.FullName.Trim(), c.ShortName.Trim(), c.Kind!.Value, c.TimeZone, c.OpenedOn);
    }

    public static object[] Update(School school, UpdateSchool c)
    {
        new Validation()
            .Require(c.FullName is null || !string.IsNullOrWhiteSpace(c.FullName), "fullName", "Полное наименование не может быть пустым.")
            .Require(c.ShortName is null || !string.IsNullOrWhiteSpace(c.ShortName), "shortName", "Краткое наименование не может быть пустым.")
            .Require(c.FullName is null || c.FullName.Trim().Length <= 500, "fullName", "Поле «полное наименование» длиннее 500 символов.")
            .Require(c.ShortName is null || c.ShortName.Trim().Length <= 200, "shortName", "Поле «краткое наименование» длиннее 200 символов.")
            .Require(c.TimeZone is null || RussianTimeZones.IsKnown(c.TimeZone), "timeZone", "Укажите часовой пояс России из списка (например, Europe/Moscow).")
            .ThrowIfInvalid();
        if (school.IsClosed) throw new DomainRuleException("Организация закрыта: изменения не принимаются.");

        var events = new List<object>();
        var fullName = c.FullName?.Trim() ?? school.FullName;
        var shortName = c.ShortName?.Trim() ?? school.ShortName;
        if (fullName != school.FullName || shortName != school.ShortName) events.Add(new SchoolRenamed(fullName, shortName));
        if (c.Kind is { } kind && kind != school.Kind) events.Add(new SchoolKindChanged(kind));
        if (c.TimeZone is { } tz && tz != school.TimeZone) events.Add(new SchoolTimeZoneChanged(tz));
        return events.ToArray();
    }

    public static SchoolClosed Close(School school, CloseSchool c, DateOnly today)
    {
        var closedOn = c.ClosedOn ?? today;
        new Validation()
            .Text(c.Reason, "reason", "причину закрытия")
            .Require(school.OpenedOn is null || closedOn >= school.OpenedOn, "closedOn", "Дата закрытия раньше даты открытия.")
            .ThrowIfInvalid();
        if (school.IsClosed) throw new DomainRuleException("Организация уже закрыта.");
        return new SchoolClosed(closedOn, c.Reason.Trim());
    }

    public static SchoolReopened Reopen(School school) =>
        school.IsClosed ? new SchoolReopened() : throw new DomainRuleException("Организация не закрыта.");
}
