using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Tenancy.Access;
using Platform.Tenancy.Resolution;

using Platform.Tenancy.Databases;

namespace Platform.Tenancy.Registry;

/// <summary>An event of a record's history: its code (for programs), its Russian phrase (for people), when, who, what.</summary>
public sealed record EventHistoryItem(long Version, string Type, string Title, DateTimeOffset Timestamp, string? UserName, object Data)
{
    /// <summary>The title of a code no history table knows.</summary>
    public const string UnknownChange = "Изменение записи";

    /// <summary>The item of a stored event, titled from its history's phrases (a code without one reads «Изменение записи»).</summary>
    public static EventHistoryItem From(IEvent e, IReadOnlyDictionary<string, string> titles, object? data = null) =>
        new(e.Version, e.EventTypeName, titles.GetValueOrDefault(e.EventTypeName, UnknownChange), e.Timestamp, e.UserName, data ?? e.Data);
}

public sealed record DistrictCard(Guid Id, Guid RegionId, string Name, string ShortName, string TimeZone, int OpenSchools, DateOnly? ClosedOn = null, long Version = 0);

/// <summary>The registry: regions, a district and its schools. School registry changes are district work.</summary>
public static class RegistryEndpoints
{
    /// <summary>The Russian phrase of each event code its history can show (beside the code, which programs keep using).</summary>
    public static readonly IReadOnlyDictionary<string, string> EventTitles = new Dictionary<string, string>
    {
        ["school_registered"] = "Организация зарегистрирована",
        ["school_renamed"] = "Изменено наименование",
        ["school_kind_changed"] = "Изменён вид организации",
        ["school_time_zone_changed"] = "Изменён часовой пояс",
        ["school_closed"] = "Организация закрыта",
        ["school_reopened"] = "Закрытие отменено",
    };

    public static IEndpointRouteBuilder MapRegistry(this IEndpointRouteBuilder app)
    {
        app.MapRegions();
        app.MapDatabases();
        app.MapGet("/api/registry/reference", Reference).WithTags("Регистр").RequireAuthorization(Policies.Authenticated)
            .WithSummary("Виды организаций (с русскими названиями) и часовые пояса России для форм регистра");
        app.MapGet("/api/regions", ListRegions).WithTags("Регистр").RequireAuthorization(Policies.Authenticated).WithSummary("Регионы, видимые вызывающему");

        var district = app.MapGroup("/api/districts/{districtId:guid}").WithTags("Регистр");
        district.MapGet("", GetDistrict).RequireAuthorization(Policies.DistrictRead).WithSummary("Карточка района");
        district.MapGet("/schools", ListSchools).RequireAuthorization(Policies.DistrictRead).WithSummary("Организации района: поиск, фильтры, сортировка, страницы");
        district.MapPost("/schools", RegisterSchool).RequireAuthorization(Policies.DistrictWrite).WithSummary("Зарегистрировать организацию");
        district.MapGet("/schools/{id:guid}", GetDistrictSchool).RequireAuthorization(Policies.DistrictRead).WithSummary("Организация района (asOf: состояние на момент)");
        district.MapPatch("/schools/{id:guid}", UpdateSchool).RequireAuthorization(Policies.DistrictWrite).WithSummary("Изменить наименование, вид или часовой пояс (If-Match: версия)");
        district.MapPost("/schools/{id:guid}/closure", CloseSchool).RequireAuthorization(Policies.DistrictWrite).WithSummary("Закрыть организацию");
        district.MapDelete("/schools/{id:guid}/closure", ReopenSchool).RequireAuthorization(Policies.DistrictWrite).WithSummary("Отменить закрытие");
        district.MapGet("/schools/{id:guid}/history", SchoolHistory).RequireAuthorization(Policies.DistrictRead).WithSummary("История изменений записи");

        app.MapGet("/api/schools/{schoolId:guid}", GetSchool).WithTags("Регистр").RequireAuthorization(Policies.SchoolMember).WithSummary("Карточка своей организации");
        return app;
    }

    public sealed record RegistryReference(IReadOnlyList<SchoolKindView> SchoolKinds, IReadOnlyList<string> TimeZones);

