using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Mentoring.Documents;
using Platform.Mentoring.Documents.Templates;
using Platform.Tenancy.Demo;

namespace Platform.Tests.Web;

/// <summary>
/// A district's own template in a real browser: the district curator picks a file that is not a template (the reason appears
/// next to the file), then the district's blank made from the starter; it is in use and in the history; then the platform's
/// layout comes back.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DocumentTemplatesBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_district_curator_replaces_the_order_on_pairs_with_the_districts_blank_and_takes_it_back()
    {
        var dir = Directory.CreateTempSubdirectory("templates-");
        try
        {
            var blank = Path.Combine(dir.FullName, "Бланк УО — приказ о парах.docx");
            await File.WriteAllBytesAsync(blank, DocxTemplate.Starter(DocumentKinds.Find("pair_order")!, DateTimeOffset.UnixEpoch));
            var wrong = Path.Combine(dir.FullName, "Положение.docx");
            await File.WriteAllBytesAsync(wrong, Docx.Write([Docx.Paragraph("Положение о наставничестве")], landscape: false, DateTimeOffset.UnixEpoch));

            var page = await browser.NewPageAsync();
            await browser.SignInAsync(page, "district.curator");
            await page.GetByRole(AriaRole.Link, new() { Name = "Шаблоны документов" }).ClickAsync();
            await page.WaitForURLAsync(new Regex($"/districts/{DemoDistrict.DistrictId}/document-templates$"));
            var card = page.Locator("section#pair_order");
            await Assertions.Expect(card).ToContainTextAsync("Макет платформы");

            await card.GetByLabel("Файл шаблона «Приказ о закреплении наставнических пар (групп)»").SetInputFilesAsync(wrong);
            await card.GetByRole(AriaRole.Button, new() { Name = "Загрузить шаблон" }).ClickAsync();
            await Assertions.Expect(page.Locator("#pair_order-file-error")).ToContainTextAsync("нет ни одного поля");

            card = page.Locator("section#pair_order");
            await card.GetByLabel("Файл шаблона «Приказ о закреплении наставнических пар (групп)»").SetInputFilesAsync(blank);
            await card.GetByRole(AriaRole.Button, new() { Name = "Загрузить шаблон" }).ClickAsync();
            await Assertions.Expect(card).ToContainTextAsync("Шаблон района загружен и действует.");
            await Assertions.Expect(card).ToContainTextAsync("«Бланк УО — приказ о парах.docx»");
            await card.Locator("summary:has-text('История шаблона')").ClickAsync();
            await BrowserFixture.ShotAsync(page, "100-district-document-templates");

            await card.GetByRole(AriaRole.Button, new() { Name = "Вернуть макет платформы" }).ClickAsync();
            await Assertions.Expect(page.Locator("section#pair_order")).ToContainTextAsync("Шаблон района снят: действует макет платформы.");
        }
        finally { dir.Delete(recursive: true); }
    }
}
