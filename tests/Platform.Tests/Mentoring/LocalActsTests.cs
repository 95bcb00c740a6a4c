using System.Net.Http.Headers;
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

    private string Curator(Guid school) => api.TokenAs($"school:{school}");

    private static string Url(Guid school) => $"/api/schools/{school}/local-acts";

    private async Task<LocalActView> Register(Guid school, object body)
    {
        await api.ClearDemoOrdersAsync(School411, Gym166, Cppmsp); // the demo registers the seeds' orders; these tests do it themselves
        return await Send(Curator(school), s => s.Post.Json(body).ToUrl(Url(school)), 201).Json<LocalActView>();
    }

    /// <summary>One request with the token; the answer must have this status.</summary>
    private Task<IScenarioResult> Send(string token, Action<Scenario> request, int status = 200) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        request(s);
        s.StatusCodeShouldBe(status);
    });

    private Task<T> Get<T>(Guid school, string url) => Send(Curator(school), s => s.Get.Url(url)).Json<T>();

    private Task<IScenarioResult> Upload(string url, byte[] bytes, string fileName, string contentType, int status) =>
        Send(Curator(School411), s => s.Post.MultipartFormData(Form(bytes, fileName, contentType)).ToUrl(url), status);

    private static MultipartFormDataContent Form(byte[] bytes, string fileName, string contentType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private static async Task<byte[]> Bytes(IScenarioResult result)
    {
        var body = result.Context.Response.Body;
        if (body.CanSeek) body.Position = 0;
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy);
        return copy.ToArray();
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

        var read = await Send(Curator(School411), s =>
        {
            s.Get.Url($"{Url(School411)}/{created.Id}");
            s.Header("ETag").SingleValueShouldEqual("\"1\"");
        }).Json<LocalActView>();
        read.Kind.ShouldBe(LocalActKind.Regulation);
        read.KindName.ShouldBe("Положение о системе наставничества");
        read.Number.ShouldBe("360/1");
        read.Date.ShouldBe(new DateOnly(2023, 11, 13));
        read.Title.ShouldBe(Seed000Title);
        read.Note.ShouldBe("Утверждено с учётом мнения общего собрания работников (протокол от 28.10.2023 № 4)");
        read.Citation.ShouldBe("от 13.11.2023 № 360/1");
        read.Repealed.ShouldBeFalse();
        read.Attachments.ShouldBeEmpty();

        var json = await Get<JsonElement>(School411, $"{Url(School411)}/{created.Id}");
        json.GetProperty("kind").GetString().ShouldBe("regulation");

        var list = await Get<Page<LocalActRow>>(School411, $"{Url(School411)}?kind=regulation&year=2023&search=360/1");
        list.Items.Single(a => a.Id == created.Id).Title.ShouldBe(Seed000Title);
        (await Get<Page<LocalActRow>>(School411, $"{Url(School411)}?search=целевой модели")).Items.ShouldContain(a => a.Id == created.Id);
        (await Get<Page<LocalActRow>>(School411, $"{Url(School411)}?year=2024")).Items.ShouldNotContain(a => a.Id == created.Id);
        (await Get<Page<LocalActRow>>(School411, $"{Url(School411)}?kind=pair_approval")).Items.ShouldNotContain(a => a.Id == created.Id);

        // Registering the same order again as the same kind is a duplicate; as another kind (it also approves the road map) it is not.
        await Send(Curator(School411), s =>
        {
            s.Post.Json(new { kind = "regulation", number = "360/1", date = "2023-11-13", title = Seed000Title }).ToUrl(Url(School411));
            s.ContentShouldContain("уже зарегистрирован");
        }, 409);
        await Register(School411, new { kind = "road_map_approval", number = "360/1", date = "2023-11-13", title = Seed000Title });

        var history = await Get<JsonElement>(School411, $"{Url(School411)}/{created.Id}/history");
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

        var afterRepeal = await Send(Curator(Cppmsp), s => s.Post.Json(new { date = "2024-10-01", reason = "Утратил силу в связи с изданием приказа № 35 о/д" })
            .ToUrl($"{Url(Cppmsp)}/{repealed.Id}/repeal")).Json<LocalActView>();
        afterRepeal.Repealed.ShouldBeTrue();
        afterRepeal.RepealedOn.ShouldBe(new DateOnly(2024, 10, 1));
        await Send(Curator(Cppmsp), s => s.Post.Json(new { reason = "ещё раз" }).ToUrl($"{Url(Cppmsp)}/{repealed.Id}/repeal"), 409);
        await Send(Curator(Cppmsp), s =>
        {
            s.Patch.Json(new { title = "Другое" }).ToUrl($"{Url(Cppmsp)}/{repealed.Id}");
            s.ContentShouldContain("отменён");
        }, 409);

        var list = await Get<Page<LocalActRow>>(Cppmsp, Url(Cppmsp));
        list.Items.Select(a => a.Id).ShouldBe([roadMap.Id, older.Id]);
        list.Items[0].Citation.ShouldBe("от 02.09.2024 № 30-9 о/д");
        list.Total.ShouldBe(2);

        var all = await Get<Page<LocalActRow>>(Cppmsp, $"{Url(Cppmsp)}?includeRepealed=true&pageSize=2");
        all.Total.ShouldBe(3);
        all.Items.Select(a => a.Id).ShouldBe([repealed.Id, roadMap.Id]);
        all.Items[0].Repealed.ShouldBeTrue();
        var second = await Get<Page<LocalActRow>>(Cppmsp, $"{Url(Cppmsp)}?includeRepealed=true&pageSize=2&page=2");
        second.Items.Select(a => a.Id).ShouldBe([older.Id]);

        var byNumber = await Get<Page<LocalActRow>>(Cppmsp, $"{Url(Cppmsp)}?sort=number");
        byNumber.Items.Select(a => a.Number).ShouldBe(["12 о/д", "30-9 о/д"]);

        var problem = await Send(Curator(Cppmsp), s => s.Get.Url($"{Url(Cppmsp)}?kind=castle&sort=secret"), 400).Json();
        problem.GetProperty("errors").GetProperty("kind")[0].GetString()!.ShouldContain("road_map_approval");
        problem.GetProperty("errors").GetProperty("sort")[0].GetString()!.ShouldStartWith("Сортировка");
    }

    [Fact]
    public async Task Invalid_acts_get_field_errors_in_Russian_and_write_nothing()
    {
        var before = await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events");
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd");

        async Task<JsonElement> Errors(object body) =>
            (await Send(Curator(School411), s => s.Post.Json(body).ToUrl(Url(School411)), 400).Json()).GetProperty("errors");

        var errors = await Errors(new { number = " ", date = tomorrow, title = "" });
        errors.GetProperty("kind")[0].GetString().ShouldBe("Укажите вид акта.");
        errors.GetProperty("number")[0].GetString().ShouldBe("Укажите номер приказа.");
        errors.GetProperty("title")[0].GetString().ShouldBe("Укажите название акта.");
        errors.GetProperty("date")[0].GetString().ShouldBe("Дата приказа не может быть в будущем.");

        (await Errors(new { kind = "regulation", number = "1", date = "1990-05-20", title = "Старое положение" }))
            .GetProperty("date")[0].GetString().ShouldBe("Дата приказа должна быть позже 1991 года.");

        (await Errors(new { kind = "regulation", number = "1", title = "Без даты" })).GetProperty("date")[0].GetString().ShouldBe("Укажите дату приказа.");

        await Send(Curator(School411), s => s.Post.Json(new { kind = "decree", number = "1", date = "2023-01-01", title = "Указ" }).ToUrl(Url(School411)), 400);

        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events")).ShouldBe(before);
    }

    [Fact]
    public async Task A_stale_If_Match_is_refused_with_409_and_asOf_shows_the_earlier_title()
    {
        var act = await Register(Gym166, new { kind = "pair_approval", number = "74-ОД", date = "2023-09-15", title = "О закреплении наставнических пар" });
        var url = $"{Url(Gym166)}/{act.Id}";
        var beforeChange = DateTimeOffset.UtcNow;
        await Task.Delay(20);

        var changed = await Send(Curator(Gym166), s =>
        {
            s.Patch.Json(new { title = "О закреплении наставнических пар (групп) на 2023/2024 учебный год" }).ToUrl(url);
            s.WithRequestHeader("If-Match", "\"1\"");
            s.Header("ETag").SingleValueShouldEqual("\"2\"");
        }).Json<LocalActView>();
        changed.Version.ShouldBe(2);

        await Send(Curator(Gym166), s =>
        {
            s.Patch.Json(new { number = "75-ОД" }).ToUrl(url);
            s.WithRequestHeader("If-Match", "\"1\"");
            s.ContentShouldContain("изменена другим пользователем");
        }, 409);

        var then = await Get<LocalActView>(Gym166, $"{url}?asOf={Uri.EscapeDataString(beforeChange.ToString("O"))}");
        then.Title.ShouldBe("О закреплении наставнических пар");
        then.Version.ShouldBe(1);
        var now = await Get<LocalActView>(Gym166, url);
        now.Title.ShouldBe("О закреплении наставнических пар (групп) на 2023/2024 учебный год");
        now.Number.ShouldBe("74-ОД");
        await Send(Curator(Gym166), s => s.Get.Url($"{url}?asOf={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-1).ToString("O"))}"),
            404); // before it was registered

        var emptyTitle = await Send(Curator(Gym166), s => s.Patch.Json(new { title = " " }).ToUrl(url), 400).Json();
        emptyTitle.GetProperty("errors").GetProperty("title")[0].GetString().ShouldBe("Название акта не может быть пустым.");
    }

    [Fact]
    public async Task A_scan_round_trips_byte_for_byte_and_other_files_are_refused()
    {
        var act = await Register(School411, new { kind = "curator_appointment", number = "361", date = "2023-11-14", title = "О назначении куратора" });
        var url = $"{Url(School411)}/{act.Id}/attachments";
        var bytes = Pdf("Приказ № 361 от 14.11.2023");

        var upload = await Upload(url, bytes, "Приказ № 361 о назначении куратора.pdf", "application/octet-stream", 201);
        var file = await upload.ReadAsJsonAsync<LocalActAttachmentView>();
        file.FileName.ShouldBe("Приказ № 361 о назначении куратора.pdf");
        file.ContentType.ShouldBe("application/pdf"); // ours, not the uploader's
        file.Size.ShouldBe(bytes.Length);
        file.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        upload.Context.Response.Headers.Location.ToString().ShouldBe(file.Url);

        var download = await Send(Curator(School411), s => s.Get.Url(file.Url));
        (await Bytes(download)).ShouldBe(bytes);
        MediaTypeHeaderValue.Parse(download.Context.Response.ContentType).MediaType.ShouldBe("application/pdf");
        var disposition = ContentDispositionHeaderValue.Parse(download.Context.Response.Headers.ContentDisposition.ToString());
        disposition.DispositionType.ShouldBe("attachment");
        disposition.FileNameStar.ShouldBe("Приказ № 361 о назначении куратора.pdf");

        // A district curator reads the school's scans; a school of the same district does not even see the act.
        (await Bytes(await Send(api.TokenAs($"district:{Platform.Tenancy.Demo.DemoDistrict.DistrictId}"), s => s.Get.Url(file.Url)))).ShouldBe(bytes);
        await Send(Curator(Gym166), s => s.Get.Url(file.Url), 404);

        var read = await Get<LocalActView>(School411, $"{Url(School411)}/{act.Id}");
        read.Attachments.Single().Id.ShouldBe(file.Id);
        (await Get<Page<LocalActRow>>(School411, Url(School411))).Items.Single(a => a.Id == act.Id).Attachments.ShouldBe(1);

        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        await Upload(url, png, "скан.PNG", "image/png", 201);
        (await (await Upload(url, bytes, "копия.pdf", "application/pdf", 409)).ReadAsTextAsync()).ShouldContain("уже приложен");

        var exe = await Upload(url, [0x4D, 0x5A, 0x90, 0x00], "setup.exe", "application/x-msdownload", 400).Json();
        exe.GetProperty("errors").GetProperty("file")[0].GetString().ShouldBe("Можно приложить файл PDF, DOC, DOCX, ODT, JPG или PNG.");
        (await (await Upload(url, [0x4D, 0x5A, 0x90, 0x00], "приказ.pdf", "application/pdf", 400)).ReadAsTextAsync()).ShouldContain("не соответствует его типу");
        await Upload(url, [], "пустой.pdf", "application/pdf", 400);
        var tooLarge = new byte[AttachmentFiles.MaxSize + 1];
        "%PDF-1.4"u8.CopyTo(tooLarge);
        (await (await Upload(url, tooLarge, "большой.pdf", "application/pdf", 400)).ReadAsTextAsync()).ShouldContain("больше 10 МБ");
        await Send(Curator(School411), s => s.Post.MultipartFormData(new MultipartFormDataContent { { new StringContent("x"), "comment" } }).ToUrl(url), 400);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.attachments WHERE tenant_id = $1", School411)).ShouldBe(2);

        var removed = await Send(Curator(School411), s => s.Delete.Url(file.Url)).Json<LocalActView>();
        removed.Attachments.ShouldNotContain(a => a.Id == file.Id);
        await Send(Curator(School411), s => s.Get.Url(file.Url), 404);
        await Send(Curator(School411), s => s.Delete.Url(file.Url), 404);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.attachments WHERE id = $1", file.Id)).ShouldBe(0);

        var history = await Get<JsonElement>(School411, $"{Url(School411)}/{act.Id}/history");
        history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldBe(
            ["local_act_registered", "local_act_attachment_added", "local_act_attachment_added", "local_act_attachment_removed"]);
    }

    [Fact]
    public async Task A_school_cannot_see_another_schools_act_and_a_mentor_cannot_register_one()
    {
        var act = await Register(School411, new { kind = "encouragement", number = "410", date = "2024-05-30", title = "О поощрении участников наставнической деятельности" });

        // The other school's own route: the stream is not in its tenant.
        await Send(Curator(Gym166), s => s.Get.Url($"{Url(Gym166)}/{act.Id}"), 404);
        await Send(Curator(Gym166), s => s.Get.Url($"{Url(Gym166)}/{act.Id}/history"), 404);
        await Send(Curator(Gym166), s => s.Patch.Json(new { title = "Чужой" }).ToUrl($"{Url(Gym166)}/{act.Id}"), 404);
        (await Get<Page<LocalActRow>>(Gym166, Url(Gym166))).Items.ShouldNotContain(a => a.Id == act.Id);
        // The first school's route with the other school's token.
        await Send(Curator(Gym166), s => s.Get.Url($"{Url(School411)}/{act.Id}"), 404);

        var mentor = api.TokenAs($"school:{School411}", Roles.Mentor);
        await Send(mentor, s => s.Post.Json(new { kind = "other", number = "1", date = "2024-01-01", title = "Х" }).ToUrl(Url(School411)), 403);
        await Send(mentor, s => s.Get.Url(Url(School411)), 403);
        var director = api.TokenAs($"school:{School411}", Roles.SchoolDirector);
        await Send(director, s => s.Post.Json(new { reason = "Ошибочно издан" }).ToUrl($"{Url(School411)}/{act.Id}/repeal"));
    }
}
