using System.Collections.Concurrent;
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

    // Read by every page (a lock here was contended under load); a file is hashed once, or twice in a race, with the same result.
    private readonly ConcurrentDictionary<string, string> _urls = [];

    public string Url(string file) => _urls.GetOrAdd(file, static file =>
    {
        var path = Path.Combine(Root, file);
        var version = File.Exists(path) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))[..12].ToLowerInvariant() : "missing";
        return $"{RequestPath}/{file}?v={version}";
    });
}
