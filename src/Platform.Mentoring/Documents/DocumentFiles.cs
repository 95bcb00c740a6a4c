using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.EventStore;
using Platform.Mentoring.Documents.Templates;

namespace Platform.Mentoring.Documents;

/// <summary>
/// What a document endpoint returns: the district's own template for the kind filled with the fields when the district has one,
/// else the platform's layout.
/// </summary>
public static class DocumentFiles
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <param name="districtId">The district whose template applies: the school's district, or the district itself.</param>
    /// <param name="builtIn">The platform's own layout of the same fields.</param>
    /// <param name="stamp">When the data last changed: the file's timestamp.</param>
    public static async Task<FileContentHttpResult> ProduceAsync(DocumentSession session, Guid districtId, DocumentKind kind, DocumentFields fields,
        Func<byte[]> builtIn, string fileName, DateTimeOffset stamp, CancellationToken ct)
    {
        if (await DocumentTemplateList.FindAsync(session, districtId, kind.Code, ct) is { } template
            && await DocumentTemplateList.FileAsync(session, districtId, template.Sha256, ct) is { } content)
            return TypedResults.File(DocxTemplate.Fill(content, fields, template.UploadedAt > stamp ? template.UploadedAt : stamp), ContentType, fileName);
        return TypedResults.File(builtIn(), ContentType, fileName);
    }
}
