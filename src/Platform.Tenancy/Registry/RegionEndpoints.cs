using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.EventStore.Databases;
using Platform.Tenancy.Access;
using Platform.Tenancy.Resolution;

namespace Platform.Tenancy.Registry;

/// <param name="RetentionYears">Years the schools keep a participant's personal data after their last program ended.</param>
public sealed record RegionCard(Guid Id, string Code, string Name, string InstituteName, string TimeZone, IReadOnlyList<string> TimeZones, long Version,
    int RetentionYears = Region.DefaultRetentionYears)
{
    public static RegionCard From(Region r, long version) => new(r.Id, r.Code, r.Name, r.InstituteName, r.TimeZone, r.TimeZones, version, r.RetentionYears);
}

/// <summary>The region's retention period of participants' personal data, in years.</summary>
public sealed record SetRetention(int? Years);

/// <summary>
/// Regions and their districts come on board: the platform administrator creates a region and changes it; the region's
/// officer (or the administrator) registers the region's districts, renames them, closes and reopens them. Every record
/// keeps its history (its event stream, tenant = the region). Routes under /api/regions/{regionId} run in the region's
/// scope: an officer of another region is refused there (403), a district of another region is not found (404).
/// </summary>
public static class RegionEndpoints
{
    public static IEndpointRouteBuilder MapRegions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/regions", CreateRegion).WithTags("Регистр").RequireAuthorization(Policies.Platform).WithSummary("Создать регион");

        var region = app.MapGroup("/api/regions/{regionId:guid}").WithTags("Регистр").AddEndpointFilter(RegionScopeOnly);
        region.MapGet("", GetRegion).RequireAuthorization(Policies.RegionRead).WithSummary("Карточка региона (asOf: состояние на момент)");
        region.MapPatch("", UpdateRegion).RequireAuthorization(Policies.Platform)
            .WithSummary("Изменить код, название, институт или часовые пояса региона (If-Match: версия)");
        region.MapPut("/personal-data-retention", SetRetention).RequireAuthorization(Policies.RegionWrite)
            .WithSummary("Срок хранения персональных данных участников: лет после окончания последней программы (по истечении данные уничтожаются)");
        region.MapGet("/history", RegionHistory).RequireAuthorization(Policies.RegionRead).WithSummary("История изменений региона");

