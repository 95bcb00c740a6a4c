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

    private async Task<string> Curator() => (await api.SignInAsync("district.curator")).AccessToken;

    private static string TokenOf(string link) => link[(link.LastIndexOf('/') + 1)..];

    /// <summary>Sends a request (with the token given, or none), expecting this status.</summary>
    private Task<IScenarioResult> Send(string? token, Action<Scenario> request, int status = 200) => api.Scenario(s =>
    {
        if (token is not null) s.WithBearerToken(token);
        request(s);
        s.StatusCodeShouldBe(status);
    });

    private Task<IScenarioResult> Accept(string token, object body, int status) =>
        Send(null, s => s.Post.Json(body).ToUrl($"/api/auth/invitations/{token}/accept"), status);

    private async Task<IssuedInvitation> Invite(string email, string role = Roles.SchoolCurator) =>
        await Send(await Curator(), s => s.Post.Json(new { schoolId = Gym166, role, email, fullName = "Белова Ксения Игоревна" }).ToUrl($"{Base}/invitations"), 201)
            .Json<IssuedInvitation>();

    [Fact]
    public async Task An_invited_curator_accepts_once_signs_in_and_lands_in_the_invited_school()
    {
        var invitation = await Invite("belova@gym166.spb.ru");
        invitation.Link.ShouldStartWith("http://localhost/account/invite/");
        invitation.Invitation.SchoolName.ShouldBe("ГБОУ гимназия № 166");
        var token = TokenOf(invitation.Link);

        var view = await Send(null, s => s.Get.Url($"/api/auth/invitations/{token}")).Json<InvitationView>();
        view.RoleName.ShouldBe("Куратор организации");
        view.Email.ShouldBe("belova@gym166.spb.ru");

        var weak = await Accept(token, new { password = "123" }, 400);
        (await weak.ReadAsTextAsync()).ShouldContain("не короче 10 символов");
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM identity.users WHERE email = 'belova@gym166.spb.ru'")).ShouldBe(0);

        await Accept(token, new { password = "Gimnaziya-166" }, 201);
        await Accept(token, new { password = "Gimnaziya-166" }, 404); // one-time
        await Send(null, s => s.Get.Url($"/api/auth/invitations/{token}"), 404);

        var tokens = await api.SignInAsync("belova@gym166.spb.ru", "Gimnaziya-166");
        var me = await Send(tokens.AccessToken, s => s.Get.Url("/api/me")).Json();
        me.GetProperty("scope").GetProperty("id").GetGuid().ShouldBe(Gym166);
        me.GetProperty("roles")[0].GetProperty("code").GetString().ShouldBe(Roles.SchoolCurator);

        var list = await Send(await Curator(), s => s.Get.Url($"{Base}/invitations?status=accepted")).Json<List<InvitationCard>>();
        list.ShouldContain(i => i.Id == invitation.Invitation.Id && i.AccountId != null && i.IssuedBy == "district.curator");
    }

    [Fact]
    public async Task Two_clicks_on_one_link_at_once_make_one_account()
    {
        var token = TokenOf((await Invite("race@gym166.spb.ru")).Link);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => api.Scenario(s =>
        {
            s.Post.Json(new { userName = $"race.{i}", password = "Gimnaziya-166" }).ToUrl($"/api/auth/invitations/{token}/accept");
            s.IgnoreStatusCode();
        })));
        results.Count(r => r.Context.Response.StatusCode == 201).ShouldBe(1);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM identity.users WHERE email = 'race@gym166.spb.ru'")).ShouldBe(1);
    }

    [Fact]
    public async Task Bad_invitations_are_refused_with_field_errors_and_a_revoked_link_is_dead()
    {
        var curator = await Curator();
        var bad = await Send(curator, s => s.Post.Json(new { schoolId = Guid.NewGuid(), role = Roles.DistrictCurator, email = "not-an-email", fullName = "" })
            .ToUrl($"{Base}/invitations"), 400).Json();
        bad.GetProperty("errors").GetProperty("schoolId")[0].GetString().ShouldBe("Такой организации в районе нет.");

        var invalid = await Send(curator, s => s.Post.Json(new { schoolId = Gym166, role = Roles.DistrictCurator, email = "x", fullName = "" })
            .ToUrl($"{Base}/invitations"), 400).Json();
        var fields = invalid.GetProperty("errors");
        fields.TryGetProperty("role", out _).ShouldBeTrue();
        fields.TryGetProperty("email", out _).ShouldBeTrue();
        fields.TryGetProperty("fullName", out _).ShouldBeTrue();

        var issued = await Invite("revoked@gym166.spb.ru");
        await Send(curator, s => s.Delete.Url($"{Base}/invitations/{issued.Invitation.Id}"));
        await Send(curator, s => s.Delete.Url($"{Base}/invitations/{issued.Invitation.Id}"), 409);
        await Accept(TokenOf(issued.Link), new { password = "Gimnaziya-166" }, 404);
    }

    [Fact]
    public async Task A_role_change_ends_the_accounts_sessions_and_is_in_the_district_journal()
    {
        var user = await AccountCommands.CreateAsync(api.Services, "roles.change", "Мезенцева Ольга Петровна", Roles.Mentor,
            TenantScope.School(Gym166), DemoAccounts.Password, "test");
        var session = await api.SignInAsync("roles.change");
        var curator = await Curator();

        var card = await Send(curator, s => s.Put.Json(new { roles = new[] { Roles.SchoolCurator, Roles.Mentor } }).ToUrl($"{Base}/accounts/{user.Id}/roles"))
            .Json<AccountCard>();
        card.Roles.Select(r => r.Code).ShouldBe([Roles.SchoolCurator, Roles.Mentor], ignoreOrder: true);
        (await api.TokenRequest(OAuth.RefreshGrant(session.RefreshToken!), 400).Json()).GetProperty("error").GetString().ShouldBe("invalid_grant");

        await Send(curator, s => s.Put.Json(new { roles = new[] { Roles.DistrictCurator } }).ToUrl($"{Base}/accounts/{user.Id}/roles"), 400);

        var journal = await Send(curator, s => s.Get.Url($"{Base}/audit?accountId={user.Id}")).Json<Page<Platform.Identity.Audit.AuditEntry>>();
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
        (await Send(curator, s => s.Post.Json(new { reason = "Уволился" }).ToUrl($"{Base}/accounts/{user.Id}/block")).Json<AccountCard>())
            .Blocked.ShouldBeTrue();
        var refused = await api.TokenRequest(OAuth.PasswordGrant("to.block"), 400).Json();
        refused.GetProperty("error_description").GetString()!.ShouldContain("заблокирована");

        var me = (await Send(curator, s => s.Get.Url("/api/me")).Json()).GetProperty("id").GetGuid();
        await Send(curator, s => s.Post.Json(new { reason = "" }).ToUrl($"{Base}/accounts/{me}/block"), 409);
    }

    [Fact]
    public async Task A_district_sees_only_its_own_accounts_and_journal()
    {
        await TestRegistry.SeedAsync(api.Database);
        var stranger = await AccountCommands.CreateAsync(api.Services, "stranger.curator", "Чужой Куратор", Roles.SchoolCurator,
            TenantScope.School(TestRegistry.SchoolA1), DemoAccounts.Password, "test");
        await api.SignInAsync("stranger.curator");
        var curator = await Curator();

        var accounts = await Send(curator, s => s.Get.Url($"{Base}/accounts?pageSize=200")).Json<Page<AccountCard>>();
        accounts.Items.Select(a => a.UserName).ShouldContain("curator.sosh1");
        accounts.Items.Select(a => a.UserName).ShouldContain("district.curator");
        accounts.Items.Select(a => a.UserName).ShouldNotContain("stranger.curator");
        accounts.Items.Select(a => a.UserName).ShouldNotContain("region.officer");
        // Row-level security: not in this district's transaction.
        await Send(curator, s => s.Put.Json(new { roles = new[] { Roles.Mentor } }).ToUrl($"{Base}/accounts/{stranger.Id}/roles"), 404);
        (await api.Database.OwnerScalarAsync<string[]>("SELECT roles FROM identity.users WHERE id = $1", stranger.Id)).ShouldBe([Roles.SchoolCurator]);

        var journal = await Send(curator, s => s.Get.Url($"{Base}/audit?pageSize=500")).Json<Page<Platform.Identity.Audit.AuditEntry>>();
        journal.Items.ShouldNotContain(e => e.StreamId == stranger.Id);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE stream_id = $1", stranger.Id)).ShouldBeGreaterThan(1);

        var school = await Send((await api.SignInAsync("curator.sosh1")).AccessToken, s => s.Get.Url($"{Base}/audit"), 403);
        (await school.ReadAsTextAsync()).ShouldContain("Недостаточно прав");
    }
}
