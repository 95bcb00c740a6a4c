using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.EventStore;
using Platform.EventStore.Databases;
using Platform.EventStore.Migrations;
using Platform.Identity;
using Platform.Mentoring;
using Platform.Reporting;
using Platform.Reporting.Dashboard;
using Platform.Identity.Demo;
using Platform.Identity.Tokens;
using Platform.Jobs;
using Platform.Tenancy;
using Platform.Tenancy.Demo;
using Platform.Tenancy.Resolution;

namespace Platform.Api.Infrastructure;

/// <summary>Composition of the store, tenancy and the request pipeline's services.</summary>
public static class PlatformServices
{
    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddSingleton(sp => new DocumentStore(new DocumentStoreOptions
        {
            ConnectionString = config.GetConnectionString("Platform")
                ?? throw new InvalidOperationException("ConnectionStrings:Platform is not configured."),
            SystemConnectionString = config.GetConnectionString("PlatformSystem"),
            ReplicaConnectionString = config.GetConnectionString("PlatformReplica"),
            ReplicaMaxStaleness = config.GetValue("Database:ReplicaMaxStaleness", TimeSpan.FromSeconds(5)),
            Time = sp.GetRequiredService<TimeProvider>(),
            Logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<DocumentStore>(),
        }.AddTenancy().AddIdentity().AddMentoring()
            .AddReporting().AddDashboard()));
        services.AddSingleton(sp => new DatabaseMigrations(
            config.GetConnectionString("PlatformOwner") ?? throw new InvalidOperationException("ConnectionStrings:PlatformOwner is not configured."),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<DatabaseMigrations>(), MigrationAssemblies));
        services.AddMentoringServices();
        services.AddReportingServices();
        services.AddPlatformIdentity(config);
        services.AddJobsServices(config);
        services.AddSingleton<TenantDirectory>();
        services.AddScoped<TenantContext>();
        // One session per request, scoped as the route resolved; disposed (rolled back if unsaved) at the end.
        services.AddScoped(sp =>
        {
            var tenant = sp.GetRequiredService<TenantContext>();
            var http = sp.GetRequiredService<IHttpContextAccessor>().HttpContext;
            var store = sp.GetRequiredService<DocumentStore>();
            var metadata = http?.GetEndpoint()?.Metadata;
            var session = metadata?.GetMetadata<ReadsFromReplicaAttribute>() is not null
                ? store.ReadOnlySession(tenant.Scope)
                : store.LightweightSession(tenant.Scope,
                    database: metadata?.GetMetadata<UsesHomeDatabaseAttribute>() is not null ? Platform.EventStore.Databases.TenantDatabases.Home : null);
            session.UserName = tenant.Caller?.UserName;
            session.CorrelationId = http?.TraceIdentifier;
            return session;
        });
        services.AddHttpContextAccessor();

