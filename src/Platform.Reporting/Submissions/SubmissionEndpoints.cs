using Microsoft.Extensions.Options;
using Platform.Jobs.Deliveries;
using Platform.Operations;
using Platform.Jobs.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Reporting.Campaigns;
using Platform.Reporting.Exports;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;

namespace Platform.Reporting.Submissions;

public sealed record SubmissionSummary(Guid Id, Guid CampaignId, Guid? RegionCampaignId, DateTimeOffset AsOf, int Schools, int Rebuilds,
    DateTimeOffset? SubmittedAt, bool? Late, DateTimeOffset AssembledAt, long Version, bool AutoDrafted = false);

public sealed record SubmissionView(Guid Id, Guid CampaignId, Guid? RegionCampaignId, string Campaign, string District, DateTimeOffset AsOf,
    int Expected, int Rebuilds, DateTimeOffset? SubmittedAt, bool? Late, IReadOnlyList<Indicators.Indicator> Indicators,
    IReadOnlyList<SubmissionRow> Schools, IReadOnlyDictionary<string, decimal?> Totals, long Version, IReadOnlyDictionary<string, string> Files,
    bool AutoDrafted = false)
{
    public static SubmissionView From(Submission s, long version, string basePath)
    {
        var t = new SubmissionTable(s);
        return new(s.Id, s.CampaignId, s.RegionCampaignId, s.CampaignTitle, s.DistrictName, s.AsOf, s.Expected, s.Rebuilds, s.SubmittedAt, s.Late,
            s.Indicators, t.Rows, t.Totals, version, new Dictionary<string, string>
            {
                ["xlsx"] = $"{basePath}/export.xlsx", ["csv"] = $"{basePath}/export.csv", ["json"] = $"{basePath}/export.json", ["zip"] = $"{basePath}/package.zip",
            }, s.AutoDrafted);
    }
}

public sealed record DeliveryRequested(Guid DeliveryId, string Url, string FileName, string Sha256, string Status);

public sealed record InstituteEndpoint(Guid OwnerId, string? Url, Guid? InheritedFrom);

/// <summary>
/// The district's submission to the regional institute: assemble from accepted school reports as of a moment, rebuild,
/// submit for a region campaign, download (XLSX, CSV, JSON, ZIP with a manifest), request the push to the institute.
/// </summary>
public static class SubmissionEndpoints
{
    /// <summary>The Russian phrase of each event code its history can show (beside the code, which programs keep using).</summary>
    public static readonly IReadOnlyDictionary<string, string> EventTitles = new Dictionary<string, string>
    {
        ["submission_assembled"] = "Сводный отчёт собран",
        ["submission_rebuilt"] = "Сводный отчёт пересобран",
        ["submission_submitted"] = "Сводный отчёт сдан в регион",
        ["submission_push_requested"] = "Отправка в систему региона поставлена в очередь",
    };

