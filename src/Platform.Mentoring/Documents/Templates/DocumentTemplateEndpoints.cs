using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.Domain;
using Platform.EventStore;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;

namespace Platform.Mentoring.Documents.Templates;

/// <summary>A kind of document as a district sees it: the placeholders its template may hold, and the district's template in use, if any.</summary>
public sealed record DocumentTemplateView(string Kind, string Name, IReadOnlyList<Placeholder> Placeholders, CurrentTemplate? Template);

/// <summary>One version of a district's template of a kind: uploaded (with its file) or removed.</summary>
public sealed record TemplateVersion(long Version, DateTimeOffset At, string? By, bool Removed, string? FileName, long? Size, string? Url);

/// <summary>
/// A district replaces the platform's layout of a document with its own DOCX (its letterhead, its wording): upload, remove,
/// the versions with their files. Every document of the district and its schools of that kind is then the district's
/// template filled with the document's fields.
/// </summary>
public static class DocumentTemplateEndpoints
{
    public static IEndpointRouteBuilder MapDocumentTemplates(this IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/api/districts/{districtId:guid}/document-templates").WithTags("Шаблоны документов");
        templates.MapGet("", List).RequireAuthorization(Policies.DistrictRead).WithSummary("Документы платформы, их поля и шаблоны района");
        // The form is read in the handler: a bound IFormFile would answer 415 before authorization (as local acts' files).
        templates.MapPut("/{kind}", Upload).RequireAuthorization(Policies.DistrictWrite).DisableAntiforgery()
            .WithFormOptions(multipartBodyLengthLimit: DocxTemplate.MaxSize + 1024 * 1024)
            .WithSummary("Загрузить свой шаблон документа: DOCX до 5 МБ с полями вида {{organisation}}")
            .WithDescription("Тело запроса — multipart/form-data с файлом в поле «file». Поля шаблона — из списка полей документа.")
            .ProducesValidationProblem();
        templates.MapDelete("/{kind}", Remove).RequireAuthorization(Policies.DistrictWrite).WithSummary("Вернуть макет платформы")
            .ProducesProblem(StatusCodes.Status409Conflict);
        templates.MapGet("/{kind}/template.docx", Current).RequireAuthorization(Policies.DistrictRead).WithSummary("Шаблон района, который действует сейчас");
        templates.MapGet("/{kind}/starter.docx", Starter).RequireAuthorization(Policies.DistrictRead)
            .WithSummary("Заготовка шаблона: все поля документа, чтобы оформить их в Word");
        templates.MapGet("/{kind}/versions", Versions).RequireAuthorization(Policies.DistrictRead).WithSummary("История шаблона: кто, когда, какой файл");
        templates.MapGet("/{kind}/versions/{version}.docx", VersionFile).RequireAuthorization(Policies.DistrictRead)
            .WithSummary("Файл шаблона в одной из его версий");
        return app;
    }

    public static async Task<IReadOnlyList<DocumentTemplateView>> ListAsync(DocumentSession session, Guid districtId, CancellationToken ct)
    {
        var inUse = (await DocumentTemplateList.InUseAsync(session, districtId, ct)).ToDictionary(t => t.Kind);
        return DocumentKinds.All.Select(k => new DocumentTemplateView(k.Code, k.Name, k.Placeholders, inUse.GetValueOrDefault(k.Code))).ToList();
    }

    private static async Task<Ok<IReadOnlyList<DocumentTemplateView>>> List(Guid districtId, DocumentSession session, CancellationToken ct) =>
        TypedResults.Ok(await ListAsync(session, districtId, ct));

    private static async Task<Results<Ok<DocumentTemplateView>, NotFound>> Upload(Guid districtId, string kind, DocumentSession session, HttpContext http,
        CancellationToken ct)
    {
        if (DocumentKinds.Find(kind) is not { } k) return TypedResults.NotFound();
        new Validation().Require(http.Request.HasFormContentType, "file", "Отправьте файл формой multipart/form-data в поле «file».").ThrowIfInvalid();
        var file = (await http.Request.ReadFormAsync(ct)).Files.GetFile("file");
        new Validation().Require(file is { Length: > 0 }, "file", "Выберите файл шаблона (DOCX).")
            .Require(file is null || file.Length <= DocxTemplate.MaxSize, "file", "Шаблон больше 5 МБ: уменьшите картинки в нём.").ThrowIfInvalid();
        using var buffer = new MemoryStream((int)file!.Length);
        await file.CopyToAsync(buffer, ct);
        return TypedResults.Ok(await UploadAsync(session, districtId, k, file.FileName, buffer.ToArray(), ct));
    }

