using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Platform.EventStore;
using Platform.Identity.Accounts;

namespace Platform.Identity.Tokens;

public sealed record IssuedRefreshToken(Guid Id, Guid FamilyId, string Token, DateTimeOffset ExpiresAt);

public sealed record RefreshTokenRow(Guid Id, Guid FamilyId, Guid UserId, Guid TenantId, string SecurityStamp,
    DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// Rotating refresh tokens (identity.refresh_tokens, stored as SHA-256 hashes). Each use replaces the
/// token with a new one of the same family (one sign-in). A used token presented again means it was
/// copied: the whole family is revoked, the thief's and the owner's sessions alike.
/// </summary>
public sealed class RefreshTokens(IOptions<AuthOptions> options, TimeProvider time)
{
    public async Task<IssuedRefreshToken> IssueAsync(DocumentSession session, PlatformUser user, Guid? familyId, CancellationToken ct)
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var issued = new IssuedRefreshToken(Guid.CreateVersion7(), familyId ?? Guid.CreateVersion7(), token, now.AddDays(options.Value.RefreshTokenDays));
        await session.ExecuteAsync("""
            INSERT INTO identity.refresh_tokens (tenant_id, id, family_id, user_id, token_hash, security_stamp, created_at, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, ct, user.TenantId, issued.Id, issued.FamilyId, user.Id, Hash(token), user.SecurityStamp ?? "", now, issued.ExpiresAt);
        return issued;
    }

    /// <summary>Finds a token and locks its row until the session ends: two refreshes with one token are serialized.</summary>
    public async Task<RefreshTokenRow?> FindForUpdateAsync(DocumentSession session, string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token)) return null;
        var rows = await session.QueryAsync("""
            SELECT id, family_id, user_id, tenant_id, security_stamp, expires_at, used_at, revoked_at
              FROM identity.refresh_tokens WHERE token_hash = $1 FOR UPDATE
            """, r => new RefreshTokenRow(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetGuid(3), r.GetString(4),
                r.GetFieldValue<DateTimeOffset>(5), r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6),
                r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7)), ct, Hash(token));
        return rows.Count == 1 ? rows[0] : null;
    }

    public Task MarkUsedAsync(DocumentSession session, RefreshTokenRow row, Guid replacedBy, CancellationToken ct) =>
        session.ExecuteAsync("UPDATE identity.refresh_tokens SET used_at = $3, replaced_by = $4 WHERE tenant_id = $1 AND id = $2",
            ct, row.TenantId, row.Id, time.GetUtcNow(), replacedBy);

    public Task<int> RevokeFamilyAsync(DocumentSession session, Guid familyId, string reason, CancellationToken ct) =>
        session.ExecuteAsync("UPDATE identity.refresh_tokens SET revoked_at = $2, revoked_reason = $3 WHERE family_id = $1 AND revoked_at IS NULL",
            ct, familyId, time.GetUtcNow(), reason);

    public Task<int> RevokeAllAsync(DocumentSession session, Guid userId, string reason, CancellationToken ct) =>
        session.ExecuteAsync("UPDATE identity.refresh_tokens SET revoked_at = $2, revoked_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL",
            ct, userId, time.GetUtcNow(), reason);

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
