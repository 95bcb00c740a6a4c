using System.Net;
using System.Text.Json;
using Platform.Identity.Invitations;
using Platform.Tenancy.Access;
using Platform.Tenancy.Demo;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Tenancy;

/// <summary>
/// A new region comes on board through the API: the platform administrator creates it and changes it, its officer
/// registers its districts, renames, closes and reopens them, the districts' curators register their schools; each
/// with its history, and each refused outside the caller's scope.
/// </summary>
public sealed class RegionOnboardingApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private string Admin => api.TokenAs("platform");
    private string Officer(Guid region) => api.TokenAs($"region:{region}");

    private Task<T> Get<T>(string url, string token) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Get.Url(url);
    }).Json<T>();

    private Task<RegionCard> CreateRegion(string code, string name, string timeZone = "Asia/Yakutsk", string[]? timeZones = null) => api.Scenario(s =>
    {
        s.WithBearerToken(Admin);
        s.Post.Json(new { code, name, instituteName = $"Институт развития образования ({name})", timeZone, timeZones })
            .ToUrl("/api/regions");
        s.StatusCodeShouldBe(HttpStatusCode.Created);
    }).Json<RegionCard>();

    private Task<DistrictCard> CreateDistrict(Guid region, string shortName, string? timeZone = null, string? token = null) => api.Scenario(s =>
    {
        s.WithBearerToken(token ?? Officer(region));
        s.Post.Json(new { name = $"Управление образования ({shortName})", shortName, timeZone }).ToUrl($"/api/regions/{region}/districts");
        s.StatusCodeShouldBe(HttpStatusCode.Created);
    }).Json<DistrictCard>();

    private async Task<long> EventCount() => await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events");

    /// <summary>The events written since <paramref name="count"/> were there (their types and tenants: what a failure names).</summary>
    /// <param name="tenants">Only these tenants' (none: all): the host's own work for earlier tests (deliveries, jobs) may still be writing elsewhere.</param>
    private async Task<string?> EventsSince(long count, params Guid[] tenants) => await api.Database.OwnerScalarAsync<string>(
        "SELECT string_agg(type || ' in ' || tenant_id || ' by ' || coalesce(user_name, '?'), ', ') FROM (SELECT * FROM es.mt_events ORDER BY seq_id OFFSET $1) e" +
        " WHERE cardinality($2::text[]) = 0 OR tenant_id = ANY ($2)", count, tenants.Select(t => t.ToString()).ToArray());

    [Fact]
    public async Task The_administrator_creates_a_region_renames_it_and_reads_its_history()
    {
        var created = await CreateRegion("14", "Республика Саха (Якутия)", "Asia/Yakutsk", ["Asia/Vladivostok", "Asia/Magadan"]);
        created.TimeZones.ShouldBe(["Asia/Yakutsk", "Asia/Vladivostok", "Asia/Magadan"]);
        created.Version.ShouldBe(1);
        (await api.Database.OwnerScalarAsync<Guid>("SELECT tenant_id::uuid FROM es.mt_events WHERE stream_id = $1", created.Id)).ShouldBe(created.Id);

        var url = $"/api/regions/{created.Id}";
        var beforeRename = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        var renamed = await api.Scenario(s =>
        {
            s.WithBearerToken(Admin);
            s.WithRequestHeader("If-Match", "\"1\"");
            s.Patch.Json(new { name = "Якутия", instituteName = "ГАУ ДПО «ИРОиПК»" }).ToUrl(url);
            s.Header("ETag").SingleValueShouldEqual("\"3\"");
        }).Json<RegionCard>();
        (renamed.Name, renamed.InstituteName, renamed.Version).ShouldBe(("Якутия", "ГАУ ДПО «ИРОиПК»", 3L));
        await api.Scenario(s =>
        {
            s.WithBearerToken(Admin);
            s.WithRequestHeader("If-Match", "\"1\"");
            s.Patch.Json(new { name = "Устаревшее" }).ToUrl(url);
            s.ProblemShouldBe(409, contains: "изменена другим пользователем");
        });

        (await Get<RegionCard>(url, Officer(created.Id))).Name.ShouldBe("Якутия");
        (await Get<RegionCard>($"{url}?asOf={Uri.EscapeDataString(beforeRename.ToString("O"))}", Admin)).Name.ShouldBe("Республика Саха (Якутия)");
        var history = await Get<JsonElement>($"{url}/history", Admin);
        history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldBe(["region_registered", "region_renamed", "region_institute_renamed"]);
        history[0].GetProperty("userName").GetString().ShouldBe("test.platformadmin");
        history[0].GetProperty("title").GetString().ShouldBe("Регион зарегистрирован");

        // The catalog knows it at once: the region's officer sees it in the list, and the administrator all regions.
        (await Get<JsonElement>("/api/regions", Officer(created.Id))).EnumerateArray().Single().GetProperty("name").GetString().ShouldBe("Якутия");
        (await Get<JsonElement>("/api/regions", Admin)).EnumerateArray().Select(r => r.GetProperty("code").GetString()).ShouldContain("11");
    }

    [Fact]
    public async Task A_region_with_bad_fields_or_a_taken_code_is_refused_in_Russian_and_nothing_is_written()
    {
        var before = await EventCount();
        await api.Scenario(s =>
        {
            s.WithBearerToken(Admin);
            s.Post.Json(new { code = "Komi", name = " ", instituteName = "Институт", timeZone = "Europe/Paris" }).ToUrl("/api/regions");
            s.ProblemShouldBe(400, "code", "Код региона — две или три цифры");
            s.ProblemShouldBe(400, "name", "Укажите название региона.");
            s.ProblemShouldBe(400, "timeZone", "часовой пояс региона");
        });
        await api.Scenario(s =>
        {
            s.WithBearerToken(Admin);
            s.Post.Json(new { code = "11", name = "Республика Коми-2", instituteName = "Институт", timeZone = "Europe/Moscow" }).ToUrl("/api/regions");
            s.ProblemShouldBe(400, "code", "Код 11 уже занят: регион «Республика Коми».");
        });
        await api.Scenario(s =>
        {
            s.WithBearerToken(Admin);
            s.Patch.Json(new { timeZone = "America/New_York" }).ToUrl($"/api/regions/{DemoDistrict.RegionId}");
            s.ProblemShouldBe(400, "timeZone", "часовой пояс региона");
        });
        (await EventsSince(before)).ShouldBeNull();
    }

    [Fact]
    public async Task The_region_officer_registers_renames_closes_and_reopens_a_district_with_its_history()
    {
        var region = await CreateRegion("75", "Забайкальский край", "Asia/Chita");
        var district = await CreateDistrict(region.Id, "МР «Читинский район»");
        district.TimeZone.ShouldBe("Asia/Chita"); // the region's default
        (await api.Database.OwnerScalarAsync<Guid>("SELECT tenant_id::uuid FROM es.mt_events WHERE stream_id = $1", district.Id)).ShouldBe(region.Id);

        var url = $"/api/regions/{region.Id}/districts/{district.Id}";
        var renamed = await api.Scenario(s =>
        {
            s.WithBearerToken(Officer(region.Id));
            s.WithRequestHeader("If-Match", "\"1\"");
            s.Patch.Json(new { shortName = "Читинский район" }).ToUrl(url);
        }).Json<DistrictCard>();
        (renamed.ShortName, renamed.Version).ShouldBe(("Читинский район", 2L));

        var closed = await api.Scenario(s =>
        {
            s.WithBearerToken(Officer(region.Id));
            s.Post.Json(new { closedOn = "2026-08-31", reason = "Объединение районов" }).ToUrl($"{url}/closure");
        }).Json<DistrictCard>();
        closed.ClosedOn.ShouldBe(new DateOnly(2026, 8, 31));
        await api.Scenario(s =>
        {
            s.WithBearerToken(Officer(region.Id));
            s.Patch.Json(new { shortName = "Закрытый" }).ToUrl(url);
            s.ProblemShouldBe(409, contains: "Район закрыт");
        });
        (await Get<IReadOnlyList<DistrictCard>>($"/api/regions/{region.Id}/districts", Officer(region.Id))).ShouldBeEmpty();
        (await Get<IReadOnlyList<DistrictCard>>($"/api/regions/{region.Id}/districts?status=closed", Officer(region.Id))).Single().Id.ShouldBe(district.Id);
        // The district's own card (its curator's route) says it is closed, and nothing can be registered in it.
        (await Get<DistrictCard>($"/api/districts/{district.Id}", api.TokenAs($"district:{district.Id}"))).ClosedOn.ShouldBe(new DateOnly(2026, 8, 31));
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"district:{district.Id}"));
            s.Post.Json(new { fullName = "Детский сад № 1", shortName = "Д/с № 1", kind = "kindergarten", timeZone = "Asia/Chita" })
                .ToUrl($"/api/districts/{district.Id}/schools");
            s.ProblemShouldBe(409, contains: "Район закрыт");
        });

        var reopened = await api.Scenario(s =>
        {
            s.WithBearerToken(Officer(region.Id));
            s.Delete.Url($"{url}/closure");
        }).Json<DistrictCard>();
        reopened.ClosedOn.ShouldBeNull();
        await api.Scenario(s =>
        {
            s.WithBearerToken(Officer(region.Id));
            s.Delete.Url($"{url}/closure");
            s.ProblemShouldBe(409, contains: "Район не закрыт.");
        });

        var history = await Get<JsonElement>($"{url}/history", Officer(region.Id));
        history.EnumerateArray().Select(e => e.GetProperty("type").GetString())
            .ShouldBe(["district_registered", "district_renamed", "district_closed", "district_reopened"]);
        history[0].GetProperty("userName").GetString().ShouldBe("test.regionofficer");
        (await Get<IReadOnlyList<DistrictCard>>($"/api/regions/{region.Id}/districts", Admin)).Single().ShortName.ShouldBe("Читинский район");
    }

    [Fact]
    public async Task The_new_districts_curator_registers_a_kindergarten_and_a_school_and_the_district_closes_only_after_them()
    {
        var region = await CreateRegion("38", "Иркутская область", "Asia/Irkutsk");
        var district = await CreateDistrict(region.Id, "Иркутский район");
        var curator = api.TokenAs($"district:{district.Id}");
        var schools = new List<SchoolCard>();
        foreach (var (name, kind) in new[] { ("МДОУ ИРМО «Детский сад № 7»", "kindergarten"), ("МОУ ИРМО «Хомутовская СОШ № 1»", "school") })
            schools.Add(await api.Scenario(s =>
            {
                s.WithBearerToken(curator);
                s.Post.Json(new { fullName = name, shortName = name, kind, timeZone = "Asia/Irkutsk" }).ToUrl($"/api/districts/{district.Id}/schools");
                s.StatusCodeShouldBe(201);
            }).Json<SchoolCard>());
        schools[0].KindName.ShouldBe("детский сад (ДОО)");
        (await Get<Page<SchoolCard>>($"/api/districts/{district.Id}/schools", curator)).Total.ShouldBe(2);
        // The school's own staff reach it: tenant resolution knows the new district and region.
        (await Get<SchoolCard>($"/api/schools/{schools[0].Id}", api.TokenAs($"school:{schools[0].Id}"))).DistrictId.ShouldBe(district.Id);
        (await Get<SchoolCard>($"/api/schools/{schools[1].Id}", Officer(region.Id))).ShortName.ShouldBe("МОУ ИРМО «Хомутовская СОШ № 1»");
        (await Get<IReadOnlyList<DistrictCard>>($"/api/regions/{region.Id}/districts", Officer(region.Id))).Single().OpenSchools.ShouldBe(2);

        var closure = $"/api/regions/{region.Id}/districts/{district.Id}/closure";
        await api.Scenario(s =>
        {
            s.WithBearerToken(Officer(region.Id));
            s.Post.Json(new { reason = "Реорганизация" }).ToUrl(closure);
            s.ProblemShouldBe(409, contains: "В районе есть действующие организации (2)");
        });
        foreach (var school in schools)
            await api.Scenario(s =>
            {
                s.WithBearerToken(curator);
                s.Post.Json(new { reason = "Реорганизация" }).ToUrl($"/api/districts/{district.Id}/schools/{school.Id}/closure");
            });
        await api.Scenario(s =>
        {
            s.WithBearerToken(Officer(region.Id));
            s.Post.Json(new { reason = "Реорганизация" }).ToUrl(closure);
        });
    }

    [Fact]
    public async Task A_districts_zone_is_one_of_the_regions_and_a_zone_in_use_stays_in_the_region()
    {
        var region = await CreateRegion("27", "Хабаровский край", "Asia/Vladivostok", ["Asia/Magadan"]);
        var before = await EventCount();
        await api.Scenario(s =>
        {
            s.WithBearerToken(Officer(region.Id));
            s.Post.Json(new { name = " ", shortName = "Охотский район", timeZone = "Europe/Moscow" }).ToUrl($"/api/regions/{region.Id}/districts");
            s.ProblemShouldBe(400, "name", "Укажите полное наименование");
            s.ProblemShouldBe(400, "timeZone", "Часовой пояс района должен быть одним из поясов региона: Asia/Vladivostok, Asia/Magadan.");
        });
        (await EventsSince(before)).ShouldBeNull();

        await CreateDistrict(region.Id, "Охотский район", "Asia/Magadan");
        await api.Scenario(s =>
        {
            s.WithBearerToken(Officer(region.Id));
            s.Post.Json(new { name = "Другое управление", shortName = "охотский район" }).ToUrl($"/api/regions/{region.Id}/districts");
            s.ProblemShouldBe(400, "shortName", "в регионе уже есть");
        });
        await api.Scenario(s =>
        {
            s.WithBearerToken(Admin);
            s.Patch.Json(new { timeZones = Array.Empty<string>() }).ToUrl($"/api/regions/{region.Id}");
            s.ProblemShouldBe(400, "timeZones", "Часовые пояса используются районами региона и должны остаться в списке: Asia/Magadan.");
        });
    }

    [Fact]
    public async Task Callers_outside_the_region_or_without_the_role_are_refused()
    {
        var region = await CreateRegion("59", "Пермский край", "Asia/Yekaterinburg");
        var other = await CreateRegion("66", "Свердловская область", "Asia/Yekaterinburg");
        var district = await CreateDistrict(region.Id, "Кунгурский округ");
        var districtsUrl = $"/api/regions/{region.Id}/districts";
        var body = new { name = "Управление", shortName = "Чужой район" };
        var before = await EventCount();

        // Anonymous: 401. The officer of another region: 403 at the region. A district curator, even of this region: 403.
        await api.Scenario(s => { s.Post.Json(body).ToUrl(districtsUrl); s.StatusCodeShouldBe(401); });
        await api.Scenario(s => { s.WithBearerToken(Officer(other.Id)); s.Post.Json(body).ToUrl(districtsUrl); s.ProblemShouldBe(403, contains: "Нет доступа к этому региону."); });
        await api.Scenario(s => { s.WithBearerToken(Officer(other.Id)); s.Get.Url($"{districtsUrl}/{district.Id}"); s.StatusCodeShouldBe(403); });
        await api.Scenario(s => { s.WithBearerToken(api.TokenAs($"district:{district.Id}")); s.Post.Json(body).ToUrl(districtsUrl); s.StatusCodeShouldBe(403); });
        await api.Scenario(s => { s.WithBearerToken(api.TokenAs($"district:{district.Id}")); s.Get.Url($"{districtsUrl}/{district.Id}/history"); s.StatusCodeShouldBe(403); });
        // A region officer neither creates regions nor changes its own region: the administrator's work.
        await api.Scenario(s => { s.WithBearerToken(Officer(region.Id)); s.Post.Json(new { code = "98" }).ToUrl("/api/regions"); s.StatusCodeShouldBe(403); });
        await api.Scenario(s => { s.WithBearerToken(Officer(region.Id)); s.Patch.Json(new { name = "Пермь" }).ToUrl($"/api/regions/{region.Id}"); s.StatusCodeShouldBe(403); });
        // A district of another region, asked for under one's own region: not found (404), and not changed.
        foreach (var (method, url) in new[] { ("GET", $"/api/regions/{other.Id}/districts/{district.Id}"), ("PATCH", $"/api/regions/{other.Id}/districts/{district.Id}"),
                     ("POST", $"/api/regions/{other.Id}/districts/{district.Id}/closure"), ("GET", $"/api/regions/{other.Id}/districts/{district.Id}/history") })
            await api.Scenario(s =>
            {
                s.WithBearerToken(Officer(other.Id));
                if (method == "GET") s.Get.Url(url);
                else if (method == "PATCH") s.Patch.Json(new { shortName = "Захвачен" }).ToUrl(url);
                else s.Post.Json(new { reason = "чужой" }).ToUrl(url);
                s.StatusCodeShouldBe(404);
            });
        // The demo region's districts are not the new region's.
        (await Get<IReadOnlyList<DistrictCard>>($"/api/regions/{other.Id}/districts?status=all", Officer(other.Id))).ShouldBeEmpty();
        await api.Scenario(s => { s.WithBearerToken(Officer(region.Id)); s.Get.Url($"/api/regions/{DemoDistrict.RegionId}/districts"); s.StatusCodeShouldBe(403); });
        (await EventsSince(before)).ShouldBeNull();
    }

    [Fact]
    public async Task Row_level_security_refuses_a_district_written_in_another_regions_scope()
    {
        // What the endpoints rely on: the catalog row of a district is written only in its region's scope.
        var region = await CreateRegion("42", "Кемеровская область", "Asia/Novokuznetsk");
        var other = await CreateRegion("54", "Новосибирская область", "Asia/Novosibirsk");
        var store = (Platform.EventStore.DocumentStore)api.Services.GetService(typeof(Platform.EventStore.DocumentStore))!;
        await using var session = store.LightweightSession(Platform.EventStore.TenantScope.Region(other.Id));
        session.ForTenant(region.Id).StartStream<District>(Guid.NewGuid(), new DistrictRegistered(Guid.NewGuid(), region.Id, "Чужое", "Чужое", "Asia/Novokuznetsk"));
        await Should.ThrowAsync<Npgsql.PostgresException>(() => session.SaveChangesAsync());
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM registry.districts WHERE region_id = $1", region.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task The_reference_lists_every_school_kind_in_Russian_and_the_time_zones()
    {
        var reference = await Get<JsonElement>("/api/registry/reference", api.TokenAs($"district:{DemoDistrict.DistrictId}"));
        var kinds = reference.GetProperty("schoolKinds").EnumerateArray().ToDictionary(k => k.GetProperty("kind").GetString()!, k => k.GetProperty("name").GetString());
        kinds["kindergarten"].ShouldBe("детский сад (ДОО)");
        kinds["primary_school_kindergarten"].ShouldBe("начальная школа – детский сад (НШДС)");
        kinds["college"].ShouldBe("колледж, техникум");
        kinds["education_centre"].ShouldBe("центр образования");
        reference.GetProperty("timeZones").EnumerateArray().Select(z => z.GetString()).ShouldContain("Asia/Irkutsk");
    }

    private Task<IssuedInvitation> Invite(Guid region, string token, object body) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Post.Json(body).ToUrl($"/api/regions/{region}/invitations");
        s.StatusCodeShouldBe(201);
    }).Json<IssuedInvitation>();

    private async Task<string> AcceptAndSignIn(IssuedInvitation invitation, string email, string password)
    {
        var token = invitation.Link[(invitation.Link.LastIndexOf('/') + 1)..];
        await api.Scenario(s =>
        {
            s.Post.Json(new { password }).ToUrl($"/api/auth/invitations/{token}/accept");
            s.StatusCodeShouldBe(201);
        });
        return (await api.SignInAsync(email, password)).AccessToken;
    }

    [Fact]
    public async Task The_administrator_invites_the_regions_first_officer_who_invites_a_districts_first_curator()
    {
        var region = await CreateRegion("18", "Удмуртская Республика", "Europe/Samara");
        var officerInvitation = await Invite(region.Id, Admin,
            new { role = Roles.RegionOfficer, email = "officer@iro18.ru", fullName = "Ившина Ольга Петровна" });
        officerInvitation.Invitation.SchoolName.ShouldBe("Удмуртская Республика");
        officerInvitation.Invitation.RoleName.ShouldBe("Специалист регионального института развития образования");
        var officer = await AcceptAndSignIn(officerInvitation, "officer@iro18.ru", "Udmurtiya-2026");
        var me = await api.Scenario(s => { s.WithBearerToken(officer); s.Get.Url("/api/me"); }).Json();
        (me.GetProperty("scope").GetProperty("kind").GetString(), me.GetProperty("scope").GetProperty("id").GetGuid()).ShouldBe(("region", region.Id));

        // The new officer, with the account the link made, registers a district and invites its curator.
        var district = await CreateDistrict(region.Id, "Завьяловский район", token: officer);
        var curatorInvitation = await Invite(region.Id, officer,
            new { role = Roles.DistrictCurator, districtId = district.Id, email = "curator@zav.ru", fullName = "Бабушкина Анна Сергеевна" });
        curatorInvitation.Invitation.SchoolName.ShouldBe("Завьяловский район");
        var curator = await AcceptAndSignIn(curatorInvitation, "curator@zav.ru", "Zavyalovo-2026");
        var school = await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Post.Json(new { fullName = "МБДОУ «Детский сад № 3»", shortName = "Д/с № 3", kind = "kindergarten", timeZone = "Europe/Samara" })
                .ToUrl($"/api/districts/{district.Id}/schools");
            s.StatusCodeShouldBe(201);
        }).Json<SchoolCard>();
        school.DistrictId.ShouldBe(district.Id);

        var invitations = await Get<List<InvitationCard>>($"/api/regions/{region.Id}/invitations?status=accepted", officer);
        invitations.Select(i => i.Role).Order().ShouldBe([Roles.DistrictCurator, Roles.RegionOfficer]);
        invitations.Single(i => i.Role == Roles.DistrictCurator).IssuedBy.ShouldBe("officer@iro18.ru");
        // The district's own list keeps to its schools' staff.
        (await Get<List<InvitationCard>>($"/api/districts/{district.Id}/invitations", curator)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Region_invitations_are_refused_to_the_wrong_caller_role_or_district()
    {
        var region = await CreateRegion("43", "Кировская область", "Europe/Kirov");
        var other = await CreateRegion("44", "Костромская область", "Europe/Moscow");
        var district = await CreateDistrict(region.Id, "Слободской район");
        var strange = await CreateDistrict(other.Id, "Буйский район");
        var url = $"/api/regions/{region.Id}/invitations";
        var before = await EventCount();

        await api.Scenario(s =>
        {
            s.WithBearerToken(Officer(region.Id));
            s.Post.Json(new { role = Roles.RegionOfficer, email = "second@iro43.ru", fullName = "Второй Специалист" }).ToUrl(url);
            s.ProblemShouldBe(403, contains: "Специалиста региона приглашает администратор платформы.");
        });
        await api.Scenario(s =>
        {
            s.WithBearerToken(Officer(region.Id));
            s.Post.Json(new { role = Roles.DistrictCurator, districtId = strange.Id, email = "x@buy.ru", fullName = "Чужой Куратор" }).ToUrl(url);
            s.ProblemShouldBe(400, "districtId", "Такого района в регионе нет.");
        });
        await api.Scenario(s =>
        {
            s.WithBearerToken(Officer(region.Id));
            s.Post.Json(new { role = Roles.SchoolCurator, email = "bad", fullName = "" }).ToUrl(url);
            s.ProblemShouldBe(400, "role", "Пригласить можно специалиста региона");
            s.ProblemShouldBe(400, "email", "Укажите адрес электронной почты");
            s.ProblemShouldBe(400, "fullName", "Укажите ФИО приглашаемого.");
        });
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"district:{district.Id}"));
            s.Post.Json(new { role = Roles.DistrictCurator, districtId = district.Id, email = "self@slob.ru", fullName = "Сам Себе" }).ToUrl(url);
            s.StatusCodeShouldBe(403);
        });
        await api.Scenario(s =>
        {
            s.WithBearerToken(Officer(other.Id));
            s.Post.Json(new { role = Roles.DistrictCurator, districtId = district.Id, email = "o@kostroma.ru", fullName = "Чужой Специалист" }).ToUrl(url);
            s.StatusCodeShouldBe(403);
        });
        (await EventsSince(before, region.Id, other.Id, district.Id, strange.Id)).ShouldBeNull();

        // Revoked by the region, and not through a district's route.
        var issued = await Invite(region.Id, Officer(region.Id), new { role = Roles.DistrictCurator, districtId = district.Id, email = "c@slob.ru", fullName = "Куратор Слободского" });
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"district:{district.Id}"));
            s.Delete.Url($"/api/districts/{district.Id}/invitations/{issued.Invitation.Id}");
            s.StatusCodeShouldBe(404);
        });
        var revoked = await api.Scenario(s =>
        {
            s.WithBearerToken(Officer(region.Id));
            s.Delete.Url($"{url}/{issued.Invitation.Id}");
        }).Json<InvitationCard>();
        revoked.Status.ShouldBe("revoked");
    }
}
