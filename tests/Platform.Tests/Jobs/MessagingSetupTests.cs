using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Jobs.Messaging;
using Platform.Tests.Infrastructure;
using Weasel.Core.Migrations;
using Wolverine.Persistence.Durability;

namespace Platform.Tests.Jobs;

/// <summary>
/// Wolverine as the product runs it: its tables come from our migration V053 and match what Wolverine expects, the app's
/// role can only add to its inbox, and the handlers' pre-generated code is what Wolverine generates for this configuration.
/// </summary>
[Collection(WolverineCodegen.Name)]
public sealed class MessagingSetupTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task The_migrated_message_store_is_what_Wolverine_expects()
    {
        var store = (IDatabase)api.Services.GetRequiredService<IMessageStore>();
        await store.AssertDatabaseMatchesConfigurationAsync();
    }

    [Fact]
    public async Task The_app_role_may_only_add_envelopes_to_the_inbox_and_reads_nothing_of_the_message_store()
    {
        var granted = await api.Database.OwnerScalarAsync<string>("""
            SELECT string_agg(c.relname || ':' || p.privilege, ', ' ORDER BY c.relname, p.privilege)
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             CROSS JOIN unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) p (privilege)
             WHERE n.nspname = 'wolverine' AND c.relkind = 'r' AND has_table_privilege('platform_app', c.oid, p.privilege)
            """);
        granted.ShouldBe("wolverine_incoming_envelopes:INSERT");
    }

    [Fact]
    public void The_pre_generated_handler_code_is_current()
    {
        var folder = Path.Combine(Repository.Root, "src", "Platform.Jobs", "Internal", "Generated");
        var committed = Directory.GetFiles(folder, "*.cs").ToDictionary(Path.GetFileName, f => Normalize(File.ReadAllText(f)));
        var generated = MessagingSetup.GenerateHandlerCode(api.Services).ToDictionary(f => f.Key, f => Normalize(f.Value));
        const string Regenerate = "Regenerate: rm src/Platform.Jobs/Internal/Generated/*.cs; dotnet src/Platform.Api/bin/Release/net10.0/Platform.Api.dll wolverine-codegen src/Platform.Jobs/Internal/Generated";
        committed.Keys.Order().ShouldBe(generated.Keys.Order(), Regenerate);
        foreach (var (name, code) in generated) committed[name!].ShouldBe(code, Regenerate);
    }

    private static string Normalize(string code) => string.Join('\n', code.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0));
}

/// <summary>
/// Generating the handlers' code runs under JasperFx's process-wide codegen flag (DynamicCodeBuilder.WithinCodegenCommand); a Wolverine host started
/// meanwhile by another test class comes up in MediatorOnly mode and cannot publish (a host fixture then fails to start).
/// This collection runs alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WolverineCodegen
{
    public const string Name = "Wolverine code generation";
}
