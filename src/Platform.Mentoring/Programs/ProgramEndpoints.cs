using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Platform.EventStore;
using Platform.Mentoring.Documents;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Programs.Documents;
using Platform.Mentoring.Pools;
using Platform.Mentoring.RoadMaps;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;

namespace Platform.Mentoring.Programs;

public sealed record CodeName(string Code, string Name);
public sealed record ScoreName(int Score, string Name);
public sealed record LevelRange(string Code, string Name, int From, int To);

/// <summary>What the program forms offer: forms, kinds, meetings, completion reasons, the evaluation criteria and levels of seed 003.</summary>
public sealed record ProgramReference(
    IReadOnlyList<CodeName> Forms, IReadOnlyList<CodeName> Kinds, IReadOnlyList<CodeName> MeetingKinds, IReadOnlyList<CodeName> CompletionReasons,
    IReadOnlyList<EvaluationCriterion> Criteria, IReadOnlyList<ScoreName> Scores, IReadOnlyList<LevelRange> Levels, IReadOnlyList<string> Principles,
    int MinMonths, int MaxMonths)
{
    public static readonly ProgramReference Instance = new(
        MentoringForms.Names.Select(f => new CodeName(f.Key, f.Value)).ToList(),
        Enum.GetValues<MentoringKind>().Select(k => new CodeName(k.Code(), k.Russian())).ToList(),
        Enum.GetValues<MeetingKind>().Select(k => new CodeName(k.Code(), k.Russian())).ToList(),
        Enum.GetValues<CompletionReason>().Select(r => new CodeName(r.Code(), r.Russian())).ToList(),
        EvaluationCriteria.All,
        EvaluationCriteria.ScoreNames.Select(s => new ScoreName(s.Key, s.Value)).ToList(),
        [
            new(EvaluationLevel.Optimal.Code(), EvaluationLevel.Optimal.Russian(), 15, 18),
            new(EvaluationLevel.Acceptable.Code(), EvaluationLevel.Acceptable.Russian(), 9, 14),
            new(EvaluationLevel.Unacceptable.Code(), EvaluationLevel.Unacceptable.Russian(), 0, 8),
        ],
        ProgramView.TemplatePrinciples, ProgramCommands.MinMonths, ProgramCommands.MaxMonths);
}

/// <summary>
/// A school's personalized mentoring programs: create for an approved pair, plan, meetings, extension and correction by
/// mutual consent, completion with a reason, the curator's evaluations, history.
/// </summary>
public static class ProgramEndpoints
{
    /// <summary>The Russian phrase of each event code its history can show (beside the code, which programs keep using).</summary>
    public static readonly IReadOnlyDictionary<string, string> EventTitles = new Dictionary<string, string>
    {
        ["program_created"] = "Программа составлена",
        ["plan_row_added"] = "Добавлена строка плана",
        ["plan_row_done"] = "Мероприятие плана выполнено",
        ["meeting_held"] = "Проведена встреча",
        ["program_extended"] = "Программа продлена",
        ["program_corrected"] = "Программа скорректирована",
        ["program_completed"] = "Программа завершена",
        ["monitoring_survey_taken"] = "Пройден опрос мониторинга",
        ["program_evaluated"] = "Программа оценена",
    };

