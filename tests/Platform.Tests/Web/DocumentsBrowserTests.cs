using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Tests.Mentoring;

namespace Platform.Tests.Web;

/// <summary>
/// A school curator takes the papers the platform writes: the curator's appointment order from «Локальные акты» (the name in
/// the accusative), then on a completed program's page the program itself and its completion order with the number and date
/// typed in — each download opened by LibreOffice.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DocumentsBrowserTests(BrowserFixture browser)
{
    private static readonly Guid Sosh1 = MentoringScenario.Sosh1;

    private static async Task<string> DownloadTextAsync(IPage page, Func<Task> click)
    {
        var download = await page.RunAndWaitForDownloadAsync(click);
        download.SuggestedFilename.ShouldEndWith(".docx");
        return await DocxText.CheckAsync(await File.ReadAllBytesAsync((await download.PathAsync())!));
    }

    [Fact]
    public async Task A_curator_downloads_the_orders_and_the_program_as_documents()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, "curator.sosh1");

        await page.GotoAsync($"/schools/{Sosh1}/local-acts");
        var appointment = page.GetByRole(AriaRole.Link, new() { Name = "Приказ о назначении (DOCX)" });
        await Assertions.Expect(appointment).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(page, "88-local-acts-documents");
        var order = await DownloadTextAsync(page, () => appointment.ClickAsync());
        order.ShouldContain("ПРИКАЗЫВАЮ:", Case.Sensitive);
        order.ShouldContain("куратором системы наставничества педагогических работников Лобанову Ирину Викторовну (заместитель директора по учебной работе)");

        var programs = await page.Context.APIRequest.GetAsync($"/api/schools/{Sosh1}/programs?status=completed");
        programs.Ok.ShouldBeTrue();
        var id = (await programs.JsonAsync())!.Value.GetProperty("items")[0].GetProperty("id").GetString();
        await page.GotoAsync($"/schools/{Sosh1}/programs/{id}");
        var documents = page.Locator("#documents");
        await Assertions.Expect(documents).ToContainTextAsync("Документы");
        var program = await DownloadTextAsync(page, () => documents.GetByRole(AriaRole.Link, new() { Name = "Персонализированная программа наставничества (DOCX)" }).ClickAsync());
        program.ShouldContain("ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА", Case.Sensitive);
        program.ShouldContain("III. КРИТЕРИИ ОЦЕНКИ ВЫПОЛНЕНИЯ ПРОГРАММЫ И ЕЕ ЭФФЕКТИВНОСТИ", Case.Sensitive);
        Regex.IsMatch(program, @"Оценка: \d+ балл(а|ов)? из 18").ShouldBeTrue();

        var form = page.Locator("#completion-order");
        await form.GetByLabel("Номер приказа").FillAsync("№ 12-од");
        await form.GetByLabel("Дата приказа").FillAsync("2026-12-07");
        await BrowserFixture.ShotAsync(page, "89-program-documents");
        var completion = await DownloadTextAsync(page, () => form.GetByRole(AriaRole.Button).ClickAsync());
        completion.ShouldContain("7 декабря 2026 г.");
        completion.ShouldContain("№ 12-од");
        completion.ShouldNotContain("№ №");
        completion.ShouldContain("О завершении реализации персонализированной программы наставничества");
        completion.ShouldContain("реализацию персонализированной программы наставничества наставника");
    }
}
