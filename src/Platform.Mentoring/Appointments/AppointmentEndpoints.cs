using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Platform.EventStore;
using Platform.Mentoring.LocalActs;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;

namespace Platform.Mentoring.Appointments;

/// <summary>The school's curator, coordinators and psychologists, each appointed by an order registered among the school's acts.</summary>
public static class AppointmentEndpoints
{
    /// <summary>The Russian phrase of each event code its history can show (beside the code, which programs keep using).</summary>
    public static readonly IReadOnlyDictionary<string, string> EventTitles = new Dictionary<string, string>
    {
        ["staff_appointed"] = "Назначен приказом",
        ["appointment_ended"] = "Назначение прекращено",
    };

    public static IEndpointRouteBuilder MapAppointments(this IEndpointRouteBuilder app)
    {
        var appointments = app.MapGroup("/api/schools/{schoolId:guid}/appointments").WithTags("Назначения");
        appointments.MapGet("", List).RequireAuthorization(Policies.SchoolRead).WithSummary("Куратор, координаторы, педагоги-психологи: действующие (all=true — и прежние)");
        appointments.MapPost("", Appoint).RequireAuthorization(Policies.SchoolWrite).WithSummary("Назначить по приказу (приказ — из локальных актов организации)");
        appointments.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.SchoolRead).WithSummary("Назначение (ETag: версия)");
        appointments.MapPost("/{id:guid}/end", End).RequireAuthorization(Policies.SchoolWrite).WithSummary("Завершить назначение: дата, причина, приказ (If-Match: версия)");
        appointments.MapGet("/{id:guid}/history", History).RequireAuthorization(Policies.SchoolRead).WithSummary("История назначения: кто, когда, что");
        return app;
    }

    private static async Task<Results<Ok<List<AppointmentView>>, ValidationProblem>> List(
        Guid schoolId, bool? all, string? role, DocumentSession session, CancellationToken ct)
    {
        StaffRole parsed = default;
        if (role is not null && !StaffRoles.TryParse(role, out parsed))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = ["Роль: curator, coordinator или psychologist."] },
                title: "Проверьте параметры запроса");
        return TypedResults.Ok(await AppointmentList.QueryAsync(session, schoolId, all == true, role is null ? null : parsed, ct));
    }

    private static async Task<Created<AppointmentView>> Appoint(Guid schoolId, AppointStaff command, DocumentSession session, HttpContext http, CancellationToken ct)
    {
        var order = await AppointmentList.OrderAsync(session, schoolId, command.OrderId, ct);
        var accountFound = await AppointmentList.AccountExistsAsync(session, command.AccountId, ct);
        var curatorActive = command.Role == StaffRole.Curator && await AppointmentList.CuratorActiveAsync(session, schoolId, ct);
        var id = Guid.CreateVersion7();
        session.Events.StartStream<Appointment>(id, AppointmentCommands.Appoint(id, command, order, accountFound, curatorActive));
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "appointments_one_curator")
        {
            throw new DomainRuleException(AppointmentCommands.SecondCurator); // another curator was appointed at the same moment
        }
        var view = (await AppointmentList.FindAsync(session, schoolId, id, ct))!;
        http.Response.Headers.ETag = $"\"{view.Version}\"";
        return TypedResults.Created($"/api/schools/{schoolId}/appointments/{id}", view);
    }

    private static async Task<Results<Ok<AppointmentView>, NotFound>> Get(Guid schoolId, Guid id, DocumentSession session, HttpContext http, CancellationToken ct)
    {
        if (await AppointmentList.FindAsync(session, schoolId, id, ct) is not { } view) return TypedResults.NotFound();
        http.Response.Headers.ETag = $"\"{view.Version}\"";
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<AppointmentView>, NotFound>> End(
        Guid schoolId, Guid id, EndAppointment command, DocumentSession session, TenantContext tenant, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Appointment>(id, ct);
        if (stream.Aggregate is null) return TypedResults.NotFound();
        stream.CheckIfMatch(http);

        var order = await AppointmentList.OrderAsync(session, schoolId, command.OrderId, ct);
        stream.AppendOne(AppointmentCommands.End(stream.Aggregate, command, order, LocalActEndpoints.Today(tenant, time)));
        await session.SaveChangesAsync(ct);
        var view = (await AppointmentList.FindAsync(session, schoolId, id, ct))!;
        http.Response.Headers.ETag = $"\"{view.Version}\"";
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<IReadOnlyList<EventHistoryItem>>, NotFound>> History(Guid id, DocumentSession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not StaffAppointed) return TypedResults.NotFound();
        return TypedResults.Ok<IReadOnlyList<EventHistoryItem>>(
            events.Select(e => EventHistoryItem.From(e, EventTitles)).ToList());
    }
}
