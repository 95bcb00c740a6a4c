using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.People;
using Platform.Mentoring.Monitoring;
using Platform.Mentoring.Programs;
using Platform.Web.Shell;

namespace Platform.Web.Me;

/// <summary>How the signed-in account was recognised as a participant: by its e-mail, or by its full name (unique in the school).</summary>
public enum MatchedBy { Email, FullName }

/// <summary>A participant's program with the surveys they have yet to fill.</summary>
public sealed record MyProgram(ProgramView Program, IReadOnlyList<AwaitedSurvey> Surveys);

/// <param name="Person">The participant the account is, null when none could be recognised.</param>
public sealed record MePageModel(PersonRef? Person, MatchedBy? MatchedBy, string? AccountEmail, IReadOnlyList<MentorshipRow> Mentorships, IReadOnlyList<MyProgram> Programs);

/// <summary>
/// «Моё наставничество»: the page a mentor or a mentee lands on: their pairs and groups, their programs with the plan, the meetings,
/// the evaluations, and the surveys they are awaited to fill. An account is not linked to a participant record: the participant is the
/// school's person whose e-mail (kept under the consent) is the account's, or else the only person of the school with the account's
/// full name; the page says which, and what to do when neither is found.
/// </summary>
public static class MePages
{
    public static IEndpointRouteBuilder MapMePages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/schools/{schoolId:guid}/me", Show).RequireAuthorization(Policies.SchoolMember).ExcludeFromDescription();
        app.MapGet("/schools/{schoolId:guid}/me/personal-data-report.docx", PersonalDataReport).RequireAuthorization(Policies.SchoolMember).ExcludeFromDescription();
        app.MapMySurveyPages();
        return app;
    }

    private static async Task<IResult> Show(Guid schoolId, HttpContext http, DocumentSession session, ProgramDecision programs, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (person, matched, email) = await RecogniseAsync(ui, session, schoolId, ct);
        if (person is null)
            return Pages.Render<MePage>(new { Ui = ui, Model = new MePageModel(null, null, email, [], []) });

        var asMentor = await MentorshipList.QueryAsync(session, schoolId, new MentorshipListQuery(MentorId: person.Id), ct);
        var asMentee = await MentorshipList.QueryAsync(session, schoolId, new MentorshipListQuery(MenteeId: person.Id), ct);
        var mentorships = asMentor.Items.Concat(asMentee.Items).DistinctBy(m => m.Id).ToList();
        var mine = new List<MyProgram>();
        foreach (var row in mentorships)
        {
            var rows = await ProgramList.QueryAsync(session, schoolId, ui.Today, new ProgramListQuery(MentorshipId: row.Id), ct);
            foreach (var p in rows.Items)
            {
                if ((await session.Events.FetchLatestAsync<MentoringProgram>(p.Id, ct)).Aggregate is not { } program) continue;
                var monitoring = await MonitoringEndpoints.LoadAsync(session, p.Id, ct);
                mine.Add(new MyProgram(await programs.ViewAsync(program, p.Version, ct),
                    monitoring?.Awaited.Where(a => a.PersonId == person.Id).ToList() ?? []));
            }
        }
        return Pages.Render<MePage>(new { Ui = ui, Model = new MePageModel(person, matched, email, mentorships, mine) });
    }

    /// <summary>
    /// «Какие мои персональные данные хранит школа» (152-ФЗ, ст. 14): the report staff give from the card, for the participant the
    /// account is recognised as — no one else's; the request is journaled.
    /// </summary>
    private static async Task<IResult> PersonalDataReport(Guid schoolId, HttpContext http, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (person, _, _) = await RecogniseAsync(ui, session, schoolId, ct);
        return person is not null && await Platform.Mentoring.People.Documents.PersonalDataReport.ProduceAsync(session, ui.Caller, ui.School!, person.Id,
                PersonalDataJournal.OwnReport, ui.Today, time.GetUtcNow(), ct) is { } file
            ? file
            : Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Учётная запись не связана с участником наставничества организации." }, StatusCodes.Status404NotFound);
    }

    /// <summary>The participant the signed-in account is (see the class), how it was recognised, and the account's e-mail.</summary>
    internal static async Task<(PersonRef? Person, MatchedBy? MatchedBy, string? Email)> RecogniseAsync(UiContext ui, DocumentSession session, Guid schoolId,
        CancellationToken ct)
    {
        var email = ui.Caller.UserId is { } accountId
            ? (await session.QueryAsync("SELECT email FROM identity.accounts WHERE id = $1", r => r.IsDBNull(0) ? null : r.GetString(0), ct, accountId)).FirstOrDefault()
            : null;
        var (person, matched) = await FindAsync(session, schoolId, email, ui.Caller.FullName, ct);
        return (person, matched, email);
    }

    internal static async Task<(PersonRef?, MatchedBy?)> FindAsync(DocumentSession session, Guid schoolId, string? email, string? fullName, CancellationToken ct)
    {
        static PersonRef Read(Npgsql.NpgsqlDataReader r) => new(r.GetGuid(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3));
        if (!string.IsNullOrWhiteSpace(email))
        {
            var byEmail = await session.QueryAsync("""
                SELECT p.id, p.full_name, p.kind, p.position FROM mentoring.people p
                  JOIN mentoring.person_details d ON d.tenant_id = p.tenant_id AND d.person_id = p.id
                 WHERE p.tenant_id = $1 AND lower(d.email) = lower($2) LIMIT 2
                """, Read, ct, schoolId, email.Trim());
            if (byEmail.Count == 1) return (byEmail[0], MatchedBy.Email);
        }
        if (!string.IsNullOrWhiteSpace(fullName))
        {
            var byName = await session.QueryAsync("SELECT id, full_name, kind, position FROM mentoring.people WHERE tenant_id = $1 AND full_name = $2 LIMIT 2",
                Read, ct, schoolId, fullName.Trim());
            if (byName.Count == 1) return (byName[0], MatchedBy.FullName);
        }
        return (null, null);
    }
}
