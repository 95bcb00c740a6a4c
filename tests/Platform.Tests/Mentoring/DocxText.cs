using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Tests.Mentoring;

/// <summary>A DOCX as LibreOffice Writer reads it: converted headless to plain text, or to PDF.</summary>
internal static partial class DocxText
{
    public static async Task<string> ReadAsync(byte[] docx) => Encoding.UTF8.GetString(await ConvertAsync(docx, "txt:Text", "txt")).TrimStart('\uFEFF');

    /// <summary>The document printed to PDF by LibreOffice, and its number of pages.</summary>
    public static async Task<(byte[] Pdf, int Pages)> PdfAsync(byte[] docx)
    {
        var pdf = await ConvertAsync(docx, "pdf", "pdf");
        // LibreOffice writes one uncompressed «/Type /Page» dictionary per page (and «/Type /Pages» for the tree).
        return (pdf, PageObject().Matches(Encoding.Latin1.GetString(pdf)).Count);
    }

    /// <summary>Text and PDF: LibreOffice opens the file, finds its text and prints it on at least one page.</summary>
    public static async Task<string> CheckAsync(byte[] docx, int minPages = 1, int maxPages = 20)
    {
        var (pdf, pages) = await PdfAsync(docx);
        Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        pages.ShouldBeInRange(minPages, maxPages);
        return await ReadAsync(docx);
    }

    private static async Task<byte[]> ConvertAsync(byte[] docx, string filter, string extension)
    {
        var dir = Directory.CreateTempSubdirectory("docx-");
        try
        {
            var file = Path.Combine(dir.FullName, "document.docx");
            await File.WriteAllBytesAsync(file, docx);
            var start = new ProcessStartInfo("soffice", ["--headless", $"-env:UserInstallation=file://{dir.FullName}/profile", "--convert-to", filter,
                "--outdir", dir.FullName, file]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
            return await File.ReadAllBytesAsync(Path.Combine(dir.FullName, $"document.{extension}"));
        }
        finally { dir.Delete(recursive: true); }
    }

    [GeneratedRegex(@"/Type\s*/Page(?![s\w])")]
    private static partial Regex PageObject();
}
