using Platform.Tenancy.Registry;
using static Platform.Tests.Decisions.Refusals;

namespace Platform.Tests.Decisions;

/// <summary>
/// The registry's region (the platform administrator's) and district (the region officer's): codes and names unique,
/// the region's time zones bound its districts', a district closed only once its schools are, a closed one changes nothing.
/// </summary>
public sealed class RegionAndDistrictDecisionTests
{
    private static readonly Guid RegionId = Guid.Parse("a0000000-0000-4000-8000-000000000014");
    private static readonly Guid DistrictId = Guid.Parse("d0000000-0000-4000-8000-000000000014");
    private static readonly DateOnly Today = new(2026, 12, 7);
    private static readonly RegionName Komi = new(Guid.Parse("11000000-0000-4000-8000-000000000011"), "11", "Республика Коми");

    private static RegisterRegion Yakutia => new(" 14 ", " Республика Саха (Якутия) ", " ГАУ ДПО «Институт развития образования и повышения квалификации» ",
        "Asia/Yakutsk", ["Asia/Vladivostok", "Asia/Yakutsk", "Asia/Magadan"]);

    private static Region Region() => Platform.Tenancy.Registry.Region.Create(RegionCommands.Register(RegionId, Yakutia, [Komi]));

    private static RegisterDistrict Ulus => new(" Управление образования Мирнинского района ", " МР «Мирнинский район» ", null);

    private static District District() => Platform.Tenancy.Registry.District.Create(DistrictCommands.Register(DistrictId, Region(), Ulus, []));

    [Fact]
    public void A_region_is_registered_trimmed_with_its_default_zone_first_and_each_zone_once()
    {
        var e = RegionCommands.Register(RegionId, Yakutia, [Komi]);
        (e.Code, e.Name, e.InstituteName, e.TimeZone).ShouldBe(("14", "Республика Саха (Якутия)",
            "ГАУ ДПО «Институт развития образования и повышения квалификации»", "Asia/Yakutsk"));
        e.TimeZones.ShouldBe(["Asia/Yakutsk", "Asia/Vladivostok", "Asia/Magadan"]);
    }

    [Fact]
    public void A_region_needs_a_code_of_two_or_three_digits_a_name_an_institute_and_russian_time_zones()
    {
        var errors = Invalid(() => RegionCommands.Register(RegionId, new RegisterRegion("Komi", " ", null, "Europe/Paris", ["Europe/Berlin"]), []));
        errors["code"].ShouldBe(["Код региона — две или три цифры (код субъекта РФ), например 11."]);
        errors["name"].ShouldBe(["Укажите название региона."]);
        errors["instituteName"].ShouldBe(["Укажите наименование регионального института развития образования."]);
        errors["timeZone"].ShouldBe(["Укажите часовой пояс региона из списка часовых поясов России (например, Europe/Moscow)."]);
        errors["timeZones"].ShouldBe(["Каждый часовой пояс региона должен быть из списка часовых поясов России (например, Asia/Yakutsk)."]);

        Invalid(() => RegionCommands.Register(RegionId, Yakutia with { Name = new string('Я', 201) }, []))["name"]
            .ShouldBe(["Поле «название региона» длиннее 200 символов."]);
    }

    [Fact]
    public void A_code_or_a_name_another_region_has_is_refused_naming_that_region()
    {
        var errors = Invalid(() => RegionCommands.Register(RegionId, Yakutia with { Code = "11", Name = "республика коми" }, [Komi]));
        errors["code"].ShouldBe(["Код 11 уже занят: регион «Республика Коми»."]);
        errors["name"].ShouldBe(["Регион «Республика Коми» уже есть на платформе."]);
    }

    [Fact]
    public void Updating_a_region_writes_one_event_per_changed_part_and_nothing_when_nothing_changed()
    {
        var region = Region();
        RegionCommands.Update(region, new UpdateRegion(null, "Республика Саха (Якутия) ", null, null, null), [Komi], []).ShouldBeEmpty();

        var events = RegionCommands.Update(region, new UpdateRegion("14", "Якутия", "ИРОиПК", "Asia/Vladivostok", null), [Komi], []);
        events.ShouldBe([new RegionRenamed("Якутия"), new RegionInstituteRenamed("ИРОиПК"), new RegionTimeZonesChanged("Asia/Vladivostok",
            ["Asia/Vladivostok", "Asia/Yakutsk", "Asia/Magadan"])], ignoreOrder: false, comparer: new JsonComparer());
        region.Apply(new RegionCodeChanged("98")).Code.ShouldBe("98");
    }

