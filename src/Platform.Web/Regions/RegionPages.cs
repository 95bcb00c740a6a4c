using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Platform.Domain;
using Platform.EventStore;
using Platform.EventStore.Databases;
using Platform.Identity.Accounts;
using Platform.Identity.Invitations;
using Platform.Identity.Tokens;
using Platform.Jobs.Deliveries;
using Platform.Tenancy.Access;
using Platform.Tenancy.Databases;
using Microsoft.Extensions.DependencyInjection;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;
using Platform.Web.Shell;

namespace Platform.Web.Regions;

/// <summary>What an invitation form holds: the typed values, kept when the invitation is refused; the target is a district or a school.</summary>
public sealed record InviteForm(string? Email, string? FullName, string? TargetId, string? Role = null)
{
    public static readonly InviteForm Empty = new(null, null, null);
}

/// <summary>Where an invitation form invites to: the select's field and label, and the open districts or schools to choose from.</summary>
public sealed record InviteTargets(string Field, string Label, IReadOnlyList<(Guid Id, string Name)> Items);

/// <summary>An invitation form's state: what was typed, the refusal, or the link just issued (shown once, with its e-mail).</summary>
public sealed record InviteState(InviteForm Form, FormErrors Errors, IssuedInvitation? Issued = null)
{
    public static readonly InviteState Empty = new(InviteForm.Empty, FormErrors.None);
}

public sealed record RegionsModel(IReadOnlyList<RegionEntry> Regions, RegisterRegion Form, FormErrors Errors, IReadOnlyList<DatabaseCard> Databases,
    AddDatabaseForm DatabaseForm, FormErrors DatabaseErrors);

/// <summary>The «connect a database» form as typed (the port kept as text when it is not a number).</summary>
public sealed record AddDatabaseForm(string? Id, string? DatabaseName, string? Host, string? Port)
{
    public static readonly AddDatabaseForm Empty = new(null, null, null, null);
}

public sealed record RegionModel(RegionEntry Region, IReadOnlyList<DistrictCard> Districts, IReadOnlyList<InvitationCard> Invitations,
    RegisterDistrict Form, FormErrors Errors, InviteState Invite, string? Notice = null);

public sealed record RegionSettingsModel(RegionEntry Region, IReadOnlyList<EventHistoryItem> History, IReadOnlyList<InvitationCard> Invitations,
    UpdateRegion Form, FormErrors Errors, InviteState Invite, string? Notice = null);

public sealed record DistrictRecordModel(RegionEntry Region, DistrictCard District, IReadOnlyList<EventHistoryItem> History,
    UpdateDistrict Form, FormErrors Errors, string? Reason, string? ClosedOn, FormErrors ClosureErrors, string? Notice = null);

/// <summary>
/// Regions and districts come on board in the browser. The platform administrator's «Регионы» (create a region), a region's
/// settings (change it, its history, invite its first officer); the region's «Районы» for its officer (register a district,
/// rename, close and reopen it, its history, invite its curator). Every change goes through the API's own code
/// (<see cref="RegionEndpoints"/>, <see cref="InvitationEndpoints"/>): the same rules, the same events.
/// </summary>
public static class RegionPages
{
    public static IEndpointRouteBuilder MapRegionPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/regions").ExcludeFromDescription();
        pages.MapGet("", List).RequireAuthorization(Policies.Platform);
        pages.MapPost("", Create).RequireAuthorization(Policies.Platform);
        pages.MapPost("/databases", AddDatabase).RequireAuthorization(Policies.Platform);

