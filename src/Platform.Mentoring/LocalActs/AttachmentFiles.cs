using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Platform.EventStore;

namespace Platform.Mentoring.LocalActs;

/// <summary>A file accepted for storage: its clean name, the content type we serve it with, its bytes and SHA-256.</summary>
public sealed record AcceptedFile(string FileName, string ContentType, byte[] Content, string Sha256)
{
    public long Size => Content.LongLength;
}

/// <summary>
/// Scans of acts: which files are accepted, and their storage in mentoring.attachments (written in the
/// transaction of the event that attaches them). The type comes from the extension and must match the
/// file's signature, so that a renamed executable is not stored as a «PDF»; the content type served back
/// is ours, never the uploader's.
/// </summary>
public static class AttachmentFiles
{
    public const long MaxSize = 10 * 1024 * 1024;

    private const string Allowed = "Можно приложить файл PDF, DOC, DOCX, ODT, JPG или PNG.";

    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly Dictionary<string, (string ContentType, Func<byte[], bool> Signature)> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", b => b.AsSpan(0, Math.Min(b.Length, 1024)).IndexOf("%PDF-"u8) >= 0),
        [".doc"] = ("application/msword", b => b.AsSpan().StartsWith(Ole)),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b => b.AsSpan().StartsWith(Zip)),
        [".odt"] = ("application/vnd.oasis.opendocument.text", b => b.AsSpan().StartsWith(Zip)),
        [".jpg"] = ("image/jpeg", b => b.AsSpan().StartsWith(Jpeg)),
        [".jpeg"] = ("image/jpeg", b => b.AsSpan().StartsWith(Jpeg)),
        [".png"] = ("image/png", b => b.AsSpan().StartsWith(Png)),
    };

    /// <summary>Checks a file before anything is read into memory: present, not empty, not too large, an accepted type.</summary>
    public static void CheckHeader(string? fileName, long? length)
    {
        var name = CleanName(fileName);
        new Validation()
            .Require(length is not null, "file", "Приложите файл (поле формы «file»).")
            .Require(length is null || length > 0, "file", "Файл пуст.")
            .Require(length is null || length <= MaxSize, "file", "Файл больше 10 МБ: уменьшите его (например, сканируйте в меньшем разрешении).")
            .Require(length is null || (name.Length > 0 && Types.ContainsKey(Path.GetExtension(name))), "file", Allowed)
            .ThrowIfInvalid();
    }

    /// <summary>The file as stored, or a Russian 400 if its content is not what its extension says.</summary>
    public static AcceptedFile Accept(string fileName, byte[] content)
    {
        CheckHeader(fileName, content.LongLength);
        var name = CleanName(fileName);
        var (contentType, signature) = Types[Path.GetExtension(name)];
        new Validation()
            .Require(signature(content), "file", $"Содержимое файла не соответствует его типу ({Path.GetExtension(name).ToLowerInvariant()}). {Allowed}")
            .ThrowIfInvalid();
        return new AcceptedFile(name, contentType, content, Convert.ToHexStringLower(SHA256.HashData(content)));
    }

    /// <summary>The name without any client path and control characters, at most 255 characters (extension kept).</summary>
    public static string CleanName(string? fileName)
    {
        var name = (fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var sb = new StringBuilder(name.Length);
        foreach (var c in name) if (!char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')) sb.Append(c);
        name = sb.ToString().Trim();
        if (name.Length > 255)
        {
            var ext = Path.GetExtension(name);
            name = name[..(255 - ext.Length)] + ext;
        }
        return name;
    }

    public static Task StoreAsync(DocumentSession session, Guid schoolId, Guid fileId, AcceptedFile file, DateTimeOffset now, CancellationToken ct) =>
        session.ExecuteAsync("""
            INSERT INTO mentoring.attachments (tenant_id, id, file_name, content_type, size, sha256, content, uploaded_at, uploaded_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, ct, schoolId, fileId, file.FileName, file.ContentType, file.Size, file.Sha256, file.Content, now, session.UserName);

    /// <summary>Removing a file from an act deletes its content (it may hold personal data); the history keeps its name, size and hash.</summary>
    public static Task DeleteAsync(DocumentSession session, Guid schoolId, Guid fileId, CancellationToken ct) =>
        session.ExecuteAsync("DELETE FROM mentoring.attachments WHERE tenant_id = $1 AND id = $2", ct, schoolId, fileId);

    /// <summary>Copies the stored content to <paramref name="target"/> without holding the whole file in memory.</summary>
    public static async Task CopyToAsync(DocumentSession session, Guid schoolId, Guid fileId, Stream target, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT content FROM mentoring.attachments WHERE tenant_id = $1 AND id = $2", connection, session.Transaction);
        cmd.Parameters.Add(new NpgsqlParameter { Value = schoolId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = fileId });
        await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        if (!await reader.ReadAsync(ct)) return;
        await using var content = reader.GetStream(0);
        await content.CopyToAsync(target, ct);
    }
}
