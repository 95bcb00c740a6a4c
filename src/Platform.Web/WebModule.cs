using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;
using Platform.Web.Districts;
using Platform.Web.Home;
using Platform.Web.Notifications;
using Platform.Web.Public;
using Platform.Web.Schools;
using Platform.Web.Shell;

namespace Platform.Web;

/// <summary>
/// The web UI for curators: server-rendered Razor components (static SSR) with htmx for partial updates. Pages live under
/// the same route parameters as the API (<c>/schools/{schoolId}/…</c>, <c>/districts/{districtId}/…</c>), so tenant
/// resolution and the policies treat them exactly like the API, and they call the same decisions and queries.
/// </summary>
public static class WebModule
{
    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddRazorComponents();
        // The default encoder writes every Cyrillic letter as an entity (&#x410;…): pages would be several times larger.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddSingleton<Assets>();
        // The sections of the public pages, in their Order; recognition adds best practices and contest winners the same way.
        services.AddSingleton<IPublicPageSection, NormativeBaseSection>();
        services.AddSingleton<IPublicPageSection, ProgramSummariesSection>();
        services.AddSingleton<IPublicPageSection, BestPracticesSection>();
        services.AddSingleton<IPublicPageSection, WinnersSection>();
        services.AddSingleton<IPublicPageSection, NewsSection>();
        services.AddSingleton<IPublicPageSection, DistrictSchoolsSection>();
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ["text/html", "text/css", "application/javascript", "text/javascript", "application/json", "application/problem+json"];
        });
        return services;
    }

    /// <summary>Compression and the UI's static files (before routing: they need no endpoint, no sign-in).</summary>
    public static IApplicationBuilder UseWebUiAssets(this IApplicationBuilder app)
    {
        app.UseResponseCompression();
        if (!Directory.Exists(Assets.Root)) return app;
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Assets.Root),
            RequestPath = Assets.RequestPath,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = c =>
            {
                // Addresses carry the file's hash (Assets.Url): a changed file gets a new address.
                c.Context.Response.Headers[HeaderNames.CacheControl] = c.Context.Request.Query.ContainsKey("v")
                    ? "public, max-age=31536000, immutable"
                    : "public, max-age=3600";
            },
        });
    }

    public static IEndpointRouteBuilder MapWebUi(this IEndpointRouteBuilder app)
    {
        app.MapHome();
        app.MapPublicPages();
        app.MapDistrictPages();
        Platform.Web.Regions.RegionPages.MapRegionPages(app);
        app.MapSchoolPages();
        Platform.Web.Me.MePages.MapMePages(app);
        app.MapNotificationPages();
        Platform.Web.Admin.ProjectionPages.MapAdminPages(app);
        return app;
    }
}
