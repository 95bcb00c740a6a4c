using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Jobs.Deadlines;
using Platform.Tenancy.Resolution;

namespace Platform.Jobs.Reminders;

public sealed record UpcomingReminder(string Kind, string KindName, Guid SchoolId, string School, string DeadlineId, string Deadline, DateOnly DueOn,
    string? Link, string TimeZone, int OffsetDays, DateTime LocalSendAt, int Recipients, DeadlineOwner Owner = DeadlineOwner.School);
public sealed record LateDeadline(string Kind, string KindName, Guid SchoolId, string School, string DeadlineId, string Deadline, DateOnly DueOn,
    string? Link, int DaysLate);

/// <summary>The district's reminder policies per kind of deadline, what will be sent when, and who is late.</summary>
public static class ReminderEndpoints
{
    public static IEndpointRouteBuilder MapReminders(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/districts/{districtId:guid}").WithTags("Сроки и напоминания");
        group.MapGet("/reminder-policies", ListPolicies).RequireAuthorization(Policies.DistrictRead)
            .WithSummary("Правила напоминаний по видам сроков (по умолчанию за 14, 7, 3, 1 день и в день срока, в 09:00 по времени организации)");
        group.MapPut("/reminder-policies/{kind}", SetPolicy).RequireAuthorization(Policies.DistrictWrite)
            .WithSummary("Изменить правило напоминаний для вида сроков: дни до срока, время отправки, эскалация");
        group.MapDelete("/reminder-policies/{kind}", ResetPolicy).RequireAuthorization(Policies.DistrictWrite)
            .WithSummary("Вернуть правило по умолчанию");
        group.MapGet("/reminders/upcoming", Upcoming).RequireAuthorization(Policies.DistrictRead)
            .WithSummary("Ближайшие напоминания организациям района и самому району: что, кому, когда (по местному времени организации)");
        group.MapGet("/reminders/late", Late).RequireAuthorization(Policies.DistrictRead)
            .WithSummary("Просроченные сроки организаций района (кто опаздывает)");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<ReminderPolicyView>>> ListPolicies(DocumentSession session, TenantContext tenant, IEnumerable<IDeadlineSource> sources, CancellationToken ct)
    {
        var stored = (await session.QueryAsync("""
            SELECT kind, offsets, send_at, escalate, escalation_days FROM jobs.reminder_policies WHERE tenant_id = $1
            """, r => new ReminderPolicy(r.GetString(0), r.GetFieldValue<int[]>(1), r.GetFieldValue<TimeOnly>(2), r.GetBoolean(3), r.GetInt32(4)),
            ct, tenant.District!.Id)).ToDictionary(p => p.Kind);
        return TypedResults.Ok<IReadOnlyList<ReminderPolicyView>>(sources.Select(s =>
        {
            var p = stored.GetValueOrDefault(s.Kind) ?? ReminderPolicy.Default(s.Kind);
            return new ReminderPolicyView(s.Kind, s.RussianName, p.Offsets, p.SendAt.ToString("HH:mm", CultureInfo.InvariantCulture), p.Escalate, p.EscalationDays,
                !stored.ContainsKey(s.Kind));
        }).ToList());
    }

    private static async Task<Results<Ok<ReminderPolicyView>, ValidationProblem, NotFound>> SetPolicy(
        string kind, ReminderPolicyDraft draft, DocumentSession session, TenantContext tenant, IEnumerable<IDeadlineSource> sources, TimeProvider time,
        CancellationToken ct)
    {
        var source = sources.FirstOrDefault(s => s.Kind == kind);
        if (source is null) return TypedResults.NotFound();
        var errors = ReminderPolicy.Check(draft);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Правило напоминаний не сохранено");
        var sendAt = draft.SendAt is { } t ? TimeOnly.Parse(t, CultureInfo.InvariantCulture) : ReminderPolicy.DefaultSendAt;
        var offsets = draft.Offsets!.OrderByDescending(o => o).ToArray();
        await session.ExecuteAsync("""
            INSERT INTO jobs.reminder_policies (tenant_id, kind, offsets, send_at, escalate, escalation_days, updated_at, updated_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (tenant_id, kind) DO UPDATE SET offsets = EXCLUDED.offsets, send_at = EXCLUDED.send_at, escalate = EXCLUDED.escalate,
              escalation_days = EXCLUDED.escalation_days, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
            """, ct, tenant.District!.Id, kind, offsets, sendAt, draft.Escalate ?? true, draft.EscalationDays ?? ReminderPolicy.DefaultEscalationDays,
            time.GetUtcNow().ToUniversalTime(), tenant.Caller?.UserName);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(new ReminderPolicyView(kind, source.RussianName, offsets, sendAt.ToString("HH:mm", CultureInfo.InvariantCulture),
            draft.Escalate ?? true, draft.EscalationDays ?? ReminderPolicy.DefaultEscalationDays, false));
    }

    private static async Task<Results<NoContent, NotFound>> ResetPolicy(string kind, DocumentSession session, TenantContext tenant, IEnumerable<IDeadlineSource> sources, CancellationToken ct)
    {
        if (sources.All(s => s.Kind != kind)) return TypedResults.NotFound();
        await session.ExecuteAsync("DELETE FROM jobs.reminder_policies WHERE tenant_id = $1 AND kind = $2", ct, tenant.District!.Id, kind);
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IReadOnlyList<UpcomingReminder>>, ValidationProblem>> Upcoming(
        int? days, int? limit, DocumentSession session, TenantContext tenant, ReminderScan scan, TimeProvider time, CancellationToken ct)
    {
        if (days is < 1 or > 120)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["days"] = ["Период: от 1 до 120 дней."] });
        if (limit is < 1 or > MaxUpcoming)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"Сколько напоминаний показать: от 1 до {MaxUpcoming}."] });
        return TypedResults.Ok(await UpcomingAsync(session, tenant.District!.Id, scan, time.GetUtcNow(), days ?? 30, ct, limit ?? MaxUpcoming));
    }

    /// <summary>
    /// Deadlines due in the next week plus the largest offset are read first: when they give the reminders listed before the first
    /// reminder of a later one, the later ones are not read (in a district of 40 schools, half of them).
    /// </summary>
    private const int NearDays = 7;

    private const int MaxUpcoming = 500;

    /// <summary>What goes out to the district's schools in the next <paramref name="horizon"/> days, the first <paramref name="limit"/> (the API's and the web page's query).</summary>
    public static async Task<IReadOnlyList<UpcomingReminder>> UpcomingAsync(DocumentSession session, Guid districtId, ReminderScan scan, DateTimeOffset at,
        int horizon, CancellationToken ct, int limit = MaxUpcoming)
    {
        var now = at.ToUniversalTime();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var maxOffset = Math.Max(ReminderPolicy.DefaultOffsets.Max(), (await session.QueryAsync(
            "SELECT coalesce(max(o), 0) FROM jobs.reminder_policies LEFT JOIN LATERAL unnest(offsets) o ON true WHERE tenant_id = $1",
            r => r.GetInt32(0), ct, districtId)).Single());
        var rows = await session.QueryAsync(scan.UpcomingSql(), r => new UpcomingReminder(r.GetString(0), KindName(r.GetString(0)), r.GetGuid(1), r.GetString(2),
                r.GetString(3), r.GetString(4), r.GetFieldValue<DateOnly>(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7), r.GetInt32(8),
                r.GetDateTime(9), (int)r.GetInt64(10), r.GetString(11) == "district" ? DeadlineOwner.District : DeadlineOwner.School),
            ct, today.AddDays(-1), today.AddDays(horizon + maxOffset), now, ReminderPolicy.DefaultOffsets.Order().ToArray(), ReminderPolicy.DefaultSendAt,
            districtId, today.AddDays(NearDays + maxOffset), today.AddDays(NearDays + maxOffset + 1), limit);
        var until = now.UtcDateTime.AddDays(horizon);
        return rows.Where(r => r.LocalSendAt <= until).ToList();
    }

    private static async Task<Ok<IReadOnlyList<LateDeadline>>> Late(DocumentSession session, TenantContext tenant, ReminderScan scan, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await LateAsync(session, tenant.District!.Id, scan, time.GetUtcNow(), ct));

    /// <summary>Every deadline of the district's schools already passed and not done, however long ago (who is late).</summary>
    public static async Task<IReadOnlyList<LateDeadline>> LateAsync(DocumentSession session, Guid districtId, ReminderScan scan, DateTimeOffset at, CancellationToken ct)
    {
        var now = at.ToUniversalTime();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var rows = await session.QueryAsync(scan.LateSql(), r => new LateDeadline(r.GetString(0), KindName(r.GetString(0)), r.GetGuid(1), r.GetString(2),
                r.GetString(3), r.GetString(4), r.GetFieldValue<DateOnly>(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetInt32(7)),
            ct, ReminderScan.EarliestDue, today.AddDays(1), now, districtId);
        return rows;
    }

    private static string KindName(string kind) => Notifications.MessageTemplates.KindNames.GetValueOrDefault(kind, kind);
}
