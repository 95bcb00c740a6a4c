using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Pools;
using Platform.Tenancy.Registry;
using Platform.Web.Schools.History;
using Platform.Web.Schools.People;
using Platform.Web.Shell;

namespace Platform.Web.Schools.Mentorships;

/// <param name="MenteeIds">One mentee (a pair) or several (a group).</param>
public sealed record ProposeForm(string? MentorId, string[] MenteeIds, string? Form, string? Kind, string? Topic, string? ConsentOn, FormErrors Errors)
{
    public static ProposeForm Empty(DateOnly today) => new(null, [], null, null, null, Format.InputDate(today), FormErrors.None);
}

/// <summary>Whom the pair form offers: mentors of the pool who are available, mentees of the pool without a mentor.</summary>
public sealed record Candidates(IReadOnlyList<MentorPoolRow> Mentors, IReadOnlyList<MenteePoolRow> Mentees);

public sealed record MentorshipsModel(Page<MentorshipRow> Pairs, Candidates Candidates);

/// <param name="Orders">The school's orders on pairs that are in force, for the director's approval.</param>
public sealed record MentorshipPageModel(MentorshipView Pair, IReadOnlyList<HistoryEntry> History, DateOnly? AsOf, IReadOnlyList<PairOrder> Orders,
    ApproveForm Approve)
{
    /// <summary>The consent, replacement and dissolution forms after a refusal.</summary>
    public FormState Form { get; init; } = FormState.Empty;

    /// <summary>Mentors of the pool with room for the pair's mentees, whom the replacement form offers.</summary>
    public IReadOnlyList<MentorPoolRow> Mentors { get; init; } = [];
}

public sealed record PairOrder(Guid Id, string Number, DateOnly Date, string Title);

public sealed record ApproveForm(string? OrderId, string? From, FormErrors Errors);

/// <summary>Mentorships: the list, forming a pair or group from the pools, one pair with its consents, approval and history.</summary>
public static class MentorshipPages
{
    public static RouteGroupBuilder MapMentorshipPages(this RouteGroupBuilder school)
    {
        school.MapGet("/mentorships", List).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/mentorships", Propose).RequireAuthorization(Policies.SchoolWrite);
        school.MapGet("/mentorships/{id:guid}", Show).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/mentorships/{id:guid}/approve", Approve).RequireAuthorization(Policies.SchoolWrite);
        school.MapMentorshipChanges();
        return school;
    }

    private static async Task<Candidates> CandidatesAsync(Guid schoolId, UiContext ui, DocumentSession session, TimeProvider time, CancellationToken ct) => new(
        (await PoolList.MentorsAsync(session, schoolId, ui.Today, new MentorPoolQuery(Available: true, Sort: "name", PageSize: 500), ct)).Items
            .Where(m => m.CapacityLeft > 0).ToList(),
        (await PoolList.MenteesAsync(session, schoolId, ui.Today, time.GetUtcNow(), new MenteePoolQuery(Sort: "name", PageSize: 500), true, ct)).Items);

    /// <param name="mentorId">With <paramref name="menteeId"/>: the form filled from a suggestion (the mentee's pool page).</param>
    private static async Task<IResult> List(Guid schoolId, string? mentorId, string? menteeId, HttpContext http, DocumentSession session, TimeProvider time,
        CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var pairs = await MentorshipList.QueryAsync(session, schoolId, new MentorshipListQuery(PageSize: 500), ct);
        var candidates = ui.CanWrite ? await CandidatesAsync(schoolId, ui, session, time, ct) : new Candidates([], []);
        var form = ProposeForm.Empty(ui.Today) with { MentorId = mentorId, MenteeIds = menteeId is null ? [] : [menteeId] };
        return Pages.Render<MentorshipsPage>(new { Ui = ui, Model = new MentorshipsModel(pairs, candidates), Form = form });
    }