        region.MapGet("/districts", ListDistricts).RequireAuthorization(Policies.RegionRead).WithSummary("Районы региона (status: open, closed, all)");
        region.MapPost("/districts", RegisterDistrict).RequireAuthorization(Policies.RegionWrite).WithSummary("Зарегистрировать район");
        region.MapGet("/districts/{id:guid}", GetDistrict).RequireAuthorization(Policies.RegionRead).WithSummary("Район региона (asOf: состояние на момент)");
        region.MapPatch("/districts/{id:guid}", UpdateDistrict).RequireAuthorization(Policies.RegionWrite)
            .WithSummary("Переименовать район или сменить его часовой пояс (If-Match: версия)");
        region.MapPost("/districts/{id:guid}/closure", CloseDistrict).RequireAuthorization(Policies.RegionWrite).WithSummary("Закрыть район");
        region.MapDelete("/districts/{id:guid}/closure", ReopenDistrict).RequireAuthorization(Policies.RegionWrite).WithSummary("Отменить закрытие района");
        region.MapGet("/districts/{id:guid}/history", DistrictHistory).RequireAuthorization(Policies.RegionRead).WithSummary("История изменений района");
        return app;
    }

    /// <summary>
    /// A district's or school's account may reach region routes for what the region publishes to them (tenant resolution
    /// keeps their own scope); the registry of the region is the region's own: its officers and the administrator only.
    /// </summary>
    private static async ValueTask<object?> RegionScopeOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var tenant = context.HttpContext.RequestServices.GetService(typeof(TenantContext)) as TenantContext;
        if (tenant?.Scope is not { Kind: ScopeKind.Region })
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Нет доступа к этому региону.");
        return await next(context);
    }

    private static async Task<Created<RegionCard>> CreateRegion(RegisterRegion command, DocumentSession session, TenantDirectory directory, CancellationToken ct)
    {
        var card = await RegisterRegionAsync(command, session, directory, ct);
        return TypedResults.Created($"/api/regions/{card.Id}", card);
    }

    /// <summary>Registers a region (the platform administrator's work). Shared by the API and the web page.</summary>
    public static async Task<RegionCard> RegisterRegionAsync(RegisterRegion command, DocumentSession session, TenantDirectory directory, CancellationToken ct)
    {
        // One region at a time: the uniqueness of codes and names is checked against what is committed (the home database
        // keeps a copy of every region's registry).
        await session.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('registry.regions'))", ct);
        var others = await session.QueryAsync("SELECT id, code, name FROM registry.regions", r => new RegionName(r.GetGuid(0), r.GetString(1), r.GetString(2)), ct);
        var databases = await session.Store.Databases.IdsAsync(ct);
        var id = Guid.CreateVersion7();
        var registered = RegionCommands.Register(id, command, others, databases);
        // A region with a database of its own lives there from its first event on (the lock above is held until the copy is home).
        var database = command.Database ?? TenantDatabases.Home;
        await session.Store.Databases.AssignRegionAsync(id, database, ct);
        await using var own = database == TenantDatabases.Home ? null : session.Store.LightweightSession(TenantScope.Platform, id, database);
        var target = own ?? session;
        target.ForTenant(id).StartStream<Region>(id, registered);
        await target.SaveChangesAsync(ct);
        await directory.ChangedAsync(id, target, ct);
        return RegionCard.From(Region.Create(registered), 1);
    }

    private static async Task<Results<Ok<RegionCard>, NotFound>> GetRegion(
        Guid regionId, DateTimeOffset? asOf, DocumentSession session, HttpContext http, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(regionId, timestamp: asOf, ct: ct);
        if (events.Count == 0) return TypedResults.NotFound();
        var region = await session.Events.AggregateStreamAsync<Region>(regionId, version: events[^1].Version, ct: ct);
        http.Response.Headers.ETag = $"\"{events[^1].Version}\"";
        return TypedResults.Ok(RegionCard.From(region!, events[^1].Version));
    }

    private static async Task<Results<Ok<RegionCard>, NotFound>> UpdateRegion(
        Guid regionId, UpdateRegion command, DocumentSession session, TenantDirectory directory, HttpContext http, CancellationToken ct) =>
        await UpdateRegionAsync(regionId, command, session, directory, http, ct) is { } card ? TypedResults.Ok(card) : TypedResults.NotFound();

    /// <summary>Changes a region (If-Match of the request, when sent); null when there is no such region. Shared by the API and the web page.</summary>
    public static async Task<RegionCard?> UpdateRegionAsync(
        Guid regionId, UpdateRegion command, DocumentSession session, TenantDirectory directory, HttpContext http, CancellationToken ct)
    {
        await session.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('registry.regions'))", ct);
        var stream = await session.Events.FetchForWriting<Region>(regionId, ct);
        if (stream.Aggregate is null) return null;
        var others = (await directory.ListRegionsAsync(ct)).Select(r => new RegionName(r.Id, r.Code, r.Name)).ToList();
        var zonesInUse = await session.QueryAsync("SELECT DISTINCT time_zone FROM registry.districts WHERE region_id = $1", r => r.GetString(0), ct, regionId);
        var (region, version) = await stream.DecideAsync(session, http, r => RegionCommands.Update(r, command, others, zonesInUse), ct);
        await directory.ChangedAsync(regionId, session, ct);
        return RegionCard.From(region, version);
    }

    private static async Task<Results<Ok<RegionCard>, NotFound>> SetRetention(
        Guid regionId, SetRetention command, DocumentSession session, HttpContext http, CancellationToken ct) =>
        await SetRetentionAsync(regionId, command, session, http, ct) is { } card ? TypedResults.Ok(card) : TypedResults.NotFound();

    /// <summary>Sets the retention period; null when there is no such region. Shared by the API and the web page.</summary>
    public static async Task<RegionCard?> SetRetentionAsync(Guid regionId, SetRetention command, DocumentSession session, HttpContext http, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Region>(regionId, ct);
        if (stream.Aggregate is null) return null;
        var (region, version) = await stream.DecideAsync(session, http, r => RegionCommands.SetRetention(r, command), ct);
        return RegionCard.From(region, version);
    }

    private static Task<Results<Ok<IReadOnlyList<EventHistoryItem>>, NotFound>> RegionHistory(Guid regionId, DocumentSession session, CancellationToken ct) =>
        HistoryAsync(regionId, session, ct);

    private static async Task<Results<Ok<IReadOnlyList<DistrictCard>>, ValidationProblem>> ListDistricts(
        Guid regionId, string? status, DocumentSession session, CancellationToken ct)
    {
        if (status is not (null or "open" or "closed" or "all"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["Статус: open (действующие), closed (закрытые) или all (все)."] },
                title: "Проверьте параметры запроса");
        return TypedResults.Ok(await ListDistrictsAsync(regionId, status ?? "open", session, ct));
    }

    /// <summary>The region's districts (status: open, closed or all). Shared by the API and the web page.</summary>
    public static async Task<IReadOnlyList<DistrictCard>> ListDistrictsAsync(Guid regionId, string status, DocumentSession session, CancellationToken ct) =>
        await session.QueryAsync("""
            SELECT d.id, d.region_id, d.name, d.short_name, d.time_zone, d.closed_on, d.version,
                   (SELECT count(*) FROM registry.schools s WHERE s.district_id = d.id AND s.closed_on IS NULL)
              FROM registry.districts d
             WHERE d.region_id = $1 AND ($2 = 'all' OR ($2 = 'open') = (d.closed_on IS NULL))
             ORDER BY d.short_name, d.id
            """, r => new DistrictCard(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetString(4), (int)r.GetInt64(7),
                r.IsDBNull(5) ? null : r.GetFieldValue<DateOnly>(5), r.GetInt64(6)), ct, regionId, status);

    private static async Task<Results<Created<DistrictCard>, NotFound>> RegisterDistrict(
        Guid regionId, RegisterDistrict command, DocumentSession session, TenantDirectory directory, CancellationToken ct) =>
        await RegisterDistrictAsync(regionId, command, session, directory, ct) is { } card
            ? TypedResults.Created($"/api/regions/{regionId}/districts/{card.Id}", card)
            : TypedResults.NotFound();

    /// <summary>Registers a district of the region; null when there is no such region. Shared by the API and the web page.</summary>
    public static async Task<DistrictCard?> RegisterDistrictAsync(Guid regionId, RegisterDistrict command, DocumentSession session, TenantDirectory directory, CancellationToken ct)
    {
        await LockDistrictsAsync(session, regionId, ct);
        var region = await session.Events.AggregateStreamAsync<Region>(regionId, ct: ct);
        if (region is null) return null;
        var id = Guid.CreateVersion7();
        var registered = DistrictCommands.Register(id, region, command, await SiblingsAsync(session, regionId, ct));
        session.Events.StartStream<District>(id, registered);
        await session.SaveChangesAsync(ct);
        await directory.ChangedAsync(id, session, ct);
        return CardOf(District.Create(registered), 1, 0);
    }

    private static async Task<Results<Ok<DistrictCard>, NotFound>> GetDistrict(
        Guid regionId, Guid id, DateTimeOffset? asOf, DocumentSession session, HttpContext http, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, timestamp: asOf, ct: ct);
        if (events.Count == 0 || events[0].Data is not DistrictRegistered) return TypedResults.NotFound();
        var district = await session.Events.AggregateStreamAsync<District>(id, version: events[^1].Version, ct: ct);
        http.Response.Headers.ETag = $"\"{events[^1].Version}\"";
        return TypedResults.Ok(CardOf(district!, events[^1].Version, await OpenSchoolsAsync(session, id, ct)));
    }

    private static async Task<Results<Ok<DistrictCard>, NotFound>> UpdateDistrict(
        Guid regionId, Guid id, UpdateDistrict command, DocumentSession session, TenantDirectory directory, HttpContext http, CancellationToken ct) =>
        Found(await UpdateDistrictAsync(regionId, id, command, session, directory, http, ct));

    private static Results<Ok<DistrictCard>, NotFound> Found(DistrictCard? card) => card is null ? TypedResults.NotFound() : TypedResults.Ok(card);

    /// <summary>Renames a district or changes its time zone; null when the region has no such district. Shared by the API and the web page.</summary>
    public static async Task<DistrictCard?> UpdateDistrictAsync(
        Guid regionId, Guid id, UpdateDistrict command, DocumentSession session, TenantDirectory directory, HttpContext http, CancellationToken ct)
    {
        await LockDistrictsAsync(session, regionId, ct);
        var region = await session.Events.AggregateStreamAsync<Region>(regionId, ct: ct);
        var siblings = await SiblingsAsync(session, regionId, ct);
        return await DecideAsync(id, session, directory, http, ct, d => DistrictCommands.Update(d, region!, command, siblings));
    }

    private static async Task<Results<Ok<DistrictCard>, NotFound>> CloseDistrict(
        Guid id, CloseDistrict command, DocumentSession session, TenantDirectory directory, TimeProvider time, HttpContext http, CancellationToken ct) =>
        Found(await CloseDistrictAsync(id, command, session, directory, time, http, ct));

    /// <summary>Closes a district; null when the region has no such district. Shared by the API and the web page.</summary>
    public static async Task<DistrictCard?> CloseDistrictAsync(
        Guid id, CloseDistrict command, DocumentSession session, TenantDirectory directory, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var open = await OpenSchoolsAsync(session, id, ct);
        return await DecideAsync(id, session, directory, http, ct, d => [DistrictCommands.Close(d, command, RussianTimeZones.Today(time.GetUtcNow(), d.TimeZone), open)]);
    }

    private static async Task<Results<Ok<DistrictCard>, NotFound>> ReopenDistrict(
        Guid id, DocumentSession session, TenantDirectory directory, HttpContext http, CancellationToken ct) =>
        Found(await ReopenDistrictAsync(id, session, directory, http, ct));

    /// <summary>Reopens a closed district; null when the region has no such district. Shared by the API and the web page.</summary>
    public static Task<DistrictCard?> ReopenDistrictAsync(Guid id, DocumentSession session, TenantDirectory directory, HttpContext http, CancellationToken ct) =>
        DecideAsync(id, session, directory, http, ct, d => [DistrictCommands.Reopen(d)]);

    /// <summary>The region's district as it stands now; null when the region has no such district.</summary>
    public static async Task<DistrictCard?> FindDistrictAsync(Guid id, DocumentSession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not DistrictRegistered) return null;
        var district = await session.Events.AggregateStreamAsync<District>(id, version: events[^1].Version, ct: ct);
        return CardOf(district!, events[^1].Version, await OpenSchoolsAsync(session, id, ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<EventHistoryItem>>, NotFound>> DistrictHistory(Guid id, DocumentSession session, CancellationToken ct)
    {
        var history = await HistoryAsync(id, session, ct);
        return history.Result is Ok<IReadOnlyList<EventHistoryItem>> { Value: [{ Data: DistrictRegistered }, ..] } ? history : TypedResults.NotFound();
    }

    private static async Task<DistrictCard?> DecideAsync(
        Guid id, DocumentSession session, TenantDirectory directory, HttpContext http, CancellationToken ct, Func<District, object[]> decide)
    {
        var stream = await session.Events.FetchForWriting<District>(id, ct);
        if (stream.Aggregate is not { } loaded || loaded.Id != id) return null;
        var (district, version) = await stream.DecideAsync(session, http, decide, ct);
        await directory.ChangedAsync(id, session, ct);
        return CardOf(district, version, await OpenSchoolsAsync(session, id, ct));
    }

    /// <summary>The Russian phrase of each event code a region's or a district's history can show.</summary>
    public static readonly IReadOnlyDictionary<string, string> EventTitles = new Dictionary<string, string>
    {
        ["region_registered"] = "Регион зарегистрирован",
        ["region_renamed"] = "Изменено название региона",
        ["region_code_changed"] = "Изменён код региона",
        ["region_institute_renamed"] = "Изменено название института",
        ["region_time_zones_changed"] = "Изменены часовые пояса региона",
        ["personal_data_retention_set"] = "Изменён срок хранения персональных данных",
        ["district_registered"] = "Район зарегистрирован",
        ["district_renamed"] = "Изменено название района",
        ["district_time_zone_changed"] = "Изменён часовой пояс района",
        ["district_closed"] = "Район закрыт",
        ["district_reopened"] = "Район снова открыт",
    };

    private static async Task<Results<Ok<IReadOnlyList<EventHistoryItem>>, NotFound>> HistoryAsync(Guid streamId, DocumentSession session, CancellationToken ct) =>
        await HistoryOfAsync(streamId, session, ct) is { } items ? TypedResults.Ok(items) : TypedResults.NotFound();

    /// <summary>The history of a region's or a district's stream, titled in Russian; null when there is none. Shared by the API and the web page.</summary>
    public static async Task<IReadOnlyList<EventHistoryItem>?> HistoryOfAsync(Guid streamId, DocumentSession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(streamId, ct: ct);
        if (events.Count == 0) return null;
        return events.Select(e => EventHistoryItem.From(e, EventTitles)).ToList();
    }

    private static DistrictCard CardOf(District d, long version, int openSchools) =>
        new(d.Id, d.RegionId, d.Name, d.ShortName, d.TimeZone, openSchools, d.ClosedOn, version);

    /// <summary>One change of the region's districts at a time: names are unique within the region.</summary>
    private static Task LockDistrictsAsync(DocumentSession session, Guid regionId, CancellationToken ct) =>
        session.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('registry.districts:' || $1::text))", ct, regionId);

    private static Task<List<DistrictName>> SiblingsAsync(DocumentSession session, Guid regionId, CancellationToken ct) =>
        session.QueryAsync("SELECT id, name, short_name FROM registry.districts WHERE region_id = $1",
            r => new DistrictName(r.GetGuid(0), r.GetString(1), r.GetString(2)), ct, regionId);

    private static async Task<int> OpenSchoolsAsync(DocumentSession session, Guid districtId, CancellationToken ct) =>
        (await session.QueryAsync("SELECT count(*) FROM registry.schools WHERE district_id = $1 AND closed_on IS NULL", r => (int)r.GetInt64(0), ct, districtId))[0];
}
