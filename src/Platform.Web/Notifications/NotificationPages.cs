using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Jobs.Notifications;
using Platform.Tenancy.Resolution;
using Platform.Web.Shell;

namespace Platform.Web.Notifications;

/// <summary>
/// Every account's «Уведомления»: the inbox (the same query as <c>/api/me/notifications</c>), marking read without a reload, and
/// the header's unread badge, which every page loads as a tiny fragment and a mark's answer replaces.
/// </summary>
public static class NotificationPages
{
    public static IEndpointRouteBuilder MapNotificationPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/notifications").ExcludeFromDescription();
        pages.MapGet("", Inbox).RequireAuthorization(Policies.Authenticated);
        pages.MapGet("/badge", Badge).RequireAuthorization(Policies.Authenticated);
        pages.MapPost("/{id:guid}/read", MarkRead).RequireAuthorization(Policies.Authenticated);
        pages.MapPost("/read-all", MarkAllRead).RequireAuthorization(Policies.Authenticated);
        return app;
    }

    private static async Task<IResult> Inbox(HttpContext http, DocumentSession session, TenantContext tenant, CancellationToken ct) =>
        Pages.Render<InboxPage>(new
        {
            Ui = UiContext.For(http),
            Inbox = await NotificationEndpoints.PageAsync(session, NotificationEndpoints.UserOf(tenant), false, 100, ct),
        });

    private static async Task<IResult> Badge(DocumentSession session, TenantContext tenant, CancellationToken ct) =>
        Pages.Render<UnreadBadge>(new { Count = await NotificationEndpoints.CountUnreadAsync(session, NotificationEndpoints.UserOf(tenant), ct) });

    private static async Task<IResult> MarkRead(Guid id, HttpContext http, DocumentSession session, TenantContext tenant, TimeProvider time,
        CancellationToken ct)
    {
        var (_, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return await List(http, session, tenant, FormErrors.General(Pages.StaleForm), ct, StatusCodes.Status400BadRequest);
        if (!await NotificationEndpoints.MarkReadAsync(session, NotificationEndpoints.UserOf(tenant), id, time.GetUtcNow(), ct))
            return await List(http, session, tenant, FormErrors.General("Уведомление не найдено."), ct, StatusCodes.Status404NotFound);
        return await List(http, session, tenant, FormErrors.None, ct);
    }

    private static async Task<IResult> MarkAllRead(HttpContext http, DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct)
    {
        var (_, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return await List(http, session, tenant, FormErrors.General(Pages.StaleForm), ct, StatusCodes.Status400BadRequest);
        await NotificationEndpoints.MarkAllReadAsync(session, NotificationEndpoints.UserOf(tenant), time.GetUtcNow(), ct);
        return await List(http, session, tenant, FormErrors.None, ct);
    }

    private static async Task<IResult> List(HttpContext http, DocumentSession session, TenantContext tenant, FormErrors errors, CancellationToken ct,
        int status = StatusCodes.Status200OK) =>
        Pages.Render<InboxList>(new
        {
            Ui = UiContext.For(http),
            Inbox = await NotificationEndpoints.PageAsync(session, NotificationEndpoints.UserOf(tenant), false, 100, ct),
            Errors = errors,
            Badge = true,
        }, status);
}