    [Fact]
    public void A_time_zone_a_district_lives_in_cannot_leave_the_region()
    {
        var errors = Invalid(() => RegionCommands.Update(Region(), new UpdateRegion(null, null, null, null, ["Asia/Yakutsk"]), [Komi], ["Asia/Magadan", "Asia/Yakutsk"]));
        errors["timeZones"].ShouldBe(["Часовые пояса используются районами региона и должны остаться в списке: Asia/Magadan."]);
        RegionCommands.Update(Region(), new UpdateRegion(null, null, null, null, ["Asia/Magadan"]), [Komi], ["Asia/Magadan", "Asia/Yakutsk"])
            .ShouldHaveSingleItem().ShouldBeOfType<RegionTimeZonesChanged>().TimeZones.ShouldBe(["Asia/Yakutsk", "Asia/Magadan"]);
    }

    [Fact]
    public void A_district_takes_the_regions_default_zone_unless_told_one_of_the_regions_zones()
    {
        DistrictCommands.Register(DistrictId, Region(), Ulus, []).ShouldBe(
            new DistrictRegistered(DistrictId, RegionId, "Управление образования Мирнинского района", "МР «Мирнинский район»", "Asia/Yakutsk"));
        DistrictCommands.Register(DistrictId, Region(), Ulus with { TimeZone = "Asia/Magadan" }, []).TimeZone.ShouldBe("Asia/Magadan");

        var errors = Invalid(() => DistrictCommands.Register(DistrictId, Region(), new RegisterDistrict("", new string('М', 201), "Europe/Moscow"), []));
        errors["name"].ShouldBe(["Укажите полное наименование (орган управления образованием района)."]);
        errors["shortName"].ShouldBe(["Поле «краткое наименование» длиннее 200 символов."]);
        errors["timeZone"].ShouldBe(["Часовой пояс района должен быть одним из поясов региона: Asia/Yakutsk, Asia/Vladivostok, Asia/Magadan."]);
    }

    [Fact]
    public void District_names_are_unique_within_the_region_whatever_the_case()
    {
        var sibling = new DistrictName(Guid.NewGuid(), "Управление образования Мирнинского района", "МР «Мирнинский район»");
        var errors = Invalid(() => DistrictCommands.Register(DistrictId, Region(), Ulus with { ShortName = "мр «мирнинский район»" }, [sibling]));
        errors["name"].ShouldBe(["Район с таким полным наименованием в регионе уже есть."]);
        errors["shortName"].ShouldBe(["Район «мр «мирнинский район»» в регионе уже есть."]);
        // Its own names are not a conflict.
        DistrictCommands.Update(District(), Region(), new UpdateDistrict(null, "МР «Мирнинский район»", null),
            [new DistrictName(DistrictId, sibling.Name, sibling.ShortName)]).ShouldBeEmpty();
    }

    [Fact]
    public void A_district_is_renamed_and_moved_to_another_zone_of_the_region()
    {
        var events = DistrictCommands.Update(District(), Region(), new UpdateDistrict(null, " Мирнинский район ", "Asia/Vladivostok"), []);
        events.ShouldBe([new DistrictRenamed("Управление образования Мирнинского района", "Мирнинский район"), new DistrictTimeZoneChanged("Asia/Vladivostok")],
            ignoreOrder: false, comparer: new JsonComparer());
        Invalid(() => DistrictCommands.Update(District(), Region(), new UpdateDistrict(" ", null, "Asia/Omsk"), []))
            .Keys.Order().ShouldBe(["name", "timeZone"]);
    }

    [Fact]
    public void A_district_is_closed_only_when_its_schools_are_and_a_closed_one_changes_nothing_until_reopened()
    {
        Rule(() => DistrictCommands.Close(District(), new CloseDistrict(null, "Объединение районов"), Today, openSchools: 2))
            .ShouldBe("В районе есть действующие организации (2): сначала закройте их, затем район.");
        Invalid(() => DistrictCommands.Close(District(), new CloseDistrict(null, " "), Today, 0))["reason"].ShouldBe(["Укажите причину закрытия."]);

        var closedEvent = DistrictCommands.Close(District(), new CloseDistrict(null, " Объединение районов "), Today, 0);
        closedEvent.ShouldBe(new DistrictClosed(Today, "Объединение районов"));
        var closed = District().Apply(closedEvent);
        Rule(() => DistrictCommands.Close(closed, new CloseDistrict(null, "ещё раз"), Today, 0)).ShouldBe("Район уже закрыт.");
        Rule(() => DistrictCommands.Update(closed, Region(), new UpdateDistrict(null, "Новое имя", null), []))
            .ShouldBe("Район закрыт: изменения не принимаются. Сначала отмените закрытие.");

        var reopened = closed.Apply(DistrictCommands.Reopen(closed));
        reopened.IsClosed.ShouldBeFalse();
        Rule(() => DistrictCommands.Reopen(reopened)).ShouldBe("Район не закрыт.");
    }

