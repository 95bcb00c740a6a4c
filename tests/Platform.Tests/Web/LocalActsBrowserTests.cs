using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Platform.Tests.Web;

/// <summary>The school's «Локальные акты» in a real browser: from the menu, a refused registration with its message next to the field, the act registered and repealed, without reloading the page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LocalActsBrowserTests(BrowserFixture browser)
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    [Fact]
    public async Task A_curator_registers_an_order_after_a_russian_message_and_repeals_it()
    {
        var page = await browser.NewPageAsync();
        var reloads = 0;
        page.Load += (_, _) => reloads++;
        await browser.SignInAsync(page, "curator.sosh1");
        await page.GetByRole(AriaRole.Link, new() { Name = "Локальные акты" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/schools/{Sosh1}/local-acts$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Локальные акты и приказы" })).ToBeVisibleAsync();
        var loadsBefore = reloads;

        var today = DateTime.Today;
        await page.GetByLabel("Вид акта").SelectOptionAsync("other");
        await page.GetByLabel("Номер приказа").FillAsync("браузер-15");
        await page.GetByLabel("Дата приказа").FillAsync(today.AddDays(3).ToString("yyyy-MM-dd"));
        await page.GetByLabel("Название акта").FillAsync("О проведении недели наставничества");
        await page.GetByRole(AriaRole.Button, new() { Name = "Зарегистрировать" }).ClickAsync();
        await Assertions.Expect(page.Locator("#act-date")).ToHaveClassAsync(new Regex("is-invalid"));
        await Assertions.Expect(page.Locator("#act-date-error")).ToHaveTextAsync("Дата приказа не может быть в будущем.");
        await BrowserFixture.ShotAsync(page, "30-local-act-field-error");

        await page.GetByLabel("Дата приказа").FillAsync(today.ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Зарегистрировать" }).ClickAsync();
        var row = page.Locator("tr:has-text('О проведении недели наставничества')");
        await Assertions.Expect(row).ToContainTextAsync("Иной локальный акт");
        await Assertions.Expect(row).ToContainTextAsync("№ браузер-15");
        await Assertions.Expect(row.Locator(".badge")).ToHaveTextAsync("Действует");

        await row.Locator("summary").ClickAsync();
        await row.GetByLabel("Причина отмены").FillAsync("Утратил силу в связи с изданием приказа № браузер-16");
        await row.Locator("button[type=submit]").ClickAsync();
        row = page.Locator("tr:has-text('О проведении недели наставничества')");
        await Assertions.Expect(row.Locator(".badge")).ToHaveTextAsync(new Regex("^Отменён с "));
        reloads.ShouldBe(loadsBefore, "registering and repealing are swapped in without reloading the page");
        await BrowserFixture.ShotAsync(page, "31-local-acts");
    }
}
