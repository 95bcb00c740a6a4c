using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
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
        var token = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator);
        var script = api.CreateClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var registered = await script.PostAsJsonAsync($"/api/schools/{Sosh1}/people",
            new { kind = "student", fullName = "Согласова Дарья Ильинична", position = "7А", birthYear = DateTime.UtcNow.Year - 13 });
        registered.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (string)JsonNode.Parse(await registered.Content.ReadAsStringAsync())!["id"]!;

        var browser = api.Browser(TenantScope.School(Sosh1), Roles.SchoolCurator);
        var page = $"/schools/{Sosh1}/people/{id}";
        (await browser.GetStringAsync($"/schools/{Sosh1}/people?search=Согласова")).ShouldContain(page);

        async Task<(HttpStatusCode, string)> Post(string action, params (string, string)[] fields)
        {
            var html = await browser.GetStringAsync(page);
            using var response = await browser.PostFormAsync(page + action, PageClient.Antiforgery(html), fields);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        var (status, html) = await Post("/consents", ("signedBy", "self"), ("givenOn", today), ("scope", "участие в программе наставничества; ФИО, класс"));
        status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        html.ShouldContain("меньше 18 лет: согласие даёт законный представитель");
        html.ShouldContain("участие в программе наставничества; ФИО, класс"); // typed values stay

        (status, html) = await Post("/consents", ("signedBy", "guardian"), ("guardianName", "Согласова Ирина Петровна"), ("givenOn", today),
            ("scope", "участие в программе наставничества; ФИО, класс"));
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("Согласие внесено.");
        html.ShouldContain("Законный представитель — Согласова Ирина Петровна");
        html.ShouldContain("Внесено согласие на обработку персональных данных"); // the history
        (await api.Database.OwnerScalarAsync<bool>("SELECT has_consent FROM mentoring.people WHERE id = $1::uuid", id)).ShouldBeTrue();

        (status, html) = await Post("/consents/withdraw", ("withdrawnOn", "2000-01-01"));
        status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        html.ShouldContain("Дата отзыва — не раньше даты согласия");

        (status, html) = await Post("/consents/withdraw", ("withdrawnOn", today), ("documentNumber", "12"));
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("Согласие отозвано: сведения под согласием и ответы на анкеты удалены.");
        (await api.Database.OwnerScalarAsync<bool>("SELECT has_consent FROM mentoring.people WHERE id = $1::uuid", id)).ShouldBeFalse();

        // The district reads the page without the forms.
        var district = api.Browser(TenantScope.District(Platform.Tenancy.Demo.DemoDistrict.DistrictId), Roles.DistrictCurator);
        var read = await district.GetStringAsync(page);
        read.ShouldContain("Согласова Дарья Ильинична");
        read.ShouldNotContain("Внести согласие</button>");
    }
}
