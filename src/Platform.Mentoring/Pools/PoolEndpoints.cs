using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.People;
using Platform.Mentoring.RoadMaps;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;

namespace Platform.Mentoring.Pools;

/// <summary>The mentor and mentee pools: join with a profile (consent required), change it, leave with a reason, lists, suggestions.</summary>
public static class PoolEndpoints
{
    public static IEndpointRouteBuilder MapPools(this IEndpointRouteBuilder app)
    {
        var mentors = app.MapGroup("/api/schools/{schoolId:guid}/mentor-pool").WithTags("Банк наставников");
        mentors.MapGet("", Mentors).RequireAuthorization(Policies.SchoolRead)
            .WithSummary("Банк наставников: фильтры по виду, предмету, компетенции, форме, доступности; поиск; страницы");
        mentors.MapPost("", JoinMentors).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Включить в банк наставников (нужно действующее согласие): компетенции, предметы, сколько наставляемых (1–10), доступность, формы");
        mentors.MapGet("/{personId:guid}", Mentor).RequireAuthorization(Policies.SchoolRead).WithSummary("Анкета наставника в банке");
        mentors.MapPut("/{personId:guid}", ChangeMentor).RequireAuthorization(Policies.SchoolWrite).WithSummary("Изменить анкету наставника");
        mentors.MapPost("/{personId:guid}/leave", LeaveMentors).RequireAuthorization(Policies.SchoolWrite).WithSummary("Исключить из банка наставников (с причиной)");

        var mentees = app.MapGroup("/api/schools/{schoolId:guid}/mentee-pool").WithTags("Банк наставляемых");
        mentees.MapGet("", Mentees).RequireAuthorization(Policies.SchoolRead)
            .WithSummary("Банк наставляемых: фильтры по виду, категории, классу, предмету, форме; поиск; страницы");
        mentees.MapGet("/without-mentor", WithoutMentor).RequireAuthorization(Policies.SchoolRead)
            .WithSummary("Наставляемые без наставника — для сопровождения педагогом-психологом; дольше ждущие первыми");
        mentees.MapPost("", JoinMentees).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Включить в банк наставляемых (нужно действующее согласие): затруднения, запросы, предметы, желаемая форма");
        mentees.MapGet("/{personId:guid}", Mentee).RequireAuthorization(Policies.SchoolRead).WithSummary("Анкета наставляемого в банке");
        mentees.MapPut("/{personId:guid}", ChangeMentee).RequireAuthorization(Policies.SchoolWrite).WithSummary("Изменить анкету наставляемого");
        mentees.MapPost("/{personId:guid}/leave", LeaveMentees).RequireAuthorization(Policies.SchoolWrite).WithSummary("Исключить из банка наставляемых (с причиной)");
        mentees.MapGet("/{personId:guid}/suggestions", Suggestions).RequireAuthorization(Policies.SchoolRead)
            .WithSummary("Подходящие наставники по убыванию баллов, с составляющими: предметы, компетенции, форма, свободные места");
        return app;
    }

    private static async Task<Results<Ok<Page<MentorPoolRow>>, ValidationProblem>> Mentors(
        Guid schoolId, [AsParameters] MentorPoolQuery query, DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct)
    {
        var errors = PoolList.Check(query);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Проверьте параметры запроса");
        var page = await PoolList.MentorsAsync(session, schoolId, RoadMapEndpoints.Today(tenant, time), query, ct);
        await PersonalDataJournal.RecordManyAsync(session, tenant.Caller, schoolId, [.. page.Items.Select(p => p.PersonId)], PersonalDataJournal.MentorPool, time.GetUtcNow(), ct);
        return TypedResults.Ok(page);
    }

