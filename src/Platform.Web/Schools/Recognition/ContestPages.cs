using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Recognition.Contests;
using Platform.Tenancy.Resolution;
using Platform.Web.Schools.History;
using Platform.Web.Shell;

namespace Platform.Web.Schools.Recognition;

/// <summary>Where the contest pages of this organiser live, and what the caller may do there.</summary>
public sealed record ContestPlace(string Base, string Section, bool CanWrite, Guid? Me)
{
    public string Api => "/api" + Base;

    private static readonly string[] RegionWriters = Policies.AllowedRoles[Policies.RegionWrite];

    public static ContestPlace For(UiContext ui) =>
        ui.School is not null ? new(ui.SchoolPath("/contests"), "contests", ui.CanWrite, ui.Caller.UserId)
        : ui.District is not null ? new(ui.DistrictPath("/contests"), "district-contests", ui.CanWriteDistrict, ui.Caller.UserId)
        : new(ui.RegionPath("/contests"), "region-contests", ui.Caller.Roles.Any(RegionWriters.Contains), ui.Caller.UserId);
}

public sealed record OpenContestForm(string? Nomination, string? Title, string? From, string? To, string? Description, FormErrors Errors)
{
    public static readonly OpenContestForm Empty = new("mentor_of_year", null, null, null, null, FormErrors.None);
}

public sealed record ContestsModel(ContestPlace Place, IReadOnlyList<ContestRow> Contests, OpenContestForm Form);

/// <param name="Refused">Which form the errors are for: jury, candidate, score-{candidateId}, winners.</param>
/// <param name="Values">The values that form sent, kept on a refusal.</param>
public sealed record ContestPageModel(ContestPlace Place, ContestView Contest, IReadOnlyList<JuryAccount> Accounts, IReadOnlyList<ProgramChoice> Programs,
    IReadOnlyList<HistoryEntry> History, string? Refused, FormErrors Errors, IReadOnlyDictionary<string, string?> Values)
{
    public FormErrors ErrorsOf(string form) => Refused == form ? Errors : FormErrors.None;
    public string? Value(string form, string field) => Refused == form ? Values.GetValueOrDefault(field) : null;
    public bool IsJuror => Place.Me is { } me && Contest.Jury.Any(j => j.AccountId == me);
}

/// <summary>
/// «Конкурсы» of a school or a district (the same pages under both): the list and the opening form; a contest's page with its
/// jury, candidates, the juror's scoring form, the ranking, the winners and the award order. The decisions are the API's
/// (<see cref="ContestEndpoints"/>, <see cref="ContestCommands"/>).
/// </summary>
public static class ContestPages
{
    public static RouteGroupBuilder MapContestPages(this RouteGroupBuilder school) =>
        Map(school, Policies.SchoolRead, Policies.SchoolWrite, Policies.SchoolMember);

    public static RouteGroupBuilder Map(RouteGroupBuilder group, string read, string write, string juror)
    {
        group.MapGet("/contests", List).RequireAuthorization(read);
        group.MapPost("/contests", Open).RequireAuthorization(write);
        group.MapGet("/contests/{id:guid}", Show).RequireAuthorization(juror);
        group.MapPost("/contests/{id:guid}/jury", AddJuror).RequireAuthorization(write);
        group.MapPost("/contests/{id:guid}/candidates", Nominate).RequireAuthorization(write);
        group.MapPost("/contests/{id:guid}/candidates/{candidateId:guid}/score", Score).RequireAuthorization(juror);
        group.MapPost("/contests/{id:guid}/winners", Announce).RequireAuthorization(write);
        return group;
    }

    private static async Task<IResult> List(HttpContext http, TenantContext tenant, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var contests = await ContestQueries.ListAsync(session, ContestOrganiser.Of(tenant).Id, ct);
        return Pages.Render<ContestsPage>(new { Ui = ui, Model = new ContestsModel(ContestPlace.For(ui), contests, OpenContestForm.Empty) });
    }

