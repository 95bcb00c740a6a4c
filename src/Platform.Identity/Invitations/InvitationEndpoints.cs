using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Platform.EventStore;
using Platform.Identity.Accounts;
using Platform.Identity.Tokens;
using Platform.Jobs.Deliveries;
using Platform.Jobs.Scheduling;
using Platform.Domain;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;

namespace Platform.Identity.Invitations;

public sealed record InvitationCard(Guid Id, Guid SchoolId, string? SchoolName, string Role, string RoleName, string Email, string FullName,
    string Status, DateTimeOffset IssuedAt, string? IssuedBy, DateTimeOffset ExpiresAt, DateTimeOffset? ClosedAt, Guid? AccountId);
public sealed record IssuedInvitation(InvitationCard Invitation, string Link);
public sealed record InvitationView(string SchoolName, string Role, string RoleName, string Email, string FullName, DateTimeOffset ExpiresAt);
public sealed record AcceptedInvitation(Guid AccountId, string UserName);

/// <summary>
/// A district curator invites a school's curator or director with a one-time link, e-mailed to the invitee through
/// the outbox (delivery status under /api/districts/{d}/deliveries) and also returned to the curator.
/// </summary>
public static class InvitationEndpoints
{
    public static IEndpointRouteBuilder MapInvitations(this IEndpointRouteBuilder app)
    {
        var district = app.MapGroup("/api/districts/{districtId:guid}/invitations").WithTags("Учётные записи").WithMetadata(new UsesHomeDatabaseAttribute());
        district.MapGet("", List).RequireAuthorization(Policies.DistrictRead).WithSummary("Приглашения района (status: pending, accepted, revoked, expired)");
        district.MapPost("", Issue).RequireAuthorization(Policies.DistrictWrite).WithSummary("Пригласить куратора или руководителя организации: одноразовая ссылка");
        district.MapDelete("/{id:guid}", Revoke).RequireAuthorization(Policies.DistrictWrite).WithSummary("Отозвать приглашение");

        var region = app.MapGroup("/api/regions/{regionId:guid}/invitations").WithTags("Учётные записи").WithMetadata(new UsesHomeDatabaseAttribute());
        region.MapGet("", ListForRegion).RequireAuthorization(Policies.RegionWrite)
            .WithSummary("Приглашения специалистов региона и кураторов его районов (status: pending, accepted, revoked, expired)");
        region.MapPost("", IssueForRegion).RequireAuthorization(Policies.RegionWrite)
            .WithSummary("Пригласить специалиста региона (администратор платформы) или куратора района: одноразовая ссылка");
        region.MapDelete("/{id:guid}", RevokeForRegion).RequireAuthorization(Policies.RegionWrite).WithSummary("Отозвать приглашение");

        var school = app.MapGroup("/api/schools/{schoolId:guid}/invitations").WithTags("Учётные записи").WithMetadata(new UsesHomeDatabaseAttribute());
        school.MapGet("", ListForSchool).RequireAuthorization(Policies.SchoolWrite).WithSummary("Приглашения наставников и наставляемых организации");
        school.MapPost("", IssueForParticipant).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Пригласить наставника или наставляемого на его страницу «Моё наставничество»: одноразовая ссылка на адрес из его карточки");
        school.MapDelete("/{id:guid}", RevokeForSchool).RequireAuthorization(Policies.SchoolWrite).WithSummary("Отозвать приглашение");

        var open = app.MapGroup("/api/auth/invitations/{token}").WithTags("Вход").AllowAnonymous().WithMetadata(new UsesHomeDatabaseAttribute());
        open.MapGet("", Show).WithSummary("Приглашение по ссылке: кого и куда приглашают");
        open.MapPost("/accept", Accept).RequireRateLimiting(Tokens.SignInLimits.Policy).WithSummary("Принять приглашение: создать учётную запись с паролем");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<InvitationCard>>, ValidationProblem>> List(
        string? status, DocumentSession session, CancellationToken ct)
    {
        if (status is not (null or "pending" or "accepted" or "revoked" or "expired"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["Статус: pending, accepted, revoked или expired."] });
        var all = await ListAsync(session, ct);
        return TypedResults.Ok<IReadOnlyList<InvitationCard>>(status is null ? all : all.Where(i => i.Status == status).ToList());
    }

    /// <summary>The invitations of the district's and its schools' staff the session's scope sees. Shared by the API and the web page.</summary>
    public static async Task<IReadOnlyList<InvitationCard>> ListAsync(DocumentSession session, CancellationToken ct) =>
        await QueryAsync(session, "i.role = ANY($1)", ct, (object)InvitationCommands.InvitableRoles);

    private static async Task<Results<Ok<IReadOnlyList<InvitationCard>>, ValidationProblem>> ListForRegion(
        string? status, DocumentSession session, CancellationToken ct)
    {
        if (status is not (null or "pending" or "accepted" or "revoked" or "expired"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["Статус: pending, accepted, revoked или expired."] });
        var all = await ListForRegionAsync(session, ct);
        return TypedResults.Ok<IReadOnlyList<InvitationCard>>(status is null ? all : all.Where(i => i.Status == status).ToList());
    }

    /// <summary>The invitations of the region's officers and its districts' curators the session's scope sees. Shared by the API and the web page.</summary>
    public static async Task<IReadOnlyList<InvitationCard>> ListForRegionAsync(DocumentSession session, CancellationToken ct) =>
        await QueryAsync(session, "i.role = ANY($1)", ct, (object)InvitationCommands.RegionInvitableRoles);

    /// <summary>
    /// The region's first officer (invited by the platform administrator) or a district's curator: the same one-time link as a
    /// school's staff get. The invitation's stream belongs to the region or the district, which the region's scope covers.
    /// </summary>
    private static async Task<Results<Created<IssuedInvitation>, ProblemHttpResult>> IssueForRegion(
        Guid regionId, IssueRegionInvitation command, DocumentSession session, TenantContext tenant, TenantDirectory directory,
        UserManager<PlatformUser> users, IOptions<AuthOptions> options, DeliveryQueue deliveries, TimeProvider time, HttpContext http, CancellationToken ct) =>
        await IssueForRegionAsync(regionId, command, session, tenant, directory, users, options, deliveries, time, http, ct) is { } issued
            ? TypedResults.Created($"/api/regions/{regionId}/invitations/{issued.Invitation.Id}", issued)
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: MayNotInviteOfficer);

