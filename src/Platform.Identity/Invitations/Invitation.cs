using Platform.Domain;

namespace Platform.Identity.Invitations;

// One invitation per stream (tenant = the school the account will belong to). The link carries a
// random token; only its SHA-256 is stored, in the event and in identity.invitations.

public sealed record InvitationIssued(Guid InvitationId, Guid SchoolId, Guid DistrictId, string Role, string Email, string FullName,
    string TokenHash, DateTimeOffset ExpiresAt, DateTimeOffset IssuedAt);
public sealed record InvitationAccepted(Guid InvitationId, Guid AccountId, string UserName, DateTimeOffset AcceptedAt);
public sealed record InvitationRevoked(Guid InvitationId, DateTimeOffset RevokedAt);

public enum InvitationStatus { Pending, Accepted, Revoked }

public sealed record Invitation(Guid Id, Guid SchoolId, string Role, string Email, string FullName, DateTimeOffset ExpiresAt, InvitationStatus Status)
{
    public static Invitation Create(InvitationIssued e) => new(e.InvitationId, e.SchoolId, e.Role, e.Email, e.FullName, e.ExpiresAt, InvitationStatus.Pending);
    public Invitation Apply(InvitationAccepted _) => this with { Status = InvitationStatus.Accepted };
    public Invitation Apply(InvitationRevoked _) => this with { Status = InvitationStatus.Revoked };

    public bool IsOpen(DateTimeOffset now) => Status == InvitationStatus.Pending && ExpiresAt > now;
}

public sealed record IssueInvitation(Guid? SchoolId, string? Role, string? Email, string? FullName);
public sealed record AcceptInvitation(string? UserName, string? Password, string? FullName);

/// <summary>The invitation's decisions: validate, then return the event.</summary>
public static class InvitationCommands
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>A district curator invites a school's curator or director.</summary>
    public static readonly string[] InvitableRoles = [Roles.SchoolCurator, Roles.SchoolDirector];

    public static InvitationIssued Issue(Guid id, Guid districtId, IssueInvitation c, bool schoolOpen, string tokenHash, DateTimeOffset now)
    {
        new Validation()
            .Require(c.SchoolId is not null, "schoolId", "Укажите организацию.")
            .Require(c.Role is not null && InvitableRoles.Contains(c.Role), "role",
                $"Пригласить можно куратора ({Roles.SchoolCurator}) или руководителя ({Roles.SchoolDirector}) организации.")
            .Require(IsEmail(c.Email), "email", "Укажите адрес электронной почты, например kurator@school.ru.")
            .Text(c.FullName, "fullName", "ФИО приглашаемого", 300)
            .ThrowIfInvalid();
        if (!schoolOpen) throw new DomainRuleException("Организация закрыта: пригласить в неё нельзя.");
        return new InvitationIssued(id, c.SchoolId!.Value, districtId, c.Role!, c.Email!.Trim().ToLowerInvariant(), c.FullName!.Trim(),
            tokenHash, now + Lifetime, now);
    }

    public static InvitationAccepted Accept(Invitation invitation, Guid accountId, string userName, DateTimeOffset now)
    {
        if (invitation.Status == InvitationStatus.Accepted) throw new DomainRuleException("Приглашение уже использовано.");
        if (invitation.Status == InvitationStatus.Revoked) throw new DomainRuleException("Приглашение отозвано.");
        if (invitation.ExpiresAt <= now) throw new DomainRuleException("Срок действия приглашения истёк. Попросите муниципального куратора прислать новое.");
        return new InvitationAccepted(invitation.Id, accountId, userName, now);
    }

    public static InvitationRevoked Revoke(Invitation invitation, DateTimeOffset now) =>
        invitation.Status == InvitationStatus.Pending
            ? new InvitationRevoked(invitation.Id, now)
            : throw new DomainRuleException(invitation.Status == InvitationStatus.Accepted
                ? "Приглашение уже использовано: отзывать нечего. Заблокируйте учётную запись, если доступ нужно закрыть."
                : "Приглашение уже отозвано.");

    internal static bool IsEmail(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Trim().Length <= 256 && System.Net.Mail.MailAddress.TryCreate(value.Trim(), out var a) && a.Address == value.Trim();
}