    private static Ok<RegistryReference> Reference() => TypedResults.Ok(new RegistryReference(SchoolKindNames.All, RussianTimeZones.All));

    private static async Task<Results<Ok<IReadOnlyList<RegionEntry>>, UnauthorizedHttpResult>> ListRegions(
        TenantContext tenant, TenantDirectory directory, CancellationToken ct)
    {
        if (tenant.Caller is not { } caller) return TypedResults.Unauthorized();
        var regions = await directory.ListRegionsAsync(ct);
        Guid? own = caller.Scope.Kind switch
        {
            ScopeKind.Platform => null,
            ScopeKind.Region => caller.Scope.Id,
            ScopeKind.District => (await directory.FindDistrictAsync(caller.Scope.Id, ct))?.RegionId,
            _ => (await directory.FindSchoolAsync(caller.Scope.Id, ct))?.RegionId,
        };
        return TypedResults.Ok<IReadOnlyList<RegionEntry>>(own is null ? regions : regions.Where(r => r.Id == own).ToList());
    }

    private static async Task<Ok<DistrictCard>> GetDistrict(TenantContext tenant, DocumentSession session, CancellationToken ct)
    {
        var d = tenant.District!;
        var open = await session.QueryAsync("SELECT count(*) FROM registry.schools WHERE tenant_id = $1 AND closed_on IS NULL",
            r => (int)r.GetInt64(0), ct, d.Id);
        return TypedResults.Ok(new DistrictCard(d.Id, d.RegionId, d.Name, d.ShortName, d.TimeZone, open[0], d.ClosedOn, d.Version));
    }

    private static async Task<Results<Ok<Page<SchoolCard>>, ValidationProblem>> ListSchools(
        Guid districtId, [AsParameters] SchoolListQuery query, DocumentSession session, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!SchoolList.IsValidSort(query.Sort))
            errors["sort"] = ["Сортировка возможна по полям: name, fullName, kind, timeZone, openedOn (с «-» — по убыванию)."];
        if (!SchoolList.IsValidKind(query.Kind))
            errors["kind"] = ["Неизвестный вид организации."];
        if (!SchoolList.IsValidStatus(query.Status))
            errors["status"] = ["Статус: open (действующие), closed (закрытые) или all (все)."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Проверьте параметры запроса");
        return TypedResults.Ok(await SchoolList.QueryAsync(session, districtId, query, ct));
    }

    private static async Task<Created<SchoolCard>> RegisterSchool(
        Guid districtId, RegisterSchool command, DocumentSession session, TenantContext tenant, TenantDirectory directory, TimeProvider time, CancellationToken ct)
    {
        var card = await RegisterSchoolAsync(districtId, command, session, tenant, directory, time, ct);
        return TypedResults.Created($"/api/districts/{districtId}/schools/{card.Id}", card);
    }

    /// <summary>Registers a school in the district (its curator's work). Shared by the API and the web page.</summary>
    public static async Task<SchoolCard> RegisterSchoolAsync(
        Guid districtId, RegisterSchool command, DocumentSession session, TenantContext tenant, TenantDirectory directory, TimeProvider time, CancellationToken ct)
    {
        if (tenant.District?.ClosedOn is not null) throw new Platform.Domain.DomainRuleException("Район закрыт: регистрировать в нём организации нельзя.");
        var id = Guid.CreateVersion7();
        var registered = SchoolCommands.Register(id, districtId, command, Today(time));
        session.Events.StartStream<School>(id, registered);
        await session.SaveChangesAsync(ct);
        await directory.ChangedAsync(id, session, ct);
        return SchoolCard.From(School.Create(registered), 1);
    }

    private static async Task<Results<Ok<SchoolCard>, NotFound>> GetDistrictSchool(
        Guid id, DateTimeOffset? asOf, DocumentSession session, HttpContext http, CancellationToken ct)
    {
        if (await FindSchoolAsync(id, session, ct, asOf) is not { } card) return TypedResults.NotFound();
        http.Response.Headers.ETag = $"\"{card.Version}\"";
        return TypedResults.Ok(card);
    }

