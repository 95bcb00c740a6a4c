using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.EventStore;
using Platform.Identity.Accounts;
using Platform.Tenancy.Demo;

namespace Platform.Identity.Demo;

public sealed record DemoAccount(string UserName, string FullName, string Role, TenantScope Scope);

/// <summary>Accounts for the demo district, development only. All share <see cref="Password"/>.</summary>
public static class DemoAccounts
{
    public const string Password = "Nastavnik-2026";

    private static Guid School(string last) => Guid.Parse("11000000-0000-4000-8000-000000000" + last);

    private static readonly (string Code, Guid Id, string Curator, string Director)[] Schools =
    [
        ("sosh1", School("001"), "Лобанова Ирина Викторовна", "Попов Андрей Николаевич"),
        ("oosh", School("002"), "Канева Ольга Сергеевна", "Истомина Татьяна Петровна"),
        ("sch411", School("411"), "Смирнова Елена Александровна", "Кузнецов Дмитрий Олегович"),
        ("gym166", School("166"), "Орлова Наталья Юрьевна", "Волков Сергей Павлович"),
        ("elan", School("063"), "Петрова Анна Михайловна", "Григорьева Людмила Ивановна"),
        ("cppmsp", School("030"), "Федорова Мария Андреевна", "Никитин Алексей Владимирович"),
    ];

    public static readonly IReadOnlyList<DemoAccount> All =
    [
        new("platform.admin", "Администратор платформы", Roles.PlatformAdmin, TenantScope.Platform),
        new("region.officer", "Чупрова Светлана Геннадьевна", Roles.RegionOfficer, TenantScope.Region(DemoDistrict.RegionId)),
        new("district.curator", "Мартюшева Галина Анатольевна", Roles.DistrictCurator, TenantScope.District(DemoDistrict.DistrictId)),
        .. Schools.SelectMany(s => new DemoAccount[]
        {
            new($"curator.{s.Code}", s.Curator, Roles.SchoolCurator, TenantScope.School(s.Id)),
            new($"director.{s.Code}", s.Director, Roles.SchoolDirector, TenantScope.School(s.Id)),
        }),
        new("mentor.sosh1", "Рочева Валентина Семёновна", Roles.Mentor, TenantScope.School(School("001"))),
        new("mentee.sosh1", "Ануфриев Кирилл Андреевич", Roles.Mentee, TenantScope.School(School("001"))),
    ];

    /// <summary>Creates the accounts that do not exist yet; returns how many were created.</summary>
    public static async Task<int> SeedAsync(IServiceProvider services, ILogger logger, CancellationToken ct = default)
    {
        var created = 0;
        foreach (var demo in All)
        {
            await using (var scope = services.CreateAsyncScope())
                if (await scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>().FindByNameAsync(demo.UserName) is not null) continue;
            await AccountCommands.CreateAsync(services, demo.UserName, demo.FullName, demo.Role, demo.Scope, Password, "demo-seed", ct);
            created++;
        }
        if (created > 0) logger.LogInformation("Seeded {Count} demo accounts (password {Password})", created, Password);
        return created;
    }
}
