using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Tenancy.Resolution;

namespace Platform.Reporting.Submissions;

/// <param name="DaysBefore">Days before the region's due date (by the district's date) the submission is drafted; 0: never.</param>
public sealed record AutoDraftSetting(int DaysBefore, bool IsDefault);

public sealed record SetAutoDraft(int? DaysBefore);

/// <summary>The district's setting of the submission auto-draft (SubmissionAutoDraft).</summary>
public static class SubmissionAutoDraftEndpoints
{
    public static IEndpointRouteBuilder MapSubmissionAutoDraft(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/districts/{districtId:guid}/submission-auto-draft").WithTags("Мониторинг: сводный отчёт района");
        group.MapGet("", Get).RequireAuthorization(Policies.DistrictRead)
            .WithSummary("За сколько дней до срока региона черновик сводного отчёта формируется автоматически (по умолчанию за 3)");
        group.MapPut("", Set).RequireAuthorization(Policies.DistrictWrite)
            .WithSummary("Задать, за сколько дней до срока региона формировать черновик сводного отчёта (0 — не формировать)");
        return app;
    }

    private static async Task<Ok<AutoDraftSetting>> Get(Guid districtId, DocumentSession session, CancellationToken ct)
    {
        var stored = await session.QueryAsync("SELECT days_before FROM reporting.auto_draft_settings WHERE tenant_id = $1", r => r.GetInt32(0), ct, districtId);
        return TypedResults.Ok(stored.Count > 0 ? new AutoDraftSetting(stored[0], false) : new AutoDraftSetting(SubmissionAutoDraft.DefaultDaysBefore, true));
    }

    private static async Task<Results<Ok<AutoDraftSetting>, ValidationProblem>> Set(Guid districtId, SetAutoDraft command, DocumentSession session,
        TimeProvider time, CancellationToken ct)
    {
        if (command.DaysBefore is not (>= 0 and <= 30))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["daysBefore"] = ["Укажите от 0 до 30 дней (0 — не формировать черновик)."] },
                title: "Настройка не сохранена");
        await session.ExecuteAsync("""
            INSERT INTO reporting.auto_draft_settings (tenant_id, days_before, updated_at, updated_by) VALUES ($1, $2, $3, $4)
            ON CONFLICT (tenant_id) DO UPDATE SET days_before = excluded.days_before, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, ct, districtId, command.DaysBefore.Value, time.GetUtcNow().ToUniversalTime(), session.UserName);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(new AutoDraftSetting(command.DaysBefore.Value, false));
    }
}