        // Enums by name only: by default the converter also takes any integer ("role": 99, "kind": 7), defined or not, and a
        // comma-separated list of names; such a value was stored and then failed every list of the school. A number, a list, or
        // a name of no member is a 400 naming the field (BindingProblems).
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new NamedEnumConverter(JsonNamingPolicy.SnakeCaseLower)));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            StatusProblems.Customize(c); // Russian text where the framework's is English (404, 405, 415…)
            c.ProblemDetails.Extensions["correlationId"] = c.HttpContext.TraceIdentifier;
        });
        services.AddSingleton<IProblemDetailsWriter, AnyAcceptProblemWriter>(); // after the framework's: whatever Accept says
        // Binding failures throw in every environment (not only Development), so that ProblemExceptionHandler names the field.
        services.PostConfigure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddSingleton<IdleMemoryRelease>();
        services.AddHostedService(sp => sp.GetRequiredService<IdleMemoryRelease>());
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerOpenApi>().AddDocumentTransformer<ProblemOpenApi>().AddSchemaTransformer<EnumOpenApi>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    public static SchemaMigrator Migrator(IConfiguration config, ILogger logger) => new(
        config.GetConnectionString("PlatformOwner") ?? throw new InvalidOperationException("ConnectionStrings:PlatformOwner is not configured."),
        logger,
        MigrationAssemblies);

    public static readonly System.Reflection.Assembly[] MigrationAssemblies = [typeof(TenancyModule).Assembly, typeof(IdentityModule).Assembly, typeof(Platform.Mentoring.MentoringModule).Assembly, typeof(Platform.Operations.BackgroundOperations).Assembly,
        typeof(Platform.Reporting.ReportingModule).Assembly, typeof(JobsModule).Assembly];

    /// <summary>
    /// The regions' own databases get the migrations the home one got, and the home database's copy of their registry is
    /// brought up to date (a copy missed when a node died right after a registry change).
    /// </summary>
    private static async Task PrepareRegionDatabasesAsync(WebApplication app, ILogger logger)
    {
        var store = app.Services.GetRequiredService<DocumentStore>();
        foreach (var database in (await store.Databases.ListAsync()).Where(d => d.Id != TenantDatabases.Home))
        {
            if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
                await app.Services.GetRequiredService<DatabaseMigrations>().MigrateAsync(database);
            await app.Services.GetRequiredService<TenantDirectory>().CopyRegistryHomeAsync(database.Id);
            logger.LogInformation("Region database {Database} ready", database.Id);
        }
    }

    /// <summary>Start-up work every node may do: migrations (under an advisory lock) and the demo seed (once).</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Startup");
        // The token server's address is checked at start-up: a node without it would answer every request with a 500.
        // (A worker serves no tokens.)
        var auth = app.Configuration.GetSection("Auth").Get<AuthOptions>();
        if (!JobsModule.IsWorker(app.Configuration) && auth is { IsExternal: false }) auth.IssuerUri(app.Environment.IsDevelopment());
        if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
            await Migrator(app.Configuration, logger).MigrateAsync();
        await PrepareRegionDatabasesAsync(app, logger);
        // Nodes starting together take turns: the first creates the token server's keys and clients (and the demo), the
        // others find them. A session-level advisory lock on a connection of its own, released when it closes.
        await using var turn = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(app.Configuration.GetConnectionString("Platform"))
        {
            Pooling = false, // closed for real at the end: that releases the lock
        }.ConnectionString);
        await turn.OpenAsync();
        await using (var take = new Npgsql.NpgsqlCommand("SELECT pg_advisory_lock(hashtext('platform-startup'))", turn))
            await take.ExecuteNonQueryAsync();
        var store = app.Services.GetRequiredService<DocumentStore>();
        foreach (var database in await store.Databases.ListAsync())
            await Platform.EventStore.Projections.SnapshotBackfill.RunAsync(store, database.Id, logger);
        if (auth?.IsExternal != true)
        {
            await app.Services.GetRequiredService<TokenKeys>().LoadAsync();
            await FirstPartyClients.EnsureAsync(app.Services, logger);
        }
        if (app.Configuration.GetValue("Demo:Seed", false))
        {
            await DemoDistrict.SeedAsync(app.Services.GetRequiredService<DocumentStore>(), logger);
            await Platform.Mentoring.Demo.DemoWorkspace.SeedAsync(app.Services.GetRequiredService<DocumentStore>(), app.Services.GetRequiredService<TimeProvider>(), logger);
            await Platform.Reporting.Demo.DemoReporting.SeedAsync(app.Services.GetRequiredService<DocumentStore>(), app.Services.GetRequiredService<TimeProvider>(), logger);
            // Demo accounts with a published password: never outside Development.
            if (app.Environment.IsDevelopment()) await DemoAccounts.SeedAsync(app.Services, logger);
            // After the accounts: the demo contest's jury is the district curator's.
            await Platform.Mentoring.Demo.DemoRecognition.SeedAsync(app.Services.GetRequiredService<DocumentStore>(), app.Services.GetRequiredService<TimeProvider>(), logger);
        }
    }
}
