using Platform.Tenancy.Resolution;
using Serilog.Core;
using Serilog.Events;

namespace Platform.Api.Infrastructure;

/// <summary>Adds the request's tenant scope and user to every log line written while serving it.</summary>
public sealed class RequestEnricher : ILogEventEnricher
{
    private static readonly HttpContextAccessor Accessor = new();

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory factory)
    {
        var http = Accessor.HttpContext;
        if (http is null) return;
        var tenant = http.Items[TenantResolutionMiddleware.TenantItem] as string;
        var user = (http.Items[TenantResolutionMiddleware.CallerItem] as Caller)?.UserName;
        logEvent.AddPropertyIfAbsent(factory.CreateProperty("TenantScope", tenant));
        logEvent.AddPropertyIfAbsent(factory.CreateProperty("UserName", user));
    }
}