    private static async Task<IResult> Open(HttpContext http, TenantContext tenant, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (f, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return Pages.Render<FormAlert>(new { Errors = FormErrors.General(Pages.StaleForm) }, StatusCodes.Status400BadRequest);
        var form = new OpenContestForm(f["nomination"], f["title"], f["from"], f["to"], f["description"], FormErrors.None);
        var place = ContestPlace.For(ui);
        return await Pages.Attempt(async () =>
        {
            Nomination? nomination = Platform.EventStore.StoredCode.TryParse<Nomination>(form.Nomination, out var n) ? n : null;
            var opened = await ContestEndpoints.OpenAsync(session, ContestOrganiser.Of(tenant),
                new OpenContest(nomination, Pages.Text(form.Title), Pages.Date(form.From, "from"), Pages.Date(form.To, "to"), Pages.Text(form.Description)),
                time.GetUtcNow(), ct);
            return Pages.RedirectTo(http, $"{place.Base}/{opened.ContestId}");
        }, errors => Pages.Render<OpenContestFormView>(new { Ui = ui, Place = place, Form = form with { Errors = errors } }));
    }

    private static async Task<ContestPageModel?> ModelAsync(UiContext ui, TenantContext tenant, DocumentSession session, Guid id, CancellationToken ct,
        string? refused = null, FormErrors? errors = null, IReadOnlyDictionary<string, string?>? values = null)
    {
        var o = ContestOrganiser.Of(tenant);
        if (await ContestEndpoints.LoadAsync(session, o, id, ct) is not var (contest, events)) return null;
        var place = ContestPlace.For(ui);
        var accounts = place.CanWrite ? await ContestQueries.JuryAccountsAsync(session, o.Id, ct) : [];
        var programs = place.CanWrite && !contest.Announced ? await ContestQueries.CompletedProgramsAsync(session, o.Level, o.Id, ct) : [];
        var history = events.Select(e => new HistoryEntry(e.Version, RecordHistory.Title(e.EventTypeName), e.Timestamp, e.UserName)).Reverse().ToList();
        return new ContestPageModel(place, ContestView.Of(contest, events[^1].Version), accounts, programs, history, refused, errors ?? FormErrors.None,
            values ?? new Dictionary<string, string?>());
    }

    private static async Task<IResult> Show(Guid id, HttpContext http, TenantContext tenant, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        return await ModelAsync(ui, tenant, session, id, ct) is { } model
            ? Pages.Render<ContestPage>(new { Ui = ui, Model = model })
            : Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Конкурс не найден." }, StatusCodes.Status404NotFound);
    }

    private static Task<IResult> AddJuror(Guid id, HttpContext http, TenantContext tenant, DocumentSession session, CancellationToken ct) =>
        Decide(id, http, tenant, session, ct, "jury", (o, f) =>
            ContestEndpoints.AddJurorAsync(session, o, id, new AddJuror(Pages.Id(f["accountId"])), http, ct));

    private static Task<IResult> Nominate(Guid id, HttpContext http, TenantContext tenant, DocumentSession session, TimeProvider time, CancellationToken ct) =>
        Decide(id, http, tenant, session, ct, "candidate", (o, f) =>
        {
            // The choice is «school:program», one select for both.
            var parts = (f["choice"].ToString() ?? "").Split(':');
            return ContestEndpoints.NominateAsync(session, o, id,
                new NominateCandidate(Pages.Id(parts.ElementAtOrDefault(0)), Pages.Id(parts.ElementAtOrDefault(1)), Pages.Text(f["note"])), time.GetUtcNow(), http, ct);
        });

    private static Task<IResult> Score(Guid id, Guid candidateId, HttpContext http, TenantContext tenant, DocumentSession session, CancellationToken ct) =>
        Decide(id, http, tenant, session, ct, $"score-{candidateId}", (o, f) =>
        {
            int? score = int.TryParse(f["score"], out var s) ? s : null;
            return ContestEndpoints.ScoreAsync(session, o, id, candidateId, tenant.Caller?.UserId, new ScoreCandidate(score, Pages.Text(f["comment"])), http, ct);
        });

    private static Task<IResult> Announce(Guid id, HttpContext http, TenantContext tenant, DocumentSession session, TimeProvider time, CancellationToken ct) =>
        Decide(id, http, tenant, session, ct, "winners", (o, f) =>
        {
            var winners = f.Keys.Where(k => k.StartsWith("place-", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(f[k]))
                .Select(k => new WinnerDraft(Pages.Id(k["place-".Length..]), int.TryParse(f[k], out var p) ? p : 0)).ToArray();
            return ContestEndpoints.AnnounceAsync(session, o, id, new AnnounceWinners(winners), time.GetUtcNow(), http, ct);
        });

    /// <summary>Runs a decision from a form of the contest page; answers with the contest's section, with the form's messages on a refusal.</summary>
    private static async Task<IResult> Decide(Guid id, HttpContext http, TenantContext tenant, DocumentSession session, CancellationToken ct, string form,
        Func<ContestOrganiser, IFormCollection, Task<ContestView?>> decide)
    {
        var ui = UiContext.For(http);
        var (f, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return Pages.Render<FormAlert>(new { Errors = FormErrors.General(Pages.StaleForm) }, StatusCodes.Status400BadRequest);
        var values = f.Keys.ToDictionary(k => k, k => (string?)f[k].ToString());
        return await Pages.Attempt(async () =>
        {
            if (await decide(ContestOrganiser.Of(tenant), f) is null)
                return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Конкурс не найден." }, StatusCodes.Status404NotFound);
            return Pages.Render<ContestSection>(new { Ui = ui, Model = (await ModelAsync(ui, tenant, session, id, ct))! });
        }, async (errors, status) => await ModelAsync(ui, tenant, session, id, ct, form, errors, values) is { } model
            ? Pages.Render<ContestSection>(new { Ui = ui, Model = model }, status)
            : Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Конкурс не найден." }, StatusCodes.Status404NotFound));
    }
}
