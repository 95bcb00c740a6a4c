using System.Diagnostics;

namespace Platform.Tests.Mentoring;

/// <summary>A DOCX as LibreOffice Writer reads it: converted headless to plain text.</summary>
internal static class DocxText
{
    public static async Task<string> ReadAsync(byte[] docx)
    {
        var dir = Directory.CreateTempSubdirectory("docx-");
        try
        {
            var file = Path.Combine(dir.FullName, "document.docx");
            await File.WriteAllBytesAsync(file, docx);
            var start = new ProcessStartInfo("soffice", ["--headless", $"-env:UserInstallation=file://{dir.FullName}/profile", "--convert-to", "txt:Text",
                "--outdir", dir.FullName, file]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
            return await File.ReadAllTextAsync(Path.Combine(dir.FullName, "document.txt"));
        }
        finally { dir.Delete(recursive: true); }
    }
}
