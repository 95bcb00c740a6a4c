using Platform.EventStore;
using Platform.EventStore.Projections;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Accounts;
using Platform.Identity.Demo;
using Platform.Identity.Tokens;
using Platform.Tenancy.Demo;

namespace Platform.Api.Infrastructure;

/// <summary>
/// Maintenance commands of the same binary:
///   migrate | seed-demo | rebuild-projection &lt;name&gt; [--tenant &lt;id&gt;] | rotate-signing-key | identity-schema | marten-schema | wolverine-schema | wolverine-codegen &lt;folder&gt; | hangfire-schema
/// </summary>
public static class Commands
{
    public static readonly string[] Names = ["migrate", "seed-demo", "rebuild-projection", "rotate-signing-key", "identity-schema", "marten-schema", "wolverine-schema", "wolverine-codegen", "hangfire-schema"];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Commands");
        var store = app.Services.GetRequiredService<DocumentStore>();
        switch (args[0])
        {
            case "migrate":
                await PlatformServices.Migrator(app.Configuration, logger).MigrateAsync();
                return 0;
            case "seed-demo":
                await PlatformServices.Migrator(app.Configuration, logger).MigrateAsync();
                await DemoDistrict.SeedAsync(store, logger);
                await Platform.Mentoring.Demo.DemoWorkspace.SeedAsync(store, app.Services.GetRequiredService<TimeProvider>(), logger);
                await Platform.Reporting.Demo.DemoReporting.SeedAsync(store, app.Services.GetRequiredService<TimeProvider>(), logger);
                if (app.Environment.IsDevelopment()) await DemoAccounts.SeedAsync(app.Services, logger);
                await Platform.Mentoring.Demo.DemoRecognition.SeedAsync(store, app.Services.GetRequiredService<TimeProvider>(), logger);
                return 0;
            case "rotate-signing-key":
                var keys = app.Services.GetRequiredService<TokenKeys>();
                await keys.LoadAsync();
                logger.LogInformation("New signing key {KeyId}: nodes sign with it from their next start; the previous one validates until retired at the next rotation", await keys.RotateAsync());
                return 0;
            case "identity-schema":
                // Prints Identity's DDL for the current model: the body of migration V003 (see IdentitySchemaTests).
                await using (var scope = app.Services.CreateAsyncScope())
                    Console.WriteLine(scope.ServiceProvider.GetRequiredService<IdentityDb>().Database.GenerateCreateScript());
                return 0;
            case "marten-schema":
                // Prints Marten's DDL for the store's configuration: the Marten part of migration V050 (see MartenSchemaTests).
                var file = Path.GetTempFileName();
                await store.Marten.Storage.WriteCreationScriptToFile(file);
                Console.WriteLine(await File.ReadAllTextAsync(file));
                File.Delete(file);
                return 0;
            case "wolverine-schema":
                // Prints Wolverine's message store DDL: the Wolverine part of migration V053 (see MessagingSchemaTests).
                var messages = (Weasel.Core.Migrations.IDatabase)app.Services.GetRequiredService<Wolverine.Persistence.Durability.IMessageStore>();
                Console.WriteLine(messages.ToDatabaseScript());
                return 0;
            case "wolverine-codegen" when args.Length >= 2:
                // Writes the message handlers' code Wolverine would generate at start-up into a folder:
                // src/Platform.Jobs/Internal/Generated, compiled in and loaded as it is (TypeLoadMode.Static).
                Directory.CreateDirectory(args[1]);
                foreach (var (name, code) in Platform.Jobs.Messaging.MessagingSetup.GenerateHandlerCode(app.Services))
                    await File.WriteAllTextAsync(Path.Combine(args[1], name), code);
                return 0;
            case "hangfire-schema":
                // Prints Hangfire.PostgreSql's installer scripts: the Hangfire part of migration V054 (see SchedulingTests).
                Console.Write(Platform.Jobs.Scheduling.Scheduling.SchemaScript());
                return 0;
            case "rebuild-projection" when args.Length >= 2:
                Guid? tenant = null;
                var t = Array.IndexOf(args, "--tenant");
                if (t > 0 && t + 1 < args.Length) tenant = Guid.Parse(args[t + 1]);
                var progress = new Progress<RebuildProgress>(p =>
                    Console.Error.WriteLine($"{p.Projection}: {p.Processed:N0} / {p.Total:N0} events ({p.Percent}%)"));
                var result = await new ProjectionRebuilder(store).RebuildAsync(args[1], tenant, progress);
                logger.LogInformation("Rebuilt projection {Projection} for {Tenant}: {Events} events",
                    result.Projection, tenant?.ToString() ?? "all tenants", result.Processed);
                return 0;
            default:
                Console.Error.WriteLine("usage: Platform.Api [migrate | seed-demo | rebuild-projection <name> [--tenant <id>] | rotate-signing-key | identity-schema | marten-schema | wolverine-schema | wolverine-codegen <folder> | hangfire-schema]");
                return 2;
        }
    }
}
