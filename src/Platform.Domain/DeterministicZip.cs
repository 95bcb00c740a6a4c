using System.IO.Compression;

namespace Platform.Domain;

/// <summary>
/// Office files (XLSX, DOCX) and packages are ZIP archives whose entries carry the time they were written: the same data would
/// give other bytes on every download. Rewritten here with one timestamp and a fixed order, the same data gives the same bytes.
/// </summary>
public static class DeterministicZip
{
    /// <summary>The same entries in the same order, every timestamp set to <paramref name="stamp"/>.</summary>
    public static byte[] Rewrite(byte[] zip, DateTimeOffset stamp)
    {
        using var input = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries.OrderBy(e => e.FullName == "[Content_Types].xml" ? 0 : 1).ThenBy(e => e.FullName, StringComparer.Ordinal))
            {
                var copy = archive.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = Stamp(stamp);
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }
        return output.ToArray();
    }

    /// <summary>ZIP keeps local time without an offset and from 1980 on: the moment in UTC, as is.</summary>
    public static DateTimeOffset Stamp(DateTimeOffset stamp)
    {
        var utc = stamp.UtcDateTime;
        if (utc.Year < 1980) utc = new DateTime(1980, 1, 1);
        return new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified), TimeSpan.Zero);
    }
}