    public const string MayNotInviteOfficer = "Специалиста региона приглашает администратор платформы.";

    /// <summary>
    /// Issues a region's invitation (e-mailed through the outbox) and returns it with its one-time link; null when the caller
    /// may not invite to the role (<see cref="MayNotInviteOfficer"/>). Refusals of the command throw. Shared by the API and the web page.
    /// </summary>
    public static async Task<IssuedInvitation?> IssueForRegionAsync(
        Guid regionId, IssueRegionInvitation command, DocumentSession session, TenantContext tenant, TenantDirectory directory,
        UserManager<PlatformUser> users, IOptions<AuthOptions> options, DeliveryQueue deliveries, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (!InvitationCommands.MayInvite(command.Role, tenant.Caller?.Roles.Contains(Roles.PlatformAdmin) == true)) return null;
        var district = command.DistrictId is { } did ? await directory.FindDistrictAsync(did, ct) : null;
        if (InvitationCommands.IsEmail(command.Email) && await users.FindByEmailAsync(command.Email!.Trim()) is not null)
            throw new DomainRuleException($"Учётная запись с адресом {command.Email.Trim()} уже есть. Измените её роли вместо приглашения.");

        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var id = Guid.CreateVersion7();
        var issued = InvitationCommands.IssueForRegion(id, regionId, command,
            district is not null && district.RegionId == regionId ? (district.Id, district.ClosedOn is not null) : null, HashOf(token), time.GetUtcNow());
        return await StartAsync(issued, token, district?.ShortName ?? tenant.Region?.Name, session, options, deliveries, http, ct);
    }

    private static async Task<Ok<IReadOnlyList<InvitationCard>>> ListForSchool(DocumentSession session, CancellationToken ct) =>
        TypedResults.Ok(await ListForSchoolAsync(session, ct));

    /// <summary>The invitations of the school's mentors and mentees. Shared by the API and the web page.</summary>
    public static async Task<IReadOnlyList<InvitationCard>> ListForSchoolAsync(DocumentSession session, CancellationToken ct) =>
        await QueryAsync(session, "i.role = ANY($1)", ct, (object)InvitationCommands.ParticipantRoles);

