using Platform.EventStore;
using Platform.Tenancy.Access;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>A participant's page over HTTP as the browser posts it: a minor's consent refused without the guardian, given by the guardian, then withdrawn.</summary>
public sealed partial class PersonPageTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    [Fact]
    public async Task A_minors_consent_is_given_by_the_guardian_and_withdrawn_from_the_persons_page()
    {
        var script = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator);
        var registered = await api.Scenario(s =>
        {
            s.WithBearerToken(script);
            s.Post.Json(new { kind = "student", fullName = "Согласова Дарья Ильинична", position = "7А", birthYear = DateTime.UtcNow.Year - 13 })
                .ToUrl($"/api/schools/{Sosh1}/people");
            s.StatusCodeShouldBe(201);
        }).Json();
        var id = registered.GetProperty("id").GetString()!;

        var browser = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator);
        var page = $"/schools/{Sosh1}/people/{id}";
        (await api.PageAsync(browser, $"/schools/{Sosh1}/people?search=Согласова")).ShouldContain(page);

        // The page fetched again before each post, as the browser shows it: the post answers with this status.
        async Task<string> Post(string action, int status, params (string, string)[] fields)
        {
            var (_, form) = await api.FormAsync(browser, page);
            return await api.PostFormAsync(browser, page + action, form, status, fields);
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        var html = await Post("/consents", 422, ("signedBy", "self"), ("givenOn", today), ("scope", "участие в программе наставничества; ФИО, класс"));
        html.ShouldContain("меньше 18 лет: согласие даёт законный представитель");
        html.ShouldContain("участие в программе наставничества; ФИО, класс"); // typed values stay

        html = await Post("/consents", 200, ("signedBy", "guardian"), ("guardianName", "Согласова Ирина Петровна"), ("givenOn", today),
            ("scope", "участие в программе наставничества; ФИО, класс"));
        html.ShouldContain("Согласие внесено.");
        html.ShouldContain("Законный представитель — Согласова Ирина Петровна");
        html.ShouldContain("Внесено согласие на обработку персональных данных"); // the history
        (await api.Database.OwnerScalarAsync<bool>("SELECT has_consent FROM mentoring.people WHERE id = $1::uuid", id)).ShouldBeTrue();

        html = await Post("/consents/withdraw", 422, ("withdrawnOn", "2000-01-01"));
        html.ShouldContain("Дата отзыва — не раньше даты согласия");

        html = await Post("/consents/withdraw", 200, ("withdrawnOn", today), ("documentNumber", "12"));
        html.ShouldContain("Согласие отозвано: сведения под согласием и ответы на анкеты удалены.");
        (await api.Database.OwnerScalarAsync<bool>("SELECT has_consent FROM mentoring.people WHERE id = $1::uuid", id)).ShouldBeFalse();

        // The district reads the page without the forms.
        var district = api.TokenFor(TenantScope.District(Platform.Tenancy.Demo.DemoDistrict.DistrictId), Roles.DistrictCurator);
        var read = await api.PageAsync(district, page);
        read.ShouldContain("Согласова Дарья Ильинична");
        read.ShouldNotContain("Внести согласие</button>");
    }
}
