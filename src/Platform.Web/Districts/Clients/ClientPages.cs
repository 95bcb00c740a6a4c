using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Domain;
using Platform.EventStore;
using Platform.Identity.Tokens;
using Platform.Tenancy.Resolution;
using Platform.Web.Shell;

namespace Platform.Web.Districts.Clients;

public sealed record ClientsModel(IReadOnlyList<SystemClient> Clients, string? DisplayName, FormErrors Errors, RegisteredClient? Registered = null,
    string? Notice = null);

/// <summary>
/// The district's «Внешние системы»: the systems that read its reports with their own OAuth client (the institute's
/// collector, a data warehouse), registered and removed by the district curator through the same registry as the API.
/// </summary>
public static class ClientPages
{
    public static RouteGroupBuilder MapClientPages(this RouteGroupBuilder district)
    {
        district.MapGet("/clients", Show).RequireAuthorization(Policies.DistrictWrite);
        district.MapPost("/clients", Register).RequireAuthorization(Policies.DistrictWrite);
        district.MapPost("/clients/{clientId}/remove", Remove).RequireAuthorization(Policies.DistrictWrite);
        return district;
    }

    private static async Task<IResult> Render(HttpContext http, Guid districtId, SystemClientRegistry registry, string? displayName, FormErrors errors,
        CancellationToken ct, RegisteredClient? registered = null, string? notice = null, int status = StatusCodes.Status200OK) =>
        Pages.Render<ClientsPage>(new
        {
            Ui = UiContext.For(http),
            Model = new ClientsModel(await registry.ListAsync(TenantScope.District(districtId), ct), displayName, errors, registered, notice),
        }, status);

    private static Task<IResult> Show(Guid districtId, HttpContext http, SystemClientRegistry registry, CancellationToken ct) =>
        Render(http, districtId, registry, null, FormErrors.None, ct);

    private static async Task<IResult> Register(Guid districtId, HttpContext http, SystemClientRegistry registry, TenantContext tenant, CancellationToken ct)
    {
        var (form, valid) = await Pages.ReadFormAsync(http);
        string? name = form["displayName"];
        if (!valid) return await Render(http, districtId, registry, name, FormErrors.General(Pages.StaleForm), ct, status: StatusCodes.Status400BadRequest);
        try
        {
            var registered = await registry.RegisterAsync(TenantScope.District(districtId), new RegisterClient(name, [TokenServer.ReportingRead]),
                tenant.Caller!.UserName, ct);
            return await Render(http, districtId, registry, null, FormErrors.None, ct, registered, status: StatusCodes.Status201Created);
        }
        catch (DomainValidationException e)
        {
            return await Render(http, districtId, registry, name, new FormErrors(e.Errors), ct, status: StatusCodes.Status422UnprocessableEntity);
        }
        catch (DomainRuleException e)
        {
            return await Render(http, districtId, registry, name, FormErrors.General(e.Message), ct, status: StatusCodes.Status409Conflict);
        }
    }

    private static async Task<IResult> Remove(Guid districtId, string clientId, HttpContext http, SystemClientRegistry registry, CancellationToken ct)
    {
        var (_, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return await Render(http, districtId, registry, null, FormErrors.General(Pages.StaleForm), ct, status: StatusCodes.Status400BadRequest);
        return await registry.RemoveAsync(TenantScope.District(districtId), clientId, ct)
            ? await Render(http, districtId, registry, null, FormErrors.None, ct, notice: $"Система {clientId} удалена, её токены отозваны.")
            : await Render(http, districtId, registry, null, FormErrors.General("Такой системы у района нет."), ct, status: StatusCodes.Status404NotFound);
    }
}
