using System.Text.RegularExpressions;
using Alba;
using Platform.Tenancy.Demo;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>
/// Regions and districts come on board in the browser: the platform administrator's «Регионы» and a region's settings,
/// the region officer's «Районы» and a district's record; refusals keep what was typed, next to the field.
/// </summary>
public sealed partial class RegionPagesTests(ApiHost api) : IClassFixture<ApiHost>
{
    // One token per account and test: a form's antiforgery token belongs to the account it was issued to.
    private string? _admin;
    private string Admin => _admin ??= api.TokenAs("platform");

    [GeneratedRegex("""data-district="([0-9a-f-]{36})"[^<]*<td><a[^>]*>([^<]+)<""")]
    private static partial Regex DistrictRow();

    [GeneratedRegex("""data-invite-link[^>]*>([^<]+)<""")]
    private static partial Regex InviteLink();

    private Task<RegionCard> CreateRegionAsync(string code, string name) => api.Scenario(s =>
    {
        s.WithBearerToken(Admin);
        s.Post.Json(new { code, name, instituteName = $"Институт развития образования ({name})", timeZone = "Asia/Yekaterinburg", timeZones = new[] { "Asia/Omsk" } })
            .ToUrl("/api/regions");
        s.StatusCodeShouldBe(201);
    }).Json<RegionCard>();

    private Task<long> CountAsync(string sql, params object[] args) => api.Database.OwnerScalarAsync<long>(sql, args);

    [Fact]
    public async Task The_administrator_creates_a_region_changes_it_and_reads_its_history()
    {
        var (list, form) = await api.FormAsync(Admin, "/regions");
        list.ShouldContain("Создать регион");
        list.ShouldContain($"href=\"/regions\""); // the header's «Регионы»

        var created = await api.Scenario(s =>
        {
            s.AsBrowser(Admin);
            s.PostForm(form, ("code", "801"), ("name", "Область Первая"), ("instituteName", "Институт развития образования Первой области"),
                ("timeZone", "Asia/Yekaterinburg"), ("timeZones", "Asia/Omsk")).ToUrl("/regions");
            s.StatusCodeShouldBe(302);
        });
        var location = created.Context.Response.Headers.Location.ToString();
        location.ShouldMatch("^/regions/[0-9a-f-]{36}/settings\\?created=1$");
        var regionId = Guid.Parse(location.Split('/')[2]);
        var card = await api.Scenario(s => { s.WithBearerToken(Admin); s.Get.Url($"/api/regions/{regionId}"); }).Json<RegionCard>();
        card.Name.ShouldBe("Область Первая");
        card.TimeZones.ShouldBe(["Asia/Yekaterinburg", "Asia/Omsk"]);

        var settings = await api.PageAsync(Admin, location);
        settings.ShouldContain("Регион создан");
        settings.ShouldContain("Пригласить специалиста региона");
        settings.ShouldContain("Регион зарегистрирован");
        (await api.PageAsync(Admin, "/regions")).ShouldContain($"data-region=\"{regionId}\"");

        var saved = await api.PostFormAsync(Admin, $"/regions/{regionId}/settings", form, 200,
            ("code", "801"), ("name", "Область Первая Новая"), ("instituteName", "Институт развития образования Первой области"),
            ("timeZone", "Asia/Yekaterinburg"), ("timeZones", "Asia/Omsk"));
        saved.ShouldContain("Изменения сохранены.");
        saved.ShouldContain("Изменено название региона");
        saved.ShouldNotContain("Изменены часовые пояса региона"); // the zones did not change
        (await api.Scenario(s => { s.WithBearerToken(Admin); s.Get.Url($"/api/regions/{regionId}"); }).Json<RegionCard>()).Name.ShouldBe("Область Первая Новая");
    }

