using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Platform.EventStore;
using Platform.Tenancy.Access;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>
/// «Проверить», then «Загрузить» without choosing the file again: the checked file is kept on the server under a token of the school
/// and the account; another account's or an unknown token is refused with the message next to the file field.
/// </summary>
public sealed partial class ImportKeptFilePageTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");
    private static readonly string Page = $"/schools/{Sosh1}/people/import";

    [GeneratedRegex("name=\"upload\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex UploadToken();

    [GeneratedRegex("<section id=\"import-result\"[^>]*hx-get=\"([^\"]+)\"")]
    private static partial Regex FollowUrl();

    private async Task<(int Status, string Html)> PostAsync(string token, string mode, string? csv, string? upload)
    {
        var (_, form) = await api.FormAsync(token, Page);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.Token), "__RequestVerificationToken" },
            { new StringContent("staff"), "list" },
            { new StringContent(mode), "mode" },
        };
        if (upload is not null) content.Add(new StringContent(upload), "upload");
        if (csv is not null)
        {
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            content.Add(file, "file", "сотрудники.csv");
        }
        var response = await api.Scenario(s =>
        {
            s.AsBrowser(token);
            s.WithRequestHeader("Cookie", form.Cookie);
            s.Post.MultipartFormData(content).ToUrl(Page);
            s.IgnoreStatusCode();
        });
        return (response.Context.Response.StatusCode, await response.ReadAsTextAsync());
    }

    [Fact]
    public async Task A_checked_file_is_loaded_with_its_token_without_being_sent_again()
    {
        var curator = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator);
        const string good = "ФИО;Должность\nХранимова Ирина Львовна;учитель музыки\nХранимов Пётр Ильич;учитель труда\n";
        var (status, html) = await PostAsync(curator, "check", good, null);
        status.ShouldBe(200);
        html.ShouldContain("Ошибок нет: будет новых — 2");
        html.ShouldContain("Проверенный файл «сотрудники.csv» сохранён на 30 минут");
        var token = UploadToken().Match(html).Groups[1].Value;
        token.ShouldNotBeEmpty();

        // Neither a token of nothing nor another account's use of this one loads anything.
        (status, html) = await PostAsync(curator, "commit", null, Guid.NewGuid().ToString());
        status.ShouldBe(422);
        html.ShouldContain("Проверенный файл больше не хранится");
        var other = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolDirector);
        (status, _) = await PostAsync(other, "commit", null, token);
        status.ShouldBe(422);
        (await Count()).ShouldBe(0L);

        (status, html) = await PostAsync(curator, "commit", null, token);
        status.ShouldBe(202);
        var follow = FollowUrl().Match(html).Groups[1].Value.Replace("&amp;", "&");
        follow.ShouldNotBeEmpty();
        for (var i = 0; i < 300 && FollowUrl().IsMatch(html); i++)
        {
            await Task.Delay(50);
            html = await (await api.Scenario(s =>
            {
                s.AsBrowser(curator);
                s.Get.Url(follow);
                s.IgnoreStatusCode();
            })).ReadAsTextAsync();
        }
        html.ShouldContain("Список загружен: новых — 2");
        (await Count()).ShouldBe(2L);

        // Loaded: the token is spent.
        (status, _) = await PostAsync(curator, "commit", null, token);
        status.ShouldBe(422);
    }

    private Task<long> Count() =>
        api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.people WHERE tenant_id = $1 AND full_name LIKE 'Храним%'", Sosh1);
}
