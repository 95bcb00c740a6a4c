using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.EventStore;
using Platform.EventStore.Databases;
using Platform.Jobs.Deadlines;
using Platform.Jobs.Deliveries;
using Platform.Jobs.Messaging;
using Platform.Jobs.Scheduling;

namespace Platform.Jobs.Reminders;

public sealed record ScanResult(int Reminders, int Escalations, int Deliveries, TimeSpan Took);

/// <summary>
/// One pass over every school's open deadlines: decides which reminders and escalations are due now, each in the
/// school's (escalations: the district's) own time zone, and writes the decision — the dedup row in jobs.reminder_log
/// and the deliveries made only from the dedup rows that insert really wrote — in one statement, whose transaction
/// also stores their Wolverine messages. Two nodes scanning at once, or a scan repeated after a crash, cannot remind anyone twice: the second insert finds the key taken.
/// </summary>
public sealed class ReminderScan(DocumentStore store, IEnumerable<IDeadlineSource> sources, TimeProvider time,
    IOptions<EmailOptions> email, DeliveryQueue deliveries, RetryPlans plans, ILogger<ReminderScan> logger)
{
    private readonly IReadOnlyList<IDeadlineSource> _sources = sources.ToList();

    /// <summary>Scans every database (the home one and each region's own), one after the other.</summary>
    public async Task<ScanResult> RunAsync(CancellationToken ct = default)
    {
        var started = time.GetTimestamp();
        var total = new ScanResult(0, 0, 0, TimeSpan.Zero);
        foreach (var database in await store.Databases.IdsAsync(ct))
        {
            var one = await RunAsync(database, ct);
            total = new ScanResult(total.Reminders + one.Reminders, total.Escalations + one.Escalations, total.Deliveries + one.Deliveries, TimeSpan.Zero);
        }
        return total with { Took = time.GetElapsedTime(started) };
    }

    private async Task<ScanResult> RunAsync(string database, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        await DatabaseCopy.CopyAccountsAsync(store, database, ct); // the recipients, as they are now
        var now = time.GetUtcNow().ToUniversalTime();
        var utcToday = DateOnly.FromDateTime(now.UtcDateTime);
        await using var session = store.LightweightSession(TenantScope.Platform, database: database);
        var maxOffset = Math.Max((await session.QueryAsync("""
            SELECT coalesce(max(o), 0) FROM jobs.reminder_policies LEFT JOIN LATERAL unnest(offsets) o ON true
            """, r => r.GetInt32(0), ct)).Single(), ReminderPolicy.DefaultOffsets.Max());

        // A local date in Russia is within a day of the UTC date (UTC+2 … UTC+12).
        var reminders = await DecideAsync(session, ReminderSql(), ct,
            utcToday.AddDays(-1), utcToday.AddDays(maxOffset + 1), now, ReminderPolicy.DefaultOffsets, ReminderPolicy.DefaultSendAt,
            email.Value.Configured, plans.Email.MaxAttempts, plans.Inbox.MaxAttempts);
        if (_sources.Any(s => s.Owner == DeadlineOwner.District))
        {
            var district = await DecideAsync(session, ReminderSql(DeadlineOwner.District), ct,
                utcToday.AddDays(-1), utcToday.AddDays(maxOffset + 1), now, ReminderPolicy.DefaultOffsets, ReminderPolicy.DefaultSendAt,
                email.Value.Configured, plans.Email.MaxAttempts, plans.Inbox.MaxAttempts);
            reminders = (reminders.Decided + district.Decided, reminders.Queued + district.Queued);
        }
        // Every deadline still open past its date, however long ago it fell due (no recency window).
        var escalations = await DecideAsync(session, EscalationSql(), ct,
            EarliestDue, utcToday, now, ReminderPolicy.DefaultSendAt, ReminderPolicy.DefaultEscalationDays,
            email.Value.Configured, plans.Email.MaxAttempts, plans.Inbox.MaxAttempts);
        await session.SaveChangesAsync(ct);

        var result = new ScanResult(reminders.Decided, escalations.Decided, reminders.Queued + escalations.Queued, time.GetElapsedTime(started));
        if (result.Reminders + result.Escalations > 0)
            logger.LogInformation("Reminder scan of {Database}: {Reminders} reminders, {Escalations} escalations, {Deliveries} deliveries queued in {Ms} ms",
                database, result.Reminders, result.Escalations, result.Deliveries, (int)result.Took.TotalMilliseconds);
        return result;
    }

    /// <summary>Runs one decision and queues the messages of the deliveries it wrote; returns how many were decided and queued.</summary>
    private async Task<(int Decided, int Queued)> DecideAsync(DocumentSession session, string sql, CancellationToken ct, params object?[] args)
    {
        var (decided, tenants, ids, channels) = (await session.QueryAsync(sql,
            r => (r.GetInt32(0), r.GetFieldValue<Guid[]>(1), r.GetFieldValue<Guid[]>(2), r.GetFieldValue<string[]>(3)), ct, args)).Single();
        await deliveries.PublishAsync(session, ids.Select((id, i) => (tenants[i], id, channels[i])));
        return (decided, ids.Length);
    }

    /// <param name="from">The parameter of the first due date looked at, when not $1.</param>
    /// <param name="to">The parameter of the last one, when not $2.</param>
    private string Deadlines(DeadlineOwner owner = DeadlineOwner.School, string from = "$1", string to = "$2") => string.Join("\n  UNION ALL\n",
        _sources.Where(s => s.Owner == owner).Select(s =>
            $"SELECT '{s.Kind}'::text AS kind, d.* FROM ({s.OpenDeadlinesSql.Replace("$1", from).Replace("$2", to)}) d"));

    /// <summary>
    /// $1, $2: due dates looked at; $3: now; $4, $5: default offsets and local send time; $6: e-mail on; $7, $8: max attempts (e-mail, inbox). Reminders go out from the send time of the school's day on; of the offsets whose moment has come,
    /// only the latest is sent: a node that was down for days sends the reminder that is still true, not a burst of stale ones.
    /// </summary>
    /// <param name="owner">A district's own deadlines: the district's zone and policy, its curators reminded (school_id holds its id).</param>
    internal string ReminderSql(DeadlineOwner owner = DeadlineOwner.School) => $"""
        WITH deadlines AS (
          {Deadlines(owner)}
        ), candidates AS (
          SELECT d.kind, d.school_id, d.deadline_id, d.title, d.due_on, d.link, s.short_name AS school_name,
                 ($3::timestamptz AT TIME ZONE s.time_zone) AS local_now,
                 coalesce(p.offsets, $4::int[]) AS offsets, coalesce(p.send_at, $5::time) AS send_at
            FROM deadlines d
            {(owner == DeadlineOwner.School
                ? "JOIN registry.schools s ON s.id = d.school_id AND s.closed_on IS NULL\n            LEFT JOIN jobs.reminder_policies p ON p.tenant_id = s.district_id AND p.kind = d.kind"
                : "JOIN registry.districts s ON s.id = d.school_id\n            LEFT JOIN jobs.reminder_policies p ON p.tenant_id = s.id AND p.kind = d.kind")}
        ), chosen AS (
          SELECT c.*, o.offset_days
            FROM candidates c
            CROSS JOIN LATERAL (SELECT min(x) AS offset_days FROM unnest(c.offsets) x WHERE (c.due_on - x) + c.send_at <= c.local_now) o
           WHERE o.offset_days IS NOT NULL AND c.due_on >= c.local_now::date AND c.local_now::time >= c.send_at
        ), recipients AS MATERIALIZED (
          SELECT ch.*, ch.kind || ':' || ch.deadline_id AS deadline_key, u.id AS recipient_id, u.email
            FROM chosen ch
            JOIN identity.accounts u ON u.tenant_id = ch.school_id AND '{(owner == DeadlineOwner.School ? "SchoolCurator" : "DistrictCurator")}' = ANY (u.roles)
                 AND NOT u.blocked
        ), logged AS (
          -- The decision carries its message: the deliveries come from what this insert returns, with no join back.
          INSERT INTO jobs.reminder_log (tenant_id, deadline_key, recipient_id, offset_days, due_on, decided_at, address, payload)
          SELECT school_id, deadline_key, recipient_id, offset_days, due_on, $3, nullif(email, ''),
                 jsonb_build_object('kind', kind, 'school', school_name, 'deadline', title, 'dueOn', due_on,
                                    'daysLeft', due_on - local_now::date, 'link', link)
            FROM recipients
          ON CONFLICT DO NOTHING
          RETURNING tenant_id, recipient_id, address, payload
        {Queue("reminder")}
        """;

    /// <summary>The earliest due date the late lists look at: before any school's first road map, so every open deadline past due is listed.</summary>
    public static readonly DateOnly EarliestDue = new(2000, 1, 1);

    /// <summary>
    /// A daily digest per district curator, at the send time in the district's zone, of every deadline past due in its
    /// schools and still open, however long ago (the school's own date decides "past"); a kind whose policy turns escalation
    /// off is left out. $1, $2: due dates looked at; $3: now; $4: default send time; $5: unused (was the escalation window);
    /// $6: e-mail on; $7, $8: max attempts.
    /// </summary>
    internal string EscalationSql() => $"""
        WITH deadlines AS (
          {Deadlines()}
        ), late AS (
          SELECT d.kind, d.school_id, s.district_id, s.short_name AS school_name, d.title, d.due_on,
                 ($3::timestamptz AT TIME ZONE s.time_zone)::date - d.due_on AS days_late
            FROM deadlines d
            JOIN registry.schools s ON s.id = d.school_id AND s.closed_on IS NULL
            LEFT JOIN jobs.reminder_policies p ON p.tenant_id = s.district_id AND p.kind = d.kind
           WHERE coalesce(p.escalate, true)
             AND d.due_on < ($3::timestamptz AT TIME ZONE s.time_zone)::date
        ), digests AS MATERIALIZED (
          SELECT l.district_id, dist.short_name AS district_name, ($3::timestamptz AT TIME ZONE dist.time_zone)::date AS local_date,
                 count(*) AS total, count(DISTINCT l.school_id) AS schools,
                 jsonb_path_query_array(jsonb_agg(jsonb_build_object('kind', l.kind, 'school', l.school_name, 'deadline', l.title,
                     'dueOn', l.due_on, 'daysLate', l.days_late) ORDER BY l.school_name, l.due_on, l.title), '$[0 to 49]') AS lines
            FROM late l
            JOIN registry.districts dist ON dist.id = l.district_id
           WHERE ($3::timestamptz AT TIME ZONE dist.time_zone)::time >= $4::time
           GROUP BY l.district_id, dist.short_name, dist.time_zone
        ), recipients AS MATERIALIZED (
          SELECT g.*, u.id AS recipient_id, u.email
            FROM digests g
            JOIN identity.accounts u ON u.tenant_id = g.district_id AND 'DistrictCurator' = ANY (u.roles) AND NOT u.blocked
        ), logged AS (
          INSERT INTO jobs.reminder_log (tenant_id, deadline_key, recipient_id, offset_days, due_on, decided_at, address, payload)
          SELECT district_id, 'escalation:' || local_date, recipient_id, 0, local_date, $3, nullif(email, ''),
                 jsonb_build_object('district', district_name, 'date', local_date, 'total', total, 'schools', schools, 'lines', lines,
                                    'link', '/districts/' || district_id)
            FROM recipients
          ON CONFLICT DO NOTHING
          RETURNING tenant_id, recipient_id, address, payload
        {Queue("escalation")}
        """;

    /// <summary>
    /// The end of both decisions: the deliveries (in-app, and e-mail where on and known) made from the dedup rows the
    /// «logged» insert returned, and what was decided. $3: now; $6: e-mail on; $7, $8: max attempts (e-mail, inbox).
    /// </summary>
    private static string Queue(string template) => $"""
        ), queued AS (
          INSERT INTO jobs.deliveries (tenant_id, id, channel, template, recipient_id, address, payload, status, max_attempts, next_attempt_at, created_at)
          SELECT l.tenant_id, gen_random_uuid(), ch.channel, '{template}', l.recipient_id, CASE WHEN ch.channel = 'email' THEN l.address END,
                 l.payload, 'pending', CASE WHEN ch.channel = 'email' THEN $7 ELSE $8 END, $3, $3
            FROM logged l
           CROSS JOIN (VALUES ('inbox'), ('email')) ch (channel)
           WHERE ch.channel = 'inbox' OR ($6 AND l.address IS NOT NULL)
          RETURNING tenant_id, id, channel
        )
        SELECT (SELECT count(*) FROM logged)::int, coalesce(array_agg(tenant_id), ARRAY[]::uuid[]), coalesce(array_agg(id), ARRAY[]::uuid[]),
               coalesce(array_agg(channel), ARRAY[]::text[])
          FROM queued
        """;

    /// <summary>
    /// The same deadlines and policies, read without deciding: what will be sent when (for the district's screen), the first ones
    /// by send time ($9: how many). The district's own deadlines (e.g. its submission to the region) are listed beside its schools': the district
    /// as the organisation, its curators as the recipients, its zone and policy. $1, $2: due dates looked at; $3: now; $4: the
    /// default offsets in ascending order; $5: the default send time; $6: the district; $7, $8: the last due date of the near
    /// deadlines and the first of the far ones.
    /// </summary>
    internal string UpcomingSql() => _upcomingSql ??= BuildUpcomingSql(); // the sources are the scan's for its lifetime

    private string? _upcomingSql;

    private string BuildUpcomingSql()
    {
        // The cost is per deadline (a district of 40 schools has some 4,500 in the window), so each one does as little as it can:
        // - the near deadlines first: a far one (due on $8 or later) is reminded on $8 − the largest offset at the earliest, so
        //   when the $9 first near reminders go out before that, the far deadlines are not read at all (gate);
        // - each CTE of deadlines MATERIALIZED: inlined, PostgreSQL (which cannot estimate rows behind the tenant policies) read
        //   every deadline of the district again for each school;
        // - a deadline's school is found in the district's arrays (array_position once per deadline: the OFFSET 0 keeps PostgreSQL
        //   from inlining it into every column that uses it), not joined: joined, PostgreSQL guessed one school and compared every
        //   deadline with every school in nested loops;
        // - the next offset is computed once (OFFSET 0 again), not in the filter, the sort key and the column each; it is the
        //   largest offset x whose moment (due_on − x) + send_at is still ahead, that is x ≤ k = days left − 1, plus 1 when today's
        //   send time has not come: a binary search (width_bucket) in the ascending offsets;
        // - recipients are looked up for the ones listed only.
        var district = _sources.Any(s => s.Owner == DeadlineOwner.District) ? $"""
            UNION ALL
            SELECT d.*, NULL::int AS i, 'district'::text AS owner, s.short_name AS school_name, s.time_zone, ($3::timestamptz AT TIME ZONE s.time_zone) AS local_now,
                   coalesce(p.offsets, $4::int[]) AS offsets, coalesce(p.send_at, $5::time) AS send_at
              FROM ({Deadlines(DeadlineOwner.District)}) d
              JOIN registry.districts s ON s.id = d.school_id AND s.id = $6
              LEFT JOIN policies p ON p.kind = d.kind
            """ : "";
        return $"""
            WITH near AS MATERIALIZED (
              {Deadlines(DeadlineOwner.School, "$1", "$7")}
            ), far AS MATERIALIZED (
              {Deadlines(DeadlineOwner.School, "$8", "$2")}
            ), recipients AS MATERIALIZED ( -- per tenant, counted once: its school curators and its district curators
              SELECT coalesce(jsonb_object_agg(tenant_id::text, jsonb_build_object('school', school, 'district', district)), jsonb_build_object()) AS by_tenant
                FROM (SELECT tenant_id, count(*) FILTER (WHERE 'SchoolCurator' = ANY (roles)) AS school,
                             count(*) FILTER (WHERE 'DistrictCurator' = ANY (roles)) AS district
                        FROM identity.accounts WHERE NOT blocked GROUP BY tenant_id) r
            ), schools AS MATERIALIZED (
              SELECT array_agg(s.id) AS ids, array_agg(s.short_name) AS names, array_agg(s.time_zone) AS zones,
                     array_agg($3::timestamptz AT TIME ZONE s.time_zone) AS nows
                FROM registry.schools s WHERE s.district_id = $6 AND s.closed_on IS NULL
            ), policies AS MATERIALIZED (
              SELECT kind, send_at, ARRAY(SELECT x FROM unnest(offsets) x ORDER BY x) AS offsets FROM jobs.reminder_policies WHERE tenant_id = $6
            ), near_timed AS MATERIALIZED (
              {Timed("near", district)}
            ), gate AS MATERIALIZED (
              SELECT count(*) = $9 AND max(local_send_at) < $8::date - greatest((SELECT max(x) FROM policies, unnest(offsets) x), ($4::int[])[cardinality($4::int[])])
                     AS settled
                FROM (SELECT local_send_at FROM near_timed ORDER BY local_send_at LIMIT $9) n
            ), next AS (
              SELECT * FROM near_timed
              UNION ALL
              SELECT * FROM ({Timed("far", "")}) f WHERE NOT (SELECT settled FROM gate)
               ORDER BY local_send_at, school_name, title, deadline_id
               LIMIT $9
            )
            SELECT n.kind, n.school_id, n.school_name, n.deadline_id, n.title, n.due_on, n.link, n.time_zone, n.offset_days, n.local_send_at,
                   coalesce(((SELECT by_tenant FROM recipients) -> n.school_id::text ->> n.owner)::bigint, 0) AS recipients, n.owner
              FROM next n
             ORDER BY n.local_send_at, n.school_name, n.title, n.deadline_id
            """;
    }

    /// <summary>The deadlines of a CTE with the school's name, zone and next reminder (see <see cref="UpcomingSql"/>), the timed ones only.</summary>
    private static string Timed(string deadlines, string district) => $"""
        SELECT c.kind, c.school_id, c.school_name, c.deadline_id, c.title, c.due_on, c.link, c.time_zone, c.offset_days,
               ((c.due_on - c.offset_days) + c.send_at) AS local_send_at, c.owner
          FROM (SELECT c.*, c.offsets[width_bucket((c.due_on - c.local_now::date) - CASE WHEN c.send_at > c.local_now::time THEN 0 ELSE 1 END, c.offsets)]
                           AS offset_days
                  FROM (SELECT d.*, 'school'::text AS owner, s.names[d.i] AS school_name, s.zones[d.i] AS time_zone, s.nows[d.i] AS local_now,
                               coalesce(p.offsets, $4::int[]) AS offsets, coalesce(p.send_at, $5::time) AS send_at
                          FROM schools s
                          CROSS JOIN LATERAL (SELECT d.*, array_position(s.ids, d.school_id) AS i FROM {deadlines} d OFFSET 0) d
                          LEFT JOIN policies p ON p.kind = d.kind
                         WHERE d.i IS NOT NULL
                        {district}) c
                OFFSET 0) c
         WHERE c.offset_days IS NOT NULL
        """;

    /// <summary>Every open deadline past due in a district's schools, however long ago ($1, $2: due dates looked at; $3: now, $4: the district), by school's own date.</summary>
    internal string LateSql() => $"""
        WITH deadlines AS MATERIALIZED (
          {Deadlines()}
        )
        SELECT d.kind, d.school_id, s.short_name, d.deadline_id, d.title, d.due_on, d.link,
               ($3::timestamptz AT TIME ZONE s.time_zone)::date - d.due_on AS days_late
          FROM deadlines d
          JOIN LATERAL (SELECT s.short_name, s.time_zone FROM registry.schools s
                         WHERE s.id = d.school_id AND s.closed_on IS NULL AND s.district_id = $4 LIMIT 1) s ON true -- as in UpcomingSql
         WHERE d.due_on < ($3::timestamptz AT TIME ZONE s.time_zone)::date
         ORDER BY s.short_name, d.due_on, d.title
        """;
}
