using System.Text.Json;
using Platform.EventStore;
using Platform.Operations;
using Platform.Reporting.Campaigns;
using Platform.Tenancy.Resolution;

namespace Platform.Reporting.Submissions;

/// <summary>What assembling a district's submission needs: checked when it is asked for, run by a worker.</summary>
public sealed record SubmissionAssemblyInput(Guid DistrictId, Guid CampaignId, DateTimeOffset AsOf);

/// <summary>
/// Assembling a district's submission as a background operation (the API and the page start it; a worker runs it in the
/// district's scope). The submission's id is the operation's: run again after a node died, it finds the one it committed.
/// </summary>
public sealed class SubmissionAssembly(BackgroundOperations operations, TenantDirectory directory) : IOperationHandler
{
    public const string OperationKind = "submission-assembly";
    public string Kind => OperationKind;

    /// <summary>Checks the request (null: not the district's campaign) and starts the operation; the moment is fixed now.</summary>
    public async Task<OperationView?> StartAsync(Guid districtId, Guid campaignId, AssembleSubmission command, DocumentSession session,
        string? requestedBy, DateTimeOffset now, CancellationToken ct)
    {
        if (await CampaignQueries.FindAsync(session, districtId, campaignId, ct) is not { Level: CampaignLevel.District } campaign) return null;
        var asOf = SubmissionCommands.CheckAsOf(command.AsOf, now);
        return await operations.StartAsync(TenantScope.District(districtId), districtId, OperationKind,
            $"Сборка сводного отчёта: {campaign.Title}", new SubmissionAssemblyInput(districtId, campaignId, asOf), requestedBy, ct);
    }

    public async Task<OperationResult> RunAsync(OperationContext operation, JsonElement input, CancellationToken ct)
    {
        var request = input.Deserialize<SubmissionAssemblyInput>(JsonSerializerOptions.Web)!;
        var url = $"/api/districts/{request.DistrictId}/submissions/{operation.Id}";
        await using var session = operation.Session();
        if ((await session.QueryAsync("SELECT 1 FROM reporting.submissions WHERE id = $1", r => r.GetInt32(0), ct, operation.Id)).Count > 0)
            return Assembled(url);
        var district = await directory.FindDistrictAsync(request.DistrictId, ct) ?? throw new DomainRuleException("Район не найден.");
        if (await CampaignQueries.FindAsync(session, request.DistrictId, request.CampaignId, ct) is not { Level: CampaignLevel.District } campaign)
            throw new DomainRuleException("Кампания не найдена.");
        await operation.ReportAsync(10, "Собираем принятые отчёты организаций", ct);
        await SubmissionEndpoints.StartAsync(session, district.RegionId, request.DistrictId, district.ShortName, campaign, request.AsOf,
            operation.Time.GetUtcNow(), autoDrafted: false, ct, submissionId: operation.Id);
        await operation.ReportAsync(70, "Сохраняем сводный отчёт", ct);
        await session.SaveChangesAsync(ct);
        return Assembled(url);
    }

    private static OperationResult Assembled(string url) => new("Сводный отчёт собран.", url);
}