    public static IEndpointRouteBuilder MapPrograms(this IEndpointRouteBuilder app)
    {
        var programs = app.MapGroup("/api/schools/{schoolId:guid}/programs").WithTags("Персонализированные программы наставничества");
        programs.MapGet("", List).RequireAuthorization(Policies.SchoolRead)
            .WithSummary("Программы: фильтры по статусу, форме, виду, паре, наставнику, наставляемому, уровню оценки, просрочке; поиск; страницы");
        programs.MapPost("", Create).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Составить программу для закреплённой пары: проблема, цель, задачи, результаты, срок от 3 месяцев до 1 года, план взаимодействия");
        programs.MapGet("/reference", Reference).RequireAuthorization(Policies.SchoolRead)
            .WithSummary("Справочник: формы, виды, встречи, причины завершения, критерии оценки и уровни (макет программы, seed 003)");
        programs.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.SchoolRead).WithSummary("Программа (asOf: состояние на момент; ETag: версия)");
        programs.MapGet("/{id:guid}/history", History).RequireAuthorization(Policies.SchoolRead).WithSummary("История: кто, когда, что");
        programs.MapPost("/{id:guid}/plan", AddPlanRow).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Добавить строку плана взаимодействия: содержание, ожидаемый результат, методы, срок, контроль");
        programs.MapPost("/{id:guid}/plan/{rowId:guid}/done", MarkDone).RequireAuthorization(Policies.SchoolWrite).WithSummary("Отметить мероприятие плана выполненным");
        programs.MapPost("/{id:guid}/meetings", HoldMeeting).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Отметить встречу: организационная, пробная, планирование, регулярная, заключительная — по порядку");
        programs.MapPost("/{id:guid}/extend", Extend).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Продлить по обоюдному согласию (новая дата окончания, всего не больше 1 года; причина)");
        programs.MapPost("/{id:guid}/correct", Correct).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Скорректировать содержание по обоюдному согласию (с причиной)");
        programs.MapPost("/{id:guid}/complete", Complete).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Завершить: план выполнен; по инициативе наставника или наставляемого; по инициативе куратора");
        programs.MapGet("/{id:guid}/document.docx", Document).RequireAuthorization(Policies.SchoolRead)
            .WithSummary("Программа документом DOCX по макету персонализированной программы: проблема, цель, задачи, план, встречи, оценка по 9 критериям");
        programs.MapGet("/{id:guid}/completion-order.docx", CompletionOrder).RequireAuthorization(Policies.SchoolRead)
            .WithSummary("Приказ о завершении программы (DOCX); number и date — номер и дата приказа, без них — пустые поля для заполнения");
        programs.MapGet("/{id:guid}/extension-order.docx", ExtensionOrder).RequireAuthorization(Policies.SchoolRead)
            .WithSummary("Приказ о продлении программы по последнему продлению (DOCX); number и date — номер и дата приказа");
        programs.MapGet("/{id:guid}/evaluations", Evaluations).RequireAuthorization(Policies.SchoolRead).WithSummary("Оценки программы по критериям: все, с автором");
        programs.MapPost("/{id:guid}/evaluations", Evaluate).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Оценить выполнение и эффективность программы: девять показателей по 2/1/0 баллов, итог и уровень");
        return app;
    }

    private static async Task<Results<Ok<Page<ProgramRow>>, ValidationProblem>> List(
        Guid schoolId, [AsParameters] ProgramListQuery query, DocumentSession session, ProgramDecision decide, CancellationToken ct)
    {
        var errors = ProgramList.Check(query);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Проверьте параметры запроса");
        return TypedResults.Ok(await ProgramList.QueryAsync(session, schoolId, decide.Today, query, ct));
    }

    private static Ok<ProgramReference> Reference() => TypedResults.Ok(ProgramReference.Instance);

    private static async Task<Created<ProgramView>> Create(
        Guid schoolId, CreateProgram command, DocumentSession session, ProgramDecision decide, HttpContext http, CancellationToken ct)
    {
        var (program, version) = await CreateAsync(command, session, decide, ct);
        http.Response.Headers.ETag = $"\"{version}\"";
        return TypedResults.Created($"/api/schools/{schoolId}/programs/{program.Id}", await decide.ViewAsync(program, version, ct));
    }

    /// <summary>Composes the program for its pair (the pair locked until the commit) and saves it.</summary>
    public static async Task<(MentoringProgram Program, long Version)> CreateAsync(CreateProgram command, DocumentSession session, ProgramDecision decide,
        CancellationToken ct)
    {
        // The pair's lock until the commit: a dissolution or a second program at the same moment waits, then sees this one.
        Mentorship? mentorship = null;
        if (command.MentorshipId is { } mentorshipId)
        {
            try
            {
                mentorship = (await session.Events.FetchForExclusiveWriting<Mentorship>(mentorshipId, ct)).Aggregate;
            }
            catch (StreamNotFoundException)
            {
            }
        }
        var inProgress = mentorship is not null && await MentorshipList.ProgramInProgressAsync(session, mentorship.Id, ct) is not null;
        var id = Guid.CreateVersion7();
        var events = ProgramCommands.Create(id, command, mentorship, inProgress, decide.Now, Guid.CreateVersion7);
        session.Events.StartStream<MentoringProgram>(id, events);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "programs_one_in_progress")
        {
            throw new DomainRuleException("У пары уже есть незавершённая программа: продлите или скорректируйте её, либо сначала завершите.");
        }
        return (session.Store.Fold<MentoringProgram>(null, events)!, events.Length);
    }

    private static async Task<Results<Ok<ProgramView>, NotFound>> Get(
        Guid id, DateTimeOffset? asOf, DocumentSession session, ProgramDecision decide, HttpContext http, CancellationToken ct)
    {
        if (asOf is null)
        {
            var (current, version) = await session.Events.FetchLatestAsync<MentoringProgram>(id, ct);
            if (current is null) return TypedResults.NotFound();
            http.Response.Headers.ETag = $"\"{version}\"";
            return TypedResults.Ok(await decide.ViewAsync(current, version, ct));
        }
        var events = await session.Events.FetchStreamAsync(id, timestamp: asOf, ct: ct);
        if (events.Count == 0 || events[0].Data is not ProgramCreated) return TypedResults.NotFound();
        var program = session.Store.Fold<MentoringProgram>(null, events.Select(e => e.Data))!;
        http.Response.Headers.ETag = $"\"{events[^1].Version}\"";
        return TypedResults.Ok(await decide.ViewAsync(program, events[^1].Version, ct, asOf));
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> Document(Guid id, DocumentSession session, ProgramDecision decide,
        TenantContext tenant, CancellationToken ct)
    {
        if (await LoadAsync(id, session, decide, ct) is not { } loaded) return TypedResults.NotFound();
        var (view, stamp) = loaded;
        var school = tenant.School!;
        var head = OrderLayout.Head(school.Kind.HeadTitle());
        return await DocumentFiles.ProduceAsync(session, school.DistrictId, ProgramDocument.Kind, ProgramDocument.Fields(view, school.FullName, head),
            () => ProgramDocument.Write(view, school.FullName, head, stamp), "Персонализированная программа наставничества.docx", stamp, ct);
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> CompletionOrder(Guid id, string? number, string? date,
        DocumentSession session, ProgramDecision decide, TenantContext tenant, CancellationToken ct)
    {
        var school = tenant.School!;
        var requisites = ProgramOrders.Requisites(school.FullName, OrderLayout.Head(school.Kind.HeadTitle()), number, date, ProgramCompletionOrderDocument.Title);
        if (await LoadAsync(id, session, decide, ct) is not { } loaded) return TypedResults.NotFound();
        var (view, stamp) = loaded;
        if (view.Completion is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: "Программа не завершена: приказ о завершении формируется после её завершения.");
        return await DocumentFiles.ProduceAsync(session, school.DistrictId, ProgramCompletionOrderDocument.Kind, ProgramCompletionOrderDocument.Fields(requisites, view),
            () => ProgramCompletionOrderDocument.Write(requisites, view, stamp), "Приказ о завершении программы.docx", stamp, ct);
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> ExtensionOrder(Guid id, string? number, string? date,
        DocumentSession session, ProgramDecision decide, TenantContext tenant, CancellationToken ct)
    {
        var school = tenant.School!;
        var requisites = ProgramOrders.Requisites(school.FullName, OrderLayout.Head(school.Kind.HeadTitle()), number, date, ProgramExtensionOrderDocument.Title);
        if (await LoadAsync(id, session, decide, ct) is not { } loaded) return TypedResults.NotFound();
        var (view, stamp) = loaded;
        if (view.Extensions.Count == 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: "Программа не продлевалась: сначала продлите её по взаимному согласию участников.");
        return await DocumentFiles.ProduceAsync(session, school.DistrictId, ProgramExtensionOrderDocument.Kind, ProgramExtensionOrderDocument.Fields(requisites, view),
            () => ProgramExtensionOrderDocument.Write(requisites, view, stamp), "Приказ о продлении программы.docx", stamp, ct);
    }

    /// <summary>The program as it is and when it last changed: what its documents print.</summary>
    private static async Task<(ProgramView View, DateTimeOffset Stamp)?> LoadAsync(Guid id, DocumentSession session, ProgramDecision decide, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not ProgramCreated) return null;
        var program = session.Store.Fold<MentoringProgram>(null, events.Select(e => e.Data))!;
        return (await decide.ViewAsync(program, events[^1].Version, ct), events[^1].Timestamp);
    }

    private static async Task<Results<Ok<IReadOnlyList<EventHistoryItem>>, NotFound>> History(Guid id, DocumentSession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not ProgramCreated) return TypedResults.NotFound();
        return TypedResults.Ok<IReadOnlyList<EventHistoryItem>>(
            events.Select(e => EventHistoryItem.From(e, EventTitles)).ToList());
    }

    private static async Task<Results<Created<ProgramView>, NotFound>> AddPlanRow(Guid schoolId, Guid id, PlanRowDraft command, ProgramDecision decide, CancellationToken ct)
    {
        var rowId = Guid.CreateVersion7();
        return await decide.ApplyAsync(id, ct, p => [ProgramCommands.AddPlanRow(p, rowId, command)]) is { } view
            ? TypedResults.Created($"/api/schools/{schoolId}/programs/{id}#plan-{rowId}", view)
            : TypedResults.NotFound();
    }

    private static Task<Results<Ok<ProgramView>, NotFound>> MarkDone(Guid id, Guid rowId, MarkPlanRowDone command, ProgramDecision decide, CancellationToken ct) =>
        decide.Ok(id, ct, p => [ProgramCommands.MarkDone(p, rowId, command, decide.Today)]);

    private static async Task<Results<Created<ProgramView>, NotFound>> HoldMeeting(Guid schoolId, Guid id, HoldMeeting command, ProgramDecision decide, CancellationToken ct)
    {
        var meetingId = Guid.CreateVersion7();
        return await decide.ApplyAsync(id, ct, p => [ProgramCommands.HoldMeeting(p, meetingId, command, decide.Today)]) is { } view
            ? TypedResults.Created($"/api/schools/{schoolId}/programs/{id}#meeting-{meetingId}", view)
            : TypedResults.NotFound();
    }

    private static Task<Results<Ok<ProgramView>, NotFound>> Extend(Guid id, ExtendProgram command, ProgramDecision decide, CancellationToken ct) =>
        decide.Ok(id, ct, p => [ProgramCommands.Extend(p, command, decide.Today)]);

    private static Task<Results<Ok<ProgramView>, NotFound>> Correct(Guid id, CorrectProgram command, ProgramDecision decide, CancellationToken ct) =>
        decide.Ok(id, ct, p => [ProgramCommands.Correct(p, command, decide.Today)]);

    private static Task<Results<Ok<ProgramView>, NotFound>> Complete(Guid id, CompleteProgram command, ProgramDecision decide, CancellationToken ct) =>
        decide.Ok(id, ct, p => [ProgramCommands.Complete(p, command, decide.Today)]);

    private static async Task<Results<Ok<List<EvaluationView>>, NotFound>> Evaluations(Guid id, DocumentSession session, CancellationToken ct)
    {
        var state = await session.Events.FetchStreamStateAsync(id, ct);
        if (state?.AggregateType != "mentoring_program") return TypedResults.NotFound();
        return TypedResults.Ok(await ProgramList.EvaluationsAsync(session, id, ct));
    }

    private static async Task<Results<Created<EvaluationView>, NotFound>> Evaluate(
        Guid schoolId, Guid id, EvaluateProgram command, ProgramDecision decide, DocumentSession session, CancellationToken ct)
    {
        var evaluationId = Guid.CreateVersion7();
        ProgramEvaluated? evaluated = null;
        if (await decide.ApplyAsync(id, ct, p => [evaluated = ProgramCommands.Evaluate(p, command, decide.Today, evaluationId)]) is null)
            return TypedResults.NotFound();
        var e = evaluated!;
        return TypedResults.Created($"/api/schools/{schoolId}/programs/{id}/evaluations#{evaluationId}",
            EvaluationView.From(e.EvaluationId, e.EvaluatedOn, e.Scores, e.Total, e.Level, e.Note, session.UserName, decide.Now));
    }
}

