using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Platform.EventStore;
using Platform.Tenancy.Access;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>«Загрузка списка» over HTTP as the browser posts it: a check that writes nothing and lists the rows' errors, a load, a repeat that changes nothing.</summary>
public sealed partial class ImportPageTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");
    private static readonly string Page = $"/schools/{Sosh1}/people/import";

    private async Task<(int Status, string Html)> PostAsync(string token, string mode, string csv)
    {
        var (_, form) = await api.FormAsync(token, Page);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.Token), "__RequestVerificationToken" },
            { new StringContent("staff"), "list" },
            { new StringContent(mode), "mode" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "педагоги.csv");
        var response = await api.Scenario(s =>
        {
            s.AsBrowser(token);
            s.WithRequestHeader("Cookie", form.Cookie);
            s.Post.MultipartFormData(content).ToUrl(Page);
            // A load runs on a worker (202); a check answers at once, and the test reads its status.
            if (mode == "commit") s.StatusCodeShouldBe(202);
            else s.IgnoreStatusCode();
        });
        var html = await response.ReadAsTextAsync();
        if (mode != "commit") return (response.Context.Response.StatusCode, html);
        // The page follows the load (as htmx does) until the report replaces the progress.
        var follow = FollowUrl().Match(html).Groups[1].Value.Replace("&amp;", "&");
        follow.ShouldNotBeEmpty();
        for (var i = 0; i < 300; i++)
        {
            var next = await api.Scenario(s =>
            {
                s.AsBrowser(token);
                s.Get.Url(follow);
                s.IgnoreStatusCode();
            });
            html = await next.ReadAsTextAsync();
            if (!FollowUrl().IsMatch(html)) return (next.Context.Response.StatusCode, html);
            await Task.Delay(50);
        }
        throw new TimeoutException("The load did not end: " + html);
    }

    [GeneratedRegex("<section id=\"import-result\"[^>]*hx-get=\"([^\"]+)\"")]
    private static partial Regex FollowUrl();

    [Fact]
    public async Task A_list_is_checked_then_loaded_all_or_nothing_and_loading_it_again_changes_nothing()
    {
        var curator = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator);
        (await api.PageAsync(curator, $"/schools/{Sosh1}/people")).ShouldContain("Загрузить список из файла");
        (await api.PageAsync(curator, Page)).ShouldContain("Загрузка списка участников");

        const string bad = "ФИО;Должность\nЗагрузкина Вера Павловна;учитель химии\n;учитель физики\n";
        var (status, html) = await PostAsync(curator, "commit", bad);
        status.ShouldBe(422);
        html.ShouldContain("Список не загружен: в файле есть ошибки");
        html.ShouldContain("table-danger");
        (await Count("Загрузкина%")).ShouldBe(0L);

        const string good = "ФИО;Должность\nЗагрузкина Вера Павловна;учитель химии\nЗагрузкин Олег Петрович;учитель физики\n";
        (status, html) = await PostAsync(curator, "check", good);
        status.ShouldBe(200);
        html.ShouldContain("Ошибок нет: будет новых — 2");
        (await Count("Загрузкин%")).ShouldBe(0L);

        (status, html) = await PostAsync(curator, "commit", good);
        status.ShouldBe(200);
        html.ShouldContain("Список загружен: новых — 2");
        (await Count("Загрузкин%")).ShouldBe(2L);

        (_, html) = await PostAsync(curator, "commit", good);
        html.ShouldContain("новых — 0, изменено — 0, без изменений — 2");
        (await Count("Загрузкин%")).ShouldBe(2L);

        // The district reads the school's people but does not load its lists.
        var district = api.TokenFor(TenantScope.District(Platform.Tenancy.Demo.DemoDistrict.DistrictId), Roles.DistrictCurator);
        await api.PageAsync(district, Page, 403);
        (await api.PageAsync(district, $"/schools/{Sosh1}/people")).ShouldNotContain("Загрузить список из файла");
    }

    private Task<long> Count(string name) =>
        api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.people WHERE tenant_id = $1 AND full_name LIKE $2", Sosh1, name);
}
