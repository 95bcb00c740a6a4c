using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.EventStore;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Programs;
using Platform.Tenancy.Access;
using Platform.Tenancy.Registry;

namespace Platform.Tests.Web;

/// <summary>
/// The school's public page in a real browser: the curator publishes an act with its file, a program summary and a news item on
/// «Публичная страница»; a visitor who is not signed in opens the page's address on a phone, sees them without scrolling sideways,
/// downloads the file, and goes on to the district's page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicPageBrowserTests(BrowserFixture browser)
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");
    private const int Phone = 375;
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower) },
    };

    private HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = new Uri(browser.Api.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", browser.Api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator));
        return client;
    }

    [Fact]
    public async Task A_curator_publishes_an_act_a_program_and_news_and_a_visitor_reads_them_on_a_phone_and_downloads_the_file()
    {
        // The act and its scan, as the curator registered them earlier (the API: the acts page has no upload form).
        using var api = Client();
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var actResponse = await api.PostAsJsonAsync($"/api/schools/{Sosh1}/local-acts",
            new { kind = "other", number = "браузер-95", date = yesterday.ToString("yyyy-MM-dd"), title = "О дне открытых дверей наставников (публичная страница)" });
        actResponse.EnsureSuccessStatusCode();
        var act = (await actResponse.Content.ReadFromJsonAsync<LocalActView>(Json))!;
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% public page\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        (await api.PostAsync($"/api/schools/{Sosh1}/local-acts/{act.Id}/attachments",
            new MultipartFormDataContent { { file, "file", "Приказ о неделе наставничества.pdf" } })).EnsureSuccessStatusCode();
        var published = await browser.Api.Database.OwnerListAsync<Guid>("SELECT program_id FROM publication.programs WHERE tenant_id = $1", Sosh1);
        var programs = (await api.GetFromJsonAsync<Page<ProgramRow>>($"/api/schools/{Sosh1}/programs?pageSize=200",
            Json))!.Items;
        var program = programs.First(p => !published.Contains(p.Id));

        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, "curator.sosh1");
        await page.GetByRole(AriaRole.Link, new() { Name = "Публичная страница" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/schools/{Sosh1}/publication$"));

        var actRow = page.Locator($"#pub-act-{act.Id}");
        await actRow.GetByRole(AriaRole.Button, new() { Name = "Опубликовать" }).ClickAsync();
        await Assertions.Expect(page.Locator($"#pub-act-{act.Id} .badge")).ToHaveTextAsync("Опубликован");

        var block = page.Locator($"#pub-program-{program.Id}");
        await block.Locator("summary").ClickAsync();
        await block.GetByLabel("Название для публикации").FillAsync("Наставничество «учитель — учитель»: первый год в профессии");
        await block.GetByRole(AriaRole.Button, new() { Name = "Опубликовать" }).ClickAsync();
        await Assertions.Expect(page.Locator($"#pub-program-{program.Id}")).ToContainTextAsync("Опубликована");

        await page.GetByLabel("Заголовок").First.FillAsync("Неделя наставничества: открытые уроки");
        await page.Locator("#news-text").FillAsync("С 14 по 18 декабря наставники дают открытые уроки.\nПриглашаем родителей и коллег.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Опубликовать новость" }).ClickAsync();
        await Assertions.Expect(page.Locator("#publication article").First).ToContainTextAsync("Неделя наставничества: открытые уроки");
        await BrowserFixture.ShotAsync(page, "95-publication");
        var address = await page.Locator("#public-url").InputValueAsync();
        address.ShouldEndWith($"/public/schools/{Sosh1}");

        // A visitor on a phone, not signed in (a fresh context: no cookies).
        var phone = await browser.NewPageAsync(Phone, 812);
        await phone.GotoAsync(address);
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Наставничество", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator($"#act-{act.Id}")).ToContainTextAsync("О дне открытых дверей наставников (публичная страница)");
        await Assertions.Expect(phone.Locator($"#program-{program.Id}")).ToContainTextAsync("первый год в профессии");
        await Assertions.Expect(phone.Locator("#news")).ToContainTextAsync("Неделя наставничества: открытые уроки");
        // The published program names no one (the demo's best practice and contest winners, with their consent, may).
        (await phone.Locator($"#program-{program.Id}").InnerTextAsync()).ShouldNotContain(program.Mentor.FullName);
        (await phone.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Phone, "no horizontal scroll on a phone");
        await BrowserFixture.ShotAsync(phone, "96-public-school-phone");

        var download = await phone.RunAndWaitForDownloadAsync(() =>
            phone.Locator($"#act-{act.Id}").GetByRole(AriaRole.Link, new() { Name = "Приказ о неделе наставничества.pdf" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("Приказ о неделе наставничества.pdf");
        var saved = Path.Combine(Path.GetTempPath(), $"public-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(saved);
        (await File.ReadAllBytesAsync(saved)).ShouldBe(pdf);
        File.Delete(saved);

        await phone.GetByRole(AriaRole.Link, new() { Name = "«Троицко-Печорский»" }).First.ClickAsync();
        await phone.WaitForURLAsync(new Regex("/public/districts/"));
        await Assertions.Expect(phone.Locator("#schools")).ToContainTextAsync("Средняя общеобразовательная школа № 1");
        (await phone.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Phone, "no horizontal scroll on a phone");
        await BrowserFixture.ShotAsync(phone, "97-public-district-phone");
    }
}
