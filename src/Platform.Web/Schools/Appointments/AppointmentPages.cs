using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Platform.EventStore;
using Platform.Mentoring.Appointments;
using Platform.Mentoring.LocalActs;
using Platform.Web.Shell;

namespace Platform.Web.Schools.Appointments;

/// <param name="Key">The form refused: «appoint» or «end-{id}»; null when none was.</param>
public sealed record AppointmentPageModel(IReadOnlyList<AppointmentView> Appointments, IReadOnlyList<LocalActRow> Orders, string? Key,
    IReadOnlyDictionary<string, string?> Typed, FormErrors Errors, string? Notice = null)
{
    public FormErrors ErrorsOf(string key) => Key == key ? Errors : FormErrors.None;
    public string? Value(string key, string field, string? fallback = null) => Key == key ? Typed.GetValueOrDefault(field) : fallback;
}

/// <summary>
/// «Назначения»: the school's curator, coordinators and psychologists, current and past, each by an order among the school's local
/// acts; a form to appoint one and one to end an appointment (date, reason, order). The decisions are the API's
/// (<see cref="AppointmentCommands"/>) with the same facts looked up (<see cref="AppointmentList"/>).
/// </summary>
public static class AppointmentPages
{
    private static readonly string[] AppointFields = ["role", "personName", "position", "orderId", "from"];
    private static readonly string[] EndFields = ["date", "reason", "orderId"];

    public static RouteGroupBuilder MapAppointmentPages(this RouteGroupBuilder school)
    {
        school.MapGet("/appointments", Show).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/appointments", Appoint).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/appointments/{id:guid}/end", End).RequireAuthorization(Policies.SchoolWrite);
        return school;
    }

    private static async Task<IResult> Render(UiContext ui, DocumentSession session, Guid schoolId, string? key, IReadOnlyDictionary<string, string?> typed,
        FormErrors errors, string? notice, CancellationToken ct)
    {
        var (appointments, orders) = await LoadAsync(session, schoolId, ct);
        return Pages.Render<AppointmentPage>(new { Ui = ui, Model = new AppointmentPageModel(appointments, orders, key, typed, errors, notice) });
    }

    private static async Task<(List<AppointmentView>, IReadOnlyList<LocalActRow>)> LoadAsync(DocumentSession session, Guid schoolId, CancellationToken ct) =>
        (await AppointmentList.QueryAsync(session, schoolId, all: true, role: null, ct),
            (await LocalActList.QueryAsync(session, schoolId, new LocalActListQuery(PageSize: 200), ct)).Items);

    /// <summary>Loads the page as it is before the decision: a refusal shows it with the form's typed values and messages.</summary>
    private static async Task<Func<FormErrors, IResult>> AgainAsync(UiContext ui, DocumentSession session, Guid schoolId, string key,
        IReadOnlyDictionary<string, string?> typed, CancellationToken ct)
    {
        var (appointments, orders) = await LoadAsync(session, schoolId, ct);
        return errors => Pages.Render<AppointmentPage>(new { Ui = ui, Model = new AppointmentPageModel(appointments, orders, key, typed, errors) });
    }

    private static async Task<IResult> Show(Guid schoolId, HttpContext http, DocumentSession session, CancellationToken ct) =>
        await Render(UiContext.For(http), session, schoolId, null, new Dictionary<string, string?>(), FormErrors.None, null, ct);

    private static async Task<IResult> Appoint(Guid schoolId, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (form, valid) = await Pages.ReadFormAsync(http);
        var typed = AppointFields.ToDictionary(f => f, f => (string?)form[f].ToString());
        var again = await AgainAsync(ui, session, schoolId, "appoint", typed, ct);
        if (!valid) return again(FormErrors.General(Pages.StaleForm));
        return await Pages.Attempt(async () =>
        {
            var command = new AppointStaff(StaffRoles.TryParse(Pages.Text(typed["role"]), out var role) ? role : null, Pages.Text(typed["personName"]),
                Pages.Text(typed["position"]), null, Pages.Id(typed["orderId"]), Pages.Date(typed["from"], "from"));
            var order = await AppointmentList.OrderAsync(session, schoolId, command.OrderId, ct);
            var curatorActive = command.Role == StaffRole.Curator && await AppointmentList.CuratorActiveAsync(session, schoolId, ct);
            var id = Guid.CreateVersion7();
            session.Events.StartStream<Appointment>(id, AppointmentCommands.Appoint(id, command, order, accountFound: true, curatorActive));
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "appointments_one_curator")
            {
                throw new DomainRuleException(AppointmentCommands.SecondCurator); // another curator was appointed at the same moment
            }
            return await Render(ui, session, schoolId, null, new Dictionary<string, string?>(), FormErrors.None, "Назначение внесено.", ct);
        }, again);
    }

    private static async Task<IResult> End(Guid schoolId, Guid id, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (form, valid) = await Pages.ReadFormAsync(http);
        var typed = EndFields.ToDictionary(f => f, f => (string?)form[f].ToString());
        var again = await AgainAsync(ui, session, schoolId, $"end-{id}", typed, ct);
        if (!valid) return again(FormErrors.General(Pages.StaleForm));
        return await Pages.Attempt(async () =>
        {
            var stream = await session.Events.FetchForWriting<Appointment>(id, ct);
            if (stream.Aggregate is null) throw new RecordNotFoundException("Назначение не найдено.");
            var command = new EndAppointment(Pages.Date(typed["date"], "date"), Pages.Text(typed["reason"]), Pages.Id(typed["orderId"]));
            var order = await AppointmentList.OrderAsync(session, schoolId, command.OrderId, ct);
            stream.AppendOne(AppointmentCommands.End(stream.Aggregate, command, order, ui.Today));
            await session.SaveChangesAsync(ct);
            return await Render(ui, session, schoolId, null, new Dictionary<string, string?>(), FormErrors.None, "Назначение завершено.", ct);
        }, again);
    }
}
