using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Npgsql;

namespace Platform.Tests.Infrastructure;

/// <summary>A plain-text pg_dump of the whole test database, as a backup would hold it, to look for what must not be readable in it.</summary>
public static class DatabaseDump
{
    public static async Task<string> TakeAsync(PostgresDatabase database)
    {
        var c = new NpgsqlConnectionStringBuilder(database.OwnerConnectionString);
        var info = new ProcessStartInfo(PgDump(), ["--no-owner", "--no-privileges", "--dbname",
            $"host={c.Host} port={c.Port} user={c.Username} dbname={c.Database}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, await errors);
        return await output;
    }

    /// <summary>The places a text can take in a dump: as typed, and as JSON escapes it (\u041F…).</summary>
    public static IEnumerable<string> Forms(string text) =>
        [text, JsonSerializer.Serialize(text, new JsonSerializerOptions { Encoder = JavaScriptEncoder.Default }).Trim('"')];

    private static string PgDump()
    {
        if (Environment.GetEnvironmentVariable("PLATFORM_PG_BIN") is { Length: > 0 } bin && File.Exists(Path.Combine(bin, "pg_dump")))
            return Path.Combine(bin, "pg_dump");
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pg_dump")).Where(File.Exists).Order().LastOrDefault()
            : null;
        return installed ?? "pg_dump";
    }
}
