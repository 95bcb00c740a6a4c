using Platform.Domain;

namespace Platform.Tenancy.Registry;

public sealed record RegisterDistrict(string? Name, string? ShortName, string? TimeZone);
public sealed record UpdateDistrict(string? Name, string? ShortName, string? TimeZone);
public sealed record CloseDistrict(DateOnly? ClosedOn, string? Reason);

/// <summary>Another district of the same region, as far as the uniqueness of names goes.</summary>
public sealed record DistrictName(Guid Id, string Name, string ShortName);

/// <summary>
/// The registry's decisions about a district (the region officer's work): validate, then return the events.
/// A district lives in one of its region's time zones (the region's default when none is given); its names are
/// unique within the region; it is closed only once its schools are closed, and a closed district changes nothing.
/// </summary>
public static class DistrictCommands
{
    public const int MaxName = 500;
    public const int MaxShortName = 200;

    public static DistrictRegistered Register(Guid districtId, Region region, RegisterDistrict c, IReadOnlyCollection<DistrictName> siblings)
    {
        var zone = string.IsNullOrWhiteSpace(c.TimeZone) ? region.TimeZone : c.TimeZone.Trim();
        var v = new Validation()
            .Text(c.Name, "name", "полное наименование (орган управления образованием района)", MaxName)
            .Text(c.ShortName, "shortName", "краткое наименование", MaxShortName);
        CheckZone(v, region, zone);
        CheckUnique(v, districtId, c.Name, c.ShortName, siblings);
        v.ThrowIfInvalid();
        return new DistrictRegistered(districtId, region.Id, c.Name!.Trim(), c.ShortName!.Trim(), zone);
    }

    public static object[] Update(District district, Region region, UpdateDistrict c, IReadOnlyCollection<DistrictName> siblings)
    {
        var v = new Validation()
            .Require(c.Name is null || !string.IsNullOrWhiteSpace(c.Name), "name", "Полное наименование не может быть пустым.")
            .Require(c.ShortName is null || !string.IsNullOrWhiteSpace(c.ShortName), "shortName", "Краткое наименование не может быть пустым.")
            .Require(c.Name is null || c.Name.Trim().Length <= MaxName, "name",
                $"Поле «полное наименование (орган управления образованием района)» длиннее {MaxName} символов.")
            .Require(c.ShortName is null || c.ShortName.Trim().Length <= MaxShortName, "shortName", $"Поле «краткое наименование» длиннее {MaxShortName} символов.");
        if (c.TimeZone is not null) CheckZone(v, region, c.TimeZone.Trim());
        CheckUnique(v, district.Id, c.Name, c.ShortName, siblings);
        v.ThrowIfInvalid();
        if (district.IsClosed) throw new DomainRuleException("Район закрыт: изменения не принимаются. Сначала отмените закрытие.");

        var events = new List<object>();
        var name = c.Name?.Trim() ?? district.Name;
        var shortName = c.ShortName?.Trim() ?? district.ShortName;
        if (name != district.Name || shortName != district.ShortName) events.Add(new DistrictRenamed(name, shortName));
        if (c.TimeZone?.Trim() is { } tz && tz != district.TimeZone) events.Add(new DistrictTimeZoneChanged(tz));
        return events.ToArray();
    }

    /// <param name="openSchools">How many of the district's schools are not closed.</param>
    public static DistrictClosed Close(District district, CloseDistrict c, DateOnly today, int openSchools)
    {
        new Validation().Text(c.Reason, "reason", "причину закрытия").ThrowIfInvalid();
        if (district.IsClosed) throw new DomainRuleException("Район уже закрыт.");
        if (openSchools > 0)
            throw new DomainRuleException($"В районе есть действующие организации ({openSchools}): сначала закройте их, затем район.");
        return new DistrictClosed(c.ClosedOn ?? today, c.Reason!.Trim());
    }

    public static DistrictReopened Reopen(District district) =>
        district.IsClosed ? new DistrictReopened() : throw new DomainRuleException("Район не закрыт.");

    private static void CheckZone(Validation v, Region region, string zone) =>
        v.Require(RussianTimeZones.IsKnown(zone) && region.TimeZones.Contains(zone), "timeZone",
            $"Часовой пояс района должен быть одним из поясов региона: {string.Join(", ", region.TimeZones)}.");

    private static void CheckUnique(Validation v, Guid self, string? name, string? shortName, IReadOnlyCollection<DistrictName> siblings)
    {
        if (name?.Trim() is { Length: > 0 } n && siblings.Any(s => s.Id != self && string.Equals(s.Name, n, StringComparison.OrdinalIgnoreCase)))
            v.Require(false, "name", "Район с таким полным наименованием в регионе уже есть.");
        if (shortName?.Trim() is { Length: > 0 } sn && siblings.Any(s => s.Id != self && string.Equals(s.ShortName, sn, StringComparison.OrdinalIgnoreCase)))
            v.Require(false, "shortName", $"Район «{sn}» в регионе уже есть.");
    }
}