    public static IEndpointRouteBuilder MapSubmissions(this IEndpointRouteBuilder app)
    {
        const string tag = "Мониторинг: сводный отчёт района";
        app.MapPost("/api/districts/{districtId:guid}/campaigns/{campaignId:guid}/submissions", Assemble).WithTags(tag)
            .RequireAuthorization(Policies.DistrictWrite)
            .WithSummary("Собрать сводный отчёт из принятых отчётов организаций на момент (asOf): фоновая операция, 202 и её адрес");
        var group = app.MapGroup("/api/districts/{districtId:guid}/submissions").WithTags(tag);
        group.MapGet("", List).RequireAuthorization(Policies.DistrictRead).WithSummary("Сводные отчёты района");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.DistrictRead).WithSummary("Сводный отчёт (version: прежняя версия)");
        group.MapGet("/{id:guid}/history", History).RequireAuthorization(Policies.DistrictRead).WithSummary("Сборки, пересборки, сдача, отправки");
        group.MapPost("/{id:guid}/rebuild", Rebuild).RequireAuthorization(Policies.DistrictWrite).WithSummary("Пересобрать на момент (asOf)");
        group.MapPost("/{id:guid}/submit", Submit).RequireAuthorization(Policies.DistrictWrite).WithSummary("Сдать сводный отчёт в кампанию региона");
        group.MapGet("/{id:guid}/export.xlsx", (Guid id, long? version, DocumentSession s, CancellationToken ct) => Download(s, id, version, SubmissionFiles.XlsxFile, ct))
            .RequireAuthorization(Policies.DistrictRead).WithSummary("Скачать XLSX: строка на организацию и итог по району");
        group.MapGet("/{id:guid}/export.csv", (Guid id, long? version, DocumentSession s, CancellationToken ct) => Download(s, id, version, SubmissionFiles.CsvFile, ct))
            .RequireAuthorization(Policies.DistrictRead).WithSummary("Скачать CSV для Excel (UTF-8 с BOM, «;»)");
        group.MapGet("/{id:guid}/export.json", (Guid id, long? version, DocumentSession s, CancellationToken ct) => Download(s, id, version, SubmissionFiles.JsonFile, ct))
            .RequireAuthorization(Policies.DistrictRead).WithSummary("Скачать JSON с кодами показателей");
        group.MapGet("/{id:guid}/package.zip", (Guid id, long? version, DocumentSession s, CancellationToken ct) => Download(s, id, version, SubmissionFiles.ZipFile, ct))
            .RequireAuthorization(Policies.DistrictRead).WithSummary("Скачать пакет ZIP: XLSX, CSV, JSON и manifest.json с SHA-256");
        group.MapPost("/{id:guid}/push", Push).RequireAuthorization(Policies.DistrictWrite)
            .WithSummary("Отправить пакет на адрес приёма института (доставка выполняется заданием; каждая попытка записывается)");

