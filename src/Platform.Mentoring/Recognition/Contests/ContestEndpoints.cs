using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Documents;
using Platform.Mentoring.Recognition.BestPractices;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;

namespace Platform.Mentoring.Recognition.Contests;

/// <summary>The organiser of the route's contests: its level, id, requisites for the award order, time zone.</summary>
public sealed record ContestOrganiser(ContestLevel Level, Guid Id, string FullName, string Head, string TimeZone)
{
    public static ContestOrganiser Of(TenantContext tenant) => tenant switch
    {
        { School: { } s } => new(ContestLevel.School, s.Id, s.FullName, OrderLayout.Head(s.Kind.HeadTitle()), s.TimeZone),
        { District: { } d } => new(ContestLevel.District, d.Id, d.Name, "Начальник Управления образования", d.TimeZone),
        { Region: { } r } => new(ContestLevel.Region, r.Id, r.Name, "Руководитель", r.TimeZone),
        _ => throw new InvalidOperationException("A contest route without a school, district or region."),
    };
}

/// <summary>
/// Contests of a school, a district or a region (the same routes under each): open, name the jury, nominate candidates from
/// completed programs, the jurors' scores, the winners and the award order.
/// </summary>
public static class ContestEndpoints
{
    public static readonly IReadOnlyDictionary<string, string> EventTitles = new Dictionary<string, string>
    {
        ["contest_opened"] = "Конкурс объявлен",
        ["juror_added"] = "Включён в жюри",
        ["candidate_nominated"] = "Выдвинут кандидат",
        ["candidate_scored"] = "Оценка члена жюри",
        ["winners_announced"] = "Итоги подведены",
    };

    public static IEndpointRouteBuilder MapContests(this IEndpointRouteBuilder app)
    {
        Map(app.MapGroup("/api/schools/{schoolId:guid}/contests"), Policies.SchoolRead, Policies.SchoolWrite, Policies.SchoolMember);
        Map(app.MapGroup("/api/districts/{districtId:guid}/contests"), Policies.DistrictRead, Policies.DistrictWrite, Policies.DistrictRead);
        Map(app.MapGroup("/api/regions/{regionId:guid}/contests"), Policies.RegionRead, Policies.RegionWrite, Policies.RegionRead);
        app.MapGet("/api/schools/{schoolId:guid}/awards", SchoolAwards).RequireAuthorization(Policies.SchoolRead).WithTags("Конкурсы")
            .WithSummary("Награды участников организации (победители конкурсов любого уровня); personId — награды одного человека");
        app.MapGet("/api/districts/{districtId:guid}/awards", DistrictAwards).RequireAuthorization(Policies.DistrictRead).WithTags("Конкурсы")
            .WithSummary("Победители конкурсов из организаций района");
        return app;
    }

    private static void Map(RouteGroupBuilder contests, string read, string write, string juror)
    {
        contests.WithTags("Конкурсы");
        contests.MapGet("", List).RequireAuthorization(read).WithSummary("Конкурсы организатора");
        contests.MapPost("", Open).RequireAuthorization(write)
            .WithSummary("Объявить конкурс: «Наставник года», «Лучшая пара», «Наставник+» или своя номинация; период; описание");
        contests.MapGet("/programs", Programs).RequireAuthorization(read).WithSummary("Завершённые программы организаций, из которых выдвигаются кандидаты");
        contests.MapGet("/jury-accounts", JuryAccounts).RequireAuthorization(read).WithSummary("Учётные записи организатора, которые можно включить в жюри");
        contests.MapGet("/{id:guid}", Get).RequireAuthorization(juror).WithSummary("Конкурс: жюри, кандидаты по среднему баллу, места (ETag: версия)");
        contests.MapGet("/{id:guid}/history", History).RequireAuthorization(read).WithSummary("История: кто, когда, что");
        contests.MapPost("/{id:guid}/jury", AddJuror).RequireAuthorization(write).WithSummary("Включить в жюри учётную запись организатора");
        contests.MapPost("/{id:guid}/candidates", Nominate).RequireAuthorization(write).WithSummary("Выдвинуть кандидата по завершённой программе");
        contests.MapPost("/{id:guid}/candidates/{candidateId:guid}/score", Score).RequireAuthorization(juror)
            .WithSummary("Оценка члена жюри: от 1 до 10 с комментарием; одна на кандидата, меняется до подведения итогов");
        contests.MapPost("/{id:guid}/winners", Announce).RequireAuthorization(write).WithSummary("Подвести итоги: победители и места");
        contests.MapGet("/{id:guid}/award-order.docx", AwardOrder).RequireAuthorization(read).WithSummary("Приказ о поощрении победителей (DOCX)");
    }

