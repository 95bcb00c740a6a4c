using Npgsql;
using Platform.EventStore;
using Platform.Tenancy.Registry;

namespace Platform.Identity.Accounts;

public sealed record AccountCard(
    Guid Id, string UserName, string FullName, string? Email, IReadOnlyList<RoleView> Roles, string ScopeKind, Guid ScopeId,
    string? SchoolName, DateTimeOffset CreatedAt, bool Blocked, DateTimeOffset? LockedUntil, DateTimeOffset? LastLoginAt);

public sealed record AccountListQuery(Guid? SchoolId = null, string? Role = null, string? Search = null, int Page = 1, int PageSize = 50);

/// <summary>
/// Accounts as the session's scope sees them: row-level security on identity.users gives a district
/// its own accounts and those of its schools, and nothing else.
/// </summary>
public static class AccountList
{
    private const string Select = """
        SELECT u.id, u.user_name, u.full_name, u.email, u.roles, u.scope_kind, u.tenant_id, s.short_name, u.created_at,
               u.blocked_at IS NOT NULL, u.lockout_end,
               (SELECT max(e.timestamp) FROM es.mt_events e WHERE e.tenant_id = u.tenant_id::text AND e.stream_id = u.id AND e.type = 'logged_in'),
               count(*) OVER ()
          FROM identity.users u LEFT JOIN registry.schools s ON s.id = u.tenant_id
        """;

    public static async Task<Page<AccountCard>> QueryAsync(DocumentSession session, AccountListQuery q, CancellationToken ct)
    {
        var pageSize = Math.Clamp(q.PageSize, 1, 200);
        var page = Math.Max(q.Page, 1);
        var search = string.IsNullOrWhiteSpace(q.Search) ? null : "%" + q.Search.Trim().Replace("%", "\\%").Replace("_", "\\_") + "%";
        var rows = await session.QueryAsync($"""
            {Select}
             WHERE ($1::uuid IS NULL OR u.tenant_id = $1)
               AND ($2::text IS NULL OR $2 = ANY (u.roles))
               AND ($3::text IS NULL OR u.full_name ILIKE $3 OR u.user_name ILIKE $3 OR u.email ILIKE $3)
             ORDER BY s.short_name NULLS FIRST, u.full_name, u.id
             LIMIT $4 OFFSET $5
            """, r => (Card: Read(r), Total: (int)r.GetInt64(12)), ct, q.SchoolId, q.Role, search, pageSize, (page - 1) * pageSize);
        return new Page<AccountCard>(rows.Select(r => r.Card).ToList(), rows.Count > 0 ? rows[0].Total : 0, page, pageSize);
    }

    public static async Task<AccountCard?> FindAsync(DocumentSession session, Guid id, CancellationToken ct) =>
        (await session.QueryAsync($"{Select} WHERE u.id = $1", Read, ct, id)).FirstOrDefault();

    private static AccountCard Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
        r.GetFieldValue<string[]>(4).Select(x => new RoleView(x, Roles.RussianName(x))).ToList(),
        r.GetString(5), r.GetGuid(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetFieldValue<DateTimeOffset>(8), r.GetBoolean(9),
        r.IsDBNull(10) || r.GetFieldValue<DateTimeOffset>(10) <= DateTimeOffset.UtcNow ? null : r.GetFieldValue<DateTimeOffset>(10),
        r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11));
}