        app.MapGet("/api/districts/{districtId:guid}/institute-endpoint", GetDistrictEndpoint).WithTags(tag).RequireAuthorization(Policies.DistrictRead)
            .WithSummary("Адрес приёма данных института для района (или региона)");
        app.MapPut("/api/districts/{districtId:guid}/institute-endpoint", SetDistrictEndpoint).WithTags(tag).RequireAuthorization(Policies.DistrictWrite)
            .WithSummary("Задать адрес приёма данных института для района");
        app.MapPut("/api/regions/{regionId:guid}/institute-endpoint", SetRegionEndpoint).WithTags(tag).RequireAuthorization(Policies.Platform)
            .WithSummary("Задать адрес приёма данных института для региона");
        return app;
    }

    /// <summary>Starts the assembly on a worker: 202 with the operation to follow (GET /api/operations/{id}); its result is the submission.</summary>
    private static async Task<Results<Accepted<OperationView>, NotFound>> Assemble(Guid districtId, Guid campaignId,
        AssembleSubmission command, TenantContext tenant, DocumentSession session, SubmissionAssembly assembly, TimeProvider time, CancellationToken ct) =>
        await assembly.StartAsync(districtId, campaignId, command, session, tenant.Caller?.UserName, time.GetUtcNow(), ct) is { } operation
            ? TypedResults.Accepted($"/api/operations/{operation.Id}", operation)
            : TypedResults.NotFound();

    /// <summary>
    /// Collects the campaign's reports accepted by <paramref name="asOf"/> and starts the submission's stream in the session (not saved:
    /// the caller commits it with whatever else belongs to the decision). The assembling of the API, the web UI and the auto-draft.
    /// </summary>
    public static async Task<SubmissionAssembled> StartAsync(DocumentSession session, Guid regionId, Guid districtId, string districtName,
        CampaignView campaign, DateTimeOffset asOf, DateTimeOffset now, bool autoDrafted, CancellationToken ct, Guid? submissionId = null)
    {
        var (indicators, rows) = await SubmissionPackages.CollectAsync(session, regionId, districtId, campaign.Id, asOf, ct);
        var id = submissionId ?? Guid.CreateVersion7();
        var e = new SubmissionAssembled(id, campaign.Id, null, campaign.Title, districtName, asOf, indicators, rows, campaign.Participants, now, autoDrafted);
        session.ForTenant(districtId).StartStream<Submission>(id, e);
        return e;
    }

    private static string Base(Guid districtId, Guid id) => $"/api/districts/{districtId}/submissions/{id}";

    private static async Task<Ok<List<SubmissionSummary>>> List(Guid districtId, Guid? campaignId, DocumentSession session, CancellationToken ct) =>
        TypedResults.Ok(await ListAsync(session, districtId, campaignId, ct));

    public static Task<List<SubmissionSummary>> ListAsync(DocumentSession session, Guid districtId, Guid? campaignId, CancellationToken ct) =>
        session.QueryAsync("""
            SELECT id, campaign_id, region_campaign_id, as_of, schools, rebuilds, submitted_at, late, assembled_at, version, auto_drafted
              FROM reporting.submissions WHERE tenant_id = $1 AND ($2::uuid IS NULL OR campaign_id = $2) ORDER BY assembled_at DESC
            """, r => new SubmissionSummary(r.GetGuid(0), r.GetGuid(1), r.IsDBNull(2) ? null : r.GetGuid(2), r.GetFieldValue<DateTimeOffset>(3), r.GetInt32(4),
                r.GetInt32(5), r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetBoolean(7),
                r.GetFieldValue<DateTimeOffset>(8), r.GetInt64(9), r.GetBoolean(10)), ct, districtId, campaignId);

    private static async Task<Results<Ok<SubmissionView>, NotFound>> Get(Guid districtId, Guid id, long? version, DocumentSession session, CancellationToken ct) =>
        await SubmissionPackages.LoadAsync(session, id, version ?? 0, ct) is { } s
            ? TypedResults.Ok(SubmissionView.From(s.Submission, s.Version, Base(districtId, id)))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<EventHistoryItem>>, NotFound>> History(Guid id, DocumentSession session, CancellationToken ct)
    {
        var stream = await session.Events.FetchStreamAsync(id, ct: ct);
        if (stream.Count == 0 || stream[0].Data is not SubmissionAssembled) return TypedResults.NotFound();
        // The rows are in the view and the files: the history says who did what and when.
        return TypedResults.Ok<IReadOnlyList<EventHistoryItem>>(stream.Select(e => EventHistoryItem.From(e, EventTitles,
            e.Data switch
            {
                SubmissionAssembled a => new { a.AsOf, Schools = a.Rows.Length, a.Expected, a.AutoDrafted },
                SubmissionRebuilt r => new { r.AsOf, Schools = r.Rows.Length },
                _ => e.Data,
            })).ToList());
    }

    private static async Task<Results<Ok<SubmissionView>, NotFound>> Rebuild(Guid districtId, Guid id, AssembleSubmission command, TenantContext tenant,
        DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Submission>(id, ct);
        if (stream.Aggregate is not { } s) return TypedResults.NotFound();
        var now = time.GetUtcNow();
        var asOf = SubmissionCommands.CheckAsOf(command.AsOf, now);
        var (indicators, rows) = await SubmissionPackages.CollectAsync(session, tenant.District!.RegionId, districtId, s.CampaignId, asOf, ct);
        var e = new SubmissionRebuilt(asOf, indicators, rows, now);
        stream.AppendOne(e);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(SubmissionView.From(s.Apply(e), stream.Version + 1, Base(districtId, id)));
    }

    private static async Task<Results<Ok<SubmissionView>, NotFound>> Submit(Guid districtId, Guid id, SubmitToRegion command, DocumentSession session,
        TimeProvider time, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Submission>(id, ct);
        if (stream.Aggregate is not { } s) return TypedResults.NotFound();
        var duty = command.RegionCampaignId is { } rc
            ? (await session.QueryAsync("""
                SELECT campaign_id, title, late_from, locked_from, lock_on FROM reporting.campaign_districts WHERE tenant_id = $1 AND campaign_id = $2
                """, r => new RegionDuty(r.GetGuid(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3),
                    r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4)), ct, districtId, rc)).FirstOrDefault()
            : null;
        var e = SubmissionCommands.Submit(s, command, duty, time.GetUtcNow());
        stream.AppendOne(e);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(SubmissionView.From(s.Apply(e), stream.Version + 1, Base(districtId, id)));
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> Download(DocumentSession session, Guid id, long? version,
        Func<SubmissionTable, ExportFile> build, CancellationToken ct)
    {
        if (await SubmissionPackages.LoadAsync(session, id, version ?? 0, ct) is not { } s) return TypedResults.NotFound();
        var file = build(new SubmissionTable(s.Submission));
        // ASP.NET Core writes Content-Disposition with filename* (UTF-8) for the Russian name.
        return TypedResults.File(file.Content, file.ContentType, file.Name);
    }

    private static async Task<Results<Accepted<DeliveryRequested>, NotFound>> Push(Guid districtId, Guid id, TenantContext tenant, DocumentSession session,
        TimeProvider time, DeliveryQueue deliveries, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Submission>(id, ct);
        if (stream.Aggregate is not { } s) return TypedResults.NotFound();
        var endpoint = await EndpointAsync(session, districtId, tenant.District!.RegionId, ct);
        if (endpoint.Url is null)
            throw new DomainRuleException("Адрес приёма данных института не задан: задайте его для района или региона.");
        var zip = SubmissionFiles.ZipFile(new SubmissionTable(s));
        var now = time.GetUtcNow();
        // The delivery and its message commit with the request: Wolverine retries it over days, every attempt logged under the same id.
        var deliveryId = await deliveries.QueueAsync(session, InstituteDelivery.To(districtId, new Uri(endpoint.Url),
            new DeliveryPayload(zip.Content, "application/zip", zip.Name), $"Пакет данных мониторинга: {s.CampaignTitle}"), ct);
        var e = new SubmissionPushRequested(deliveryId, endpoint.Url, zip.Name, SubmissionFiles.Sha256(zip.Content), now);
        stream.AppendOne(e);
        await session.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/districts/{districtId}/deliveries/{deliveryId}", new DeliveryRequested(e.DeliveryId, e.Url, e.FileName, e.Sha256, "requested"));
    }

    private static async Task<InstituteEndpoint> EndpointAsync(DocumentSession session, Guid districtId, Guid regionId, CancellationToken ct)
    {
        var rows = await session.QueryAsync("SELECT tenant_id, url FROM reporting.institute_endpoints WHERE tenant_id IN ($1, $2)",
            r => (Owner: r.GetGuid(0), Url: r.GetString(1)), ct, districtId, regionId);
        var own = rows.FirstOrDefault(r => r.Owner == districtId);
        if (own.Url is not null) return new InstituteEndpoint(districtId, own.Url, null);
        var region = rows.FirstOrDefault(r => r.Owner == regionId);
        return new InstituteEndpoint(districtId, region.Url, region.Url is null ? null : regionId);
    }

    private static async Task<Ok<InstituteEndpoint>> GetDistrictEndpoint(Guid districtId, TenantContext tenant, DocumentSession session, CancellationToken ct) =>
        TypedResults.Ok(await EndpointAsync(session, districtId, tenant.District!.RegionId, ct));

    private static async Task<Ok<InstituteEndpoint>> SetDistrictEndpoint(Guid districtId, SetInstituteEndpoint command, DocumentSession session,
        TimeProvider time, CancellationToken ct)
    {
        var url = SubmissionCommands.CheckUrl(command.Url);
        await SaveEndpointAsync(session, districtId, url, time, ct);
        return TypedResults.Ok(new InstituteEndpoint(districtId, url, null));
    }

    private static async Task<Results<Ok<InstituteEndpoint>, NotFound>> SetRegionEndpoint(Guid regionId, SetInstituteEndpoint command, TenantDirectory directory,
        DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        if ((await directory.ListRegionsAsync(ct)).All(r => r.Id != regionId)) return TypedResults.NotFound();
        var url = SubmissionCommands.CheckUrl(command.Url);
        await SaveEndpointAsync(session, regionId, url, time, ct);
        return TypedResults.Ok(new InstituteEndpoint(regionId, url, null));
    }

    private static async Task SaveEndpointAsync(DocumentSession session, Guid owner, string url, TimeProvider time, CancellationToken ct)
    {
        await session.ExecuteAsync("""
            INSERT INTO reporting.institute_endpoints (tenant_id, url, updated_at, updated_by) VALUES ($1, $2, $3, $4)
            ON CONFLICT (tenant_id) DO UPDATE SET url = excluded.url, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, ct, owner, url, time.GetUtcNow(), session.UserName);
        await session.SaveChangesAsync(ct);
    }
}
