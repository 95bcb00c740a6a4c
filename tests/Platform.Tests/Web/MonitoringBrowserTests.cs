using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Tenancy.Demo;

namespace Platform.Tests.Web;

/// <summary>
/// A monitoring campaign in a real browser: the district opens it, the school fills the hand-entered value and submits (after the
/// Russian message next to the empty field), the district returns it with a comment, the school sees the comment and resubmits,
/// the district accepts, assembles the submission and downloads the XLSX with the sign-in cookie.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MonitoringBrowserTests(BrowserFixture browser)
{
    private const string Title = "Мониторинг — проверка в браузере";
    private const string School = "ГБУ ЦППМСП Пушкинского района";

    [Fact]
    public async Task A_report_goes_from_the_school_to_the_district_and_back_then_into_the_submission()
    {
        var district = await browser.NewPageAsync();
        await browser.SignInAsync(district, "district.curator");
        await district.GetByRole(AriaRole.Link, new() { Name = "Кампании" }).ClickAsync();
        (await district.GetByLabel("Срок сдачи").InputValueAsync()).ShouldEndWith("-12-23");
        await district.GetByLabel("Название").FillAsync(Title);
        await district.GetByRole(AriaRole.Button, new() { Name = "Открыть кампанию" }).ClickAsync();
        await district.WaitForURLAsync(new Regex("/campaigns/[0-9a-f-]{36}$"));
        var campaignUrl = district.Url;
        await Assertions.Expect(district.GetByRole(AriaRole.Heading, new() { Name = Title })).ToBeVisibleAsync();
        await Assertions.Expect(district.Locator("tr", new() { HasText = School })).ToContainTextAsync("Не начат");

        // The school: generate the report, try to submit without the hand-entered value, fill it, submit.
        var school = await browser.NewPageAsync();
        await browser.SignInAsync(school, "curator.cppmsp");
        await school.GetByRole(AriaRole.Link, new() { Name = "Мониторинг" }).ClickAsync();
        await BrowserFixture.ShotAsync(school, "21-school-monitoring");
        await school.Locator("tr", new() { HasText = Title }).GetByRole(AriaRole.Button, new() { Name = "Сформировать отчёт" }).ClickAsync();
        await school.WaitForURLAsync(new Regex("/monitoring/reports/[0-9a-f-]{36}$"));
        var reportUrl = school.Url;
        await Assertions.Expect(school.Locator("[data-report-status]")).ToHaveTextAsync("Черновик");
        var website = school.GetByLabel("Раздел «Наставничество» на официальном сайте");
        await school.GetByRole(AriaRole.Button, new() { Name = "Сдать отчёт в район" }).ClickAsync();
        await Assertions.Expect(school.Locator("#v-website_section-error")).ToContainTextAsync("Заполните показатель");
        await Assertions.Expect(website).ToHaveClassAsync(new Regex("is-invalid"));
        await BrowserFixture.ShotAsync(school, "22-school-report-field-error");
        await website.SelectOptionAsync("1");
        await school.GetByRole(AriaRole.Button, new() { Name = "Сдать отчёт в район" }).ClickAsync();
        await Assertions.Expect(school.Locator("[data-report-status]")).ToHaveTextAsync("Сдан");
        await Assertions.Expect(school.Locator("#report-section")).ToContainTextAsync("Отчёт сдан в район.");
        (await school.GetByRole(AriaRole.Button, new() { Name = "Сдать отчёт в район" }).CountAsync()).ShouldBe(0, "a submitted report waits for the district");

        // The district returns it: the comment is required, then the report is back with the school.
        await district.GotoAsync(campaignUrl);
        await district.GetByRole(AriaRole.Link, new() { Name = School }).ClickAsync();
        await Assertions.Expect(district.Locator("[data-report-status]")).ToHaveTextAsync("Сдан");
        await district.GetByRole(AriaRole.Button, new() { Name = "Вернуть на доработку" }).ClickAsync();
        await Assertions.Expect(district.Locator("#comment-error")).ToBeVisibleAsync();
        await district.GetByLabel("Комментарий: что исправить").FillAsync("Проверьте ссылку на раздел сайта и приложите приказ.");
        await district.GetByRole(AriaRole.Button, new() { Name = "Вернуть на доработку" }).ClickAsync();
        await Assertions.Expect(district.Locator("[data-report-status]")).ToHaveTextAsync("Возвращён на доработку");
        await BrowserFixture.ShotAsync(district, "23-district-returned-report");

        // The school sees the comment and resubmits.
        await school.GotoAsync(reportUrl);
        await Assertions.Expect(school.Locator("[data-return-comment]")).ToContainTextAsync("Проверьте ссылку на раздел сайта");
        await BrowserFixture.ShotAsync(school, "24-school-sees-comment");
        await school.GetByRole(AriaRole.Button, new() { Name = "Сдать отчёт в район" }).ClickAsync();
        await Assertions.Expect(school.Locator("[data-report-status]")).ToHaveTextAsync("Сдан");

        // The district accepts; the school's report is read-only; the submission is assembled and its XLSX downloads.
        await district.ReloadAsync();
        await district.GetByRole(AriaRole.Button, new() { Name = "Принять отчёт" }).ClickAsync();
        await Assertions.Expect(district.Locator("[data-report-status]")).ToHaveTextAsync("Принят");
        await school.ReloadAsync();
        await Assertions.Expect(school.Locator("[data-report-status]")).ToHaveTextAsync("Принят");
        (await school.Locator("#report-section select, #report-section input:not([type=hidden])").CountAsync()).ShouldBe(0, "an accepted report is read-only");
        (await school.GetByRole(AriaRole.Button).Filter(new() { HasText = "Сдать" }).CountAsync()).ShouldBe(0);

        await district.GotoAsync(campaignUrl);
        await Assertions.Expect(district.Locator("tr", new() { HasText = School })).ToContainTextAsync("Принят");
        await district.GetByRole(AriaRole.Button, new() { Name = "Собрать сводный отчёт" }).ClickAsync();
        var xlsx = district.GetByRole(AriaRole.Link, new() { Name = "Скачать XLSX" }).First;
        await Assertions.Expect(xlsx).ToBeVisibleAsync();
        await Assertions.Expect(district.Locator("#submissions")).ToContainTextAsync("1 организация");
        await BrowserFixture.ShotAsync(district, "25-district-campaign-submission");
        var href = await xlsx.GetAttributeAsync("href");
        href.ShouldStartWith($"/api/districts/{DemoDistrict.DistrictId}/submissions/");
        var download = await district.Context.APIRequest.GetAsync(href!);
        download.Status.ShouldBe(200);
        download.Headers["content-type"].ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        (await download.BodyAsync()).Take(2).ShouldBe("PK"u8.ToArray(), "an XLSX is a ZIP");
        var zip = await district.Context.APIRequest.GetAsync(href!.Replace("export.xlsx", "package.zip"));
        zip.Status.ShouldBe(200);
        zip.Headers["content-type"].ShouldBe("application/zip");

        await district.GetByRole(AriaRole.Link, new() { Name = "Все кампании" }).ClickAsync();
        await Assertions.Expect(district.Locator("tr", new() { HasText = Title })).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(district, "26-district-campaigns");
    }
}
