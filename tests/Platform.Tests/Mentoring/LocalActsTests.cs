using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Platform.Mentoring.LocalActs;
using Platform.Tenancy.Access;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring;

/// <summary>A school registers its local acts and orders (seed 000: order № 360/1 of 13.11.2023), corrects, repeals and attaches scans.</summary>
public sealed class LocalActsTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid School411 = Guid.Parse("11000000-0000-4000-8000-000000000411");
    private static readonly Guid Gym166 = Guid.Parse("11000000-0000-4000-8000-000000000166");
    private static readonly Guid Cppmsp = Guid.Parse("11000000-0000-4000-8000-000000000030");

    private const string Seed000Title =
        "Об утверждении положения о системе (целевой модели) наставничества педагогических работников в ГБОУ школе № 411 «Гармония» Петродворцового района Санкт-Петербурга";

    private HttpClient Curator(Guid school) => api.ClientAs($"school:{school}");

    private static string Url(Guid school) => $"/api/schools/{school}/local-acts";

    private async Task<LocalActView> Register(Guid school, object body)
    {
        await api.ClearDemoOrdersAsync(School411, Gym166, Cppmsp); // the demo registers the seeds' orders; these tests do it themselves
        var response = await Curator(school).PostAsJsonAsync(Url(school), body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ShouldBeOk<LocalActView>();
    }

    private static MultipartFormDataContent Form(byte[] bytes, string fileName, string contentType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private static byte[] Pdf(string text) => Encoding.ASCII.GetBytes("%PDF-1.4\n% " + text + "\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [Fact]
    public async Task The_seed_000_regulation_order_is_registered_and_reads_back_unchanged()
    {
        var created = await Register(School411, new
        {
            kind = "regulation", number = "360/1", date = "2023-11-13", title = Seed000Title,
            note = "Утверждено с учётом мнения общего собрания работников (протокол от 28.10.2023 № 4)",
        });
        created.Version.ShouldBe(1);

        var response = await Curator(School411).GetAsync($"{Url(School411)}/{created.Id}");
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var read = await response.ShouldBeOk<LocalActView>();
        read.Kind.ShouldBe(LocalActKind.Regulation);
        read.KindName.ShouldBe("Положение о системе наставничества");
        read.Number.ShouldBe("360/1");
        read.Date.ShouldBe(new DateOnly(2023, 11, 13));
        read.Title.ShouldBe(Seed000Title);
        read.Note.ShouldBe("Утверждено с учётом мнения общего собрания работников (протокол от 28.10.2023 № 4)");
        read.Citation.ShouldBe("от 13.11.2023 № 360/1");
        read.Repealed.ShouldBeFalse();
        read.Attachments.ShouldBeEmpty();

        var json = await (await Curator(School411).GetAsync($"{Url(School411)}/{created.Id}")).Content.ReadFromJsonAsync<JsonElement>();
        json.GetProperty("kind").GetString().ShouldBe("regulation");

        var list = await (await Curator(School411).GetAsync($"{Url(School411)}?kind=regulation&year=2023&search=360/1")).ShouldBeOk<Page<LocalActRow>>();
        list.Items.Single(a => a.Id == created.Id).Title.ShouldBe(Seed000Title);
        (await (await Curator(School411).GetAsync($"{Url(School411)}?search=целевой модели")).ShouldBeOk<Page<LocalActRow>>())
            .Items.ShouldContain(a => a.Id == created.Id);
        (await (await Curator(School411).GetAsync($"{Url(School411)}?year=2024")).ShouldBeOk<Page<LocalActRow>>())
            .Items.ShouldNotContain(a => a.Id == created.Id);
        (await (await Curator(School411).GetAsync($"{Url(School411)}?kind=pair_approval")).ShouldBeOk<Page<LocalActRow>>())
            .Items.ShouldNotContain(a => a.Id == created.Id);

        // Registering the same order again as the same kind is a duplicate; as another kind (it also approves the road map) it is not.
        var again = await Curator(School411).PostAsJsonAsync(Url(School411), new { kind = "regulation", number = "360/1", date = "2023-11-13", title = Seed000Title });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain("уже зарегистрирован");
        await Register(School411, new { kind = "road_map_approval", number = "360/1", date = "2023-11-13", title = Seed000Title });

        var history = await (await Curator(School411).GetAsync($"{Url(School411)}/{created.Id}/history")).ShouldBeOk<JsonElement>();
        history[0].GetProperty("type").GetString().ShouldBe("local_act_registered");
        history[0].GetProperty("userName").GetString().ShouldBe("test.schoolcurator");
        history[0].GetProperty("data").GetProperty("number").GetString().ShouldBe("360/1");
    }

    [Fact]
    public async Task The_list_is_newest_first_paged_and_leaves_repealed_acts_out_unless_asked()
    {
        // Seed 004: the road map of the ЦППМСП approved by order № 30-9 о/д of 02.09.2024.
        var roadMap = await Register(Cppmsp, new { kind = "road_map_approval", number = "30-9 о/д", date = "2024-09-02",
            title = "Об утверждении «дорожной карты» реализации Целевой модели наставничества в ЦППМСП" });
        var older = await Register(Cppmsp, new { kind = "other", number = "12 о/д", date = "2022-03-01", title = "О внедрении целевой модели наставничества" });
        var repealed = await Register(Cppmsp, new { kind = "pair_approval", number = "31 о/д", date = "2024-09-10", title = "О закреплении наставнических пар" });

        var repeal = await Curator(Cppmsp).PostAsJsonAsync($"{Url(Cppmsp)}/{repealed.Id}/repeal",
            new { date = "2024-10-01", reason = "Утратил силу в связи с изданием приказа № 35 о/д" });
        var afterRepeal = await repeal.ShouldBeOk<LocalActView>();
        afterRepeal.Repealed.ShouldBeTrue();
        afterRepeal.RepealedOn.ShouldBe(new DateOnly(2024, 10, 1));
        (await Curator(Cppmsp).PostAsJsonAsync($"{Url(Cppmsp)}/{repealed.Id}/repeal", new { reason = "ещё раз" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var changeRepealed = await Curator(Cppmsp).PatchAsJsonAsync($"{Url(Cppmsp)}/{repealed.Id}", new { title = "Другое" });
        changeRepealed.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await changeRepealed.Content.ReadAsStringAsync()).ShouldContain("отменён");

        var list = await (await Curator(Cppmsp).GetAsync(Url(Cppmsp))).ShouldBeOk<Page<LocalActRow>>();
        list.Items.Select(a => a.Id).ShouldBe([roadMap.Id, older.Id]);
        list.Items[0].Citation.ShouldBe("от 02.09.2024 № 30-9 о/д");
        list.Total.ShouldBe(2);

        var all = await (await Curator(Cppmsp).GetAsync($"{Url(Cppmsp)}?includeRepealed=true&pageSize=2")).ShouldBeOk<Page<LocalActRow>>();
        all.Total.ShouldBe(3);
        all.Items.Select(a => a.Id).ShouldBe([repealed.Id, roadMap.Id]);
        all.Items[0].Repealed.ShouldBeTrue();
        var second = await (await Curator(Cppmsp).GetAsync($"{Url(Cppmsp)}?includeRepealed=true&pageSize=2&page=2")).ShouldBeOk<Page<LocalActRow>>();
        second.Items.Select(a => a.Id).ShouldBe([older.Id]);

        var byNumber = await (await Curator(Cppmsp).GetAsync($"{Url(Cppmsp)}?sort=number")).ShouldBeOk<Page<LocalActRow>>();
        byNumber.Items.Select(a => a.Number).ShouldBe(["12 о/д", "30-9 о/д"]);

        var bad = await Curator(Cppmsp).GetAsync($"{Url(Cppmsp)}?kind=castle&sort=secret");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("kind")[0].GetString()!.ShouldContain("road_map_approval");
        problem.GetProperty("errors").GetProperty("sort")[0].GetString()!.ShouldStartWith("Сортировка");
    }

    [Fact]
    public async Task Invalid_acts_get_field_errors_in_Russian_and_write_nothing()
    {
        var before = await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events");
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd");

        var response = await Curator(School411).PostAsJsonAsync(Url(School411), new { number = " ", date = tomorrow, title = "" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("kind")[0].GetString().ShouldBe("Укажите вид акта.");
        errors.GetProperty("number")[0].GetString().ShouldBe("Укажите номер приказа.");
        errors.GetProperty("title")[0].GetString().ShouldBe("Укажите название акта.");
        errors.GetProperty("date")[0].GetString().ShouldBe("Дата приказа не может быть в будущем.");

        var ancient = await Curator(School411).PostAsJsonAsync(Url(School411), new { kind = "regulation", number = "1", date = "1990-05-20", title = "Старое положение" });
        ancient.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ancient.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("date")[0].GetString()
            .ShouldBe("Дата приказа должна быть позже 1991 года.");

        var noDate = await Curator(School411).PostAsJsonAsync(Url(School411), new { kind = "regulation", number = "1", title = "Без даты" });
        (await noDate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("date")[0].GetString().ShouldBe("Укажите дату приказа.");

        var badKind = await Curator(School411).PostAsJsonAsync(Url(School411), new { kind = "decree", number = "1", date = "2023-01-01", title = "Указ" });
        badKind.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events")).ShouldBe(before);
    }

    [Fact]
    public async Task A_stale_If_Match_is_refused_with_409_and_asOf_shows_the_earlier_title()
    {
        var act = await Register(Gym166, new { kind = "pair_approval", number = "74-ОД", date = "2023-09-15", title = "О закреплении наставнических пар" });
        var url = $"{Url(Gym166)}/{act.Id}";
        var beforeChange = DateTimeOffset.UtcNow;
        await Task.Delay(20);

        var change = new HttpRequestMessage(HttpMethod.Patch, url)
        {
            Content = JsonContent.Create(new { title = "О закреплении наставнических пар (групп) на 2023/2024 учебный год" }),
        };
        change.Headers.IfMatch.Add(new("\"1\""));
        var changed = await Curator(Gym166).SendAsync(change);
        changed.Headers.ETag!.Tag.ShouldBe("\"2\"");
        (await changed.ShouldBeOk<LocalActView>()).Version.ShouldBe(2);

        var stale = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(new { number = "75-ОД" }) };
        stale.Headers.IfMatch.Add(new("\"1\""));
        var conflict = await Curator(Gym166).SendAsync(stale);
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await conflict.Content.ReadAsStringAsync()).ShouldContain("изменена другим пользователем");

        var then = await (await Curator(Gym166).GetAsync($"{url}?asOf={Uri.EscapeDataString(beforeChange.ToString("O"))}")).ShouldBeOk<LocalActView>();
        then.Title.ShouldBe("О закреплении наставнических пар");
        then.Version.ShouldBe(1);
        var now = await (await Curator(Gym166).GetAsync(url)).ShouldBeOk<LocalActView>();
        now.Title.ShouldBe("О закреплении наставнических пар (групп) на 2023/2024 учебный год");
        now.Number.ShouldBe("74-ОД");
        (await Curator(Gym166).GetAsync($"{url}?asOf={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-1).ToString("O"))}"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound); // before it was registered

        var emptyTitle = await Curator(Gym166).PatchAsJsonAsync(url, new { title = " " });
        (await emptyTitle.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("title")[0].GetString()
            .ShouldBe("Название акта не может быть пустым.");
    }

    [Fact]
    public async Task A_scan_round_trips_byte_for_byte_and_other_files_are_refused()
    {
        var act = await Register(School411, new { kind = "curator_appointment", number = "361", date = "2023-11-14", title = "О назначении куратора" });
        var url = $"{Url(School411)}/{act.Id}/attachments";
        var bytes = Pdf("Приказ № 361 от 14.11.2023");

        var upload = await Curator(School411).PostAsync(url, Form(bytes, "Приказ № 361 о назначении куратора.pdf", "application/octet-stream"));
        upload.StatusCode.ShouldBe(HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
        var file = await upload.ShouldBeOk<LocalActAttachmentView>();
        file.FileName.ShouldBe("Приказ № 361 о назначении куратора.pdf");
        file.ContentType.ShouldBe("application/pdf"); // ours, not the uploader's
        file.Size.ShouldBe(bytes.Length);
        file.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        upload.Headers.Location!.ToString().ShouldBe(file.Url);

        var download = await Curator(School411).GetAsync(file.Url);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("Приказ № 361 о назначении куратора.pdf");

        // A district curator reads the school's scans; a school of the same district does not even see the act.
        (await (await api.ClientAs($"district:{Platform.Tenancy.Demo.DemoDistrict.DistrictId}").GetAsync(file.Url)).Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
        (await Curator(Gym166).GetAsync(file.Url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var read = await (await Curator(School411).GetAsync($"{Url(School411)}/{act.Id}")).ShouldBeOk<LocalActView>();
        read.Attachments.Single().Id.ShouldBe(file.Id);
        (await (await Curator(School411).GetAsync(Url(School411))).ShouldBeOk<Page<LocalActRow>>()).Items.Single(a => a.Id == act.Id).Attachments.ShouldBe(1);

        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        (await Curator(School411).PostAsync(url, Form(png, "скан.PNG", "image/png"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var same = await Curator(School411).PostAsync(url, Form(bytes, "копия.pdf", "application/pdf"));
        same.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await same.Content.ReadAsStringAsync()).ShouldContain("уже приложен");

        var exe = await Curator(School411).PostAsync(url, Form([0x4D, 0x5A, 0x90, 0x00], "setup.exe", "application/x-msdownload"));
        exe.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await exe.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("file")[0].GetString()
            .ShouldBe("Можно приложить файл PDF, DOC, DOCX, ODT, JPG или PNG.");
        var disguised = await Curator(School411).PostAsync(url, Form([0x4D, 0x5A, 0x90, 0x00], "приказ.pdf", "application/pdf"));
        disguised.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await disguised.Content.ReadAsStringAsync()).ShouldContain("не соответствует его типу");
        var empty = await Curator(School411).PostAsync(url, Form([], "пустой.pdf", "application/pdf"));
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var tooLarge = new byte[AttachmentFiles.MaxSize + 1];
        "%PDF-1.4"u8.CopyTo(tooLarge);
        var large = await Curator(School411).PostAsync(url, Form(tooLarge, "большой.pdf", "application/pdf"));
        large.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await large.Content.ReadAsStringAsync()).ShouldContain("больше 10 МБ");
        var noFile = await Curator(School411).PostAsync(url, new MultipartFormDataContent { { new StringContent("x"), "comment" } });
        noFile.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.attachments WHERE tenant_id = $1", School411)).ShouldBe(2);

        var removed = await Curator(School411).DeleteAsync(file.Url);
        (await removed.ShouldBeOk<LocalActView>()).Attachments.ShouldNotContain(a => a.Id == file.Id);
        (await Curator(School411).GetAsync(file.Url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Curator(School411).DeleteAsync(file.Url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.attachments WHERE id = $1", file.Id)).ShouldBe(0);

        var history = await (await Curator(School411).GetAsync($"{Url(School411)}/{act.Id}/history")).ShouldBeOk<JsonElement>();
        history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldBe(
            ["local_act_registered", "local_act_attachment_added", "local_act_attachment_added", "local_act_attachment_removed"]);
    }

    [Fact]
    public async Task A_school_cannot_see_another_schools_act_and_a_mentor_cannot_register_one()
    {
        var act = await Register(School411, new { kind = "encouragement", number = "410", date = "2024-05-30", title = "О поощрении участников наставнической деятельности" });

        // The other school's own route: the stream is not in its tenant.
        (await Curator(Gym166).GetAsync($"{Url(Gym166)}/{act.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Curator(Gym166).GetAsync($"{Url(Gym166)}/{act.Id}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Curator(Gym166).PatchAsJsonAsync($"{Url(Gym166)}/{act.Id}", new { title = "Чужой" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await Curator(Gym166).GetAsync(Url(Gym166))).ShouldBeOk<Page<LocalActRow>>()).Items.ShouldNotContain(a => a.Id == act.Id);
        // The first school's route with the other school's token.
        (await Curator(Gym166).GetAsync($"{Url(School411)}/{act.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var mentor = api.ClientAs($"school:{School411}", Roles.Mentor);
        (await mentor.PostAsJsonAsync(Url(School411), new { kind = "other", number = "1", date = "2024-01-01", title = "Х" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await mentor.GetAsync(Url(School411))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var director = api.ClientAs($"school:{School411}", Roles.SchoolDirector);
        (await director.PostAsJsonAsync($"{Url(School411)}/{act.Id}/repeal", new { reason = "Ошибочно издан" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
