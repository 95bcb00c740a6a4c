using Platform.Api.Infrastructure;
using Platform.Identity;
using Platform.Mentoring;
using Platform.Reporting;
using Platform.Reporting.Dashboard;
using Platform.Identity.Tokens;
using Platform.Identity.Web;
using Platform.Jobs;
using Platform.Jobs.Scheduling;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;
using Platform.Web;
using Serilog;
using Serilog.Formatting.Json;

// The users' language: Russian texts of the libraries that have them (Hangfire's dashboard); formats stay explicit.
System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("ru-RU");

// Content root = the binary's folder, so appsettings.json is found whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

var serilog = new LoggerConfiguration()
    .ReadFrom.Configuration(builder.Configuration)
    .Enrich.FromLogContext()
    .Enrich.With<RequestEnricher>()
    .Enrich.WithProperty("Application", "Platform.Api")
    .WriteTo.Console(new JsonFormatter(renderMessage: true))
    .CreateLogger();
builder.Services.AddSerilog(serilog, dispose: true);

builder.Services.AddPlatform(builder.Configuration);
builder.Services.AddWebUi();
builder.Services.AddForwardedHeadersFromTrustedProxies(builder.Configuration);

var app = builder.Build();

if (args.Length > 0 && Commands.Names.Contains(args[0]))
    return await Commands.RunAsync(app, args);

if (Platform.Jobs.JobsModule.IsWorker(app.Configuration))
{
    // `--role worker`: the jobs only (Hangfire's server, Wolverine's handlers), and /health for the orchestrator.
    app.MapHealthChecks("/health", new() { ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
    await app.PrepareDatabaseAsync();
    await app.RunAsync();
    return 0;
}

app.UseSecurityHeaders(app.Environment.IsDevelopment());
var idleMemory = app.Services.GetRequiredService<IdleMemoryRelease>();
app.Use((http, next) => { idleMemory.Touch(); return next(http); });
app.UseMiddleware<CorrelationMiddleware>();
// One line per request, with the correlation id, tenant scope and user of RequestEnricher; 5xx and failures as errors.
app.UseSerilogRequestLogging(o =>
{
    o.Logger = serilog; // the host's logger (Serilog's static one is not set)
    o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
});
app.UseExceptionHandler();
app.UseStatusCodePages(Platform.Web.Shell.StatusPages.WriteAsync);
app.UseWebUiAssets();
// The OpenAPI document and Swagger UI: on in Development, elsewhere only when OpenApi:Enabled says so.
var openApi = app.Configuration.GetValue("OpenApi:Enabled", app.Environment.IsDevelopment());
if (openApi)
    app.UseSwaggerUI(o =>
    {
        o.SwaggerEndpoint("/openapi/v1.json", "Nastavnik Platform v1");
        o.RoutePrefix = "swagger";
        o.OAuthClientId(Platform.Identity.Tokens.FirstPartyClients.Cli); // «Authorize» with a login and password gets a token itself
    });
app.UseRouting();
// NUL, unreadable forms and dates out of range: a Russian 400 before anything reads them (the sign-in limits read the form).
app.UseMiddleware<RequestInputGuard>();
app.UseRateLimiter();
app.UseAuthentication();
app.UseCookieApiWriteCheck(); // a write to /api with the sign-in cookie needs this site's origin and antiforgery token
app.UseAuthorization();
app.UseMiddleware<TenantResolutionMiddleware>();
app.UseMiddleware<IsoDateQueryMiddleware>(); // «07.12.2026» in a date parameter of the API is refused, not read as 12 July

if (openApi) app.MapOpenApi().AllowAnonymous();
app.MapHealthChecks("/health", new() { ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
app.MapRegistry();
app.MapMentoring();
app.MapReporting();
app.MapDashboard();
app.MapWebUi();
app.MapJobs();
app.MapJobsDashboard();
var external = app.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>()?.IsExternal == true;
app.MapPlatformIdentity(external);
if (!external) app.MapAccountPages(); // with an external provider, sign-in happens there

await app.PrepareDatabaseAsync();
await app.RunAsync();
return 0;

public partial class Program;
