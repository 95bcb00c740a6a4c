namespace Platform.Tenancy.Registry;

/// <summary>IANA time zones of Russia (eleven offsets, UTC+2 to UTC+12, no daylight saving).</summary>
public static class RussianTimeZones
{
    public static readonly IReadOnlyList<string> All =
    [
        "Europe/Kaliningrad", "Europe/Moscow", "Europe/Kirov", "Europe/Volgograd", "Europe/Simferopol",
        "Europe/Samara", "Europe/Astrakhan", "Europe/Saratov", "Europe/Ulyanovsk",
        "Asia/Yekaterinburg", "Asia/Omsk", "Asia/Novosibirsk", "Asia/Barnaul", "Asia/Tomsk", "Asia/Novokuznetsk",
        "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Yakutsk", "Asia/Chita", "Asia/Khandyga",
        "Asia/Vladivostok", "Asia/Ust-Nera", "Asia/Magadan", "Asia/Sakhalin", "Asia/Srednekolymsk",
        "Asia/Kamchatka", "Asia/Anadyr",
    ];

    /// <summary>The calendar day at <paramref name="now"/> in the zone: the day a school or district lives in.</summary>
    public static DateOnly Today(DateTimeOffset now, string timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime);

    public static bool IsKnown(string? id) =>
        id is not null && All.Contains(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
