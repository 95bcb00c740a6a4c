using System.Text.RegularExpressions;
using Alba;
using Platform.Identity.Invitations;
using Platform.Tests.Infrastructure;
using Platform.Tests.Mentoring;

namespace Platform.Tests.Web;

/// <summary>
/// A school's curator invites a mentor or a mentee to «Моё наставничество»: the link goes to the e-mail in the participant's
/// card, the account made from it has the participant's role in the school and is recognised by that e-mail.
/// </summary>
public sealed class ParticipantInvitationTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid School = MentoringScenario.Oosh;
    private MentoringScenario S => new(api, School);

    private async Task<Guid> TeacherWithEmailAsync(string fullName, string? email)
    {
        var id = await S.Teacher(fullName);
        await S.Put($"{S.People}/{id}/details", new { subjects = new[] { "история" }, categories = Array.Empty<string>(), email });
        return id;
    }

    [Fact]
    public async Task The_curator_invites_a_mentor_by_the_email_of_the_card_and_the_account_lands_on_the_own_page()
    {
        var curator = S.CuratorToken;
        var mentor = await TeacherWithEmailAsync("Приглашаева Анна Сергеевна", "priglashaeva@oosh.example");
        var (page, form) = await api.FormAsync(curator, $"/schools/{School}/people/{mentor}");
        page.ShouldContain("Доступ к странице «Моё наставничество»");
        page.ShouldContain("на адрес priglashaeva@oosh.example");

        var invited = await api.PostFormAsync(curator, $"/schools/{School}/people/{mentor}/invitation", form, 200, ("role", "Mentor"));
        var link = Regex.Match(invited, "data-invite-link[^>]*>([^<]+)<").Groups[1].Value;
        link.ShouldContain("/account/invite/");
        var token = new Uri(link).Segments[^1];
        var accepted = await api.Scenario(s =>
        {
            s.Post.Json(new { userName = "priglashaeva", password = "Mentor-Oosh-2026" }).ToUrl($"/api/auth/invitations/{token}/accept");
            s.StatusCodeShouldBe(201);
        }).Json<AcceptedInvitation>();
        (await api.Database.OwnerScalarAsync<long>(
            "SELECT count(*) FROM identity.users WHERE id = $1 AND tenant_id = $2 AND email = 'priglashaeva@oosh.example' AND 'Mentor' = ANY (roles)",
            accepted.AccountId, School)).ShouldBe(1);

        // Signed in, the new account is the participant of the card.
        var signedIn = (await api.SignInAsync("priglashaeva", "Mentor-Oosh-2026")).AccessToken;
        var own = await api.PageAsync(signedIn, $"/schools/{School}/me");
        own.ShouldContain("Приглашаева Анна Сергеевна");
        own.ShouldContain("по адресу электронной почты");
    }

    [Fact]
    public async Task A_participant_without_an_email_or_with_a_bad_role_is_refused_and_nothing_is_stored()
    {
        var curator = S.CuratorToken;
        var noEmail = await TeacherWithEmailAsync("Безадресова Нина Ивановна", null);
        var (page, form) = await api.FormAsync(curator, $"/schools/{School}/people/{noEmail}");
        page.ShouldContain("внесите его адрес электронной почты");
        var before = await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM identity.invitations");
        var refused = await api.PostFormAsync(curator, $"/schools/{School}/people/{noEmail}/invitation", form, 422, ("role", "Mentor"));
        refused.ShouldContain("Укажите адрес электронной почты участника");

        var problem = await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Post.Json(new { role = "SchoolCurator", email = "someone@oosh.example", fullName = "Кто-то" }).ToUrl($"/api/schools/{School}/invitations");
            s.StatusCodeShouldBe(400);
        }).Json();
        problem.GetProperty("errors").GetProperty("role")[0].GetString().ShouldContain("наставником");
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM identity.invitations")).ShouldBe(before);
    }
}
