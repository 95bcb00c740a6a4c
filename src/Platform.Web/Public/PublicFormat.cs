namespace Platform.Web.Public;

public static class PublicFormat
{
    public static string Size(long bytes) => bytes < 1024 * 1024
        ? $"{Math.Max(1, (bytes + 1023) / 1024)} КБ"
        : $"{(bytes / (1024.0 * 1024)).ToString("0.#", Shell.Format.Russian)} МБ";

    /// <summary>A news text as the curator typed it: paragraphs at line breaks (the text is encoded, never read as HTML).</summary>
    public static IEnumerable<string> Paragraphs(string text) =>
        text.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
