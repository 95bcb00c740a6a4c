using Platform.Domain;

namespace Platform.Identity.Invitations;

// One invitation per stream (tenant = the organisation the account will belong to: a school for its curator or
// director, a district for its curator, a region for its officer; SchoolId names it, for the events written before
// districts and regions invited). DistrictId: the district the invitation is under (none for a region officer's).
// The link carries a random token; only its SHA-256 is stored, in the event and in identity.invitations.

public sealed record InvitationIssued(Guid InvitationId, Guid SchoolId, Guid? DistrictId, string Role, string Email, string FullName,
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
public sealed record IssueRegionInvitation(string? Role, Guid? DistrictId, string? Email, string? FullName);
public sealed record IssueParticipantInvitation(string? Role, string? Email, string? FullName);
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

    /// <summary>A school's curator invites a mentor or a mentee of the school to their own page.</summary>
    public static readonly string[] ParticipantRoles = [Roles.Mentor, Roles.Mentee];

    public static InvitationIssued IssueForParticipant(Guid id, Guid schoolId, Guid districtId, IssueParticipantInvitation c, bool schoolOpen, string tokenHash,
        DateTimeOffset now)
    {
        new Validation()
            .Require(c.Role is not null && ParticipantRoles.Contains(c.Role), "role", $"Участника приглашают наставником ({Roles.Mentor}) или наставляемым ({Roles.Mentee}).")
            .Require(IsEmail(c.Email), "email", "Укажите адрес электронной почты участника в сведениях под согласием, например ivanova@school.ru.")
            .Text(c.FullName, "fullName", "ФИО приглашаемого", 300)
            .ThrowIfInvalid();
        if (!schoolOpen) throw new DomainRuleException("Организация закрыта: пригласить в неё нельзя.");
        return new InvitationIssued(id, schoolId, districtId, c.Role!, c.Email!.Trim().ToLowerInvariant(), c.FullName!.Trim(), tokenHash, now + Lifetime, now);
    }

    /// <summary>The platform administrator invites a region's officer; a region officer (or the administrator) a district's curator.</summary>
    public static readonly string[] RegionInvitableRoles = [Roles.RegionOfficer, Roles.DistrictCurator];

    /// <summary>Whether the caller may invite to the role: a region officer is invited by the platform administrator only.</summary>
    public static bool MayInvite(string? role, bool callerIsPlatformAdmin) => role != Roles.RegionOfficer || callerIsPlatformAdmin;

    /// <param name="district">The district of the region the command names (null: none, or not of this region) and whether it is closed.</param>
    public static InvitationIssued IssueForRegion(Guid id, Guid regionId, IssueRegionInvitation c, (Guid Id, bool Closed)? district, string tokenHash, DateTimeOffset now)
    {
        var forDistrict = c.Role == Roles.DistrictCurator;
        new Validation()
            .Require(c.Role is not null && RegionInvitableRoles.Contains(c.Role), "role",
                $"Пригласить можно специалиста региона ({Roles.RegionOfficer}) или муниципального куратора ({Roles.DistrictCurator}).")
            .Require(!forDistrict || c.DistrictId is not null, "districtId", "Укажите район, куратора которого приглашаете.")
            .Require(!forDistrict || c.DistrictId is null || district is not null, "districtId", "Такого района в регионе нет.")
            .Require(c.Role != Roles.RegionOfficer || c.DistrictId is null, "districtId", "Специалист региона приглашается в регион, без района.")
            .Require(IsEmail(c.Email), "email", "Укажите адрес электронной почты, например kurator@uo.ru.")
            .Text(c.FullName, "fullName", "ФИО приглашаемого", 300)
            .ThrowIfInvalid();
        if (forDistrict && district!.Value.Closed) throw new DomainRuleException("Район закрыт: пригласить в него нельзя.");
        var tenant = forDistrict ? district!.Value.Id : regionId;
        return new InvitationIssued(id, tenant, forDistrict ? tenant : null, c.Role!, c.Email!.Trim().ToLowerInvariant(), c.FullName!.Trim(),
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
