using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Appointments;
using Platform.Mentoring.RoadMaps;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;

namespace Platform.Mentoring.Mentorships;

/// <summary>A school's mentorships: form a pair or group, record consents, approve by the director's order, replace the mentor, dissolve.</summary>
public static class MentorshipEndpoints
{
    /// <summary>The Russian phrase of each event code its history can show (beside the code, which programs keep using).</summary>
    public static readonly IReadOnlyDictionary<string, string> EventTitles = new Dictionary<string, string>
    {
        ["mentorship_proposed"] = "Пара (группа) сформирована",
        ["pair_consent_recorded"] = "Внесено согласие участника",
        ["mentorship_approved"] = "Пара закреплена приказом",
        ["mentor_replaced"] = "Заменён наставник",
        ["mentorship_dissolved"] = "Пара расформирована",
    };

    public static IEndpointRouteBuilder MapMentorships(this IEndpointRouteBuilder app)
    {
        var pairs = app.MapGroup("/api/schools/{schoolId:guid}/mentorships").WithTags("Наставнические пары и группы");
        pairs.MapGet("", List).RequireAuthorization(Policies.SchoolRead)
            .WithSummary("Пары и группы: фильтры по статусу, форме, виду, наставнику, наставляемому; поиск; страницы");
        pairs.MapPost("", Propose).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Сформировать пару или группу из банков (нужны согласия на обработку данных и свободные места у наставника)");
        pairs.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.SchoolRead).WithSummary("Пара или группа (asOf: состояние на момент; ETag: версия)");
        pairs.MapGet("/{id:guid}/history", History).RequireAuthorization(Policies.SchoolRead).WithSummary("История: кто, когда, что");
        pairs.MapPost("/{id:guid}/consents", RecordConsent).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Письменное согласие участника на участие в паре (дата, номер документа)");
        pairs.MapPost("/{id:guid}/approve", Approve).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Закрепить пару приказом руководителя (только руководитель организации; приказ о закреплении пар)");
        pairs.MapPost("/{id:guid}/replace-mentor", ReplaceMentor).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Заменить наставника по ходатайству наставляемого (с причиной; согласие и свободное место у нового наставника)");
        pairs.MapPost("/{id:guid}/dissolve", Dissolve).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Расформировать пару (с причиной; программа должна быть завершена)");
        return app;
    }

    private static async Task<Results<Ok<Page<MentorshipRow>>, ValidationProblem>> List(
        Guid schoolId, [AsParameters] MentorshipListQuery query, DocumentSession session, CancellationToken ct)
    {
        var errors = MentorshipList.Check(query);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Проверьте параметры запроса");
        return TypedResults.Ok(await MentorshipList.QueryAsync(session, schoolId, query, ct));
    }

    private static async Task<Created<MentorshipView>> Propose(
        Guid schoolId, ProposeMentorship command, DocumentSession session, MentorshipDecision decide, HttpContext http, CancellationToken ct)
    {
        var (mentorship, version) = await ProposeAsync(command, session, decide, ct);
        http.Response.Headers.ETag = $"\"{version}\"";
        return TypedResults.Created($"/api/schools/{schoolId}/mentorships/{mentorship.Id}", await decide.ViewAsync(mentorship, version, ct));
    }

    /// <summary>Forms the pair or group (its participants locked until the commit) and saves it.</summary>
    public static async Task<(Mentorship Mentorship, long Version)> ProposeAsync(ProposeMentorship command, DocumentSession session, MentorshipDecision decide,
        CancellationToken ct)
    {
        var ids = new List<Guid>();
        if (command.MentorId is { } mentor) ids.Add(mentor);
        ids.AddRange(command.MenteeIds ?? []);
        // Too many to be a group: the decision refuses it, without locking them all first.
        var people = ids.Count <= MentorshipCommands.MaxMentees + 1 ? await Participants.LoadAsync(session, ids, null, ct) : [];
        var id = Guid.CreateVersion7();
        var events = MentorshipCommands.Propose(id, command, people, decide.Today, decide.Now);
        session.Events.StartStream<Mentorship>(id, events);
        await session.SaveChangesAsync(ct);
        return (session.Store.Fold<Mentorship>(null, events)!, events.Length);
    }

    private static async Task<Results<Ok<MentorshipView>, NotFound>> Get(
        Guid id, DateTimeOffset? asOf, DocumentSession session, MentorshipDecision decide, HttpContext http, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, timestamp: asOf, ct: ct);
        if (events.Count == 0 || events[0].Data is not MentorshipProposed) return TypedResults.NotFound();
        var mentorship = session.Store.Fold<Mentorship>(null, events.Select(e => e.Data))!;
        http.Response.Headers.ETag = $"\"{events[^1].Version}\"";
        return TypedResults.Ok(await decide.ViewAsync(mentorship, events[^1].Version, ct, past: asOf is not null));
    }

    private static async Task<Results<Ok<IReadOnlyList<EventHistoryItem>>, NotFound>> History(Guid id, DocumentSession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not MentorshipProposed) return TypedResults.NotFound();
        return TypedResults.Ok<IReadOnlyList<EventHistoryItem>>(
            events.Select(e => EventHistoryItem.From(e, EventTitles)).ToList());
    }

    private static Task<Results<Ok<MentorshipView>, NotFound>> RecordConsent(Guid id, RecordPairConsent command, MentorshipDecision decide, CancellationToken ct) =>
        decide.Ok(id, ct, m => Task.FromResult<object[]>([MentorshipCommands.RecordConsent(m, command, decide.Today)]));

    /// <summary>
    /// Pairs are approved by the director's order (seed 001, 6.2): the curator who forms them may not approve them.
    /// The policy lets the school's writers in; the role is checked here, after the pair is found.
    /// </summary>
    private static async Task<Results<Ok<MentorshipView>, NotFound, ProblemHttpResult>> Approve(
        Guid schoolId, Guid id, ApproveMentorship command, MentorshipDecision decide, DocumentSession session, TenantContext tenant, CancellationToken ct)
    {
        var state = await session.Events.FetchStreamStateAsync(id, ct);
        if (state?.AggregateType != "mentorship") return TypedResults.NotFound();
        var roles = tenant.Caller?.Roles ?? new HashSet<string>();
        if (!roles.Contains(Roles.SchoolDirector) && !roles.Contains(Roles.PlatformAdmin))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Недостаточно прав",
                detail: $"Наставнические пары (группы) закрепляет приказом руководитель организации: утвердить пару может только {(tenant.School?.Kind ?? SchoolKind.School).HeadTitle()}.");
        return await ApproveAsync(schoolId, id, command, decide, session, ct) is { } approved
            ? TypedResults.Ok(await decide.ViewAsync(approved.Mentorship, approved.Version, ct))
            : TypedResults.NotFound();
    }

    /// <summary>The director's approval by an order of the school (the caller's role is checked by the caller); null: no such pair.</summary>
    public static Task<(Mentorship Mentorship, long Version)?> ApproveAsync(Guid schoolId, Guid id, ApproveMentorship command, MentorshipDecision decide,
        DocumentSession session, CancellationToken ct) =>
        decide.ApplyAsync(id, ct, async m =>
        {
            var order = await AppointmentList.OrderAsync(session, schoolId, command.OrderId, ct);
            var people = await Participants.LoadAsync(session, m.Participants, m.Id, ct);
            return [MentorshipCommands.Approve(m, command, order, people)];
        });

    private static Task<Results<Ok<MentorshipView>, NotFound>> ReplaceMentor(
        Guid schoolId, Guid id, ReplaceMentor command, MentorshipDecision decide, DocumentSession session, CancellationToken ct) =>
        decide.Ok(id, ct, async m =>
        {
            var facts = command.NewMentorId is { } mentor ? (await Participants.LoadAsync(session, [mentor], m.Id, ct)).GetValueOrDefault(mentor) : null;
            var order = await AppointmentList.OrderAsync(session, schoolId, command.OrderId, ct);
            return MentorshipCommands.ReplaceMentor(m, command, facts, order, decide.Today);
        });

    private static Task<Results<Ok<MentorshipView>, NotFound>> Dissolve(
        Guid id, DissolveMentorship command, MentorshipDecision decide, DocumentSession session, CancellationToken ct) =>
        decide.Ok(id, ct, async m =>
            [MentorshipCommands.Dissolve(m, command, await MentorshipList.ProgramInProgressAsync(session, m.Id, ct) is not null, decide.Today)]);
}

