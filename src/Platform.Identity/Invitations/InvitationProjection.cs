using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Platform.Identity.Invitations;

/// <summary>identity.invitations: the district's list, and the lookup of a link's token hash.</summary>
public sealed class InvitationProjection : IInlineProjection
{
    public string Name => "invitations";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type> { typeof(InvitationIssued), typeof(InvitationAccepted), typeof(InvitationRevoked) };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case InvitationIssued i:
                    context.Queue("""
                        INSERT INTO identity.invitations (tenant_id, id, district_id, role, email, full_name, token_hash, status, expires_at, issued_at, issued_by, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, $10, $11)
                        """, e.TenantId, i.InvitationId, i.DistrictId, i.Role, i.Email, i.FullName, i.TokenHash, i.ExpiresAt, i.IssuedAt, e.UserName, e.Version);
                    break;
                case InvitationAccepted a:
                    context.Queue("UPDATE identity.invitations SET status = 'accepted', account_id = $3, closed_at = $4, version = $5 WHERE tenant_id = $1 AND id = $2",
                        e.TenantId, e.StreamId, a.AccountId, a.AcceptedAt, e.Version);
                    break;
                case InvitationRevoked r:
                    context.Queue("UPDATE identity.invitations SET status = 'revoked', closed_at = $3, version = $4 WHERE tenant_id = $1 AND id = $2",
                        e.TenantId, e.StreamId, r.RevokedAt, e.Version);
                    break;
            }
        }
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId) =>
        context.Queue("DELETE FROM identity.invitations WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
}