    private static async Task<Created<IssuedInvitation>> IssueForParticipant(Guid schoolId, IssueParticipantInvitation command, DocumentSession session,
        TenantContext tenant, UserManager<PlatformUser> users, IOptions<AuthOptions> options, DeliveryQueue deliveries, TimeProvider time, HttpContext http,
        CancellationToken ct)
    {
        var issued = await IssueForParticipantAsync(command, session, tenant, users, options, deliveries, time, http, ct);
        return TypedResults.Created($"/api/schools/{schoolId}/invitations/{issued.Invitation.Id}", issued);
    }

    /// <summary>
    /// A school's mentor or mentee invited to their own page: the account is created with the e-mail of the invitation, which is
    /// the one in the participant's card, so «Моё наставничество» recognises them. Refusals throw. Shared by the API and the web page.
    /// </summary>
    public static async Task<IssuedInvitation> IssueForParticipantAsync(IssueParticipantInvitation command, DocumentSession session, TenantContext tenant,
        UserManager<PlatformUser> users, IOptions<AuthOptions> options, DeliveryQueue deliveries, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var school = tenant.School!;
        if (InvitationCommands.IsEmail(command.Email) && await users.FindByEmailAsync(command.Email!.Trim()) is not null)
            throw new DomainRuleException($"Учётная запись с адресом {command.Email.Trim()} уже есть.");
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var id = Guid.CreateVersion7();
        var issued = InvitationCommands.IssueForParticipant(id, school.Id, school.DistrictId, command, school.ClosedOn is null, HashOf(token), time.GetUtcNow());
        return await StartAsync(issued, token, school.ShortName, session, options, deliveries, http, ct);
    }

    /// <summary>
    /// Starts the invitation's stream and queues its letter in the same transaction (no invitation without its letter, and no
    /// letter twice): the invitation as listed, with its one-time link.
    /// </summary>
    private static async Task<IssuedInvitation> StartAsync(InvitationIssued issued, string token, string? placeName, DocumentSession session,
        IOptions<AuthOptions> options, DeliveryQueue deliveries, HttpContext http, CancellationToken ct)
    {
        session.ForTenant(issued.SchoolId).StartStream<Invitation>(issued.InvitationId, issued);
        var baseUrl = options.Value.PublicUrl?.TrimEnd('/') ?? $"{http.Request.Scheme}://{http.Request.Host}";
        var link = $"{baseUrl}/account/invite/{token}";
        await deliveries.QueueAsync(session, new Delivery(issued.SchoolId, "email", "invitation", null, issued.Email,
            new { fullName = issued.FullName, roleName = Roles.RussianName(issued.Role), school = placeName, expiresAt = issued.ExpiresAt, link }), ct);
        await session.SaveChangesAsync(ct);
        return new IssuedInvitation((await QueryAsync(session, "i.id = $1", ct, issued.InvitationId)).Single(), link);
    }

    private static async Task<Results<Ok<InvitationCard>, NotFound>> RevokeForSchool(Guid id, DocumentSession session, TimeProvider time, CancellationToken ct) =>
        Found(await RevokeAsync(id, InvitationCommands.ParticipantRoles, session, time, ct));

    private static async Task<Results<Ok<InvitationCard>, NotFound>> RevokeForRegion(Guid id, DocumentSession session, TimeProvider time, CancellationToken ct) =>
        Found(await RevokeForRegionAsync(id, session, time, ct));

    /// <summary>Revokes a region's invitation (an officer's or a district curator's); null when the scope has none such. Shared with the web page.</summary>
    public static Task<InvitationCard?> RevokeForRegionAsync(Guid id, DocumentSession session, TimeProvider time, CancellationToken ct) =>
        RevokeAsync(id, InvitationCommands.RegionInvitableRoles, session, time, ct);

    /// <summary>Revokes a district's invitation (a school's or the district's staff); null when the scope has none such. Shared with the web page.</summary>
    public static Task<InvitationCard?> RevokeForDistrictAsync(Guid id, DocumentSession session, TimeProvider time, CancellationToken ct) =>
        RevokeAsync(id, InvitationCommands.InvitableRoles, session, time, ct);

