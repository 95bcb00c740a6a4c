using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Identity;
using Platform.Identity.Accounts;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Identity;

public sealed class IdentitySchemaTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public void Migration_V003_is_what_the_Identity_model_generates()
    {
        using var scope = api.Services.CreateScope();
        var generated = scope.ServiceProvider.GetRequiredService<IdentityDb>().Database.GenerateCreateScript();
        using var stream = typeof(IdentityModule).Assembly.GetManifestResourceStream(
            typeof(IdentityModule).Assembly.GetManifestResourceNames().Single(n => n.EndsWith("V003__identity_store.sql")))!;
        var committed = string.Join('\n', new StreamReader(stream).ReadToEnd().Split('\n').Where(l => !l.StartsWith("--")));
        Normalize(committed).ShouldBe(Normalize(generated),
            "The Identity model changed: regenerate with `dotnet src/Platform.Api/bin/Release/net10.0/Platform.Api.dll identity-schema` into a NEW migration (V003 is applied already).");
    }

    private static string Normalize(string sql) => string.Join('\n', sql.Replace("\r", "").Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0));
}
