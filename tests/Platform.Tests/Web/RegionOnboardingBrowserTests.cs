using Microsoft.Playwright;

namespace Platform.Tests.Web;

/// <summary>
/// A region comes on board in the browser: the platform administrator creates it and invites its officer; the officer
/// accepts the one-time link and registers the region's first district.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RegionOnboardingBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_administrator_creates_a_region_and_its_officer_registers_a_district()
    {
        var admin = await browser.NewPageAsync();
        await browser.SignInAsync(admin, "platform.admin");
        admin.Url.ShouldEndWith("/regions");
        await admin.GetByLabel("Код региона").FillAsync("806");
        await admin.GetByLabel("Название региона").FillAsync("Область Шестая");
        await admin.GetByLabel("Региональный институт развития образования").FillAsync("Институт развития образования Шестой области");
        await admin.GetByLabel("Часовой пояс региона").SelectOptionAsync("Asia/Yekaterinburg");
        await BrowserFixture.ShotAsync(admin, "40-regions-create");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Создать регион" }).ClickAsync();
        await admin.WaitForURLAsync(url => url.Contains("/settings"));
        await Assertions.Expect(admin.GetByRole(AriaRole.Status).First).ToContainTextAsync("Регион создан");

        await admin.GetByLabel("ФИО").FillAsync("Шестакова Ольга Петровна");
        await admin.GetByLabel("Электронная почта").FillAsync("shestakova@iro806.ru");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Пригласить специалиста" }).ClickAsync();
        var link = admin.Locator("[data-invite-link]");
        await Assertions.Expect(link).ToContainTextAsync("/account/invite/");
        await BrowserFixture.ShotAsync(admin, "41-region-settings-invited");
        var url = (await link.TextContentAsync())!.Trim();

        var officer = await browser.NewPageAsync();
        await officer.GotoAsync(new Uri(url).PathAndQuery);
        await officer.GetByLabel("Логин").FillAsync("shestakova");
        await officer.GetByLabel("Пароль", new() { Exact = true }).FillAsync("Shestaya-Oblast-2026");
        await officer.GetByLabel("Пароль ещё раз").FillAsync("Shestaya-Oblast-2026");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Создать учётную запись" }).ClickAsync();
        await officer.WaitForURLAsync(u => u.Contains("/regions/"));
        await Assertions.Expect(officer.GetByRole(AriaRole.Heading, new() { Name = "Районы", Exact = true })).ToBeVisibleAsync();

        await officer.GetByLabel("Краткое наименование").FillAsync("Шестой район");
        await officer.GetByLabel("Полное наименование (орган управления образованием)").FillAsync("Управление образования Шестого района");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Зарегистрировать" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Status).First).ToContainTextAsync("Район «Шестой район» зарегистрирован.");
        await Assertions.Expect(officer.GetByRole(AriaRole.Link, new() { Name = "Шестой район" })).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(officer, "42-region-districts");

        await officer.GetByRole(AriaRole.Link, new() { Name = "Шестой район" }).ClickAsync();
        await Assertions.Expect(officer.Locator("[data-event=district_registered]")).ToContainTextAsync("Район зарегистрирован");
        await BrowserFixture.ShotAsync(officer, "43-district-record");
    }
}