        var region = pages.MapGroup("/{regionId:guid}").AddEndpointFilter(RegionScopeOnly);
        region.MapGet("", Show).RequireAuthorization(Policies.RegionWrite);
        region.MapPost("/districts", RegisterDistrict).RequireAuthorization(Policies.RegionWrite);
        region.MapPost("/invitations", InviteCurator).RequireAuthorization(Policies.RegionWrite);
        region.MapPost("/invitations/{id:guid}/revoke", RevokeCuratorInvitation).RequireAuthorization(Policies.RegionWrite);
        region.MapGet("/settings", Settings).RequireAuthorization(Policies.Platform);
        region.MapPost("/settings", Update).RequireAuthorization(Policies.Platform);
        region.MapPost("/settings/invitations", InviteOfficer).RequireAuthorization(Policies.Platform);
        region.MapPost("/settings/invitations/{id:guid}/revoke", RevokeOfficerInvitation).RequireAuthorization(Policies.Platform);
        region.MapGet("/districts/{id:guid}", District).RequireAuthorization(Policies.RegionWrite);
        region.MapPost("/districts/{id:guid}", UpdateDistrict).RequireAuthorization(Policies.RegionWrite);
        region.MapPost("/districts/{id:guid}/closure", CloseDistrict).RequireAuthorization(Policies.RegionWrite);
        region.MapPost("/districts/{id:guid}/reopening", ReopenDistrict).RequireAuthorization(Policies.RegionWrite);
        region.MapIndicatorPages();
        region.MapRetentionPages();
        Platform.Web.Districts.Recognition.DistrictRecognitionPages.MapRegionBestPracticePages(region);
        return app;
    }

    /// <summary>As the API: a district's or school's account reaching a region route is refused its registry.</summary>
    private static async ValueTask<object?> RegionScopeOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var tenant = (TenantContext)context.HttpContext.RequestServices.GetService(typeof(TenantContext))!;
        if (tenant.Scope is { Kind: ScopeKind.Region }) return await next(context);
        context.HttpContext.Items[TenantResolutionMiddleware.RefusalItem] = "Нет доступа к этому региону.";
        return Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    /// <summary>The invitations live in the home database whatever the region's own: a session of the request's scope there.</summary>
    private static async Task<DocumentSession> HomeAsync(HttpContext http, DocumentSession session)
    {
        if (await session.DatabaseOfAsync() == TenantDatabases.Home) return session;
        var home = session.Store.LightweightSession(session.Scope, database: TenantDatabases.Home);
        home.UserName = session.UserName;
        home.CorrelationId = session.CorrelationId;
        http.Response.RegisterForDisposeAsync(home);
        return home;
    }

    // «Регионы» (the platform administrator)

    private static readonly RegisterRegion NoRegion = new(null, null, null, "Europe/Moscow", null);

    private static async Task<IResult> RenderList(HttpContext http, TenantDirectory directory, RegisterRegion form, FormErrors errors, int status, CancellationToken ct,
        AddDatabaseForm? databaseForm = null, FormErrors? databaseErrors = null) =>
        Pages.Render<RegionsPage>(new
        {
            Ui = UiContext.For(http),
            Model = new RegionsModel(await directory.ListRegionsAsync(ct), form, errors,
                await DatabaseEndpoints.ListAsync(http.RequestServices.GetRequiredService<DocumentStore>(), ct), databaseForm ?? AddDatabaseForm.Empty,
                databaseErrors ?? FormErrors.None),
        }, status);

    private static Task<IResult> List(HttpContext http, TenantDirectory directory, CancellationToken ct) =>
        RenderList(http, directory, NoRegion, FormErrors.None, StatusCodes.Status200OK, ct);

    private static async Task<IResult> Create(HttpContext http, DocumentSession session, TenantDirectory directory, CancellationToken ct)
    {
        var (form, valid) = await Pages.ReadFormAsync(http);
        var command = new RegisterRegion(form["code"], form["name"], form["instituteName"], form["timeZone"], Zones(form),
            string.IsNullOrEmpty(form["database"]) ? null : form["database"].ToString());
        if (!valid) return await RenderList(http, directory, command, FormErrors.General(Pages.StaleForm), StatusCodes.Status400BadRequest, ct);
        return await Pages.Attempt(
            async () => Results.Redirect($"/regions/{(await RegionEndpoints.RegisterRegionAsync(command, session, directory, ct)).Id}/settings?created=1"),
            (errors, status) => RenderList(http, directory, command, errors, status, ct));
    }

    private static async Task<IResult> AddDatabase(HttpContext http, DocumentStore store, DatabaseMigrations migrations, TenantDirectory directory, CancellationToken ct)
    {
        var (form, valid) = await Pages.ReadFormAsync(http);
        var typed = new AddDatabaseForm(form["id"], form["databaseName"], form["host"], form["port"]);
        Task<IResult> Again(FormErrors errors, int status) => RenderList(http, directory, NoRegion, FormErrors.None, status, ct, typed, errors);
        if (!valid) return await Again(FormErrors.General(Pages.StaleForm), StatusCodes.Status400BadRequest);
        int? port = null;
        if (!string.IsNullOrWhiteSpace(typed.Port))
        {
            if (!int.TryParse(typed.Port, out var parsed)) return await Again(new FormErrors(new Dictionary<string, string[]> { ["port"] = ["Порт — число от 1 до 65535."] }), StatusCodes.Status400BadRequest);
            port = parsed;
        }
        return await Pages.Attempt(async () =>
            {
                await DatabaseEndpoints.AddAsync(new AddDatabase(typed.Id, typed.DatabaseName, typed.Host, port), store, migrations, ct);
                return Results.Redirect("/regions");
            },
            Again);
    }

    // The region's «Районы» (its officer, or the administrator)

    private static async Task<IResult> RenderRegion(HttpContext http, DocumentSession session, TenantDirectory directory, Guid regionId, RegisterDistrict form,
        FormErrors errors, InviteState invite, string? notice, int status, CancellationToken ct)
    {
        var region = await directory.FindRegionAsync(regionId, ct);
        var districts = await RegionEndpoints.ListDistrictsAsync(regionId, "all", session, ct);
        var invitations = (await InvitationEndpoints.ListForRegionAsync(await HomeAsync(http, session), ct)).Where(i => i.Role == Roles.DistrictCurator).ToList();
        return Pages.Render<RegionPage>(new { Ui = UiContext.For(http), Model = new RegionModel(region!, districts, invitations, form, errors, invite, notice) }, status);
    }

    private static readonly RegisterDistrict NoDistrict = new(null, null, null);

    private static Task<IResult> Show(Guid regionId, HttpContext http, DocumentSession session, TenantDirectory directory, CancellationToken ct) =>
        RenderRegion(http, session, directory, regionId, NoDistrict, FormErrors.None, InviteState.Empty, null, StatusCodes.Status200OK, ct);

    private static async Task<IResult> RegisterDistrict(Guid regionId, HttpContext http, DocumentSession session, TenantDirectory directory, CancellationToken ct)
    {
        var (form, valid) = await Pages.ReadFormAsync(http);
        var command = new RegisterDistrict(form["name"], form["shortName"], form["timeZone"]);
        if (!valid) return await RenderRegion(http, session, directory, regionId, command, FormErrors.General(Pages.StaleForm), InviteState.Empty, null, StatusCodes.Status400BadRequest, ct);
        return await Pages.Attempt(async () =>
            {
                var card = await RegionEndpoints.RegisterDistrictAsync(regionId, command, session, directory, ct);
                return await RenderRegion(http, session, directory, regionId, NoDistrict, FormErrors.None, InviteState.Empty,
                    $"Район «{card!.ShortName}» зарегистрирован.", StatusCodes.Status201Created, ct);
            },
            (errors, status) => RenderRegion(http, session, directory, regionId, command, errors, InviteState.Empty, null, status, ct));
    }

    private static async Task<IResult> InviteCurator(Guid regionId, HttpContext http, DocumentSession session, TenantContext tenant, TenantDirectory directory,
        UserManager<PlatformUser> users, IOptions<AuthOptions> options, DeliveryQueue deliveries, TimeProvider time, CancellationToken ct)
    {
        var (form, valid) = await Pages.ReadFormAsync(http);
        var typed = new InviteForm(form["email"], form["fullName"], form["districtId"]);
        Task<IResult> Again(InviteState invite, int status) =>
            RenderRegion(http, session, directory, regionId, NoDistrict, FormErrors.None, invite, null, status, ct);
        if (!valid) return await Again(new InviteState(typed, FormErrors.General(Pages.StaleForm)), StatusCodes.Status400BadRequest);
        var command = new IssueRegionInvitation(Roles.DistrictCurator, Pages.Id(typed.TargetId), typed.Email, typed.FullName);
        return await Pages.Attempt(async () =>
            {
                var issued = await InvitationEndpoints.IssueForRegionAsync(regionId, command, await HomeAsync(http, session), tenant, directory, users, options, deliveries, time, http, ct);
                return await Again(new InviteState(InviteForm.Empty, FormErrors.None, issued), StatusCodes.Status201Created);
            },
            (errors, status) => Again(new InviteState(typed, errors), status));
    }

    private static async Task<IResult> RevokeCuratorInvitation(Guid regionId, Guid id, HttpContext http, DocumentSession session, TenantDirectory directory,
        TimeProvider time, CancellationToken ct)
    {
        var (_, valid) = await Pages.ReadFormAsync(http);
        var (notice, errors, status) = await RevokeAsync(id, valid, await HomeAsync(http, session), time, ct);
        return await RenderRegion(http, session, directory, regionId, NoDistrict, FormErrors.None, new InviteState(InviteForm.Empty, errors), notice, status, ct);
    }

    /// <summary>Revokes one of the region's invitations: the notice, or the refusal for the invitation form.</summary>
    private static async Task<(string? Notice, FormErrors Errors, int Status)> RevokeAsync(Guid id, bool valid, DocumentSession session, TimeProvider time,
        CancellationToken ct)
    {
        if (!valid) return (null, FormErrors.General(Pages.StaleForm), StatusCodes.Status400BadRequest);
        try
        {
            return await InvitationEndpoints.RevokeForRegionAsync(id, session, time, ct) is { } revoked
                ? ($"Приглашение для {revoked.FullName} отозвано: ссылка больше не действует.", FormErrors.None, StatusCodes.Status200OK)
                : (null, FormErrors.General("Такого приглашения нет."), StatusCodes.Status404NotFound);
        }
        catch (Exception e) when (Pages.Refusal(e) is var (errors, status))
        {
            return (null, errors, status);
        }
    }

    // The region's settings (the platform administrator)

    private static async Task<IResult> RenderSettings(HttpContext http, DocumentSession session, TenantDirectory directory, Guid regionId, UpdateRegion? form,
        FormErrors errors, InviteState invite, string? notice, int status, CancellationToken ct)
    {
        var region = (await directory.FindRegionAsync(regionId, ct))!;
        var history = await RegionEndpoints.HistoryOfAsync(regionId, session, ct) ?? [];
        var invitations = (await InvitationEndpoints.ListForRegionAsync(await HomeAsync(http, session), ct)).Where(i => i.Role == Roles.RegionOfficer).ToList();
        form ??= new UpdateRegion(region.Code, region.Name, region.InstituteName, region.TimeZone, region.AllTimeZones.Skip(1).ToList());
        return Pages.Render<RegionSettingsPage>(new
        {
            Ui = UiContext.For(http),
            Model = new RegionSettingsModel(region, history, invitations, form, errors, invite, notice),
        }, status);
    }

    private static Task<IResult> Settings(Guid regionId, string? created, HttpContext http, DocumentSession session, TenantDirectory directory, CancellationToken ct) =>
        RenderSettings(http, session, directory, regionId, null, FormErrors.None, InviteState.Empty,
            created == "1" ? "Регион создан. Пригласите его первого специалиста." : null, StatusCodes.Status200OK, ct);

    private static async Task<IResult> Update(Guid regionId, HttpContext http, DocumentSession session, TenantDirectory directory, CancellationToken ct)
    {
        var (form, valid) = await Pages.ReadFormAsync(http);
        var command = new UpdateRegion(form["code"], form["name"], form["instituteName"], form["timeZone"], Zones(form));
        if (!valid) return await RenderSettings(http, session, directory, regionId, command, FormErrors.General(Pages.StaleForm), InviteState.Empty, null, StatusCodes.Status400BadRequest, ct);
        return await Pages.Attempt(async () =>
            {
                await RegionEndpoints.UpdateRegionAsync(regionId, command, session, directory, http, ct);
                return await RenderSettings(http, session, directory, regionId, null, FormErrors.None, InviteState.Empty, "Изменения сохранены.", StatusCodes.Status200OK, ct);
            },
            (errors, status) => RenderSettings(http, session, directory, regionId, command, errors, InviteState.Empty, null, status, ct));
    }

    private static async Task<IResult> InviteOfficer(Guid regionId, HttpContext http, DocumentSession session, TenantContext tenant, TenantDirectory directory,
        UserManager<PlatformUser> users, IOptions<AuthOptions> options, DeliveryQueue deliveries, TimeProvider time, CancellationToken ct)
    {
        var (form, valid) = await Pages.ReadFormAsync(http);
        var typed = new InviteForm(form["email"], form["fullName"], null);
        Task<IResult> Again(InviteState invite, int status) =>
            RenderSettings(http, session, directory, regionId, null, FormErrors.None, invite, null, status, ct);
        if (!valid) return await Again(new InviteState(typed, FormErrors.General(Pages.StaleForm)), StatusCodes.Status400BadRequest);
        var command = new IssueRegionInvitation(Roles.RegionOfficer, null, typed.Email, typed.FullName);
        return await Pages.Attempt(async () =>
            {
                var issued = await InvitationEndpoints.IssueForRegionAsync(regionId, command, await HomeAsync(http, session), tenant, directory, users, options, deliveries, time, http, ct);
                return issued is null
                    ? await Again(new InviteState(typed, FormErrors.General(InvitationEndpoints.MayNotInviteOfficer)), StatusCodes.Status403Forbidden)
                    : await Again(new InviteState(InviteForm.Empty, FormErrors.None, issued), StatusCodes.Status201Created);
            },
            (errors, status) => Again(new InviteState(typed, errors), status));
    }

    private static async Task<IResult> RevokeOfficerInvitation(Guid regionId, Guid id, HttpContext http, DocumentSession session, TenantDirectory directory,
        TimeProvider time, CancellationToken ct)
    {
        var (_, valid) = await Pages.ReadFormAsync(http);
        var (notice, errors, status) = await RevokeAsync(id, valid, await HomeAsync(http, session), time, ct);
        return await RenderSettings(http, session, directory, regionId, null, FormErrors.None, new InviteState(InviteForm.Empty, errors), notice, status, ct);
    }

    // A district of the region

    private static async Task<IResult> RenderDistrict(HttpContext http, DocumentSession session, TenantDirectory directory, Guid regionId, Guid id,
        UpdateDistrict? form, FormErrors errors, (string? Reason, string? ClosedOn, FormErrors Errors)? closure, string? notice, int status, CancellationToken ct)
    {
        if (await RegionEndpoints.FindDistrictAsync(id, session, ct) is not { } district || district.RegionId != regionId)
        {
            http.Items[TenantResolutionMiddleware.RefusalItem] = "Район не найден.";
            return Results.NotFound();
        }
        var region = (await directory.FindRegionAsync(regionId, ct))!;
        var history = await RegionEndpoints.HistoryOfAsync(id, session, ct) ?? [];
        form ??= new UpdateDistrict(district.Name, district.ShortName, district.TimeZone);
        var (reason, closedOn, closureErrors) = closure ?? (null, null, FormErrors.None);
        return Pages.Render<DistrictRecordPage>(new
        {
            Ui = UiContext.For(http),
            Model = new DistrictRecordModel(region, district, history, form, errors, reason, closedOn, closureErrors, notice),
        }, status);
    }

    private static Task<IResult> District(Guid regionId, Guid id, HttpContext http, DocumentSession session, TenantDirectory directory, CancellationToken ct) =>
        RenderDistrict(http, session, directory, regionId, id, null, FormErrors.None, null, null, StatusCodes.Status200OK, ct);

    private static async Task<IResult> UpdateDistrict(Guid regionId, Guid id, HttpContext http, DocumentSession session, TenantDirectory directory, CancellationToken ct)
    {
        var (form, valid) = await Pages.ReadFormAsync(http);
        var command = new UpdateDistrict(form["name"], form["shortName"], form["timeZone"]);
        if (!valid) return await RenderDistrict(http, session, directory, regionId, id, command, FormErrors.General(Pages.StaleForm), null, null, StatusCodes.Status400BadRequest, ct);
        return await Pages.Attempt(async () =>
            {
                if (await RegionEndpoints.UpdateDistrictAsync(regionId, id, command, session, directory, http, ct) is null) return Results.NotFound();
                return await RenderDistrict(http, session, directory, regionId, id, null, FormErrors.None, null, "Изменения сохранены.", StatusCodes.Status200OK, ct);
            },
            (errors, status) => RenderDistrict(http, session, directory, regionId, id, command, errors, null, null, status, ct));
    }

    private static async Task<IResult> CloseDistrict(Guid regionId, Guid id, HttpContext http, DocumentSession session, TenantDirectory directory,
        TimeProvider time, CancellationToken ct)
    {
        var (form, valid) = await Pages.ReadFormAsync(http);
        string? reason = form["reason"], closedOn = form["closedOn"];
        if (!valid)
            return await RenderDistrict(http, session, directory, regionId, id, null, FormErrors.None, (reason, closedOn, FormErrors.General(Pages.StaleForm)), null,
                StatusCodes.Status400BadRequest, ct);
        var (date, dateError) = Pages.ParseDate(closedOn);
        if (dateError is not null)
            return await RenderDistrict(http, session, directory, regionId, id, null, FormErrors.None,
                (reason, closedOn, new FormErrors(new Dictionary<string, string[]> { ["closedOn"] = [dateError] })), null,
                StatusCodes.Status422UnprocessableEntity, ct);
        return await Pages.Attempt(async () =>
            {
                if (await RegionEndpoints.CloseDistrictAsync(id, new CloseDistrict(date, reason), session, directory, time, http, ct) is null) return Results.NotFound();
                return await RenderDistrict(http, session, directory, regionId, id, null, FormErrors.None, null, "Район закрыт.", StatusCodes.Status200OK, ct);
            },
            (errors, status) => RenderDistrict(http, session, directory, regionId, id, null, FormErrors.None, (reason, closedOn, errors), null, status, ct));
    }

    private static async Task<IResult> ReopenDistrict(Guid regionId, Guid id, HttpContext http, DocumentSession session, TenantDirectory directory, CancellationToken ct)
    {
        var (_, valid) = await Pages.ReadFormAsync(http);
        if (!valid)
            return await RenderDistrict(http, session, directory, regionId, id, null, FormErrors.None, (null, null, FormErrors.General(Pages.StaleForm)), null,
                StatusCodes.Status400BadRequest, ct);
        return await Pages.Attempt(async () =>
            {
                if (await RegionEndpoints.ReopenDistrictAsync(id, session, directory, http, ct) is null) return Results.NotFound();
                return await RenderDistrict(http, session, directory, regionId, id, null, FormErrors.None, null, "Закрытие района отменено.", StatusCodes.Status200OK, ct);
            },
            (errors, status) => RenderDistrict(http, session, directory, regionId, id, null, FormErrors.None, (null, null, errors), null, status, ct));
    }

    // Shared

    private static List<string> Zones(IFormCollection form) =>
        form["timeZones"].Where(z => !string.IsNullOrWhiteSpace(z)).Select(z => z!.Trim()).ToList();

}