    private static Results<Ok<InvitationCard>, NotFound> Found(InvitationCard? card) => card is null ? TypedResults.NotFound() : TypedResults.Ok(card);

    private static async Task<Created<IssuedInvitation>> Issue(
        Guid districtId, IssueInvitation command, DocumentSession session, TenantDirectory directory, UserManager<PlatformUser> users,
        IOptions<AuthOptions> options, DeliveryQueue deliveries, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var issued = await IssueAsync(districtId, command, session, directory, users, options, deliveries, time, http, ct);
        return TypedResults.Created($"/api/districts/{districtId}/invitations/{issued.Invitation.Id}", issued);
    }

    /// <summary>Issues a district's invitation (e-mailed through the outbox) with its one-time link. Refusals throw. Shared by the API and the web page.</summary>
    public static async Task<IssuedInvitation> IssueAsync(
        Guid districtId, IssueInvitation command, DocumentSession session, TenantDirectory directory, UserManager<PlatformUser> users,
        IOptions<AuthOptions> options, DeliveryQueue deliveries, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var school = command.SchoolId is { } sid ? await directory.FindSchoolAsync(sid, ct) : null;
        if (command.SchoolId is not null && school?.DistrictId != districtId)
            throw new DomainValidationException(new Dictionary<string, string[]> { ["schoolId"] = ["Такой организации в районе нет."] });
        if (InvitationCommands.IsEmail(command.Email) && await users.FindByEmailAsync(command.Email!.Trim()) is not null)
            throw new DomainRuleException($"Учётная запись с адресом {command.Email.Trim()} уже есть. Измените её роли вместо приглашения.");

        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var id = Guid.CreateVersion7();
        var issued = InvitationCommands.Issue(id, districtId, command, school?.ClosedOn is null, HashOf(token), time.GetUtcNow());
        return await StartAsync(issued, token, school?.ShortName, session, options, deliveries, http, ct);
    }

    private static async Task<Results<Ok<InvitationCard>, NotFound>> Revoke(Guid id, DocumentSession session, TimeProvider time, CancellationToken ct) =>
        Found(await RevokeForDistrictAsync(id, session, time, ct));

