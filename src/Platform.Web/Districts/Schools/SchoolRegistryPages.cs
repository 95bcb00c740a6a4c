using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;
using Platform.Web.Shell;

namespace Platform.Web.Districts.Schools;

/// <summary>What the registration form of a school holds: the typed values, kept when the registration is refused.</summary>
public sealed record SchoolForm(string? FullName, string? ShortName, string? Kind, string? TimeZone, string? OpenedOn)
{
    public static SchoolForm For(SchoolCard s) => new(s.FullName, s.ShortName, SchoolKindCode(s.Kind), s.TimeZone, Format.InputDate(s.OpenedOn));

    public static string SchoolKindCode(SchoolKind kind) => RegistryProjection.KindCode(kind);
}

public sealed record SchoolsModel(IReadOnlyList<SchoolCard> Schools, SchoolForm Form, FormErrors Errors, string? Notice = null);

public sealed record SchoolRecordModel(SchoolCard School, IReadOnlyList<EventHistoryItem> History, SchoolForm Form, FormErrors Errors,
    string? Reason, string? ClosedOn, FormErrors ClosureErrors, string? Notice = null);

/// <summary>
/// The district's «Реестр организаций»: every school, kindergarten, НШДС, college or centre of the district, open or closed;
/// its curator registers one, renames it, changes its kind or time zone, closes and reopens it, and reads its history.
/// Every change goes through the API's own code (<see cref="RegistryEndpoints"/>): the same rules, the same events.
/// </summary>
public static class SchoolRegistryPages
{
    public static RouteGroupBuilder MapSchoolRegistryPages(this RouteGroupBuilder district)
    {
        district.MapGet("/schools", List).RequireAuthorization(Policies.DistrictRead);
        district.MapPost("/schools", Register).RequireAuthorization(Policies.DistrictWrite);
        district.MapGet("/schools/{id:guid}", Show).RequireAuthorization(Policies.DistrictRead);
        district.MapPost("/schools/{id:guid}", Update).RequireAuthorization(Policies.DistrictWrite);
        district.MapPost("/schools/{id:guid}/closure", Close).RequireAuthorization(Policies.DistrictWrite);
        district.MapPost("/schools/{id:guid}/reopening", Reopen).RequireAuthorization(Policies.DistrictWrite);
        return district;
    }

    private static readonly SchoolListQuery All = new(Status: "all", PageSize: 200);

    private static async Task<IResult> RenderList(HttpContext http, DocumentSession session, Guid districtId, SchoolForm form, FormErrors errors,
        string? notice, CancellationToken ct, int status = StatusCodes.Status200OK)
    {
        var schools = await SchoolList.QueryAsync(session, districtId, All, ct);
        return Pages.Render<SchoolsPage>(new { Ui = UiContext.For(http), Model = new SchoolsModel(schools.Items, form, errors, notice) }, status);
    }

    private static Task<IResult> List(Guid districtId, HttpContext http, DocumentSession session, TenantContext tenant, CancellationToken ct) =>
        RenderList(http, session, districtId, new SchoolForm(null, null, null, tenant.District!.TimeZone, null), FormErrors.None, null, ct);

    private static async Task<IResult> Register(Guid districtId, HttpContext http, DocumentSession session, TenantContext tenant, TenantDirectory directory,
        TimeProvider time, CancellationToken ct)
    {
        var (form, valid) = await Pages.ReadFormAsync(http);
        var typed = new SchoolForm(form["fullName"], form["shortName"], form["kind"], form["timeZone"], form["openedOn"]);
        if (!valid) return await RenderList(http, session, districtId, typed, FormErrors.General(Pages.StaleForm), null, ct, StatusCodes.Status400BadRequest);
        return await Pages.Attempt(async () =>
        {
            var command = new RegisterSchool(typed.FullName!, typed.ShortName!, Kind(typed.Kind), typed.TimeZone!, Pages.Date(typed.OpenedOn, "openedOn"));
            var card = await RegistryEndpoints.RegisterSchoolAsync(districtId, command, session, tenant, directory, time, ct);
            return await RenderList(http, session, districtId, new SchoolForm(null, null, null, tenant.District!.TimeZone, null), FormErrors.None,
                $"Организация «{card.ShortName}» зарегистрирована. Пригласите её куратора в разделе «Учётные записи».", ct, StatusCodes.Status201Created);
        }, (errors, status) => RenderList(http, session, districtId, typed, errors, null, ct, status));
    }

