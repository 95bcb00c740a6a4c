using Platform.EventStore;
using Platform.Identity.Accounts;
using Platform.Tenancy.Access;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>
/// «Моё наставничество»: a mentor's account recognised by the e-mail in their participant card lands on their own page with the
/// pair, the program's plan and meetings and the surveys awaited; an account that matches no participant is told what to do; a
/// mentor does not read the school's records.
/// </summary>
public sealed class MyMentoringPageTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    [Fact]
    public async Task A_mentor_lands_on_their_own_page_with_their_pair_program_and_surveys()
    {
        var curator = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator);
        var program = (await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Get.Url($"/api/schools/{Sosh1}/programs?status=in_progress");
        }).Json()).GetProperty("items")[0];
        var mentorId = program.GetProperty("mentor").GetProperty("id").GetString();
        await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Put.Json(new { email = "Mentor.Me@school1.example" }).ToUrl($"/api/schools/{Sosh1}/people/{mentorId}/details");
            s.StatusCodeShouldBe(200);
        });
        var account = await AccountCommands.CreateAsync(api.Services, "mentor.me", "Наставник Учётной Записи", Roles.Mentor, TenantScope.School(Sosh1),
            "Nastavnik-2026", "test");
        await api.Database.OwnerExecuteAsync("UPDATE identity.users SET email = 'mentor.me@school1.example', normalized_email = 'MENTOR.ME@SCHOOL1.EXAMPLE' WHERE id = $1",
            account.Id);
        var mentor = api.TokenFor(account.Id, "mentor.me", [Roles.Mentor], TenantScope.School(Sosh1));

        var home = await api.Scenario(s =>
        {
            s.AsBrowser(mentor);
            s.Get.Url("/");
            s.StatusCodeShouldBe(302);
        });
        home.Context.Response.Headers.Location.ToString().ShouldBe($"/schools/{Sosh1}/me");

        var html = await api.PageAsync(mentor, $"/schools/{Sosh1}/me");
        html.ShouldContain("Моё наставничество");
        html.ShouldContain("по адресу электронной почты");
        html.ShouldContain("Мои пары и группы");
        html.ShouldContain(System.Net.WebUtility.HtmlEncode(program.GetProperty("goal").GetString()!));
        html.ShouldContain("Анкеты, которые нужно заполнить");
        html.ShouldContain("Заполнить анкету"); // the participant fills their own survey
        html.ShouldContain($"/schools/{Sosh1}/me/programs/{program.GetProperty("id").GetString()}/survey?stage=");
        html.ShouldNotContain($"href=\"/schools/{Sosh1}/road-maps\""); // the menu shows only their own page

        // The school's records stay closed to a mentor.
        await api.PageAsync(mentor, $"/schools/{Sosh1}/road-maps", 403);

        // An account that matches no participant.
        var stranger = api.TokenFor(TenantScope.School(Sosh1), Roles.Mentee);
        (await api.PageAsync(stranger, $"/schools/{Sosh1}/me")).ShouldContain("пока не связана с участником наставничества");
    }
}
