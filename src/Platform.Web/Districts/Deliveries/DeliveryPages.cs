using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Platform.EventStore;
using Platform.Jobs.Deliveries;
using Platform.Jobs.Reminders;
using Platform.Jobs.Scheduling;
using Platform.Web.Shell;

namespace Platform.Web.Districts.Deliveries;

public sealed record DeliveriesModel(IReadOnlyList<UpcomingReminder> Upcoming, IReadOnlyList<LateDeadline> Late, ProblemsModel Problems);

public sealed record ProblemsModel(IReadOnlyList<DeliveryRow> Rows, FormErrors Errors, string? Notice = null);

/// <summary>
/// The district's «Рассылки»: the reminders going out in the next 30 days, who is late, and the deliveries that failed or are
/// dead (attempts, the last answer) with resending — the same queries and decision as the API's reminders and deliveries.
/// </summary>
public static class DeliveryPages
{
    private const int Horizon = 30;

    public static RouteGroupBuilder MapDeliveryPages(this RouteGroupBuilder district)
    {
        district.MapGet("/deliveries", Show).RequireAuthorization(Policies.DistrictRead);
        district.MapPost("/deliveries/{id:guid}/resend", Resend).RequireAuthorization(Policies.DistrictWrite);
        return district;
    }

    private static Task<IReadOnlyList<DeliveryRow>> ProblemsAsync(DocumentSession session, CancellationToken ct) =>
        DeliveryEndpoints.ListAsync(session, "problems", null, 100, ct);

    private static async Task<IResult> Show(Guid districtId, HttpContext http, DocumentSession session, ReminderScan scan, TimeProvider time,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var model = new DeliveriesModel(
            await ReminderEndpoints.UpcomingAsync(session, districtId, scan, now, Horizon, ct),
            await ReminderEndpoints.LateAsync(session, districtId, scan, now, ct),
            new ProblemsModel(await ProblemsAsync(session, ct), FormErrors.None));
        return Pages.Render<DeliveriesPage>(new { Ui = UiContext.For(http), Model = model });
    }

    private static async Task<IResult> Resend(Guid districtId, Guid id, HttpContext http, DocumentSession session, DeliveryResend resend,
        CancellationToken ct)
    {
        var ui = UiContext.For(http);
        async Task<IResult> Section(FormErrors errors, string? notice = null, int status = StatusCodes.Status200OK) =>
            Pages.Render<ProblemsSection>(new { Ui = ui, Model = new ProblemsModel(await ProblemsAsync(session, ct), errors, notice) }, status);
        var (_, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return await Section(FormErrors.General(Pages.StaleForm), status: StatusCodes.Status400BadRequest);
        var (row, refusal) = await resend.ResendAsync(id, session, ct);
        if (row is null) return await Section(FormErrors.General("Отправка не найдена."), status: StatusCodes.Status404NotFound);
        if (refusal is not null) return await Section(FormErrors.General(refusal), status: StatusCodes.Status409Conflict);
        return await Section(FormErrors.None, $"Отправка «{row.Title ?? row.Template}» поставлена в очередь повторно.");
    }
}
