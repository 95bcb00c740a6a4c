using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Platform.EventStore;
using Platform.Mentoring.Publication;
using Platform.Tenancy.Resolution;
using Platform.Web.Shell;

namespace Platform.Web.Public;

public sealed record PublicPageModel(PublicOwner Owner, IReadOnlyList<PublicSectionView> Sections, PublicOwner? District);

/// <summary>
/// The public pages of schools and districts: readable without signing in, at addresses a school links from its own site
/// (<c>/public/schools/{id}</c>, <c>/public/districts/{id}</c>). The route value is «id», not «schoolId»: tenant resolution
/// leaves these routes alone, and every read runs in a session with no tenant scope, whoever is signed in — row-level
/// security then shows it the published rows and nothing else. Pages carry a strong ETag (the hash of the page) and are
/// answered 304 to a matching If-None-Match; files carry their SHA-256.
/// </summary>
public static class PublicPages
{
    /// <summary>Short-lived in shared caches: an act taken off the site should leave them within a minute.</summary>
    public const string PageCaching = "public, max-age=60";
    public const string FileCaching = "public, max-age=300";

    public static string PathOf(PublicOwnerKind kind, Guid id) => PublicSection.PathOf(kind == PublicOwnerKind.School, id);

    public static IEndpointRouteBuilder MapPublicPages(this IEndpointRouteBuilder app)
    {
        var pub = app.MapGroup("/public").AllowAnonymous().ExcludeFromDescription();
        pub.MapGet("/schools/{id:guid}", School);
        pub.MapGet("/schools/{id:guid}/files/{fileId:guid}", File);
        pub.MapGet("/districts/{id:guid}", District);
        return app;
    }

    private static async Task<IResult> School(Guid id, HttpContext http, TenantDirectory directory, DocumentStore store, CancellationToken ct)
    {
        if (await directory.FindSchoolAsync(id, ct) is not { } school) return Results.NotFound();
        var district = await directory.FindDistrictAsync(school.DistrictId, ct);
        var owner = new PublicOwner(PublicOwnerKind.School, school.Id, school.FullName, school.ShortName, school.DistrictId);
        var districtOwner = district is null ? null : new PublicOwner(PublicOwnerKind.District, district.Id, district.Name, district.ShortName, null);
        return await PageAsync(http, store, owner, districtOwner, ct);
    }

    private static async Task<IResult> District(Guid id, HttpContext http, TenantDirectory directory, DocumentStore store, CancellationToken ct)
    {
        if (await directory.FindDistrictAsync(id, ct) is not { } district) return Results.NotFound();
        return await PageAsync(http, store, new PublicOwner(PublicOwnerKind.District, district.Id, district.Name, district.ShortName, null), null, ct);
    }

    private static async Task<IResult> PageAsync(HttpContext http, DocumentStore store, PublicOwner owner, PublicOwner? district, CancellationToken ct)
    {
        var sections = new List<PublicSectionView>();
        await using (var anonymous = store.ReadOnlySession(scope: null))
        {
            foreach (var section in http.RequestServices.GetServices<IPublicPageSection>().OrderBy(s => s.Order))
                if (await section.LoadAsync(owner, anonymous, ct) is { } view) sections.Add(view);
        }
        var html = await RenderAsync<PublicPage>(http.RequestServices, new Dictionary<string, object?>
        {
            ["Model"] = new PublicPageModel(owner, sections, district),
            ["Assets"] = http.RequestServices.GetRequiredService<Assets>(),
        });
        var bytes = Encoding.UTF8.GetBytes(html);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"";
        return Cached(http, etag, PageCaching) ?? Results.Bytes(bytes, "text/html; charset=utf-8");
    }

    private static async Task<IResult> File(Guid id, Guid fileId, HttpContext http, DocumentStore store, CancellationToken ct)
    {
        PublishedDownload? file;
        await using (var anonymous = store.ReadOnlySession(scope: null))
            file = await PublishedContent.FileAsync(anonymous, id, fileId, ct);
        if (file is null) return Results.NotFound();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Cached(http, $"\"{file.Sha256}\"", FileCaching) ?? Results.File(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>Sets the validators; a request that already holds this version is answered 304 (null: send the body).</summary>
    private static IResult? Cached(HttpContext http, string etag, string cacheControl)
    {
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = cacheControl;
        var match = http.Request.Headers.IfNoneMatch.ToString();
        return match.Length > 0 && (match.Trim() == "*" || match.Split(',').Any(m => m.Trim() == etag))
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : null;
    }

    /// <summary>The page's HTML as a string: its hash is the ETag, so the page is rendered before it is sent.</summary>
    private static async Task<string> RenderAsync<T>(IServiceProvider services, Dictionary<string, object?> parameters) where T : IComponent
    {
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }
}
