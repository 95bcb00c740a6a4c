using System.Security.Cryptography;

namespace Platform.Web.Shell;

/// <summary>
/// The UI's static files (ui/ next to the binary): addresses carry a hash of the file, so browsers keep them for a year
/// and fetch again only when a file changes — a slow school connection downloads the libraries once.
/// </summary>
public sealed class Assets
{
    public const string RequestPath = "/ui";
    public static string Root => Path.Combine(AppContext.BaseDirectory, "ui");

    private readonly Dictionary<string, string> _urls = [];

    public string Url(string file)
    {
        lock (_urls)
        {
            if (_urls.TryGetValue(file, out var url)) return url;
            var path = Path.Combine(Root, file);
            var version = File.Exists(path) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))[..12].ToLowerInvariant() : "missing";
            return _urls[file] = $"{RequestPath}/{file}?v={version}";
        }
    }
}