    private static async Task<Results<Ok<Page<MenteePoolRow>>, ValidationProblem>> Mentees(
        Guid schoolId, [AsParameters] MenteePoolQuery query, DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct)
    {
        var errors = PoolList.Check(query);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Проверьте параметры запроса");
        var page = await PoolList.MenteesAsync(session, schoolId, RoadMapEndpoints.Today(tenant, time), time.GetUtcNow(), query, false, ct);
        await PersonalDataJournal.RecordManyAsync(session, tenant.Caller, schoolId, [.. page.Items.Select(p => p.PersonId)], PersonalDataJournal.MenteePool, time.GetUtcNow(), ct);
        return TypedResults.Ok(page);
    }

    private static async Task<Results<Ok<Page<MenteePoolRow>>, ValidationProblem>> WithoutMentor(
        Guid schoolId, [AsParameters] MenteePoolQuery query, DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct)
    {
        var errors = PoolList.Check(query);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Проверьте параметры запроса");
        var page = await PoolList.MenteesAsync(session, schoolId, RoadMapEndpoints.Today(tenant, time), time.GetUtcNow(), query, true, ct);
        await PersonalDataJournal.RecordManyAsync(session, tenant.Caller, schoolId, [.. page.Items.Select(p => p.PersonId)], PersonalDataJournal.MenteePool, time.GetUtcNow(), ct);
        return TypedResults.Ok(page);
    }

    private static async Task<Results<Ok<MentorPoolRow>, NotFound>> Mentor(
        Guid schoolId, Guid personId, DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct) =>
        await PoolList.MentorAsync(session, schoolId, personId, RoadMapEndpoints.Today(tenant, time), ct) is { } row ? TypedResults.Ok(row) : TypedResults.NotFound();

    private static async Task<Results<Ok<MenteePoolRow>, NotFound>> Mentee(
        Guid schoolId, Guid personId, DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct) =>
        await PoolList.MenteeAsync(session, schoolId, personId, RoadMapEndpoints.Today(tenant, time), time.GetUtcNow(), ct) is { } row
            ? TypedResults.Ok(row) : TypedResults.NotFound();

    private static async Task<Results<Created<MentorPoolRow>, NotFound>> JoinMentors(
        Guid schoolId, JoinMentorPool command, PersonDecision decide, DocumentSession session, CancellationToken ct)
    {
        var personId = PersonIdOf(command.PersonId);
        var result = await decide.ApplyAsync(personId, ct, async person =>
        {
            var (events, profile) = PoolCommands.JoinMentorPool(person, command, decide.Today, decide.Now);
            await PoolProfiles.SaveMentorAsync(session, personId, profile, decide.Now, ct);
            return events;
        });
        if (result is null) return TypedResults.NotFound();
        return TypedResults.Created($"/api/schools/{schoolId}/mentor-pool/{personId}", (await PoolList.MentorAsync(session, schoolId, personId, decide.Today, ct))!);
    }

    private static async Task<Results<Created<MenteePoolRow>, NotFound>> JoinMentees(
        Guid schoolId, JoinMenteePool command, PersonDecision decide, DocumentSession session, CancellationToken ct)
    {
        var personId = PersonIdOf(command.PersonId);
        var result = await decide.ApplyAsync(personId, ct, async person =>
        {
            var (events, profile) = PoolCommands.JoinMenteePool(person, command, decide.Now);
            await PoolProfiles.SaveMenteeAsync(session, personId, profile, decide.Now, ct);
            return events;
        });
        if (result is null) return TypedResults.NotFound();
        return TypedResults.Created($"/api/schools/{schoolId}/mentee-pool/{personId}",
            (await PoolList.MenteeAsync(session, schoolId, personId, decide.Today, decide.Now, ct))!);
    }

    private static async Task<Results<Ok<MentorPoolRow>, NotFound>> ChangeMentor(
        Guid schoolId, Guid personId, ChangeMentorProfile command, PersonDecision decide, DocumentSession session, CancellationToken ct)
    {
        var result = await decide.ApplyAsync(personId, ct, async person =>
        {
            var current = person.InMentorPool ? await PoolProfiles.LoadMentorAsync(session, personId, ct) : null;
            if (current is null) throw new RecordNotFoundException("Участника нет в банке наставников.");
            var (events, profile) = PoolCommands.ChangeMentorProfile(person, current, command, decide.Today);
            if (events.Length > 0) await PoolProfiles.SaveMentorAsync(session, personId, profile, decide.Now, ct);
            return events;
        });
        if (result is null) return TypedResults.NotFound();
        return TypedResults.Ok((await PoolList.MentorAsync(session, schoolId, personId, decide.Today, ct))!);
    }

