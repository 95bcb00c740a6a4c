using System.Text.RegularExpressions;
using Alba;
using Platform.Identity.Accounts;
using Platform.Identity.Invitations;
using Platform.Tenancy.Demo;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>
/// The district curator's «Реестр организаций» (register a kindergarten or a school, rename, change the kind, close and
/// reopen, the history) and «Учётные записи» (invite a school's curator, revoke, block and unblock); refusals keep what was
/// typed, with the message next to the field, and store nothing. Each test works in a district of its own.
/// </summary>
public sealed partial class DistrictRegistryPagesTests(ApiHost api) : IClassFixture<ApiHost>
{
    [GeneratedRegex("""data-school="([0-9a-f-]{36})"[^<]*<td><a[^>]*>([^<]+)<""")]
    private static partial Regex SchoolRow();

    [GeneratedRegex("""data-invite-link[^>]*>([^<]+)<""")]
    private static partial Regex InviteLink();

    private async Task<(Guid District, string Curator)> NewDistrictAsync(string name)
    {
        var officer = api.TokenAs($"region:{DemoDistrict.RegionId}");
        var district = await api.Scenario(s =>
        {
            s.WithBearerToken(officer);
            s.Post.Json(new { name = $"Управление образования {name}", shortName = name, timeZone = "Europe/Moscow" })
                .ToUrl($"/api/regions/{DemoDistrict.RegionId}/districts");
            s.StatusCodeShouldBe(201);
        }).Json<DistrictCard>();
        return (district.Id, api.TokenAs($"district:{district.Id}"));
    }

    private Task<long> CountAsync(string sql, params object[] args) => api.Database.OwnerScalarAsync<long>(sql, args);

    [Fact]
    public async Task A_curator_registers_a_kindergarten_renames_it_closes_and_reopens_it_and_reads_its_history()
    {
        var (district, curator) = await NewDistrictAsync("Реестровый");
        var (page, form) = await api.FormAsync(curator, $"/districts/{district}/schools");
        page.ShouldContain("Организаций пока нет");
        page.ShouldContain("детский сад (ДОО)");

        var refused = await api.PostFormAsync(curator, $"/districts/{district}/schools", form, 422,
            ("shortName", "МБДОУ «Детский сад № 5»"), ("fullName", "Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 5»"),
            ("kind", ""), ("timeZone", "Europe/Moscow"), ("openedOn", ""));
        refused.ShouldContain("Укажите вид организации.");
        refused.ShouldContain("id=\"kind-error\"");
        refused.ShouldContain("value=\"МБДОУ «Детский сад № 5»\"");
        var badDate = await api.PostFormAsync(curator, $"/districts/{district}/schools", form, 422,
            ("shortName", "МБДОУ «Детский сад № 5»"), ("fullName", "МБДОУ «Детский сад № 5»"), ("kind", "kindergarten"), ("timeZone", "Europe/Moscow"),
            ("openedOn", "31.02.2020"));
        badDate.ShouldContain("id=\"openedOn-error\"");
        badDate.ShouldContain("value=\"31.02.2020\"");
        (await CountAsync("SELECT count(*) FROM registry.schools WHERE district_id = $1", district)).ShouldBe(0);

        var registered = await api.PostFormAsync(curator, $"/districts/{district}/schools", form, 201,
            ("shortName", "МБДОУ «Детский сад № 5»"), ("fullName", "Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 5»"),
            ("kind", "kindergarten"), ("timeZone", "Europe/Moscow"), ("openedOn", "01.09.1985"));
        registered.ShouldContain("Организация «МБДОУ «Детский сад № 5»» зарегистрирована.");
        var row = SchoolRow().Match(registered);
        var school = Guid.Parse(row.Groups[1].Value);
        var card = await api.Scenario(s => { s.WithBearerToken(curator); s.Get.Url($"/api/districts/{district}/schools/{school}"); }).Json<SchoolCard>();
        card.Kind.ShouldBe(SchoolKind.Kindergarten);
        card.OpenedOn.ShouldBe(new DateOnly(1985, 9, 1));

        var (record, recordForm) = await api.FormAsync(curator, $"/districts/{district}/schools/{school}");
        record.ShouldContain("детский сад (ДОО) · открыта 1 сентября 1985");
        var renamed = await api.PostFormAsync(curator, $"/districts/{district}/schools/{school}", recordForm, 200,
            ("shortName", "МАДОУ «Детский сад № 5 „Радуга“»"), ("fullName", card.FullName), ("kind", "primary_school_kindergarten"), ("timeZone", "Europe/Moscow"));
        renamed.ShouldContain("Изменения сохранены.");
        renamed.ShouldContain("Изменено наименование");
        renamed.ShouldContain("Изменён вид организации");

        var badClose = await api.PostFormAsync(curator, $"/districts/{district}/schools/{school}/closure", recordForm, 422, ("reason", " "), ("closedOn", "вчера"));
        badClose.ShouldContain("id=\"closedOn-error\"");
        badClose.ShouldContain("value=\"вчера\"");
        (await CountAsync("SELECT count(*) FROM registry.schools WHERE id = $1 AND closed_on IS NOT NULL", school)).ShouldBe(0);

        var closed = await api.PostFormAsync(curator, $"/districts/{district}/schools/{school}/closure", recordForm, 200,
            ("reason", "Реорганизация в форме присоединения"), ("closedOn", "01.09.2026"));
        closed.ShouldContain("Организация закрыта с 1 сентября 2026");
        (await api.PageAsync(curator, $"/districts/{district}/schools")).ShouldContain("закрыта с 1 сентября 2026");

        var reopened = await api.PostFormAsync(curator, $"/districts/{district}/schools/{school}/reopening", recordForm, 200);
        reopened.ShouldContain("Закрытие отменено");
        reopened.ShouldContain("Организация закрыта"); // the history keeps the closure
        (await CountAsync("SELECT count(*) FROM registry.schools WHERE id = $1 AND closed_on IS NULL", school)).ShouldBe(1);
    }

