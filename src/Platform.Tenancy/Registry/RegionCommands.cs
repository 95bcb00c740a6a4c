using System.Text.RegularExpressions;
using Platform.Domain;

namespace Platform.Tenancy.Registry;

/// <param name="Database">The region's own database (its id in the platform's catalog); none: the home database.</param>
public sealed record RegisterRegion(string? Code, string? Name, string? InstituteName, string? TimeZone, IReadOnlyList<string>? TimeZones, string? Database = null);
public sealed record UpdateRegion(string? Code, string? Name, string? InstituteName, string? TimeZone, IReadOnlyList<string>? TimeZones);

/// <summary>Another region of the platform, as far as the uniqueness of codes and names goes.</summary>
public sealed record RegionName(Guid Id, string Code, string Name);

/// <summary>
/// The registry's decisions about a region (the platform administrator's work): validate, then return the events.
/// Codes and names are unique on the platform; the region's time zones are the ones its districts may live in.
/// </summary>
public static partial class RegionCommands
{
    public const int MaxName = 200;
    public const int MaxInstitute = 500;

    [GeneratedRegex(@"^[0-9]{2,3}$")]
    private static partial Regex CodePattern();

    /// <param name="databases">The databases of the platform's catalog (the home one included).</param>
    public static RegionRegistered Register(Guid regionId, RegisterRegion c, IReadOnlyCollection<RegionName> others, IReadOnlyCollection<string>? databases = null)
    {
        var v = new Validation()
            .Require(c.Code is not null && CodePattern().IsMatch(c.Code.Trim()), "code", "Код региона — две или три цифры (код субъекта РФ), например 11.")
            .Text(c.Name, "name", "название региона", MaxName)
            .Text(c.InstituteName, "instituteName", "наименование регионального института развития образования", MaxInstitute)
            .Require(RussianTimeZones.IsKnown(c.TimeZone), "timeZone", "Укажите часовой пояс региона из списка часовых поясов России (например, Europe/Moscow).");
        CheckZones(v, c.TimeZones);
        CheckUnique(v, regionId, c.Code, c.Name, others);
        v.Require(c.Database is null || (databases ?? []).Contains(c.Database), "database",
            $"Базы данных «{Shorten(c.Database)}» нет в каталоге платформы: сначала подключите её (раздел «Базы данных»), затем создайте регион.");
        v.ThrowIfInvalid();
        var zones = Region.ZonesOf(c.TimeZone!, c.TimeZones);
        return new RegionRegistered(regionId, c.Code!.Trim(), c.Name!.Trim(), c.InstituteName!.Trim(), c.TimeZone!, zones);
    }

    /// <param name="zonesInUse">The time zones the region's districts live in: none of them may leave the region's list.</param>
    public static object[] SetRetention(Region region, SetRetention c)
    {
        new Validation().Require(c.Years is >= 1 and <= Region.MaxRetentionYears, "years",
            $"Укажите срок хранения персональных данных — от 1 до {Region.MaxRetentionYears} лет после окончания последней программы участника.").ThrowIfInvalid();
        return c.Years == region.RetentionYears ? [] : [new PersonalDataRetentionSet(c.Years!.Value)];
    }

    public static object[] Update(Region region, UpdateRegion c, IReadOnlyCollection<RegionName> others, IReadOnlyCollection<string> zonesInUse)
    {
        var v = new Validation()
            .Require(c.Code is null || CodePattern().IsMatch(c.Code.Trim()), "code", "Код региона — две или три цифры (код субъекта РФ), например 11.")
            .Require(c.Name is null || !string.IsNullOrWhiteSpace(c.Name), "name", "Название региона не может быть пустым.")
            .Require(c.Name is null || c.Name.Trim().Length <= MaxName, "name", $"Поле «название региона» длиннее {MaxName} символов.")
            .Require(c.InstituteName is null || !string.IsNullOrWhiteSpace(c.InstituteName), "instituteName", "Наименование института не может быть пустым.")
            .Require(c.InstituteName is null || c.InstituteName.Trim().Length <= MaxInstitute, "instituteName",
                $"Поле «наименование регионального института развития образования» длиннее {MaxInstitute} символов.")
            .Require(c.TimeZone is null || RussianTimeZones.IsKnown(c.TimeZone), "timeZone",
                "Укажите часовой пояс региона из списка часовых поясов России (например, Europe/Moscow).");
        CheckZones(v, c.TimeZones);
        CheckUnique(v, region.Id, c.Code, c.Name, others);
        var defaultZone = c.TimeZone ?? region.TimeZone;
        var zones = c.TimeZone is null && c.TimeZones is null ? region.TimeZones : Region.ZonesOf(defaultZone, c.TimeZones ?? region.TimeZones);
        var dropped = zonesInUse.Where(z => !zones.Contains(z)).Order(StringComparer.Ordinal).ToList();
        v.Require(dropped.Count == 0, "timeZones", $"Часовые пояса используются районами региона и должны остаться в списке: {string.Join(", ", dropped)}.");
        v.ThrowIfInvalid();

        var events = new List<object>();
        if (c.Code?.Trim() is { } code && code != region.Code) events.Add(new RegionCodeChanged(code));
        if (c.Name?.Trim() is { } name && name != region.Name) events.Add(new RegionRenamed(name));
        if (c.InstituteName?.Trim() is { } institute && institute != region.InstituteName) events.Add(new RegionInstituteRenamed(institute));
        if (defaultZone != region.TimeZone || !zones.SequenceEqual(region.TimeZones)) events.Add(new RegionTimeZonesChanged(defaultZone, zones));
        return events.ToArray();
    }

    private static string? Shorten(string? text) => text is { Length: > 40 } ? text[..40] + "…" : text;

    private static void CheckZones(Validation v, IReadOnlyList<string>? zones) =>
        v.Require(zones is null || zones.All(RussianTimeZones.IsKnown), "timeZones",
                "Каждый часовой пояс региона должен быть из списка часовых поясов России (например, Asia/Yakutsk).")
            .Require(zones is null || zones.Count <= RussianTimeZones.All.Count, "timeZones", "Слишком много часовых поясов.");

    private static void CheckUnique(Validation v, Guid self, string? code, string? name, IReadOnlyCollection<RegionName> others)
    {
        if (code?.Trim() is { Length: > 0 } c && others.FirstOrDefault(o => o.Id != self && o.Code == c) is { } byCode)
            v.Require(false, "code", $"Код {c} уже занят: регион «{byCode.Name}».");
        if (name?.Trim() is { Length: > 0 } n && others.FirstOrDefault(o => o.Id != self && string.Equals(o.Name, n, StringComparison.OrdinalIgnoreCase)) is { } byName)
            v.Require(false, "name", $"Регион «{byName.Name}» уже есть на платформе.");
    }
}
