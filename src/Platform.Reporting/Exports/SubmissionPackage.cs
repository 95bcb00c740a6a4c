using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Platform.Reporting.Exports;

public sealed record ExportFile(string Name, string ContentType, byte[] Content);

/// <summary>The files of a submission: XLSX, CSV, JSON, and the ZIP package of the three with manifest.json (SHA-256 of each).</summary>
public static class SubmissionFiles
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Csv = "text/csv; charset=utf-8";
    public const string Json = "application/json; charset=utf-8";
    public const string Zip = "application/zip";

    public static ExportFile XlsxFile(SubmissionTable t) => new($"{t.BaseName}.xlsx", Xlsx, XlsxExport.Write(t));
    public static ExportFile CsvFile(SubmissionTable t) => new($"{t.BaseName}.csv", Csv, CsvExport.Write(t));
    public static ExportFile JsonFile(SubmissionTable t) => new($"{t.BaseName}.json", Json, JsonExport.Write(t));

    public sealed record ManifestFile(string Name, long Size, string Sha256);
    public sealed record Manifest(Guid SubmissionId, Guid CampaignId, string Campaign, string District, DateTimeOffset AsOf, int Schools,
        IReadOnlyList<ManifestFile> Files);

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static ExportFile ZipFile(SubmissionTable t)
    {
        ExportFile[] files = [XlsxFile(t), CsvFile(t), JsonFile(t)];
        var s = t.Submission;
        var manifest = new Manifest(s.Id, s.CampaignId, s.CampaignTitle, s.DistrictName, s.AsOf, t.Rows.Count,
            files.Select(f => new ManifestFile(f.Name, f.Content.Length, Sha256(f.Content))).ToList());
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var f in files.Append(new ExportFile("manifest.json", Json, JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson))))
            {
                var entry = archive.CreateEntry(f.Name, CompressionLevel.Optimal);
                entry.LastWriteTime = Platform.Domain.DeterministicZip.Stamp(t.Stamp);
                using var to = entry.Open();
                to.Write(f.Content);
            }
        }
        return new ExportFile($"{t.BaseName}.zip", Zip, output.ToArray());
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
