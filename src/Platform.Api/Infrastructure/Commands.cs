using Platform.EventStore;
using Platform.EventStore.Projections;
using Platform.Tenancy.Demo;

namespace Platform.Api.Infrastructure;

/// <summary>
/// Maintenance commands of the same binary:
///   migrate | seed-demo | rebuild-projection &lt;name&gt; [--tenant &lt;id&gt;]
/// </summary>
public static class Commands
{
    public static readonly string[] Names = ["migrate", "seed-demo", "rebuild-projection"];

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
                Console.Error.WriteLine("usage: Platform.Api [migrate | seed-demo | rebuild-projection <name> [--tenant <id>]]");
                return 2;
        }
    }
}