    [Fact]
    public async Task A_curator_invites_a_school_curator_revokes_an_invitation_and_blocks_and_unblocks_an_account()
    {
        var (district, curator) = await NewDistrictAsync("Пригласительный");
        var school = await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Post.Json(new { fullName = "МБОУ «Средняя общеобразовательная школа № 2»", shortName = "МБОУ СОШ № 2", kind = "school", timeZone = "Europe/Moscow" })
                .ToUrl($"/api/districts/{district}/schools");
            s.StatusCodeShouldBe(201);
        }).Json<SchoolCard>();
        var (page, form) = await api.FormAsync(curator, $"/districts/{district}/accounts");
        page.ShouldContain("Пригласить куратора или руководителя организации");
        page.ShouldContain("МБОУ СОШ № 2");

        var refused = await api.PostFormAsync(curator, $"/districts/{district}/accounts/invitations", form, 422,
            ("schoolId", ""), ("role", "SchoolCurator"), ("fullName", "Смирнова Ольга Петровна"), ("email", "smirnova@school2.ru"));
        refused.ShouldContain("id=\"invite-schoolId-error\"");
        refused.ShouldContain("value=\"Смирнова Ольга Петровна\"");
        (await CountAsync("SELECT count(*) FROM identity.invitations WHERE email = 'smirnova@school2.ru'")).ShouldBe(0);

        var issued = await api.PostFormAsync(curator, $"/districts/{district}/accounts/invitations", form, 201,
            ("schoolId", school.Id.ToString()), ("role", "SchoolCurator"), ("fullName", "Смирнова Ольга Петровна"), ("email", "smirnova@school2.ru"));
        InviteLink().Match(issued).Groups[1].Value.ShouldContain("/account/invite/");
        var invitation = (await api.Scenario(s => { s.WithBearerToken(curator); s.Get.Url($"/api/districts/{district}/invitations"); })
            .Json<List<InvitationCard>>()).Single();
        invitation.SchoolId.ShouldBe(school.Id);

        var revoked = await api.PostFormAsync(curator, $"/districts/{district}/accounts/invitations/{invitation.Id}/revoke", form, 200);
        revoked.ShouldContain("Приглашение для Смирнова Ольга Петровна отозвано");
        revoked.ShouldContain("отозвано");
        (await CountAsync("SELECT count(*) FROM identity.invitations WHERE id = $1 AND status = 'revoked'", invitation.Id)).ShouldBe(1);

        // An accepted invitation makes an account the page lists; blocking ends it, unblocking lets it in again.
        var second = await api.PostFormAsync(curator, $"/districts/{district}/accounts/invitations", form, 201,
            ("schoolId", school.Id.ToString()), ("role", "SchoolDirector"), ("fullName", "Кузнецов Иван Андреевич"), ("email", "kuznetsov@school2.ru"));
        var token = new Uri(InviteLink().Match(second).Groups[1].Value).Segments[^1];
        var accepted = await api.Scenario(s =>
        {
            s.Post.Json(new { password = "Director-2026-school" }).ToUrl($"/api/auth/invitations/{token}/accept");
            s.StatusCodeShouldBe(201);
        }).Json<AcceptedInvitation>();
        var (accounts, accountsForm) = await api.FormAsync(curator, $"/districts/{district}/accounts");
        accounts.ShouldContain($"data-account=\"{accepted.AccountId}\"");
        accounts.ShouldContain("Руководитель организации");

        var blocked = await api.PostFormAsync(curator, $"/districts/{district}/accounts/{accepted.AccountId}/block", accountsForm, 200);
        blocked.ShouldContain("Учётная запись Кузнецов Иван Андреевич заблокирована");
        (await CountAsync("SELECT count(*) FROM identity.users WHERE id = $1 AND blocked_at IS NOT NULL", accepted.AccountId)).ShouldBe(1);
        var unblocked = await api.PostFormAsync(curator, $"/districts/{district}/accounts/{accepted.AccountId}/unblock", accountsForm, 200);
        unblocked.ShouldContain("Блокировка учётной записи Кузнецов Иван Андреевич снята.");
        (await CountAsync("SELECT count(*) FROM identity.users WHERE id = $1 AND blocked_at IS NULL", accepted.AccountId)).ShouldBe(1);

        // Another district's account is not this district's to block.
        var other = await api.PostFormAsync(curator, $"/districts/{district}/accounts/{DemoDistrict.DistrictId}/block", accountsForm, 404);
        other.ShouldContain("Такой учётной записи нет.");
    }

    [Fact]
    public async Task The_region_officer_revokes_a_district_curators_invitation()
    {
        var officer = api.TokenAs($"region:{DemoDistrict.RegionId}");
        var (_, form) = await api.FormAsync(officer, $"/regions/{DemoDistrict.RegionId}");
        var issued = await api.PostFormAsync(officer, $"/regions/{DemoDistrict.RegionId}/invitations", form, 201,
            ("districtId", DemoDistrict.DistrictId.ToString()), ("fullName", "Орлова Мария Сергеевна"), ("email", "orlova@uo-district.ru"));
        var id = Guid.Parse(Regex.Match(issued, """data-invitation="([0-9a-f-]{36})""").Groups[1].Value);
        issued.ShouldContain($"/invitations/{id}/revoke");

        var revoked = await api.PostFormAsync(officer, $"/regions/{DemoDistrict.RegionId}/invitations/{id}/revoke", form, 200);
        revoked.ShouldContain("Приглашение для Орлова Мария Сергеевна отозвано");
        (await CountAsync("SELECT count(*) FROM identity.invitations WHERE id = $1 AND status = 'revoked'", id)).ShouldBe(1);
        await api.PostFormAsync(officer, $"/regions/{DemoDistrict.RegionId}/invitations/{Guid.NewGuid()}/revoke", form, 404);
    }
}
