using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Platform.Api.Infrastructure;

/// <summary>
/// What a browser is told about every answer (content security policy, no sniffing, referrer, framing; HSTS over TLS), and
/// which proxies may say what the original request was (X-Forwarded-For/-Proto): the loopback proxy (nginx on the same host)
/// and those named in Proxy:TrustedProxies / Proxy:TrustedNetworks. A header from anyone else is ignored.
/// </summary>
public static class SecurityHeaders
{
    public sealed class ProxyOptions
    {
        public const string Section = "Proxy";
        public List<string> TrustedProxies { get; set; } = [];
        /// <summary>CIDR networks, e.g. 10.0.0.0/24 (a compose network).</summary>
        public List<string> TrustedNetworks { get; set; } = [];
    }

    // The UI's scripts and styles are our own files (no inline script); style attributes in the markup need 'unsafe-inline'
    // for styles only. Pages may be framed by the product itself only.
    private const string Policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                                  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
    // Swagger UI and Hangfire's dashboard run inline scripts of their own: only framing is restricted there.
    private const string ToolPolicy = "frame-ancestors 'self'";

    public static IServiceCollection AddForwardedHeadersFromTrustedProxies(this IServiceCollection services, IConfiguration config)
    {
        var proxies = config.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults (127.0.0.0/8, ::1) stay: nginx on the node's own host is trusted.
            foreach (var ip in proxies.TrustedProxies) o.KnownProxies.Add(IPAddress.Parse(ip));
            foreach (var network in proxies.TrustedNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, bool development)
    {
        app.UseForwardedHeaders();
        if (!development) app.UseHsts(); // sent on HTTPS requests only (as the trusted proxy reports them)
        return app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                var tool = http.Request.Path.StartsWithSegments("/swagger") || http.Request.Path.StartsWithSegments(Platform.Jobs.Scheduling.JobsDashboard.Path);
                if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = tool ? ToolPolicy : Policy;
                return Task.CompletedTask;
            });
            return next(http);
        });
    }
}
