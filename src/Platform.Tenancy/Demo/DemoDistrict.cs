using Microsoft.Extensions.Logging;
using Platform.EventStore;
using Platform.Tenancy.Registry;

namespace Platform.Tenancy.Demo;

/// <summary>
/// The demo district: «Троицко-Печорский» (Komi) of seed 001, with schools named in the seeds.
/// The seeds' schools are from several regions; in the demo they all report to this district, so
/// that the Irkutsk school brings a second time zone. Ids are fixed so links and tests can use them.
/// </summary>
public static class DemoDistrict
{
    public static readonly Guid RegionId = Guid.Parse("11000000-0000-4000-8000-000000000011");
    public static readonly Guid DistrictId = Guid.Parse("11000000-0000-4000-8000-000000000237");

    public static readonly RegionRegistered Region = new(RegionId, "11", "Республика Коми",
        "ГОУ ДПО «Коми республиканский институт развития образования»", "Europe/Moscow");

    public static readonly DistrictRegistered District = new(DistrictId, RegionId,
        "Управление образования администрации муниципального района «Троицко-Печорский»", "МР «Троицко-Печорский»", "Europe/Moscow");

    public static readonly IReadOnlyList<SchoolRegistered> Schools =
    [
        new(Guid.Parse("11000000-0000-4000-8000-000000000001"), DistrictId,
            "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1» пгт Троицко-Печорск",
            "МБОУ СОШ № 1 пгт Троицко-Печорск", SchoolKind.School, "Europe/Moscow", new DateOnly(1938, 9, 1)),
        new(Guid.Parse("11000000-0000-4000-8000-000000000002"), DistrictId,
            "Муниципальное бюджетное общеобразовательное учреждение «Основная общеобразовательная школа» пгт Троицко-Печорск",
            "МБОУ ООШ пгт Троицко-Печорск", SchoolKind.School, "Europe/Moscow", null),
        new(Guid.Parse("11000000-0000-4000-8000-000000000411"), DistrictId,
            "Государственное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 411 «Гармония» с углубленным изучением английского языка Петродворцового района Санкт-Петербурга",
            "ГБОУ школа № 411 «Гармония»", SchoolKind.School, "Europe/Moscow", null),
        new(Guid.Parse("11000000-0000-4000-8000-000000000166"), DistrictId,
            "Государственное бюджетное общеобразовательное учреждение гимназия № 166 Центрального района Санкт-Петербурга",
            "ГБОУ гимназия № 166", SchoolKind.Gymnasium, "Europe/Moscow", null),
        new(Guid.Parse("11000000-0000-4000-8000-000000000063"), DistrictId,
            "Муниципальное общеобразовательное учреждение Иркутского районного муниципального образования «Мало-Еланская начальная школа – детский сад»",
            "МОУ ИРМО «Мало-Еланская НШДС»", SchoolKind.PrimarySchoolKindergarten, "Asia/Irkutsk", null),
        new(Guid.Parse("11000000-0000-4000-8000-000000000030"), DistrictId,
            "Государственное бюджетное учреждение центр психолого-педагогической, медицинской и социальной помощи Пушкинского района Санкт-Петербурга",
            "ГБУ ЦППМСП Пушкинского района", SchoolKind.SupportCentre, "Europe/Moscow", null),
    ];

    /// <summary>Writes the demo registry once, in one transaction; does nothing if it is there already.</summary>
    public static async Task<bool> SeedAsync(DocumentStore store, ILogger logger, CancellationToken ct = default)
    {
        await using var session = store.LightweightSession(TenantScope.Platform);
        session.UserName = "system:demo-seed";
        if (await session.ForTenant(RegionId).FetchStreamStateAsync(RegionId, ct) is not null)
        {
            logger.LogInformation("Demo district already seeded");
            return false;
        }
        session.ForTenant(RegionId).StartStream<Registry.Region>(RegionId, Region);
        session.ForTenant(RegionId).StartStream<Registry.District>(DistrictId, District);
        foreach (var school in Schools)
            session.ForTenant(DistrictId).StartStream<School>(school.SchoolId, school);
        await session.SaveChangesAsync(ct);
        logger.LogInformation("Seeded demo district {District} with {Schools} schools", District.ShortName, Schools.Count);
        return true;
    }
}