    private static async Task<IResult> RenderRecord(HttpContext http, DocumentSession session, Guid id, SchoolForm? form, FormErrors errors,
        (string? Reason, string? ClosedOn, FormErrors Errors)? closure, string? notice, CancellationToken ct, int status = StatusCodes.Status200OK)
    {
        var ui = UiContext.For(http);
        var school = await RegistryEndpoints.FindSchoolAsync(id, session, ct);
        var history = school is null ? null : await RegistryEndpoints.SchoolHistoryAsync(id, session, ct);
        if (school is null) return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Организация не найдена." }, StatusCodes.Status404NotFound);
        var (reason, closedOn, closureErrors) = closure ?? (null, null, FormErrors.None);
        return Pages.Render<SchoolRecordPage>(new
        {
            Ui = ui,
            Model = new SchoolRecordModel(school, history!, form ?? SchoolForm.For(school), errors, reason, closedOn, closureErrors, notice),
        }, status);
    }

    private static Task<IResult> Show(Guid id, HttpContext http, DocumentSession session, CancellationToken ct) =>
        RenderRecord(http, session, id, null, FormErrors.None, null, null, ct);

    private static async Task<IResult> Update(Guid id, HttpContext http, DocumentSession session, TenantDirectory directory, CancellationToken ct)
    {
        var (form, valid) = await Pages.ReadFormAsync(http);
        var typed = new SchoolForm(form["fullName"], form["shortName"], form["kind"], form["timeZone"], null);
        if (!valid) return await RenderRecord(http, session, id, typed, FormErrors.General(Pages.StaleForm), null, null, ct, StatusCodes.Status400BadRequest);
        return await Pages.Attempt(async () =>
            {
                var card = await RegistryEndpoints.UpdateSchoolAsync(id, new UpdateSchool(typed.FullName ?? "", typed.ShortName ?? "", Kind(typed.Kind), typed.TimeZone),
                    session, directory, http, ct);
                return await RenderRecord(http, session, id, null, FormErrors.None, null, card is null ? null : "Изменения сохранены.", ct);
            },
            (errors, status) => RenderRecord(http, session, id, typed, errors, null, null, ct, status));
    }

    private static async Task<IResult> Close(Guid id, HttpContext http, DocumentSession session, TenantDirectory directory, TimeProvider time, CancellationToken ct)
    {
        var (form, valid) = await Pages.ReadFormAsync(http);
        string? reason = form["reason"], closedOn = form["closedOn"];
        if (!valid) return await RenderRecord(http, session, id, null, FormErrors.None, (reason, closedOn, FormErrors.General(Pages.StaleForm)), null, ct, StatusCodes.Status400BadRequest);
        return await Pages.Attempt(async () =>
            {
                await RegistryEndpoints.CloseSchoolAsync(id, new CloseSchool(Pages.Date(closedOn, "closedOn"), reason ?? ""), session, directory, time, http, ct);
                return await RenderRecord(http, session, id, null, FormErrors.None, null, "Организация закрыта.", ct);
            },
            (errors, status) => RenderRecord(http, session, id, null, FormErrors.None, (reason, closedOn, errors), null, ct, status));
    }

    private static async Task<IResult> Reopen(Guid id, HttpContext http, DocumentSession session, TenantDirectory directory, CancellationToken ct)
    {
        var (_, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return await RenderRecord(http, session, id, null, FormErrors.None, (null, null, FormErrors.General(Pages.StaleForm)), null, ct, StatusCodes.Status400BadRequest);
        return await Pages.Attempt(async () =>
            {
                await RegistryEndpoints.ReopenSchoolAsync(id, session, directory, http, ct);
                return await RenderRecord(http, session, id, null, FormErrors.None, null, "Закрытие отменено: организация снова действует.", ct);
            },
            (errors, status) => RenderRecord(http, session, id, null, FormErrors.None, (null, null, errors), null, ct, status));
    }

    /// <summary>A kind as the form sends it (its code); an unknown one reads as none, which the decision refuses by name.</summary>
    private static SchoolKind? Kind(string? code) =>
        string.IsNullOrWhiteSpace(code) || !SchoolList.IsValidKind(code) ? null : RegistryProjection.ParseKind(code);
}
