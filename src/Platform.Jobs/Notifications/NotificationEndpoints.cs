using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Tenancy.Resolution;

namespace Platform.Jobs.Notifications;

public sealed record NotificationItem(Guid Id, string Kind, string Title, string Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);
public sealed record NotificationPage(IReadOnlyList<NotificationItem> Items, int Unread);
public sealed record UnreadCount(int Unread);

/// <summary>Every account's in-app inbox: its notifications only, newest first; unread count; mark read.</summary>
public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me/notifications").WithTags("Уведомления");
        me.MapGet("", List).RequireAuthorization(Policies.Authenticated).WithSummary("Мои уведомления (unread=true — только непрочитанные; limit до 200)");
        me.MapGet("/unread-count", Unread).RequireAuthorization(Policies.Authenticated).WithSummary("Число непрочитанных уведомлений");
        me.MapPost("/{id:guid}/read", MarkRead).RequireAuthorization(Policies.Authenticated).WithSummary("Отметить уведомление прочитанным");
        me.MapPost("/read-all", MarkAllRead).RequireAuthorization(Policies.Authenticated).WithSummary("Отметить все уведомления прочитанными");
        return app;
    }

    private static async Task<Results<Ok<NotificationPage>, ValidationProblem>> List(
        bool? unread, int? limit, DocumentSession session, TenantContext tenant, CancellationToken ct)
    {
        if (limit is < 1 or > 200)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["Число уведомлений на странице: от 1 до 200."] });
        return TypedResults.Ok(await PageAsync(session, UserOf(tenant), unread == true, limit ?? 50, ct));
    }

    /// <summary>The account's notifications, newest first, and its unread count (the API's and the web inbox's query).</summary>
    public static async Task<NotificationPage> PageAsync(DocumentSession session, Guid user, bool unreadOnly, int limit, CancellationToken ct)
    {
        var items = await session.QueryAsync("""
            SELECT id, kind, title, body, link, created_at, read_at FROM jobs.notifications
             WHERE user_id = $1 AND (NOT $2 OR read_at IS NULL) ORDER BY created_at DESC, id DESC LIMIT $3
            """, r => new NotificationItem(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
                r.GetFieldValue<DateTimeOffset>(5), r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6)), ct, user, unreadOnly, limit);
        return new NotificationPage(items, await CountUnreadAsync(session, user, ct));
    }

    private static async Task<Ok<UnreadCount>> Unread(DocumentSession session, TenantContext tenant, CancellationToken ct) =>
        TypedResults.Ok(new UnreadCount(await CountUnreadAsync(session, UserOf(tenant), ct)));

    private static async Task<Results<NoContent, NotFound>> MarkRead(Guid id, DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct) =>
        await MarkReadAsync(session, UserOf(tenant), id, time.GetUtcNow(), ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// <summary>Marks one of the account's own notifications read; false when it is not the account's.</summary>
    public static async Task<bool> MarkReadAsync(DocumentSession session, Guid user, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var found = await session.QueryAsync("""
            UPDATE jobs.notifications SET read_at = coalesce(read_at, $3) WHERE id = $1 AND user_id = $2 RETURNING 1
            """, r => r.GetInt32(0), ct, id, user, now.ToUniversalTime());
        await session.SaveChangesAsync(ct);
        return found.Count > 0;
    }

    private static async Task<Ok<UnreadCount>> MarkAllRead(DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct)
    {
        await MarkAllReadAsync(session, UserOf(tenant), time.GetUtcNow(), ct);
        return TypedResults.Ok(new UnreadCount(0));
    }

    public static async Task MarkAllReadAsync(DocumentSession session, Guid user, DateTimeOffset now, CancellationToken ct)
    {
        await session.ExecuteAsync("UPDATE jobs.notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL", ct, user, now.ToUniversalTime());
        await session.SaveChangesAsync(ct);
    }

    public static async Task<int> CountUnreadAsync(DocumentSession session, Guid user, CancellationToken ct) =>
        (await session.QueryAsync("SELECT count(*)::int FROM jobs.notifications WHERE user_id = $1 AND read_at IS NULL", r => r.GetInt32(0), ct, user)).Single();

    // An account without an id (none of ours) has an empty inbox.
    public static Guid UserOf(TenantContext tenant) => tenant.Caller?.UserId ?? Guid.Empty;
}