    /// <summary>Revokes an invitation the route's scope sees, to one of the roles that route invites.</summary>
    private static async Task<InvitationCard?> RevokeAsync(Guid id, string[] roles, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var school = (await session.QueryAsync("SELECT tenant_id FROM identity.invitations WHERE id = $1 AND role = ANY($2)", r => r.GetGuid(0), ct, id, roles)).FirstOrDefault();
        if (school == Guid.Empty) return null;
        var stream = await session.ForTenant(school).FetchForWriting<Invitation>(id, ct);
        stream.AppendOne(InvitationCommands.Revoke(stream.Aggregate!, time.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return (await QueryAsync(session, "i.id = $1", ct, id)).Single();
    }

    private static async Task<Results<Ok<InvitationView>, ProblemHttpResult>> Show(string token, DocumentStore store, TimeProvider time, CancellationToken ct) =>
        await FindOpenAsync(token, store, time, ct) is { } view ? TypedResults.Ok(view) : NotUsable();

    private static async Task<Results<Created<AcceptedInvitation>, ProblemHttpResult>> Accept(
        string token, AcceptInvitation command, DocumentStore store, IdentityDb db, UserManager<PlatformUser> users, TimeProvider time,
        HttpContext http, CancellationToken ct) =>
        await AcceptAsync(token, command, store, db, users, time, http, null, ct) is { } user
            ? TypedResults.Created("/api/me", new AcceptedInvitation(user.Id, user.UserName!))
            : NotUsable();

    /// <summary>Who is invited where, while the link can still be accepted; null otherwise. Shared by the API and the web page.</summary>
    internal static async Task<InvitationView?> FindOpenAsync(string token, DocumentStore store, TimeProvider time, CancellationToken ct)
    {
        await using var session = store.LightweightSession(TenantScope.Platform);
        var card = (await QueryAsync(session, "token_hash = $1", ct, HashOf(token))).FirstOrDefault();
        if (card is null || card.Status != "pending" || card.ExpiresAt <= time.GetUtcNow()) return null;
        return new InvitationView(card.SchoolName ?? "", card.Role, card.RoleName, card.Email, card.FullName, card.ExpiresAt);
    }

    /// <summary>
    /// Creates the account of an open invitation; null when the link is not usable (unknown, used, revoked,
    /// expired). A refused password throws <see cref="DomainValidationException"/>. The invitation's stream is
    /// locked while the account is created, and Identity writes in the same transaction: two clicks on one
    /// link make one account, and a refused password leaves nothing behind.
    /// </summary>
    /// <param name="onAccepted">Work done in the same transaction once the account exists (e.g. recording the web sign-in).</param>
    internal static async Task<PlatformUser?> AcceptAsync(
        string token, AcceptInvitation command, DocumentStore store, IdentityDb db, UserManager<PlatformUser> users, TimeProvider time,
        HttpContext http, Func<DocumentSession, PlatformUser, Task>? onAccepted, CancellationToken ct)
    {
        await using var session = store.LightweightSession(TenantScope.Platform);
        session.CorrelationId = http.TraceIdentifier;
        var found = (await session.QueryAsync("SELECT tenant_id, id FROM identity.invitations WHERE token_hash = $1", r => (School: r.GetGuid(0), Id: r.GetGuid(1)),
            ct, HashOf(token))).FirstOrDefault();
        if (found.Id == Guid.Empty) return null;
        var stream = await session.ForTenant(found.School).FetchForExclusiveWriting<Invitation>(found.Id, ct);
        var invitation = stream.Aggregate!;
        var now = time.GetUtcNow();
        if (!invitation.IsOpen(now)) return null;

        new Validation().Require(!string.IsNullOrEmpty(command.Password), "password", "Придумайте пароль.").ThrowIfInvalid();
        await db.EnlistAsync(session, ct);
        var user = new PlatformUser
        {
            Id = Guid.CreateVersion7(),
            UserName = string.IsNullOrWhiteSpace(command.UserName) ? invitation.Email : command.UserName.Trim(),
            Email = invitation.Email,
            EmailConfirmed = true, // the link reached this address
            FullName = string.IsNullOrWhiteSpace(command.FullName) ? invitation.FullName : command.FullName.Trim(),
            TenantId = invitation.SchoolId,
            ScopeKind = PlatformUser.KindName(Roles.ScopeOf(invitation.Role)), // a school's staff, a district's curator, a region's officer
            Roles = [invitation.Role],
        };
        session.UserName = user.UserName;
        await AccountCommands.CreateAsync(users, session, user, command.Password!, invitation.Id, now);
        stream.AppendOne(InvitationCommands.Accept(invitation, user.Id, user.UserName, now));
        if (onAccepted is not null) await onAccepted(session, user);
        await session.SaveChangesAsync(ct);
        return user;
    }

    internal const string NotUsableTitle = "Приглашение недействительно";
    internal const string NotUsableDetail = "Приглашение не найдено, уже использовано, отозвано или истекло. Попросите муниципального куратора прислать новое.";

    private static ProblemHttpResult NotUsable() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: NotUsableTitle, detail: NotUsableDetail);

    internal static string HashOf(string token) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static Task<List<InvitationCard>> QueryAsync(DocumentSession session, string where, CancellationToken ct, params object?[] args) =>
        session.QueryAsync($"""
            SELECT i.id, i.tenant_id, coalesce(s.short_name, d.short_name, rg.name), i.role, i.email, i.full_name,
                   CASE WHEN i.status = 'pending' AND i.expires_at <= now() THEN 'expired' ELSE i.status END,
                   i.issued_at, i.issued_by, i.expires_at, i.closed_at, i.account_id
              FROM identity.invitations i LEFT JOIN registry.schools s ON s.id = i.tenant_id
                   LEFT JOIN registry.districts d ON d.id = i.tenant_id LEFT JOIN registry.regions rg ON rg.id = i.tenant_id
             WHERE {where}
             ORDER BY i.issued_at DESC
            """, r => new InvitationCard(r.GetGuid(0), r.GetGuid(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), Roles.RussianName(r.GetString(3)),
                r.GetString(4), r.GetString(5), r.GetString(6), r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(8) ? null : r.GetString(8),
                r.GetFieldValue<DateTimeOffset>(9), r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10), r.IsDBNull(11) ? null : r.GetGuid(11)), ct, args);
}
