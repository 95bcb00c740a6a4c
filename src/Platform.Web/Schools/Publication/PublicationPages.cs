using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.DistrictActs;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Programs;
using Platform.Mentoring.Publication;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;
using Platform.Web.Public;
using Platform.Web.Shell;

namespace Platform.Web.Schools.Publication;

/// <summary>An act the owner may publish: a school's local act or a district's act.</summary>
public sealed record ActChoice(Guid Id, string KindName, string Citation, string Title, bool Repealed, int Files, bool Published);

/// <summary>A program of the school, with its published summary if any (the curator sees the pair's names; the public never does).</summary>
public sealed record ProgramChoice(Guid Id, string Pair, string FormName, string KindName, DateOnly StartOn, DateOnly EndOn, string Goal, string StatusName,
    ProgramSummary? Published);

public sealed record ProgramForm(Guid ProgramId, string? Title, string? Goal, string? PublishedName, bool NameConsent, FormErrors Errors);

public sealed record NewsForm(Guid? Id, string? Title, string? Date, string? Text, FormErrors Errors)
{
    public static NewsForm Empty(DateOnly today) => new(null, null, Format.InputDate(today), null, FormErrors.None);
}

/// <param name="PublicUrl">The page's address as a school puts it on its own site.</param>
/// <param name="Programs">Null on a district's page (districts publish no programs).</param>
/// <param name="ActErrors">A refused publication of an act, shown above the list.</param>
public sealed record PublicationModel(string BasePath, string PublicUrl, IReadOnlyList<ActChoice> Acts, IReadOnlyList<ProgramChoice>? Programs,
    IReadOnlyList<PublishedNews> News, NewsForm NewNews, NewsForm? EditNews, ProgramForm? ProgramForm, FormErrors ActErrors,
    IReadOnlyList<EventHistoryItem> History, bool CanWrite);

/// <summary>
/// «Публичная страница»: what a school (or a district, <see cref="Districts.Publication.DistrictPublicationPages"/>) publishes on
/// its public page: acts, program summaries, news; with the page's address and the history of publications. Every form answers
/// with the section re-rendered. The owner is the route's school or district, as the tenant resolution found it.
/// </summary>
public static class PublicationPages
{

    public static RouteGroupBuilder MapPublicationPages(this RouteGroupBuilder owner, string read, string write)
    {
        owner.MapGet("/publication", Show).RequireAuthorization(read);
        owner.MapPost("/publication/acts/{id:guid}/publish", (Guid id, HttpContext http, DocumentSession s, CancellationToken ct) => Act(id, true, http, s, ct))
            .RequireAuthorization(write);
        owner.MapPost("/publication/acts/{id:guid}/unpublish", (Guid id, HttpContext http, DocumentSession s, CancellationToken ct) => Act(id, false, http, s, ct))
            .RequireAuthorization(write);
        owner.MapPost("/publication/news", PostNews).RequireAuthorization(write);
        owner.MapPost("/publication/news/{id:guid}", EditNews).RequireAuthorization(write);
        owner.MapPost("/publication/news/{id:guid}/unpublish", (Guid id, HttpContext http, DocumentSession s, CancellationToken ct) => NewsState(id, false, http, s, ct))
            .RequireAuthorization(write);
        owner.MapPost("/publication/news/{id:guid}/republish", (Guid id, HttpContext http, DocumentSession s, CancellationToken ct) => NewsState(id, true, http, s, ct))
            .RequireAuthorization(write);
        return owner;
    }

    /// <summary>The school's routes, with its program summaries.</summary>
    public static RouteGroupBuilder MapSchoolPublicationPages(this RouteGroupBuilder school)
    {
        school.MapPublicationPages(Policies.SchoolRead, Policies.SchoolWrite);
        school.MapPost("/publication/programs/{id:guid}/publish", PublishProgram).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/publication/programs/{id:guid}/unpublish", UnpublishProgram).RequireAuthorization(Policies.SchoolWrite);
        return school;
    }

    private static Guid OwnerId(UiContext ui) => ui.School?.Id ?? ui.District!.Id;