    private static async Task<Ok<List<AwardRow>>> SchoolAwards(Guid schoolId, Guid? personId, DocumentSession session, CancellationToken ct) =>
        TypedResults.Ok(personId is { } person
            ? await ContestQueries.AwardsOfPersonAsync(session, schoolId, person, ct)
            : await ContestQueries.WinnersAsync(session, schoolId, ct));

    private static async Task<Ok<List<AwardRow>>> DistrictAwards(Guid districtId, DocumentSession session, CancellationToken ct) =>
        TypedResults.Ok(await ContestQueries.DistrictWinnersAsync(session, districtId, ct));

    private static async Task<Ok<List<ContestRow>>> List(TenantContext tenant, DocumentSession session, CancellationToken ct) =>
        TypedResults.Ok(await ContestQueries.ListAsync(session, ContestOrganiser.Of(tenant).Id, ct));

    private static async Task<Ok<List<ProgramChoice>>> Programs(TenantContext tenant, DocumentSession session, CancellationToken ct)
    {
        var o = ContestOrganiser.Of(tenant);
        return TypedResults.Ok(await ContestQueries.CompletedProgramsAsync(session, o.Level, o.Id, ct));
    }

    private static async Task<Ok<List<JuryAccount>>> JuryAccounts(TenantContext tenant, DocumentSession session, CancellationToken ct) =>
        TypedResults.Ok(await ContestQueries.JuryAccountsAsync(session, ContestOrganiser.Of(tenant).Id, ct));

    private static async Task<Created<ContestView>> Open(OpenContest command, TenantContext tenant, DocumentSession session, TimeProvider time, HttpContext http,
        CancellationToken ct)
    {
        var opened = await OpenAsync(session, ContestOrganiser.Of(tenant), command, time.GetUtcNow(), ct);
        http.Response.Headers.ETag = "\"1\"";
        return TypedResults.Created($"{http.Request.Path}/{opened.ContestId}", ContestView.Of(Contest.Create(opened), 1));
    }

    public static async Task<ContestOpened> OpenAsync(DocumentSession session, ContestOrganiser o, OpenContest command, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var opened = ContestCommands.Open(id, o.Level, o.Id, command, now);
        session.Events.StartStream<Contest>(id, opened);
        await session.SaveChangesAsync(ct);
        return opened;
    }