    /// <summary>Checks the template against the kind's fields, stores the file and appends the upload: the API's and the page's way.</summary>
    public static async Task<DocumentTemplateView> UploadAsync(DocumentSession session, Guid districtId, DocumentKind kind, string fileName, byte[] content,
        CancellationToken ct)
    {
        DocxTemplate.Check(kind, fileName, content);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var uploaded = new DocumentTemplateUploaded(districtId, kind.Code, LocalActs.AttachmentFiles.CleanName(fileName), content.LongLength, sha);
        var stream = await session.Events.FetchForWriting<DistrictTemplate>(DistrictTemplate.StreamId(districtId, kind.Code), ct);
        if (stream.Aggregate is null) session.Events.StartStream<DistrictTemplate>(stream.Id, uploaded);
        else stream.AppendOne(uploaded);
        await DocumentTemplateList.StoreFileAsync(session, districtId, sha, content, ct);
        await session.SaveChangesAsync(ct);
        return await ViewAsync(session, districtId, kind, ct);
    }

    private static async Task<Results<Ok<DocumentTemplateView>, NotFound>> Remove(Guid districtId, string kind, DocumentSession session, CancellationToken ct) =>
        DocumentKinds.Find(kind) is { } k ? TypedResults.Ok(await RemoveAsync(session, districtId, k, ct)) : TypedResults.NotFound();

    public static async Task<DocumentTemplateView> RemoveAsync(DocumentSession session, Guid districtId, DocumentKind kind, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<DistrictTemplate>(DistrictTemplate.StreamId(districtId, kind.Code), ct);
        if (stream.Aggregate is not { InUse: true })
            throw new DomainRuleException($"У района нет своего шаблона документа «{kind.Name}»: действует макет платформы.");
        stream.AppendOne(new DocumentTemplateRemoved(districtId, kind.Code));
        await session.SaveChangesAsync(ct);
        return await ViewAsync(session, districtId, kind, ct);
    }

    private static async Task<DocumentTemplateView> ViewAsync(DocumentSession session, Guid districtId, DocumentKind kind, CancellationToken ct) =>
        new(kind.Code, kind.Name, kind.Placeholders, await DocumentTemplateList.FindAsync(session, districtId, kind.Code, ct));

    private static async Task<Results<FileContentHttpResult, NotFound>> Current(Guid districtId, string kind, DocumentSession session, CancellationToken ct)
    {
        if (DocumentKinds.Find(kind) is null || await DocumentTemplateList.FindAsync(session, districtId, kind, ct) is not { } template) return TypedResults.NotFound();
        return await DocumentTemplateList.FileAsync(session, districtId, template.Sha256, ct) is { } content
            ? TypedResults.File(content, DocumentFiles.ContentType, template.FileName)
            : TypedResults.NotFound();
    }

    private static Results<FileContentHttpResult, NotFound> Starter(string kind) =>
        DocumentKinds.Find(kind) is { } k
            ? TypedResults.File(DocxTemplate.Starter(k, DateTimeOffset.UnixEpoch), DocumentFiles.ContentType, $"Шаблон — {k.Name}.docx")
            : TypedResults.NotFound();

    public static async Task<IReadOnlyList<TemplateVersion>> VersionsAsync(DocumentSession session, Guid districtId, string kind, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(DistrictTemplate.StreamId(districtId, kind), ct: ct);
        return events.Select(e => e.Data is DocumentTemplateUploaded u
                ? new TemplateVersion(e.Version, e.Timestamp, e.UserName, false, u.FileName, u.Size,
                    $"/api/districts/{districtId}/document-templates/{kind}/versions/{e.Version}.docx")
                : new TemplateVersion(e.Version, e.Timestamp, e.UserName, true, null, null, null))
            .Reverse().ToList();
    }

    private static async Task<Results<Ok<IReadOnlyList<TemplateVersion>>, NotFound>> Versions(Guid districtId, string kind, DocumentSession session,
        CancellationToken ct) =>
        DocumentKinds.Find(kind) is null ? TypedResults.NotFound() : TypedResults.Ok(await VersionsAsync(session, districtId, kind, ct));

    private static async Task<Results<FileContentHttpResult, NotFound>> VersionFile(Guid districtId, string kind, string version, DocumentSession session,
        CancellationToken ct)
    {
        // Not a route constraint: a malformed version must meet authorization first, then 404.
        if (!long.TryParse(version, out var number) || number < 1) return TypedResults.NotFound();
        var events = await session.Events.FetchStreamAsync(DistrictTemplate.StreamId(districtId, kind), version: number, ct: ct);
        if (events.Count == 0 || events[^1].Version != number || events[^1].Data is not DocumentTemplateUploaded u) return TypedResults.NotFound();
        return await DocumentTemplateList.FileAsync(session, districtId, u.Sha256, ct) is { } content
            ? TypedResults.File(content, DocumentFiles.ContentType, u.FileName)
            : TypedResults.NotFound();
    }
}