    [Fact]
    public void Every_kind_the_issue_names_is_there_with_its_russian_name()
    {
        var names = SchoolKindNames.All.ToDictionary(k => k.Kind, k => k.Name);
        names[SchoolKind.Kindergarten].ShouldBe("детский сад (ДОО)");
        names[SchoolKind.PrimarySchoolKindergarten].ShouldBe("начальная школа – детский сад (НШДС)");
        names[SchoolKind.School].ShouldBe("школа");
        names[SchoolKind.College].ShouldBe("колледж, техникум");
        names[SchoolKind.SupportCentre].ShouldContain("ЦППМСП");
        names[SchoolKind.EducationCentre].ShouldBe("центр образования");
        SchoolKindNames.All.Count.ShouldBe(Enum.GetValues<SchoolKind>().Length);
        SchoolKindNames.All.Where(k => k.Preschool).Select(k => k.Kind).ShouldBe([SchoolKind.Kindergarten, SchoolKind.PrimarySchoolKindergarten]);
    }

    /// <summary>Events hold lists (time zones): compare them by their JSON.</summary>
    private sealed class JsonComparer : IEqualityComparer<object>
    {
        public new bool Equals(object? x, object? y) =>
            x?.GetType() == y?.GetType() && System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);
        public int GetHashCode(object obj) => 0;
    }
}

/// <summary>The invitations a region issues: its officer by the platform administrator, a district's curator by the region.</summary>
public sealed class RegionInvitationDecisionTests
{
    private static readonly Guid RegionId = Guid.Parse("a0000000-0000-4000-8000-000000000018");
    private static readonly Guid DistrictId = Guid.Parse("d0000000-0000-4000-8000-000000000018");

    [Fact]
    public void Only_the_platform_administrator_invites_a_region_officer()
    {
        Platform.Identity.Invitations.InvitationCommands.MayInvite(Platform.Tenancy.Access.Roles.RegionOfficer, callerIsPlatformAdmin: false).ShouldBeFalse();
        Platform.Identity.Invitations.InvitationCommands.MayInvite(Platform.Tenancy.Access.Roles.RegionOfficer, callerIsPlatformAdmin: true).ShouldBeTrue();
        Platform.Identity.Invitations.InvitationCommands.MayInvite(Platform.Tenancy.Access.Roles.DistrictCurator, callerIsPlatformAdmin: false).ShouldBeTrue();
    }

    [Fact]
    public void A_region_officer_belongs_to_the_region_and_a_district_curator_to_the_district()
    {
        var officer = Platform.Identity.Invitations.InvitationCommands.IssueForRegion(Guid.NewGuid(), RegionId,
            new(Platform.Tenancy.Access.Roles.RegionOfficer, null, " Officer@IRO.ru ", " Ившина О. П. "), null, "hash", Refusals.Now);
        (officer.SchoolId, officer.DistrictId, officer.Email, officer.FullName).ShouldBe((RegionId, (Guid?)null, "officer@iro.ru", "Ившина О. П."));
        officer.ExpiresAt.ShouldBe(Refusals.Now.AddDays(7));

        var curator = Platform.Identity.Invitations.InvitationCommands.IssueForRegion(Guid.NewGuid(), RegionId,
            new(Platform.Tenancy.Access.Roles.DistrictCurator, DistrictId, "c@uo.ru", "Куратор"), (DistrictId, false), "hash", Refusals.Now);
        (curator.SchoolId, curator.DistrictId).ShouldBe((DistrictId, (Guid?)DistrictId));
    }

    [Fact]
    public void A_district_curator_needs_an_open_district_of_the_region()
    {
        var errors = Refusals.Invalid(() => Platform.Identity.Invitations.InvitationCommands.IssueForRegion(Guid.NewGuid(), RegionId,
            new(Platform.Tenancy.Access.Roles.DistrictCurator, null, "c@uo.ru", "Куратор"), null, "hash", Refusals.Now));
        errors["districtId"].ShouldBe(["Укажите район, куратора которого приглашаете."]);
        Refusals.Invalid(() => Platform.Identity.Invitations.InvitationCommands.IssueForRegion(Guid.NewGuid(), RegionId,
            new(Platform.Tenancy.Access.Roles.DistrictCurator, DistrictId, "c@uo.ru", "Куратор"), null, "hash", Refusals.Now))["districtId"]
            .ShouldBe(["Такого района в регионе нет."]);
        Refusals.Rule(() => Platform.Identity.Invitations.InvitationCommands.IssueForRegion(Guid.NewGuid(), RegionId,
            new(Platform.Tenancy.Access.Roles.DistrictCurator, DistrictId, "c@uo.ru", "Куратор"), (DistrictId, true), "hash", Refusals.Now))
            .ShouldBe("Район закрыт: пригласить в него нельзя.");
        Refusals.Invalid(() => Platform.Identity.Invitations.InvitationCommands.IssueForRegion(Guid.NewGuid(), RegionId,
            new(Platform.Tenancy.Access.Roles.SchoolCurator, null, "c@uo.ru", "Куратор"), null, "hash", Refusals.Now))["role"]
            .ShouldBe(["Пригласить можно специалиста региона (RegionOfficer) или муниципального куратора (DistrictCurator)."]);
    }
}