    private static async Task<IResult> Show(HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var model = await LoadAsync(ui, http, session, null, null, null, FormErrors.None, ct);
        return ui.School is not null
            ? Pages.Render<SchoolPublicationPage>(new { Ui = ui, Model = model })
            : Pages.Render<Districts.Publication.DistrictPublicationPage>(new { Ui = ui, Model = model });
    }

    private static async Task<IResult> Section(UiContext ui, HttpContext http, DocumentSession session, CancellationToken ct,
        NewsForm? newNews = null, NewsForm? editNews = null, ProgramForm? program = null, FormErrors? actErrors = null) =>
        Pages.Render<PublicationSection>(new { Ui = ui, Model = await LoadAsync(ui, http, session, newNews, editNews, program, actErrors ?? FormErrors.None, ct) });

    /// <summary>A refusal: the section again with the messages (the decision's transaction is over, so the reads start afresh).</summary>
    private static Func<FormErrors, int, Task<IResult>> Again(UiContext ui, HttpContext http, DocumentStore store, Func<FormErrors, (NewsForm?, NewsForm?, ProgramForm?, FormErrors?)> forms) =>
        async (errors, status) =>
        {
            await using var fresh = store.LightweightSession(http.RequestServices.GetService(typeof(TenantContext)) is TenantContext t ? t.Scope : null);
            var (n, e, p, a) = forms(errors);
            var result = await Section(ui, http, fresh, http.RequestAborted, n, e, p, a);
            ((Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult)result).StatusCode = status;
            return result;
        };

