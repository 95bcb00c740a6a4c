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
        html.ShouldContain("Согласие отозвано: персональные данные участника уничтожены.");
        html.ShouldContain("данные удалены");
        html.ShouldNotContain("Согласова Ирина Петровна");
        (await api.Database.OwnerScalarAsync<bool>("SELECT has_consent FROM mentoring.people WHERE id = $1::uuid", id)).ShouldBeFalse();

        // The district reads the page without the forms.
        var district = api.TokenFor(TenantScope.District(Platform.Tenancy.Demo.DemoDistrict.DistrictId), Roles.DistrictCurator);
        var read = await api.PageAsync(district, page);
        read.ShouldContain("Персональные данные удалены");
        read.ShouldNotContain("Согласова Дарья Ильинична");
        read.ShouldNotContain("Внести согласие</button>");
    }
}

/// <summary>«Добавить участника» and the corrections on a person's page, as the browser posts them.</summary>
public sealed partial class PersonPageTests
{
    [Fact]
    public async Task A_minor_is_added_with_the_guardians_consent_and_the_details_are_changed_from_the_page()
    {
        var browser = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator);
        var people = $"/schools/{Sosh1}/people";
        var (html, form) = await api.FormAsync(browser, people);
        html.ShouldContain("Добавить участника");
        html.ShouldContain("Банк наставников"); // the section's sub-navigation
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var minor = (today.Year - 12).ToString();

        // A minor's consent signed by the pupil: refused next to the guardian's name, everything typed kept.
        html = await api.PostFormAsync(browser, people, form, 422, ("kind", "student"), ("fullName", "Опекаемая Вера Андреевна"), ("position", "6 б"),
            ("birthYear", minor), ("withConsent", "1"), ("consent.signedBy", "self"), ("consent.givenOn", today.ToString("yyyy-MM-dd")),
            ("consent.scope", "участие в программе наставничества; ФИО, класс"), ("details.email", "vera@school"));
        html.ShouldContain("id=\"consent-guardianName-error\"");
        html.ShouldContain("меньше 18 лет: согласие даёт законный представитель");
        html.ShouldContain("id=\"details-email-error\""); // a detail's message under its own field
        html.ShouldContain("value=\"Опекаемая Вера Андреевна\"");
        html.ShouldContain("vera@school");
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.people WHERE full_name = 'Опекаемая Вера Андреевна'")).ShouldBe(0);

        // A year that is not a number is said next to it.
        html = await api.PostFormAsync(browser, people, form, 422, ("kind", "student"), ("fullName", "Опекаемая Вера Андреевна"), ("position", "6Б"),
            ("birthYear", "двенадцать"));
        html.ShouldContain("id=\"birthYear-error\"");

        var location = await api.PostRedirectAsync(browser, people, form, ("kind", "student"), ("fullName", "Опекаемая Вера Андреевна"), ("position", "6 б"),
            ("birthYear", minor), ("withConsent", "1"), ("consent.signedBy", "guardian"), ("consent.guardianName", "Опекаемая Ирина Петровна"),
            ("consent.givenOn", today.ToString("dd.MM.yyyy")), ("consent.scope", "участие в программе наставничества; ФИО, класс"),
            ("details.categories", "gifted"), ("details.categories", "disengaged"), ("details.phone", "8 912 345-67-89"));
        location.ShouldMatch($"^/schools/{Sosh1}/people/[0-9a-f-]{{36}}\\?added=1$");
        var page = location.Split('?')[0];
        html = await api.PageAsync(browser, location);
        html.ShouldContain("Участник добавлен.");
        html.ShouldContain("6Б");
        html.ShouldContain("Законный представитель — Опекаемая Ирина Петровна");
        html.ShouldContain("Не участвует в жизни школы, отстранён от коллектива, Проявляет выдающиеся способности");
        html.ShouldContain("79123456789");

        // The details: a wrong address refused next to it (typed kept), then saved; a class corrected.
        (_, form) = await api.FormAsync(browser, page);
        html = await api.PostFormAsync(browser, page + "/details", form, 422, ("email", "vera@"), ("categories", "gifted"));
        html.ShouldContain("id=\"details-email-error\"");
        html.ShouldContain("Проверьте адрес электронной почты");
        html.ShouldContain("value=\"vera@\"");
        html = await api.PostFormAsync(browser, page + "/details", form, 200, ("email", "Vera@School1.ru"), ("categories", "gifted"), ("subjects", "математика\nфизика"));
        html.ShouldContain("Сведения под согласием сохранены.");
        html.ShouldContain("vera@school1.ru");
        html.ShouldContain("математика, физика");
        html.ShouldNotContain("79123456789"); // the form replaces every detail: the phone left empty is cleared

        html = await api.PostFormAsync(browser, page + "/change", form, 422, ("fullName", "Опекаемая Вера Андреевна"), ("position", "15Б"));
        html.ShouldContain("id=\"change-position-error\"");
        html.ShouldContain("value=\"15Б\"");
        html = await api.PostFormAsync(browser, page + "/change", form, 200, ("fullName", "Опекаемая Вера Андреевна"), ("position", "7Б"));
        html.ShouldContain("Данные участника исправлены.");
        html.ShouldContain("Исправлены ФИО, должность или класс");
    }

    [Fact]
    public async Task A_minors_consent_form_says_that_the_guardian_signs()
    {
        var browser = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator);
        var id = (await api.Scenario(s =>
        {
            s.WithBearerToken(browser);
            s.Post.Json(new { kind = "student", fullName = "Несогласова Ася Ильинична", position = "3А", birthYear = DateTime.UtcNow.Year - 9 })
                .ToUrl($"/api/schools/{Sosh1}/people");
            s.StatusCodeShouldBe(201);
        }).Json()).GetProperty("id").GetString()!;
        var html = await api.PageAsync(browser, $"/schools/{Sosh1}/people/{id}");
        html.ShouldContain("id=\"guardian-note\"");
        html.ShouldContain("ФИО законного представителя (обязательно)");
        html.ShouldContain("<option value=\"guardian\" selected");
    }
}