    /// <summary>A school of the session's district as it stands (or stood at <paramref name="asOf"/>); null when there is none. Shared with the web page.</summary>
    public static async Task<SchoolCard?> FindSchoolAsync(Guid id, DocumentSession session, CancellationToken ct, DateTimeOffset? asOf = null)
    {
        var events = await session.Events.FetchStreamAsync(id, timestamp: asOf, ct: ct);
        if (events.Count == 0 || events[0].Data is not SchoolRegistered) return null;
        var school = await session.Events.AggregateStreamAsync<School>(id, version: events[^1].Version, ct: ct);
        return SchoolCard.From(school!, events[^1].Version);
    }

    private static async Task<Results<Ok<SchoolCard>, NotFound>> UpdateSchool(
        Guid id, UpdateSchool command, DocumentSession session, TenantDirectory directory, HttpContext http, CancellationToken ct) =>
        Found(await UpdateSchoolAsync(id, command, session, directory, http, ct));

    private static async Task<Results<Ok<SchoolCard>, NotFound>> CloseSchool(
        Guid id, CloseSchool command, DocumentSession session, TenantDirectory directory, TimeProvider time, HttpContext http, CancellationToken ct) =>
        Found(await CloseSchoolAsync(id, command, session, directory, time, http, ct));

    private static async Task<Results<Ok<SchoolCard>, NotFound>> ReopenSchool(
        Guid id, DocumentSession session, TenantDirectory directory, HttpContext http, CancellationToken ct) =>
        Found(await ReopenSchoolAsync(id, session, directory, http, ct));

    private static async Task<Results<Ok<IReadOnlyList<EventHistoryItem>>, NotFound>> SchoolHistory(
        Guid id, DocumentSession session, CancellationToken ct) =>
        await SchoolHistoryAsync(id, session, ct) is { } history ? TypedResults.Ok(history) : TypedResults.NotFound();

    // Shared by the API and the district's web pages: null when the district has no such school.

    public static Task<SchoolCard?> UpdateSchoolAsync(Guid id, UpdateSchool command, DocumentSession session, TenantDirectory directory, HttpContext http, CancellationToken ct) =>
        DecideAsync(id, session, directory, http, ct, school => SchoolCommands.Update(school, command));

    public static Task<SchoolCard?> CloseSchoolAsync(Guid id, CloseSchool command, DocumentSession session, TenantDirectory directory, TimeProvider time,
        HttpContext http, CancellationToken ct) =>
        DecideAsync(id, session, directory, http, ct, school => [SchoolCommands.Close(school, command, Today(time))]);

    public static Task<SchoolCard?> ReopenSchoolAsync(Guid id, DocumentSession session, TenantDirectory directory, HttpContext http, CancellationToken ct) =>
        DecideAsync(id, session, directory, http, ct, school => [SchoolCommands.Reopen(school)]);

    public static async Task<IReadOnlyList<EventHistoryItem>?> SchoolHistoryAsync(Guid id, DocumentSession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        return events.Count == 0 ? null : events.Select(e => EventHistoryItem.From(e, EventTitles)).ToList();
    }

    private static Results<Ok<SchoolCard>, NotFound> GetSchool(TenantContext tenant, HttpContext http)
    {
        var school = tenant.School!;
        http.Response.Headers.ETag = $"\"{school.Version}\"";
        return TypedResults.Ok(SchoolCard.From(school));
    }

    /// <summary>Load, decide, append: optimistic against the version in If-Match, or the version just loaded.</summary>
    private static async Task<SchoolCard?> DecideAsync(
        Guid id, DocumentSession session, TenantDirectory directory, HttpContext http, CancellationToken ct, Func<School, object[]> decide)
    {
        var stream = await session.Events.FetchForWriting<School>(id, ct);
        if (stream.Aggregate is null) return null;
        var (school, version) = await stream.DecideAsync(session, http, decide, ct);
        await directory.ChangedAsync(id, session, ct);
        return SchoolCard.From(school, version);
    }

    private static Results<Ok<SchoolCard>, NotFound> Found(SchoolCard? card) => card is null ? TypedResults.NotFound() : TypedResults.Ok(card);

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