/// <summary>
/// Load, decide, append for one mentorship, holding its stream's lock until the commit: a program started or a pair
/// dissolved at the same moment waits, then sees the other's result. Optimistic against If-Match when given.
/// </summary>
public sealed class MentorshipDecision(DocumentSession session, TenantContext tenant, TimeProvider time, IHttpContextAccessor accessor)
{
    public DateOnly Today => RoadMapEndpoints.Today(tenant, time);
    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<Results<Ok<MentorshipView>, NotFound>> Ok(Guid id, CancellationToken ct, Func<Mentorship, Task<object[]>> decide) =>
        await ApplyAsync(id, ct, decide) is { } result ? TypedResults.Ok(await ViewAsync(result.Mentorship, result.Version, ct)) : TypedResults.NotFound();

    /// <summary>The mentorship after the decision and its version, or null when the school has no such mentorship.</summary>
    public async Task<(Mentorship Mentorship, long Version)?> ApplyAsync(Guid id, CancellationToken ct, Func<Mentorship, Task<object[]>> decide)
    {
        var http = accessor.HttpContext!;
        EventStream<Mentorship> stream;
        try
        {
            stream = await session.Events.FetchForExclusiveWriting<Mentorship>(id, ct);
        }
        catch (StreamNotFoundException)
        {
            return null;
        }
        if (stream.Aggregate is null) return null;
        return await stream.DecideAsync(session, http, decide, ct);
    }

    /// <param name="past">An «as of» view: the current program is not looked up.</param>
    public async Task<MentorshipView> ViewAsync(Mentorship m, long version, CancellationToken ct, bool past = false) =>
        MentorshipView.From(m, version, await Participants.NamesAsync(session, MentorshipView.People(m), ct),
            past ? null : await MentorshipList.ProgramInProgressAsync(session, m.Id, ct));
}