    private static async Task<Results<Ok<MenteePoolRow>, NotFound>> ChangeMentee(
        Guid schoolId, Guid personId, ChangeMenteeProfile command, PersonDecision decide, DocumentSession session, CancellationToken ct)
    {
        var result = await decide.ApplyAsync(personId, ct, async person =>
        {
            var current = person.InMenteePool ? await PoolProfiles.LoadMenteeAsync(session, personId, ct) : null;
            if (current is null) throw new RecordNotFoundException("Участника нет в банке наставляемых.");
            var (events, profile) = PoolCommands.ChangeMenteeProfile(person, current, command);
            if (events.Length > 0) await PoolProfiles.SaveMenteeAsync(session, personId, profile, decide.Now, ct);
            return events;
        });
        if (result is null) return TypedResults.NotFound();
        return TypedResults.Ok((await PoolList.MenteeAsync(session, schoolId, personId, decide.Today, decide.Now, ct))!);
    }

    private static async Task<Results<NoContent, NotFound>> LeaveMentors(Guid personId, LeavePool command, PersonDecision decide, DocumentSession session, CancellationToken ct) =>
        await decide.ApplyAsync(personId, ct, async person =>
        {
            var left = PoolCommands.LeaveMentorPool(person, command, decide.Now);
            await PoolProfiles.DeleteMentorAsync(session, personId, ct);
            return [left];
        }) is null ? TypedResults.NotFound() : TypedResults.NoContent();

    private static async Task<Results<NoContent, NotFound>> LeaveMentees(Guid personId, LeavePool command, PersonDecision decide, DocumentSession session, CancellationToken ct) =>
        await decide.ApplyAsync(personId, ct, async person =>
        {
            var left = PoolCommands.LeaveMenteePool(person, command, decide.Now);
            await PoolProfiles.DeleteMenteeAsync(session, personId, ct);
            return [left];
        }) is null ? TypedResults.NotFound() : TypedResults.NoContent();

    private static async Task<Results<Ok<SuggestionsView>, NotFound>> Suggestions(
        Guid schoolId, Guid personId, int? limit, DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct)
    {
        var mentee = await PoolList.MenteeAsync(session, schoolId, personId, RoadMapEndpoints.Today(tenant, time), time.GetUtcNow(), ct);
        if (mentee is null) return TypedResults.NotFound();
        return TypedResults.Ok(await SuggestAsync(session, schoolId, personId, mentee, RoadMapEndpoints.Today(tenant, time), Math.Clamp(limit ?? 20, 1, 100), ct));
    }

    /// <summary>The mentors suggested for a mentee of the pool, best first, with their score's parts. Shared by the API and the web page.</summary>
    public static async Task<SuggestionsView> SuggestAsync(DocumentSession session, Guid schoolId, Guid personId, MenteePoolRow mentee, DateOnly today, int limit,
        CancellationToken ct)
    {
        var profile = new MenteeProfile(mentee.Difficulties, mentee.Requests, mentee.Subjects, mentee.DesiredForm);
        var candidates = await PoolList.MentorCandidatesAsync(session, schoolId, ct);
        var taken = await ActiveMentorships.MenteesPerMentorAsync(session, candidates.Select(c => c.PersonId).ToList(), ct);
        var ranked = MentorSuggestions.Rank(personId, profile, candidates, taken, today);
        return new SuggestionsView(personId, mentee.FullName, ranked.Take(limit).ToList());
    }

    private static Guid PersonIdOf(Guid? personId)
    {
        new Validation().Require(personId is not null, "personId", "Укажите участника (personId).").ThrowIfInvalid();
        return personId!.Value;
    }
}