    private static async Task<IResult> Propose(Guid schoolId, HttpContext http, DocumentSession session, MentorshipDecision decide, TimeProvider time, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (f, valid) = await Pages.ReadFormAsync(http);
        // «menteeId»: the pair form as it was before groups (one select), still accepted.
        string[] menteeIds = [.. f["menteeIds"].Concat(f["menteeId"]).Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!).Distinct()];
        var form = new ProposeForm(f["mentorId"], menteeIds, f["mentoringForm"], f["kind"], f["topic"], f["consentOn"], FormErrors.None);
        var candidates = await CandidatesAsync(schoolId, ui, session, time, ct);
        IResult Again(FormErrors errors) => Pages.Render<ProposeFormView>(new { Ui = ui, Form = form with { Errors = errors }, Candidates = candidates });
        if (!valid) return Pages.Render<ProposeFormView>(new { Ui = ui, Form = form with { Errors = FormErrors.General(Pages.StaleForm) }, Candidates = candidates },
            StatusCodes.Status400BadRequest);
        return await Pages.Attempt(() => OneMessagePerField(async () =>
        {
            Guid? mentor = Pages.Id(form.MentorId);
            var mentees = form.MenteeIds.Select(Pages.Id).ToList();
            var errors = new Dictionary<string, string[]>();
            if (mentor is null) errors["mentorId"] = ["Выберите наставника из банка наставников."];
            if (mentees.Count == 0 || mentees.Any(m => m is null)) errors["menteeIds"] = ["Выберите наставляемого (или нескольких — для группы) из банка наставляемых."];
            MentoringKind? kind = MentoringKinds.TryParse(form.Kind, out var k) ? k : null;
            if (kind is null) errors["kind"] = ["Выберите вид наставничества."];
            if (string.IsNullOrWhiteSpace(form.Form)) errors["form"] = ["Выберите форму наставничества."];
            if (errors.Count > 0) throw new DomainValidationException(errors);
            var consentOn = Pages.Date(form.ConsentOn, "consents[0].signedOn");
            Guid[] ids = [.. mentees.Select(m => m!.Value)];
            PairConsentDraft[]? consents = consentOn is { } on ? [new(mentor, on), .. ids.Select(m => new PairConsentDraft(m, on))] : null;
            var (pair, _) = await MentorshipEndpoints.ProposeAsync(
                new ProposeMentorship(mentor, ids, form.Form, kind, Pages.Text(form.Topic), consents), session, decide, ct);
            return Pages.RedirectTo(http, ui.SchoolPath($"/mentorships/{pair.Id}"));
        }), Again);
    }

    /// <summary>The messages of a group's items next to the form's one field: every mentee's in «menteeIds», every consent's in the date's.</summary>
    private static async Task<IResult> OneMessagePerField(Func<Task<IResult>> decide)
    {
        try
        {
            return await decide();
        }
        catch (DomainValidationException e)
        {
            static string Field(string key) => key.StartsWith("consents[", StringComparison.Ordinal) ? "consents[0].signedOn"
                : key.StartsWith("menteeIds", StringComparison.Ordinal) ? "menteeIds" : key;
            throw new DomainValidationException(e.Errors.GroupBy(x => Field(x.Key))
                .ToDictionary(g => g.Key, g => g.SelectMany(x => x.Value).Distinct().ToArray()));
        }
    }

    private static async Task<IResult> Show(Guid schoolId, Guid id, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "asOf")] string? asOfText, HttpContext http, DocumentSession session, MentorshipDecision decide, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (asOf, refusal) = Pages.AsOf(ui, asOfText);
        if (refusal is not null) return refusal;
        var events = await session.Events.FetchStreamAsync(id, timestamp: Pages.EndOfDay(asOf, ui.TimeZone), ct: ct);
        if (events.Count == 0 || events[0].Data is not MentorshipProposed)
            return Pages.Render<NotFoundPage>(new { Ui = ui, Message = asOf is null ? "Пара не найдена." : "На эту дату пары ещё не было." }, StatusCodes.Status404NotFound);
        var pair = session.Store.Fold<Mentorship>(null, events.Select(e => e.Data))!;
        var view = await decide.ViewAsync(pair, events[^1].Version, ct, past: asOf is not null);
        var model = await ModelAsync(view, id, asOf, new ApproveForm(null, Format.InputDate(ui.Today), FormErrors.None), session, ct);
        return Pages.Render<MentorshipPage>(new { Ui = ui, Model = asOf is null ? await MentorshipChanges.WithMentorsAsync(model, ui, session, ct) : model });
    }

    public static async Task<MentorshipPageModel> ModelAsync(MentorshipView view, Guid id, DateOnly? asOf, ApproveForm approve, DocumentSession session,
        CancellationToken ct) =>
        new(view, await RecordHistory.LoadAsync(session, id, ct), asOf, view.Status != MentorshipStatus.Dissolved ? await OrdersAsync(session, ct) : [], approve);

    private static async Task<List<PairOrder>> OrdersAsync(DocumentSession session, CancellationToken ct) =>
        (await LocalActList.QueryAsync(session, session.Events.TenantId, new LocalActListQuery(Kind: LocalActKind.PairApproval.Code(), PageSize: 200), ct))
            .Items.Select(a => new PairOrder(a.Id, a.Number, a.Date, a.Title)).ToList();

    /// <summary>The director approves the pair by an order on pairs (seed 001, 6.2): the page shows it approved, or the form with its errors.</summary>
    private static async Task<IResult> Approve(Guid schoolId, Guid id, HttpContext http, DocumentSession session, MentorshipDecision decide, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (f, valid) = await Pages.ReadFormAsync(http);
        var form = new ApproveForm(f["orderId"], f["from"], FormErrors.None);
        async Task<IResult> Again(FormErrors errors, int status)
        {
            var pair = await session.Events.AggregateStreamAsync<Mentorship>(id, ct: ct);
            if (pair is null) return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Пара не найдена." }, StatusCodes.Status404NotFound);
            var state = await session.Events.FetchStreamStateAsync(id, ct);
            var model = await ModelAsync(await decide.ViewAsync(pair, state!.Version, ct), id, null, form with { Errors = errors }, session, ct);
            return Pages.Render<ApproveFormView>(new { Ui = ui, Model = model }, status);
        }
        if (!valid) return await Again(FormErrors.General(Pages.StaleForm), StatusCodes.Status400BadRequest);
        if (!ui.Caller.Roles.Contains(Roles.SchoolDirector) && !ui.Caller.Roles.Contains(Roles.PlatformAdmin))
            return await Again(FormErrors.General($"Пары закрепляет приказом руководитель организации: утвердить пару может только {ui.School!.Kind.HeadTitle()}."),
                StatusCodes.Status403Forbidden);
        try
        {
            var command = new ApproveMentorship(Pages.Id(form.OrderId), Pages.Date(form.From, "from"));
            if (await MentorshipEndpoints.ApproveAsync(schoolId, id, command, decide, session, ct) is null)
                return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Пара не найдена." }, StatusCodes.Status404NotFound);
            return Pages.RedirectTo(http, ui.SchoolPath($"/mentorships/{id}"));
        }
        catch (DomainValidationException e) { return await Again(new FormErrors(e.Errors), StatusCodes.Status422UnprocessableEntity); }
        catch (DomainRuleException e) { return await Again(FormErrors.General(e.Message), StatusCodes.Status409Conflict); }
        catch (ConcurrencyException)
        {
            return await Again(FormErrors.General("Запись только что изменил другой пользователь. Обновите страницу и повторите."), StatusCodes.Status409Conflict);
        }
    }
}