    [Fact]
    public async Task A_refused_region_keeps_what_was_typed_with_the_messages_next_to_the_fields_and_nothing_is_stored()
    {
        var existing = await CreateRegionAsync("802", "Область Вторая");
        var (_, form) = await api.FormAsync(Admin, "/regions");
        var before = await CountAsync("SELECT count(*) FROM registry.regions");

        var refused = await api.PostFormAsync(Admin, "/regions", form, 422,
            ("code", "Komi"), ("name", "Область Вторая"), ("instituteName", "Институт Х"), ("timeZone", "Asia/Omsk"));
        refused.ShouldContain("Код региона — две или три цифры");
        refused.ShouldContain("Регион «Область Вторая» уже есть на платформе.");
        refused.ShouldContain("value=\"Komi\"");
        refused.ShouldContain("value=\"Институт Х\"");
        refused.ShouldContain("id=\"code\" name=\"code\"");
        Regex.Matches(refused, "is-invalid").Count.ShouldBeGreaterThanOrEqualTo(2);
        (await CountAsync("SELECT count(*) FROM registry.regions")).ShouldBe(before);

        var blank = await api.PostFormAsync(Admin, $"/regions/{existing.Id}/settings", form, 422,
            ("code", "802"), ("name", " "), ("instituteName", "Институт Y"), ("timeZone", "Asia/Yekaterinburg"));
        blank.ShouldContain("Название региона не может быть пустым.");
        blank.ShouldContain("value=\"Институт Y\"");
        (await CountAsync("SELECT count(*) FROM es.mt_events WHERE stream_id = $1", existing.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task The_administrator_invites_the_regions_first_officer_and_sees_the_one_time_link()
    {
        var region = await CreateRegionAsync("803", "Область Третья");
        var (_, form) = await api.FormAsync(Admin, $"/regions/{region.Id}/settings");

        var refused = await api.PostFormAsync(Admin, $"/regions/{region.Id}/settings/invitations", form, 422,
            ("fullName", "Петрова Анна Ивановна"), ("email", "не-почта"));
        refused.ShouldContain("Укажите адрес электронной почты");
        refused.ShouldContain("value=\"Петрова Анна Ивановна\"");

        var issued = await api.PostFormAsync(Admin, $"/regions/{region.Id}/settings/invitations", form, 201,
            ("fullName", "Петрова Анна Ивановна"), ("email", "petrova@iro803.ru"));
        var link = InviteLink().Match(issued).Groups[1].Value;
        link.ShouldContain("/account/invite/");
        issued.ShouldContain("petrova@iro803.ru");
        issued.ShouldContain("ожидает ответа");
        (await CountAsync("SELECT count(*) FROM identity.invitations WHERE email = 'petrova@iro803.ru' AND role = 'RegionOfficer'")).ShouldBe(1);
        // The link opens the invitation's page.
        (await api.PageAsync(null, new Uri(link).PathAndQuery)).ShouldContain("Петрова Анна Ивановна");
    }

    [Fact]
    public async Task The_region_officer_registers_renames_closes_and_reopens_a_district_and_invites_its_curator()
    {
        var region = await CreateRegionAsync("804", "Область Четвёртая");
        var officer = api.TokenAs($"region:{region.Id}");
        await api.Scenario(s =>
        {
            s.AsBrowser(officer);
            s.Get.Url("/");
            s.RedirectShouldBe($"/regions/{region.Id}");
        });

        var (page, form) = await api.FormAsync(officer, $"/regions/{region.Id}");
        page.ShouldContain("Районов пока нет");
        page.ShouldContain("Зарегистрировать район");
        page.ShouldNotContain("/settings\""); // the region's settings are the administrator's

        var registered = await api.PostFormAsync(officer, $"/regions/{region.Id}/districts", form, 201,
            ("shortName", "Первомайский"), ("name", "Управление образования Первомайского района"), ("timeZone", "Asia/Omsk"));
        registered.ShouldContain("Район «Первомайский» зарегистрирован.");
        var row = DistrictRow().Match(registered);
        row.Groups[2].Value.ShouldBe("Первомайский");
        var districtId = Guid.Parse(row.Groups[1].Value);

        var duplicate = await api.PostFormAsync(officer, $"/regions/{region.Id}/districts", form, 422,
            ("shortName", "первомайский"), ("name", "Другое управление"), ("timeZone", "Europe/Moscow"));
        duplicate.ShouldContain("Район «первомайский» в регионе уже есть.");
        duplicate.ShouldContain("Часовой пояс района должен быть одним из поясов региона");
        duplicate.ShouldContain("value=\"Другое управление\"");
        (await CountAsync("SELECT count(*) FROM registry.districts WHERE region_id = $1", region.Id)).ShouldBe(1);

        var district = $"/regions/{region.Id}/districts/{districtId}";
        (await api.PageAsync(officer, district)).ShouldContain("Район зарегистрирован");
        var renamed = await api.PostFormAsync(officer, district, form, 200,
            ("shortName", "Первомайский МО"), ("name", "Управление образования Первомайского района"), ("timeZone", "Asia/Omsk"));
        renamed.ShouldContain("Изменено название района");

        var noReason = await api.PostFormAsync(officer, $"{district}/closure", form, 422, ("reason", " "), ("closedOn", ""));
        noReason.ShouldContain("is-invalid");
        (await CountAsync("SELECT count(*) FROM registry.districts WHERE id = $1 AND closed_on IS NOT NULL", districtId)).ShouldBe(0);
        var closed = await api.PostFormAsync(officer, $"{district}/closure", form, 200, ("reason", "Объединение районов"), ("closedOn", "2026-08-31"));
        closed.ShouldContain("Район закрыт с 31 августа 2026");
        closed.ShouldContain("Открыть район снова");
        (await api.PostFormAsync(officer, district, form, 409, ("shortName", "Другой"), ("name", "Другое"), ("timeZone", "Asia/Omsk")))
            .ShouldContain("Район закрыт: изменения не принимаются.");
        (await api.PageAsync(officer, $"/regions/{region.Id}")).ShouldContain("закрыт с 31 августа 2026");
        var reopened = await api.PostFormAsync(officer, $"{district}/reopening", form, 200);
        reopened.ShouldContain("Район снова открыт");
        (await api.PostFormAsync(officer, $"{district}/reopening", form, 409)).ShouldContain("Район не закрыт.");

        var noDistrict = await api.PostFormAsync(officer, $"/regions/{region.Id}/invitations", form, 422,
            ("districtId", ""), ("fullName", "Сидоров Пётр"), ("email", "sidorov@uo804.ru"));
        noDistrict.ShouldContain("Укажите район, куратора которого приглашаете.");
        noDistrict.ShouldContain("value=\"sidorov@uo804.ru\"");
        var invited = await api.PostFormAsync(officer, $"/regions/{region.Id}/invitations", form, 201,
            ("districtId", districtId.ToString()), ("fullName", "Сидоров Пётр"), ("email", "sidorov@uo804.ru"));
        InviteLink().Match(invited).Groups[1].Value.ShouldContain("/account/invite/");
        (await CountAsync("SELECT count(*) FROM identity.invitations WHERE tenant_id = $1 AND role = 'DistrictCurator'", districtId)).ShouldBe(1);
    }

    [Fact]
    public async Task Each_account_reaches_only_its_own_region_pages()
    {
        var region = await CreateRegionAsync("805", "Область Пятая");
        var officer = api.TokenAs($"region:{region.Id}");
        await api.PageAsync(officer, "/regions", 403);
        await api.PageAsync(officer, $"/regions/{region.Id}/settings", 403);
        (await api.PageAsync(officer, $"/regions/{DemoDistrict.RegionId}", 403)).ShouldContain("Нет доступа");
        await api.PageAsync(api.TokenAs($"district:{DemoDistrict.DistrictId}"), $"/regions/{DemoDistrict.RegionId}", 403);
        (await api.PageAsync(officer, $"/regions/{region.Id}/districts/{DemoDistrict.DistrictId}", 404)).ShouldContain("Район не найден.");
        (await api.PageAsync(Admin, $"/regions/{region.Id}")).ShouldContain("Зарегистрировать район");
        await api.Scenario(s =>
        {
            s.AsBrowser(Admin);
            s.Get.Url("/");
            s.RedirectShouldBe("/regions");
        });
    }
}
