using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EventStore;
using Platform.Identity.Accounts;
using Platform.Identity.Demo;
using Platform.Identity.Invitations;
using Platform.Identity.Tokens;
using Platform.Tenancy.Access;
using Platform.Tenancy.Demo;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Identity;

/// <summary>A district curator invites, manages accounts and reads the security journal of the district.</summary>
public sealed class AccountsAndInvitationsTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid District = DemoDistrict.DistrictId;
    private static readonly Guid Gym166 = Guid.Parse("11000000-0000-4000-8000-000000000166");
    private static readonly string Base = $"/api/districts/{District}";

    private async Task<HttpClient> Curator() => api.WithToken((await api.LoginAsync("district.curator")).AccessToken);

    private static string TokenOf(string link) => link[(link.LastIndexOf('/') + 1)..];

    private async Task<IssuedInvitation> Invite(string email, string role = Roles.SchoolCurator)
    {
        var response = await (await Curator()).PostAsJsonAsync($"{Base}/invitations",
            new { schoolId = Gym166, role, email, fullName = "Белова Ксения Игоревна" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return await response.ShouldBeOk<IssuedInvitation>();
    }

    [Fact]
    public async Task An_invited_curator_accepts_once_signs_in_and_lands_in_the_invited_school()
    {
        var invitation = await Invite("belova@gym166.spb.ru");
        invitation.Link.ShouldStartWith("http://localhost/account/invite/");
        invitation.Invitation.SchoolName.ShouldBe("ГБОУ гимназия № 166");
        var token = TokenOf(invitation.Link);

        var anonymous = api.CreateClient();
        var view = await (await anonymous.GetAsync($"/api/auth/invitations/{token}")).ShouldBeOk<InvitationView>();
        view.RoleName.ShouldBe("Куратор организации");
        view.Email.ShouldBe("belova@gym166.spb.ru");

        var weak = await anonymous.PostAsJsonAsync($"/api/auth/invitations/{token}/accept", new { password = "123" });
        weak.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await weak.Content.ReadAsStringAsync()).ShouldContain("не короче 10 символов");
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM identity.users WHERE email = 'belova@gym166.spb.ru'")).ShouldBe(0);

        var accepted = await anonymous.PostAsJsonAsync($"/api/auth/invitations/{token}/accept", new { password = "Gimnaziya-166" });
        accepted.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await anonymous.PostAsJsonAsync($"/api/auth/invitations/{token}/accept", new { password = "Gimnaziya-166" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound); // one-time
        (await anonymous.GetAsync($"/api/auth/invitations/{token}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var tokens = await api.LoginAsync("belova@gym166.spb.ru", "Gimnaziya-166");
        var me = JsonDocument.Parse(await api.WithToken(tokens.AccessToken).GetStringAsync("/api/me")).RootElement;
        me.GetProperty("scope").GetProperty("id").GetGuid().ShouldBe(Gym166);
        me.GetProperty("roles")[0].GetProperty("code").GetString().ShouldBe(Roles.SchoolCurator);

        var list = await (await (await Curator()).GetAsync($"{Base}/invitations?status=accepted")).ShouldBeOk<List<InvitationCard>>();
        list.ShouldContain(i => i.Id == invitation.Invitation.Id && i.AccountId != null && i.IssuedBy == "district.curator");
    }

    [Fact]
    public async Task Two_clicks_on_one_link_at_once_make_one_account()
    {
        var token = TokenOf((await Invite("race@gym166.spb.ru")).Link);
        var client = api.CreateClient();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            client.PostAsJsonAsync($"/api/auth/invitations/{token}/accept", new { userName = $"race.{i}", password = "Gimnaziya-166" })));
        results.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM identity.users WHERE email = 'race@gym166.spb.ru'")).ShouldBe(1);
    }

    [Fact]
    public async Task Bad_invitations_are_refused_with_field_errors_and_a_revoked_link_is_dead()
    {
        var curator = await Curator();
        var bad = await curator.PostAsJsonAsync($"{Base}/invitations", new { schoolId = Guid.NewGuid(), role = Roles.DistrictCurator, email = "not-an-email", fullName = "" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        errors.GetProperty("schoolId")[0].GetString().ShouldBe("Такой организации в районе нет.");

        var invalid = await curator.PostAsJsonAsync($"{Base}/invitations", new { schoolId = Gym166, role = Roles.DistrictCurator, email = "x", fullName = "" });
        var fields = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        fields.TryGetProperty("role", out _).ShouldBeTrue();
        fields.TryGetProperty("email", out _).ShouldBeTrue();
        fields.TryGetProperty("fullName", out _).ShouldBeTrue();

        var issued = await Invite("revoked@gym166.spb.ru");
        (await curator.DeleteAsync($"{Base}/invitations/{issued.Invitation.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await curator.DeleteAsync($"{Base}/invitations/{issued.Invitation.Id}")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await api.CreateClient().PostAsJsonAsync($"/api/auth/invitations/{TokenOf(issued.Link)}/accept", new { password = "Gimnaziya-166" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_role_change_ends_the_accounts_sessions_and_is_in_the_district_journal()
    {
        var user = await AccountCommands.CreateAsync(api.Services, "roles.change", "Мезенцева Ольга Петровна", Roles.Mentor,
            TenantScope.School(Gym166), DemoAccounts.Password, "test");
        var session = await api.LoginAsync("roles.change");
        var curator = await Curator();

        var changed = await curator.PutAsJsonAsync($"{Base}/accounts/{user.Id}/roles", new { roles = new[] { Roles.SchoolCurator, Roles.Mentor } });
        var card = await changed.ShouldBeOk<AccountCard>();
        card.Roles.Select(r => r.Code).ShouldBe([Roles.SchoolCurator, Roles.Mentor], ignoreOrder: true);
        (await api.TokenRequest(OAuth.RefreshGrant(session.RefreshToken!), 400).Json()).GetProperty("error").GetString().ShouldBe("invalid_grant");

        var misfit = await curator.PutAsJsonAsync($"{Base}/accounts/{user.Id}/roles", new { roles = new[] { Roles.DistrictCurator } });
        misfit.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var journal = await (await curator.GetAsync($"{Base}/audit?accountId={user.Id}")).ShouldBeOk<Page<Platform.Identity.Audit.AuditEntry>>();
        journal.Items.Select(e => e.Type).ShouldContain("account_roles_changed");
        journal.Items.Select(e => e.Type).ShouldContain("logged_in");
        journal.Items.Select(e => e.Type).ShouldContain("tokens_revoked");
        var change = journal.Items.First(e => e.Type == "account_roles_changed");
        change.Actor.ShouldBe("district.curator");
        change.Title.ShouldBe("Изменены роли");
        change.SchoolName.ShouldBe("ГБОУ гимназия № 166");
    }

    [Fact]
    public async Task A_blocked_account_cannot_sign_in_and_the_curator_cannot_block_themselves()
    {
        var user = await AccountCommands.CreateAsync(api.Services, "to.block", "Уходящий Пётр Ильич", Roles.SchoolDirector,
            TenantScope.School(Gym166), DemoAccounts.Password, "test");
        var curator = await Curator();
        (await (await curator.PostAsJsonAsync($"{Base}/accounts/{user.Id}/block", new { reason = "Уволился" })).ShouldBeOk<AccountCard>()).Blocked.ShouldBeTrue();
        var refused = await api.TokenRequest(OAuth.PasswordGrant("to.block"), 400).Json();
        refused.GetProperty("error_description").GetString()!.ShouldContain("заблокирована");

        var me = JsonDocument.Parse(await curator.GetStringAsync("/api/me")).RootElement.GetProperty("id").GetGuid();
        (await curator.PostAsJsonAsync($"{Base}/accounts/{me}/block", new { reason = "" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_district_sees_only_its_own_accounts_and_journal()
    {
        await TestRegistry.SeedAsync(api.Database);
        var stranger = await AccountCommands.CreateAsync(api.Services, "stranger.curator", "Чужой Куратор", Roles.SchoolCurator,
            TenantScope.School(TestRegistry.SchoolA1), DemoAccounts.Password, "test");
        await api.LoginAsync("stranger.curator");
        var curator = await Curator();

        var accounts = await (await curator.GetAsync($"{Base}/accounts?pageSize=200")).ShouldBeOk<Page<AccountCard>>();
        accounts.Items.Select(a => a.UserName).ShouldContain("curator.sosh1");
        accounts.Items.Select(a => a.UserName).ShouldContain("district.curator");
        accounts.Items.Select(a => a.UserName).ShouldNotContain("stranger.curator");
        accounts.Items.Select(a => a.UserName).ShouldNotContain("region.officer");
        (await curator.PutAsJsonAsync($"{Base}/accounts/{stranger.Id}/roles", new { roles = new[] { Roles.Mentor } }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound); // row-level security: not in this district's transaction
        (await api.Database.OwnerScalarAsync<string[]>("SELECT roles FROM identity.users WHERE id = $1", stranger.Id)).ShouldBe([Roles.SchoolCurator]);

        var journal = await (await curator.GetAsync($"{Base}/audit?pageSize=500")).ShouldBeOk<Page<Platform.Identity.Audit.AuditEntry>>();
        journal.Items.ShouldNotContain(e => e.StreamId == stranger.Id);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE stream_id = $1", stranger.Id)).ShouldBeGreaterThan(1);

        var school = await (await api.WithToken((await api.LoginAsync("curator.sosh1")).AccessToken).GetAsync($"{Base}/audit")).Content.ReadAsStringAsync();
        school.ShouldContain("Недостаточно прав");
    }
}