    /// <summary>The organiser's contest and its stream's events, or null.</summary>
    public static async Task<(Contest Contest, IReadOnlyList<IEvent> Events)?> LoadAsync(DocumentSession session, ContestOrganiser o, Guid id, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not ContestOpened opened || opened.OrganiserId != o.Id) return null;
        return (session.Store.Fold<Contest>(null, events.Select(e => e.Data))!, events);
    }

    private static async Task<Results<Ok<ContestView>, NotFound>> Get(Guid id, TenantContext tenant, DocumentSession session, HttpContext http, CancellationToken ct)
    {
        if (await LoadAsync(session, ContestOrganiser.Of(tenant), id, ct) is not var (contest, events)) return TypedResults.NotFound();
        http.Response.Headers.ETag = $"\"{events[^1].Version}\"";
        return TypedResults.Ok(ContestView.Of(contest, events[^1].Version));
    }

    private static async Task<Results<Ok<IReadOnlyList<EventHistoryItem>>, NotFound>> History(Guid id, TenantContext tenant, DocumentSession session,
        CancellationToken ct) =>
        await LoadAsync(session, ContestOrganiser.Of(tenant), id, ct) is var (_, events)
            ? TypedResults.Ok<IReadOnlyList<EventHistoryItem>>(events.Select(e => EventHistoryItem.From(e, EventTitles)).ToList())
            : TypedResults.NotFound();

    private static async Task<Results<Ok<ContestView>, NotFound>> AddJuror(Guid id, AddJuror command, TenantContext tenant, DocumentSession session,
        HttpContext http, CancellationToken ct) =>
        await AddJurorAsync(session, ContestOrganiser.Of(tenant), id, command, http, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    public static async Task<ContestView?> AddJurorAsync(DocumentSession session, ContestOrganiser o, Guid id, AddJuror command, HttpContext http,
        CancellationToken ct)
    {
        var accounts = await ContestQueries.JuryAccountsAsync(session, o.Id, ct);
        return await DecideAsync(session, o, id, http, ct, c => Task.FromResult<object[]>(
            [ContestCommands.AddJuror(c, command, accounts.FirstOrDefault(a => a.Id == command.AccountId))]));
    }

    private static async Task<Results<Ok<ContestView>, NotFound>> Nominate(Guid id, NominateCandidate command, TenantContext tenant, DocumentSession session,
        TimeProvider time, HttpContext http, CancellationToken ct) =>
        await NominateAsync(session, ContestOrganiser.Of(tenant), id, command, time.GetUtcNow(), http, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    public static async Task<ContestView?> NominateAsync(DocumentSession session, ContestOrganiser o, Guid id, NominateCandidate command, DateTimeOffset now,
        HttpContext http, CancellationToken ct)
    {
        var schoolName = command.SchoolId is { } schoolId ? await ContestQueries.SchoolInScopeAsync(session, o.Level, o.Id, schoolId, ct) : null;
        var events = schoolName is null ? null : session.ForTenant(command.SchoolId!.Value);
        var program = events is not null && command.ProgramId is { } programId ? await BestPracticeEndpoints.ProgramAsync(session, events, programId, ct) : null;
        var participants = program is null ? [] : await BestPracticeEndpoints.ParticipantsAsync(events!, program, RussianTimeZones.Today(now, o.TimeZone), ct);
        var candidateId = Guid.CreateVersion7();
        return await DecideAsync(session, o, id, http, ct, c => Task.FromResult<object[]>(
            [ContestCommands.Nominate(c, candidateId, command, schoolName, program, participants)]));
    }

    private static async Task<Results<Ok<ContestView>, NotFound>> Score(Guid id, Guid candidateId, ScoreCandidate command, TenantContext tenant,
        DocumentSession session, HttpContext http, CancellationToken ct) =>
        await ScoreAsync(session, ContestOrganiser.Of(tenant), id, candidateId, tenant.Caller?.UserId, command, http, ct) is { } view
            ? TypedResults.Ok(view)
            : TypedResults.NotFound();

    public static Task<ContestView?> ScoreAsync(DocumentSession session, ContestOrganiser o, Guid id, Guid candidateId, Guid? jurorId, ScoreCandidate command,
        HttpContext http, CancellationToken ct) =>
        DecideAsync(session, o, id, http, ct, c => Task.FromResult<object[]>([ContestCommands.Score(c, candidateId, jurorId, command)]));

    private static async Task<Results<Ok<ContestView>, NotFound>> Announce(Guid id, AnnounceWinners command, TenantContext tenant, DocumentSession session,
        TimeProvider time, HttpContext http, CancellationToken ct) =>
        await AnnounceAsync(session, ContestOrganiser.Of(tenant), id, command, time.GetUtcNow(), http, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    public static Task<ContestView?> AnnounceAsync(DocumentSession session, ContestOrganiser o, Guid id, AnnounceWinners command, DateTimeOffset now,
        HttpContext http, CancellationToken ct) =>
        DecideAsync(session, o, id, http, ct, c => Task.FromResult<object[]>([ContestCommands.Announce(c, command, RussianTimeZones.Today(now, o.TimeZone))]));

    private static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> AwardOrder(Guid id, TenantContext tenant, DocumentSession session,
        CancellationToken ct)
    {
        var o = ContestOrganiser.Of(tenant);
        if (await LoadAsync(session, o, id, ct) is not var (contest, events)) return TypedResults.NotFound();
        if (!contest.Announced)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Итоги ещё не подведены",
                detail: "Приказ о поощрении формируется после подведения итогов конкурса.");
        byte[] BuiltIn() => AwardOrderDocument.Write(contest, o.FullName, o.Head, events[^1].Timestamp);
        var fileName = $"Приказ о поощрении — {FileName(contest.Title)}.docx";
        // A region's contest has no district's template to take.
        return (tenant.School?.DistrictId ?? tenant.District?.Id) is { } district
            ? await DocumentFiles.ProduceAsync(session, district, AwardOrderDocument.Kind, AwardOrderDocument.Fields(contest, o.FullName, o.Head), BuiltIn,
                fileName, events[^1].Timestamp, ct)
            : TypedResults.File(BuiltIn(), DocumentFiles.ContentType, fileName);
    }

    private static string FileName(string title) => new(title.Select(ch => Path.GetInvalidFileNameChars().Contains(ch) || ch is '«' or '»' or '"' ? ' ' : ch).ToArray());

    private static async Task<ContestView?> DecideAsync(DocumentSession session, ContestOrganiser o, Guid id, HttpContext http, CancellationToken ct,
        Func<Contest, Task<object[]>> decide)
    {
        var stream = await session.Events.FetchForWriting<Contest>(id, ct);
        if (stream.Aggregate is not { } contest || contest.OrganiserId != o.Id) return null;
        var (state, version) = await stream.DecideAsync(session, http, decide, ct);
        return ContestView.Of(state, version);
    }
}