    private static async Task<IResult> Act(Guid id, bool publish, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (_, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return Pages.Render<FormAlert>(new { Errors = FormErrors.General(Pages.StaleForm) }, StatusCodes.Status400BadRequest);
        var owner = OwnerId(ui);
        return await Pages.Attempt(async () =>
        {
            await PublicationCommands.SetActAsync(session, owner, ui.School is not null, id, publish, ct);
            return await Section(ui, http, session, ct);
        }, Again(ui, http, session.Store, errors => (null, null, null, errors)));
    }

    private static async Task<IResult> PublishProgram(Guid id, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (f, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return Pages.Render<FormAlert>(new { Errors = FormErrors.General(Pages.StaleForm) }, StatusCodes.Status400BadRequest);
        var form = new ProgramForm(id, f["title"], f["goal"], f["publishedName"], f["nameConsent"] == "on", FormErrors.None);
        return await Pages.Attempt(async () =>
        {
            await PublicationCommands.PublishProgramAsync(session, ui.School!.Id, id,
                new PublishProgramSummary(form.Title, form.Goal, form.PublishedName, form.NameConsent), ct);
            return await Section(ui, http, session, ct);
        }, Again(ui, http, session.Store, errors => (null, null, form with { Errors = errors }, null)));
    }

    private static async Task<IResult> UnpublishProgram(Guid id, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (_, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return Pages.Render<FormAlert>(new { Errors = FormErrors.General(Pages.StaleForm) }, StatusCodes.Status400BadRequest);
        return await Pages.Attempt(async () =>
        {
            await PublicationCommands.DecideAsync(session, ui.School!.Id, s => [PublicationCommands.UnpublishProgram(s, id)], ct);
            return await Section(ui, http, session, ct);
        }, Again(ui, http, session.Store, errors => (null, null, null, errors)));
    }

    private static async Task<IResult> PostNews(HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (f, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return Pages.Render<FormAlert>(new { Errors = FormErrors.General(Pages.StaleForm) }, StatusCodes.Status400BadRequest);
        var form = new NewsForm(null, f["title"], f["date"], f["text"], FormErrors.None);
        return await Pages.Attempt(async () =>
        {
            var posted = PublicationCommands.PostNews(Guid.CreateVersion7(), new WriteNews(Pages.Text(form.Title), Pages.Date(form.Date, "date"), Pages.Text(form.Text)), ui.Today);
            await PublicationCommands.DecideAsync(session, OwnerId(ui), _ => [posted], ct);
            return await Section(ui, http, session, ct);
        }, Again(ui, http, session.Store, errors => (form with { Errors = errors }, null, null, null)));
    }

    private static async Task<IResult> EditNews(Guid id, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (f, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return Pages.Render<FormAlert>(new { Errors = FormErrors.General(Pages.StaleForm) }, StatusCodes.Status400BadRequest);
        var form = new NewsForm(id, f["title"], f["date"], f["text"], FormErrors.None);
        return await Pages.Attempt(async () =>
        {
            var news = new WriteNews(Pages.Text(form.Title), Pages.Date(form.Date, "date"), Pages.Text(form.Text));
            await PublicationCommands.DecideAsync(session, OwnerId(ui), s => PublicationCommands.EditNews(s, id, news, ui.Today), ct);
            return await Section(ui, http, session, ct);
        }, Again(ui, http, session.Store, errors => (null, form with { Errors = errors }, null, null)));
    }

    private static async Task<IResult> NewsState(Guid id, bool publish, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (_, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return Pages.Render<FormAlert>(new { Errors = FormErrors.General(Pages.StaleForm) }, StatusCodes.Status400BadRequest);
        return await Pages.Attempt(async () =>
        {
            await PublicationCommands.DecideAsync(session, OwnerId(ui), s =>
                [publish ? PublicationCommands.RepublishNews(s, id) : PublicationCommands.UnpublishNews(s, id)], ct);
            return await Section(ui, http, session, ct);
        }, Again(ui, http, session.Store, errors => (null, null, null, errors)));
    }

    private static async Task<PublicationModel> LoadAsync(UiContext ui, HttpContext http, DocumentSession session, NewsForm? newNews, NewsForm? editNews,
        ProgramForm? program, FormErrors actErrors, CancellationToken ct)
    {
        var owner = OwnerId(ui);
        var section = await PublicationCommands.LoadAsync(session, owner, ct);
        IReadOnlyList<ActChoice> acts;
        IReadOnlyList<ProgramChoice>? programs = null;
        if (ui.School is not null)
        {
            acts = (await LocalActList.QueryAsync(session, owner, new LocalActListQuery(IncludeRepealed: true, PageSize: 200), ct)).Items
                .Select(a => new ActChoice(a.Id, a.KindName, a.Citation, a.Title, a.Repealed, a.Attachments, section.Acts.Contains(a.Id))).ToList();
            programs = (await ProgramList.QueryAsync(session, owner, ui.Today, new ProgramListQuery(PageSize: 200), ct)).Items
                .Select(p => new ProgramChoice(p.Id, string.Join(", ", [p.Mentor.FullName, .. p.Mentees.Select(m => m.FullName)]), p.FormName, p.KindName,
                    p.StartOn, p.EndOn, p.Goal, p.StatusName, section.Programs.GetValueOrDefault(p.Id))).ToList();
        }
        else
        {
            acts = (await DistrictActList.QueryAsync(session, owner, includeRepealed: true, ct))
                .Select(a => new ActChoice(a.Id, a.KindName, a.Citation, a.Title, a.Repealed, 0, section.Acts.Contains(a.Id))).ToList();
        }
        var news = await PublishedContent.NewsAsync(session, owner, publishedOnly: false, ct);
        var history = (await session.Events.FetchStreamAsync(PublicSection.StreamId(owner), ct: ct))
            .Select(e => EventHistoryItem.From(e, PublicationEndpoints.EventTitles)).Reverse().ToList();
        var path = PublicPages.PathOf(ui.School is not null ? PublicOwnerKind.School : PublicOwnerKind.District, owner);
        var basePath = ui.School is not null ? ui.SchoolPath("/publication") : ui.DistrictPath("/publication");
        return new PublicationModel(basePath, $"{http.Request.Scheme}://{http.Request.Host}{path}", acts, programs, news, newNews ?? NewsForm.Empty(ui.Today),
            editNews, program, actErrors, history, ui.School is not null ? ui.CanWrite : ui.CanWriteDistrict);
    }
}
