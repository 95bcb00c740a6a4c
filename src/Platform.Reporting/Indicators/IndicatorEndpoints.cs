using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Tenancy.Resolution;

namespace Platform.Reporting.Indicators;

public sealed record IndicatorSetView(Guid RegionId, bool IsDefault, IReadOnlyList<Indicator> Indicators);

public sealed record DefineIndicatorSet(IndicatorDraft[]? Indicators);

/// <summary>A region's indicator set: read by all signed in; defined by the platform's administrator for the region's institute.</summary>
public static class IndicatorEndpoints
{
    public static IEndpointRouteBuilder MapIndicators(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/regions/{regionId:guid}/indicators").WithTags("Мониторинг: показатели");
        group.MapGet("", Get).RequireAuthorization(Policies.Authenticated).WithSummary("Набор показателей мониторинга региона (по умолчанию — из документов seed)");
        group.MapPut("", Define).RequireAuthorization(Policies.Platform)
            .WithSummary("Задать набор показателей региона: код, наименование, рассчитывается по данным или вводится вручную, единица");
        app.MapGet("/api/reporting/computed-indicators", (Func<Ok<IReadOnlyList<Indicator>>>)(() => TypedResults.Ok(IndicatorCatalog.Computed)))
            .WithTags("Мониторинг: показатели").RequireAuthorization(Policies.Authenticated).WithSummary("Показатели, которые платформа рассчитывает по данным");
        return app;
    }

    private static async Task<Results<Ok<IndicatorSetView>, NotFound>> Get(Guid regionId, TenantDirectory directory, DocumentSession session, CancellationToken ct)
    {
        if ((await directory.ListRegionsAsync(ct)).All(r => r.Id != regionId)) return TypedResults.NotFound();
        return TypedResults.Ok(await GetAsync(regionId, session, ct));
    }

    /// <summary>The region's indicator set, or the default one while it has defined none. Shared by the API and the web page.</summary>
    public static async Task<IndicatorSetView> GetAsync(Guid regionId, DocumentSession session, CancellationToken ct)
    {
        var set = await IndicatorSets.ForRegionAsync(session, regionId, ct);
        return new IndicatorSetView(regionId, ReferenceEquals(set, IndicatorCatalog.Default), set);
    }

    private static async Task<Results<Ok<IndicatorSetView>, NotFound>> Define(
        Guid regionId, DefineIndicatorSet command, TenantDirectory directory, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        if ((await directory.ListRegionsAsync(ct)).All(r => r.Id != regionId)) return TypedResults.NotFound();
        return TypedResults.Ok(await DefineAsync(regionId, command.Indicators, session, time, ct));
    }

    /// <summary>Defines the region's indicator set (the latest definition replaces the set). Refusals throw. Shared by the API and the web page.</summary>
    public static async Task<IndicatorSetView> DefineAsync(Guid regionId, IndicatorDraft[]? drafts, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var defined = IndicatorCatalog.Define(regionId, drafts, time.GetUtcNow());
        var region = session.ForTenant(regionId);
        var stream = IndicatorSet.StreamId(regionId);
        if (await region.FetchStreamStateAsync(stream, ct) is null) region.StartStream<IndicatorSet>(stream, defined);
        else await region.AppendExclusive(stream, ct, defined);
        await session.SaveChangesAsync(ct);
        return new IndicatorSetView(regionId, false, defined.Indicators);
    }
}
