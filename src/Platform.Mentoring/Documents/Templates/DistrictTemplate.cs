using System.Security.Cryptography;
using System.Text;

namespace Platform.Mentoring.Documents.Templates;

// A district's own layout of one kind of document: a DOCX with placeholders, uploaded by the district's curator, replaced by a
// newer one or removed (back to the platform's layout). One stream per district and kind; tenant = the district. The file's
// bytes are kept apart (mentoring.document_template_files, by hash), every version of them, so that the history can give back
// any template the district ever used.

public sealed record DocumentTemplateUploaded(Guid DistrictId, string Kind, string FileName, long Size, string Sha256);
public sealed record DocumentTemplateRemoved(Guid DistrictId, string Kind);

public sealed record DistrictTemplate(Guid Id, Guid DistrictId, string Kind, string? FileName, string? Sha256)
{
    public bool InUse => Sha256 is not null;

    public static DistrictTemplate Create(DocumentTemplateUploaded e) => new(StreamId(e.DistrictId, e.Kind), e.DistrictId, e.Kind, e.FileName, e.Sha256);

    public DistrictTemplate Apply(DocumentTemplateUploaded e) => this with { FileName = e.FileName, Sha256 = e.Sha256 };
    public DistrictTemplate Apply(DocumentTemplateRemoved e) => this with { FileName = null, Sha256 = null };

    /// <summary>The stream of a district's template of a kind: derived, so that two first uploads at once collide instead of making two streams.</summary>
    public static Guid StreamId(Guid districtId, string kind)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"document-template:{districtId:N}:{kind}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8: a name-based id of our own
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
