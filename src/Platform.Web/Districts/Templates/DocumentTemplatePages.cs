using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Documents;
using Platform.Mentoring.Documents.Templates;
using Platform.Web.Shell;

namespace Platform.Web.Districts.Templates;

/// <summary>One kind of document on the page: its template in use, its versions and, after a refused upload, the messages.</summary>
public sealed record TemplateCard(DocumentTemplateView Kind, IReadOnlyList<TemplateVersion> Versions, FormErrors Errors);

public sealed record DocumentTemplatesModel(IReadOnlyList<TemplateCard> Cards, string? Done);

/// <summary>
/// «Шаблоны документов»: for each document the platform makes, the district's own DOCX in use (or the platform's layout), its
/// fields, a starter to edit in Word, the versions; upload and removal call the API's own decisions.
/// </summary>
public static class DocumentTemplatePages
{
    public static RouteGroupBuilder MapDocumentTemplatePages(this RouteGroupBuilder district)
    {
        district.MapGet("/document-templates", (Guid districtId, string? done, HttpContext http, DocumentSession session, CancellationToken ct) =>
            PageAsync(UiContext.For(http), districtId, session, null, FormErrors.None, done, StatusCodes.Status200OK, ct)).RequireAuthorization(Policies.DistrictRead);
        district.MapPost("/document-templates/{kind}", Upload).RequireAuthorization(Policies.DistrictWrite)
            .WithFormOptions(multipartBodyLengthLimit: DocxTemplate.MaxSize + 1024 * 1024);
        district.MapPost("/document-templates/{kind}/remove", Remove).RequireAuthorization(Policies.DistrictWrite);
        return district;
    }

    private static async Task<IResult> PageAsync(UiContext ui, Guid districtId, DocumentSession session, string? refused, FormErrors errors, string? done, int status,
        CancellationToken ct)
    {
        var cards = new List<TemplateCard>();
        foreach (var kind in await DocumentTemplateEndpoints.ListAsync(session, districtId, ct))
            cards.Add(new TemplateCard(kind, await DocumentTemplateEndpoints.VersionsAsync(session, districtId, kind.Kind, ct),
                kind.Kind == refused ? errors : FormErrors.None));
        return Pages.Render<DocumentTemplatesPage>(new { Ui = ui, Model = new DocumentTemplatesModel(cards, done) }, status);
    }

    private const string TooLargeMessage = "Шаблон больше 5 МБ: уменьшите картинки в нём.";

    private static readonly FormErrors TooLarge = new(new Dictionary<string, string[]> { ["file"] = [TooLargeMessage] });

    private static async Task<IResult> Upload(Guid districtId, string kind, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        if (DocumentKinds.Find(kind) is not { } k) return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Такого документа нет." }, StatusCodes.Status404NotFound);
        IFormCollection form;
        bool valid;
        try
        {
            (form, valid) = await Pages.ReadFormAsync(http);
        }
        catch (InvalidDataException)
        {
            return await PageAsync(ui, districtId, session, kind, TooLarge, null,
                StatusCodes.Status422UnprocessableEntity, ct);
        }
        if (!valid) return await PageAsync(ui, districtId, session, kind, FormErrors.General(Pages.StaleForm), null, StatusCodes.Status400BadRequest, ct);
        return await Pages.Attempt(async () =>
        {
            var file = form.Files.GetFile("file");
            new Platform.Domain.Validation().Require(file is { Length: > 0 }, "file", "Выберите файл шаблона (DOCX).")
                .Require(file is null || file.Length <= DocxTemplate.MaxSize, "file", TooLargeMessage).ThrowIfInvalid();
            using var buffer = new MemoryStream((int)file!.Length);
            await file.CopyToAsync(buffer, ct);
            await DocumentTemplateEndpoints.UploadAsync(session, districtId, k, file.FileName, buffer.ToArray(), ct);
            return Results.Redirect(ui.DistrictPath($"/document-templates?done={kind}#{kind}"));
        }, (errors, status) => PageAsync(ui, districtId, session, kind, errors, null, status, ct));
    }

    private static async Task<IResult> Remove(Guid districtId, string kind, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        if (DocumentKinds.Find(kind) is not { } k) return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Такого документа нет." }, StatusCodes.Status404NotFound);
        var (_, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return await PageAsync(ui, districtId, session, kind, FormErrors.General(Pages.StaleForm), null, StatusCodes.Status400BadRequest, ct);
        return await Pages.Attempt(async () =>
        {
            await DocumentTemplateEndpoints.RemoveAsync(session, districtId, k, ct);
            return Results.Redirect(ui.DistrictPath($"/document-templates?done={kind}#{kind}"));
        }, (errors, status) => PageAsync(ui, districtId, session, kind, errors, null, status, ct));
    }
}
