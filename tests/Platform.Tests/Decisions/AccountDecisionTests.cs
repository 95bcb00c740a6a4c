using Platform.EventStore;
using Platform.Identity.Accounts;
using Platform.Tenancy.Access;
using static Platform.Tests.Decisions.Refusals;

namespace Platform.Tests.Decisions;

/// <summary>An account's roles: known ones, at least one, all of the account's level (school, district, region).</summary>
public sealed class AccountDecisionTests
{
    [Fact]
    public void Roles_of_the_accounts_level_are_accepted_once_each()
    {
        AccountCommands.ValidRoles([Roles.Mentor, Roles.SchoolCurator, Roles.Mentor], ScopeKind.School).ShouldBe([Roles.Mentor, Roles.SchoolCurator]);
        AccountCommands.ValidRoles([Roles.DistrictCurator], ScopeKind.District).ShouldBe(["DistrictCurator"]);
        AccountCommands.ValidRoles([Roles.RegionOfficer], ScopeKind.Region).ShouldBe(["RegionOfficer"]);
    }

    [Fact]
    public void An_account_needs_a_role()
    {
        Invalid(() => AccountCommands.ValidRoles(null, ScopeKind.School))["roles"].ShouldBe(["Укажите хотя бы одну роль."]);
        Invalid(() => AccountCommands.ValidRoles([], ScopeKind.School))["roles"].ShouldBe(["Укажите хотя бы одну роль."]);
    }

    [Fact]
    public void An_unknown_role_is_refused_with_the_list_of_roles()
    {
        Invalid(() => AccountCommands.ValidRoles(["Teacher", Roles.Mentor], ScopeKind.School))["roles"]
            .ShouldBe(["Неизвестная роль. Роли: PlatformAdmin, RegionOfficer, DistrictCurator, SchoolDirector, SchoolCurator, Mentor, Mentee."]);
    }

    [Fact]
    public void A_role_of_another_level_is_refused()
    {
        const string message = "Роль не подходит к уровню учётной записи: роли организации — руководитель, куратор, наставник, наставляемый; "
            + "района — муниципальный куратор; региона — специалист института.";
        Invalid(() => AccountCommands.ValidRoles([Roles.SchoolDirector, Roles.DistrictCurator], ScopeKind.School))["roles"].ShouldBe([message]);
        Invalid(() => AccountCommands.ValidRoles([Roles.Mentor], ScopeKind.District))["roles"].ShouldBe([message]);
        Invalid(() => AccountCommands.ValidRoles([Roles.PlatformAdmin], ScopeKind.Region))["roles"].ShouldBe([message]);
    }
}
