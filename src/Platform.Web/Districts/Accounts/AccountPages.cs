using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Platform.EventStore;
using Platform.Identity.Accounts;
using Platform.Identity.Invitations;
using Platform.Identity.Tokens;
using Platform.Jobs.Deliveries;
using Platform.Tenancy.Access;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;
using Platform.Web.Regions;
using Platform.Web.Shell;

namespace Platform.Web.Districts.Accounts;

public sealed record AccountsModel(IReadOnlyList<AccountCard> Accounts, IReadOnlyList<InvitationCard> Invitations, InviteTargets Schools,
    InviteState Invite, FormErrors AccountErrors, string? Notice = null);

/// <summary>
/// The district's «Учётные записи»: invite a school's curator or director by a one-time link (and revoke an invitation not
/// yet accepted), see every account of the district and its schools with its roles and last sign-in, block an account (its
/// sessions and tokens end at once) and lift the block. The API's own code decides (<see cref="InvitationEndpoints"/>,
/// <see cref="AccountEndpoints"/>).
/// </summary>
public static class AccountPages
{
    public static RouteGroupBuilder MapAccountPages(this RouteGroupBuilder district)
    {
        var accounts = district.MapGroup("/accounts").WithMetadata(new UsesHomeDatabaseAttribute());
        accounts.MapGet("", Show).RequireAuthorization(Policies.DistrictRead);
        accounts.MapPost("/invitations", Invite).RequireAuthorization(Policies.DistrictWrite);
        accounts.MapPost("/invitations/{id:guid}/revoke", Revoke).RequireAuthorization(Policies.DistrictWrite);
        accounts.MapPost("/{id:guid}/block", Block).RequireAuthorization(Policies.DistrictWrite);
        accounts.MapPost("/{id:guid}/unblock", Unblock).RequireAuthorization(Policies.DistrictWrite);
        return district;
    }

    public static readonly IReadOnlyList<(string Code, string Name)> InvitableRoles =
        [.. InvitationCommands.InvitableRoles.Select(r => (r, Roles.RussianName(r)))];

    private static async Task<IResult> Render(HttpContext http, DocumentSession session, Guid districtId, InviteState invite, FormErrors accountErrors,
        string? notice, CancellationToken ct, int status = StatusCodes.Status200OK)
    {
        var accounts = await AccountList.QueryAsync(session, new AccountListQuery(PageSize: 200), ct);
        var invitations = await InvitationEndpoints.ListAsync(session, ct);
        var schools = await SchoolList.QueryAsync(session, districtId, new SchoolListQuery(PageSize: 200), ct);
        var targets = new InviteTargets("schoolId", "Организация", schools.Items.Select(s => (s.Id, s.ShortName)).ToList());
        return Pages.Render<AccountsPage>(new
        {
            Ui = UiContext.For(http),
            Model = new AccountsModel(accounts.Items, invitations, targets, invite, accountErrors, notice),
        }, status);
    }

    private static Task<IResult> Show(Guid districtId, HttpContext http, DocumentSession session, CancellationToken ct) =>
        Render(http, session, districtId, InviteState.Empty, FormErrors.None, null, ct);

    private static async Task<IResult> Invite(Guid districtId, HttpContext http, DocumentSession session, TenantDirectory directory,
        UserManager<PlatformUser> users, IOptions<AuthOptions> options, DeliveryQueue deliveries, TimeProvider time, CancellationToken ct)
    {
        var (form, valid) = await Pages.ReadFormAsync(http);
        var typed = new InviteForm(form["email"], form["fullName"], form["schoolId"], form["role"]);
        if (!valid) return await Render(http, session, districtId, new InviteState(typed, FormErrors.General(Pages.StaleForm)), FormErrors.None, null, ct, StatusCodes.Status400BadRequest);
        return await Pages.Attempt(async () =>
            {
                var command = new IssueInvitation(Pages.Id(typed.TargetId), typed.Role, typed.Email, typed.FullName);
                var issued = await InvitationEndpoints.IssueAsync(districtId, command, session, directory, users, options, deliveries, time, http, ct);
                return await Render(http, session, districtId, new InviteState(InviteForm.Empty, FormErrors.None, issued), FormErrors.None, null, ct,
                    StatusCodes.Status201Created);
            },
            (errors, status) => Render(http, session, districtId, new InviteState(typed, errors), FormErrors.None, null, ct, status));
    }

    private static async Task<IResult> Revoke(Guid districtId, Guid id, HttpContext http, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var (_, valid) = await Pages.ReadFormAsync(http);
        Task<IResult> Refused(FormErrors errors, int status) => Render(http, session, districtId, new InviteState(InviteForm.Empty, errors), FormErrors.None, null, ct, status);
        if (!valid) return await Refused(FormErrors.General(Pages.StaleForm), StatusCodes.Status400BadRequest);
        return await Pages.Attempt(async () =>
            await InvitationEndpoints.RevokeForDistrictAsync(id, session, time, ct) is { } revoked
                ? await Render(http, session, districtId, InviteState.Empty, FormErrors.None, $"Приглашение для {revoked.FullName} отозвано: ссылка больше не действует.", ct)
                : await Refused(FormErrors.General("Такого приглашения нет."), StatusCodes.Status404NotFound),
            Refused);
    }

    private static Task<IResult> Block(Guid districtId, Guid id, HttpContext http, DocumentSession session, AccountChange change, CancellationToken ct) =>
        Change(districtId, http, session, ct, async form => await AccountEndpoints.Block(id, new BlockAccount(Pages.Text(form["reason"])), change, ct),
            card => $"Учётная запись {card.FullName} заблокирована: её сеансы завершены.");

    private static Task<IResult> Unblock(Guid districtId, Guid id, HttpContext http, DocumentSession session, AccountChange change, CancellationToken ct) =>
        Change(districtId, http, session, ct, async _ => await AccountEndpoints.Unblock(id, change, ct), card => $"Блокировка учётной записи {card.FullName} снята.");

    private static async Task<IResult> Change(Guid districtId, HttpContext http, DocumentSession session, CancellationToken ct,
        Func<IFormCollection, Task<Results<Ok<AccountCard>, NotFound>>> change, Func<AccountCard, string> notice)
    {
        var (form, valid) = await Pages.ReadFormAsync(http);
        Task<IResult> Refused(FormErrors errors, int status) => Render(http, session, districtId, InviteState.Empty, errors, null, ct, status);
        if (!valid) return await Refused(FormErrors.General(Pages.StaleForm), StatusCodes.Status400BadRequest);
        return await Pages.Attempt(async () =>
            (await change(form)).Result is Ok<AccountCard> { Value: { } card }
                ? await Render(http, session, districtId, InviteState.Empty, FormErrors.None, notice(card), ct)
                : await Refused(FormErrors.General("Такой учётной записи нет."), StatusCodes.Status404NotFound),
            Refused);
    }
}
