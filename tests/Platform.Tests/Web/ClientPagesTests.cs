using System.Text.RegularExpressions;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>The district's «Внешние системы» page: register a system (its secret shown once), see it listed, remove it.</summary>
public sealed partial class ClientPagesTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid District = DemoDistrict.DistrictId;
    private string? _curator;
    // One token for the whole test: a form's antiforgery token belongs to the account it was issued to.
    private string Curator => _curator ??= api.TokenAs($"district:{District}");

    [GeneratedRegex("""data-client-secret[^>]*>([^<]+)<""")]
    private static partial Regex Secret();

    [GeneratedRegex("""data-client-id>([^<]+)<""")]
    private static partial Regex ClientId();

    [Fact]
    public async Task A_curator_registers_a_system_whose_secret_gets_a_token_then_removes_it()
    {
        var (page, form) = await api.FormAsync(Curator, $"/districts/{District}/clients");
        page.ShouldContain("Внешние системы");
        page.ShouldContain("Зарегистрировать систему");

        var registered = await api.PostFormAsync(Curator, $"/districts/{District}/clients", form, 201, ("displayName", "Сборщик КРИРО"));
        registered.ShouldContain("секрет показывается только сейчас");
        var clientId = ClientId().Match(registered).Groups[1].Value;
        var secret = Secret().Match(registered).Groups[1].Value;
        registered.ShouldContain($"data-client=\"{clientId}\""); // listed
        await api.TokenRequest(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "reporting.read",
        });

        var (listed, again) = await api.FormAsync(Curator, $"/districts/{District}/clients");
        listed.ShouldNotContain(secret); // shown once
        var removed = await api.PostFormAsync(Curator, $"/districts/{District}/clients/{clientId}/remove", again, 200);
        removed.ShouldContain("удалена");
        removed.ShouldNotContain($"data-client=\"{clientId}\"");
        await api.TokenRequest(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }, 401);
    }

    [Fact]
    public async Task An_empty_name_is_refused_next_to_the_field_and_nothing_is_registered()
    {
        var (_, form) = await api.FormAsync(Curator, $"/districts/{District}/clients");
        var before = await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM identity.oidc_applications");
        var refused = await api.PostFormAsync(Curator, $"/districts/{District}/clients", form, 422, ("displayName", "  "));
        refused.ShouldContain("is-invalid");
        refused.ShouldContain("Укажите название системы.");
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM identity.oidc_applications")).ShouldBe(before);
    }

    [Fact]
    public async Task A_region_officer_reading_the_district_does_not_see_the_page()
    {
        var officer = api.TokenAs($"region:{DemoDistrict.RegionId}");
        (await api.PageAsync(officer, $"/districts/{District}")).ShouldNotContain("Внешние системы");
        await api.PageAsync(officer, $"/districts/{District}/clients", 403);
    }
}
