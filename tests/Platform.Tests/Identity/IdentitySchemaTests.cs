using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Identity;
using Platform.Identity.Accounts;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Identity;

public sealed class IdentitySchemaTests(ApiHost api) : IClassFixture<ApiHost>
{
    /// <summary>Identity's tables are V003, the token server's V057 (up to its access section).</summary>
    [Fact]
    public void Migrations_V003_and_V057_are_what_the_Identity_model_generates()
    {
        using var scope = api.Services.CreateScope();
        var generated = Statements(scope.ServiceProvider.GetRequiredService<IdentityDb>().Database.GenerateCreateScript());
        var tokenServer = Migration("V057__token_server.sql", upTo: "-- Access.");
        const string Hint = "The Identity model changed: regenerate with `dotnet src/Platform.Api/bin/Release/net10.0/Platform.Api.dll identity-schema` into a NEW migration (V003 and V057 are applied already).";
        Statements(Migration("V003__identity_store.sql")).ShouldBe(generated.Where(s => !s.Contains("oidc_")).ToList(), Hint);
        Statements(tokenServer).ShouldBe(generated.Where(s => s.Contains("oidc_")).ToList(), Hint);
    }

    private static string Migration(string name, string? upTo = null)
    {
        var assembly = typeof(IdentityModule).Assembly;
        using var stream = assembly.GetManifestResourceStream(assembly.GetManifestResourceNames().Single(n => n.EndsWith(name)))!;
        var text = new StreamReader(stream).ReadToEnd();
        if (upTo is not null) text = text[..text.IndexOf(upTo, StringComparison.Ordinal)];
        return string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("--")));
    }

    private static List<string> Statements(string sql) => sql.Replace("\r", "").Split(";\n")
        .Select(s => string.Join('\n', s.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0)))
        .Where(s => s.Length > 0 && !s.StartsWith("CREATE SCHEMA", StringComparison.Ordinal) && !s.Contains("IF NOT EXISTS"))
        .ToList();
}