/// <summary>Load, decide, append for one program: optimistic against If-Match, or the version just loaded.</summary>
public sealed class ProgramDecision(DocumentSession session, TenantContext tenant, TimeProvider time, IHttpContextAccessor accessor)
{
    public DateOnly Today => RoadMapEndpoints.Today(tenant, time);
    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<Results<Ok<ProgramView>, NotFound>> Ok(Guid id, CancellationToken ct, Func<MentoringProgram, object[]> decide) =>
        await ApplyAsync(id, ct, decide) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    /// <summary>The program's view after the decision, or null when the school has no such program.</summary>
    public async Task<ProgramView?> ApplyAsync(Guid id, CancellationToken ct, Func<MentoringProgram, object[]> decide)
    {
        var http = accessor.HttpContext!;
        var stream = await session.Events.FetchForWriting<MentoringProgram>(id, ct);
        if (stream.Aggregate is null) return null;
        var (program, version) = await stream.DecideAsync(session, http, decide, ct);
        return await ViewAsync(program, version, ct);
    }

    /// <param name="asOf">For a past moment: the pair as it was then.</param>
    public async Task<ProgramView> ViewAsync(MentoringProgram p, long version, CancellationToken ct, DateTimeOffset? asOf = null)
    {
        var mentorship = await session.Events.AggregateStreamAsync<Mentorship>(p.MentorshipId, timestamp: asOf, ct: ct);
        var names = await Participants.NamesAsync(session, mentorship?.Participants ?? [], ct);
        return ProgramView.From(p, version, mentorship, names, Today);
    }
}
