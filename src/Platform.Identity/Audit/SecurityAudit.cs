using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Tenancy.Registry;

namespace Platform.Identity.Audit;

public sealed record AuditEntry(long Seq, DateTimeOffset At, string Type, string Title, Guid StreamId, string? Account, string? AccountName,
    string? SchoolName, string? Actor, JsonElement Details);

public sealed record AuditQuery(string? Type = null, Guid? AccountId = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    int Page = 1, int PageSize = 100);

/// <summary>
/// The security journal of a district: sign-ins, failures, lockouts, revoked sessions, role changes
/// and invitations of its own accounts and its schools'. It is read from the accounts' and
/// invitations' event streams; row-level security keeps it to the district.
/// </summary>
public static class SecurityAudit
{
    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>
    {
        ["account_created"] = "Создана учётная запись",
        ["account_roles_changed"] = "Изменены роли",
        ["account_blocked"] = "Учётная запись заблокирована",
        ["account_unblocked"] = "Блокировка снята",
        ["password_changed"] = "Пароль изменён",
        ["logged_in"] = "Вход в систему",
        ["login_failed"] = "Неудачная попытка входа",
        ["account_locked_out"] = "Вход временно заблокирован после неудачных попыток",
        ["tokens_revoked"] = "Сеансы завершены (токены отозваны)",
        ["sign_in_throttled"] = "Слишком много попыток входа: попытки приостановлены",
        ["invitation_issued"] = "Отправлено приглашение",
        ["invitation_accepted"] = "Приглашение принято",
        ["invitation_revoked"] = "Приглашение отозвано",
    };

    public static IEndpointRouteBuilder MapSecurityAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/districts/{districtId:guid}/audit", List).WithTags("Учётные записи").WithMetadata(new UsesHomeDatabaseAttribute())
            .RequireAuthorization(Policies.DistrictRead).WithSummary("Журнал безопасности района: входы, блокировки, отзыв токенов, смена ролей, приглашения");
        return app;
    }

    private static async Task<Results<Ok<Page<AuditEntry>>, ValidationProblem>> List([AsParameters] AuditQuery q, DocumentSession session, CancellationToken ct)
    {
        if (q.Type is not null && !Titles.ContainsKey(q.Type))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["type"] = ["Тип записи: " + string.Join(", ", Titles.Keys) + "."] });
        var pageSize = Math.Clamp(q.PageSize, 1, 500);
        var page = Math.Max(q.Page, 1);
        var rows = await session.QueryAsync("""
            SELECT e.seq_id, e.timestamp, e.type, e.stream_id, u.user_name, u.full_name, s.short_name, e.user_name,
                   (e.data - 'tokenHash')::text, count(*) OVER ()
              FROM es.mt_events e
              JOIN es.mt_streams st ON st.tenant_id = e.tenant_id AND st.id = e.stream_id AND st.type IN ('account', 'invitation')
              LEFT JOIN identity.users u ON u.id = e.stream_id
              LEFT JOIN registry.schools s ON s.id = e.tenant_id::uuid
             WHERE ($1::text IS NULL OR e.type = $1)
               AND ($2::uuid IS NULL OR e.stream_id = $2)
               AND ($3::timestamptz IS NULL OR e.timestamp >= $3)
               AND ($4::timestamptz IS NULL OR e.timestamp < $4)
             ORDER BY e.seq_id DESC
             LIMIT $5 OFFSET $6
            """, r => (Entry: new AuditEntry(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2),
                Titles.GetValueOrDefault(r.GetString(2), r.GetString(2)), r.GetGuid(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6),
                r.IsDBNull(7) ? null : r.GetString(7), JsonSerializer.Deserialize<JsonElement>(r.GetString(8))), Total: (int)r.GetInt64(9)),
            ct, q.Type, q.AccountId, q.From, q.To, pageSize, (page - 1) * pageSize);
        return TypedResults.Ok(new Page<AuditEntry>(rows.Select(r => r.Entry).ToList(), rows.Count > 0 ? rows[0].Total : 0, page, pageSize));
    }
}
