using Platform.Tests.Infrastructure;

namespace Platform.Tests.Hardening;

/// <summary>
/// A cheap fingerprint of what the database holds, read as the owner: the event store's count and last sequence number,
/// its streams, and the row counts of the main read models and the stores written without events (accounts,
/// invitations, policies, templates, the database catalog). A refused request must leave it as it was.
/// </summary>
public static class DatabaseFingerprint
{
    private static readonly string[] Tables =
    [
        "es.mt_streams", "es.personal_data_keys", "registry.regions", "registry.districts", "registry.schools",
        "mentoring.people", "mentoring.person_details", "mentoring.mentor_profiles", "mentoring.mentee_profiles",
        "mentoring.mentorships", "mentoring.programs", "mentoring.program_plan_rows", "mentoring.road_maps",
        "mentoring.road_map_stages", "mentoring.road_map_activities", "mentoring.road_map_templates", "mentoring.local_acts",
        "mentoring.appointments", "mentoring.questionnaires", "mentoring.questionnaire_answers", "mentoring.attachments",
        "mentoring.district_acts", "mentoring.district_deadlines", "mentoring.district_deadline_marks", "mentoring.contests",
        "mentoring.contest_candidates", "mentoring.document_templates", "mentoring.coverage_targets", "mentoring.school_year_totals",
        "publication.news", "publication.acts", "publication.programs", "publication.best_practices", "publication.files",
        "reporting.campaigns", "reporting.school_reports", "reporting.submissions", "reporting.indicator_sets",
        "reporting.institute_endpoints", "reporting.auto_draft_settings", "identity.accounts", "identity.invitations",
        "identity.oidc_applications", "jobs.reminder_policies", "tenancy.databases", "tenancy.region_databases",
    ];

    private static readonly string Sql = "SELECT concat_ws(' ', (SELECT count(*) || '/' || coalesce(max(seq_id), 0) FROM es.mt_events), "
        + string.Join(", ", Tables.Select(t => $"(SELECT '{t}=' || count(*) FROM {t})")) + ")";

    public static async Task<string> ReadAsync(PostgresDatabase db) => (await db.OwnerScalarAsync<string>(Sql))!;

    /// <summary>Waits until what an accepted request set going in the background (handlers, projections) has settled.</summary>
    public static async Task<string> SettledAsync(PostgresDatabase db, int maxMilliseconds = 3000)
    {
        var last = await ReadAsync(db);
        for (var waited = 0; waited < maxMilliseconds; waited += 150)
        {
            await Task.Delay(150);
            var now = await ReadAsync(db);
            if (now == last) return now;
            last = now;
        }
        return last;
    }

    /// <summary>What differs between two fingerprints, for a failure's message.</summary>
    public static string Difference(string before, string after)
    {
        var a = before.Split(' ');
        var b = after.Split(' ');
        return string.Join(", ", a.Zip(b).Where(p => p.First != p.Second).Select(p => $"{p.First} → {p.Second}"));
    }
}
