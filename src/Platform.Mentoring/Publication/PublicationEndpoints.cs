using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;

namespace Platform.Mentoring.Publication;

/// <param name="PublicPath">The public page's address (without the host), the one to put on the school's site.</param>
public sealed record PublicationView(string PublicPath, IReadOnlyList<Guid> Acts, IReadOnlyList<ProgramSummary> Programs, IReadOnlyList<NewsItem> News)
{
    public static PublicationView From(bool school, PublicSection s) => new(PublicSection.PathOf(school, s.OwnerId), s.Acts.Order().ToList(),
        s.Programs.Values.OrderBy(p => p.Title).ToList(), s.News.Values.OrderByDescending(n => n.Date).ThenBy(n => n.Id).ToList());
}

/// <summary>
/// What a school or a district publishes on its public page, through the API: the same decisions as «Публичная страница»
/// (PublicationCommands). The owner is the route's school or district.
/// </summary>
public static class PublicationEndpoints
{
    public static readonly IReadOnlyDictionary<string, string> EventTitles = new Dictionary<string, string>
    {
        ["public_section_opened"] = "Открыта публичная страница",
        ["local_act_published"] = "Акт опубликован",
        ["local_act_unpublished"] = "Акт снят с публикации",
        ["district_act_published"] = "Акт опубликован",
        ["district_act_unpublished"] = "Акт снят с публикации",
        ["program_summary_published"] = "Опубликовано описание программы",
        ["program_summary_unpublished"] = "Описание программы снято с публикации",
        ["news_posted"] = "Опубликована новость",
        ["news_edited"] = "Новость изменена",
        ["news_unpublished"] = "Новость снята с публикации",
        ["news_republished"] = "Новость опубликована снова",
    };

    public static IEndpointRouteBuilder MapPublication(this IEndpointRouteBuilder app)
    {
        var school = app.MapGroup("/api/schools/{schoolId:guid}/publication").WithTags("Публичная страница");
        Common(school, Policies.SchoolRead, Policies.SchoolWrite);
        school.MapPost("/local-acts/{id:guid}", (Guid id, DocumentSession s, TenantContext t, CancellationToken ct) => Act(id, true, s, t, ct))
            .RequireAuthorization(Policies.SchoolWrite).WithSummary("Опубликовать локальный акт с его файлами");
        school.MapDelete("/local-acts/{id:guid}", (Guid id, DocumentSession s, TenantContext t, CancellationToken ct) => Act(id, false, s, t, ct))
            .RequireAuthorization(Policies.SchoolWrite).WithSummary("Снять акт с публикации");
        school.MapPut("/programs/{id:guid}", PublishProgram).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Опубликовать (или заменить) описание программы: название, цель; имя — только с согласия участников (nameConsent)");
        school.MapDelete("/programs/{id:guid}", UnpublishProgram).RequireAuthorization(Policies.SchoolWrite).WithSummary("Снять описание программы с публикации");

        var district = app.MapGroup("/api/districts/{districtId:guid}/publication").WithTags("Публичная страница");
        Common(district, Policies.DistrictRead, Policies.DistrictWrite);
        district.MapPost("/acts/{id:guid}", (Guid id, DocumentSession s, TenantContext t, CancellationToken ct) => Act(id, true, s, t, ct))
            .RequireAuthorization(Policies.DistrictWrite).WithSummary("Опубликовать акт района");
        district.MapDelete("/acts/{id:guid}", (Guid id, DocumentSession s, TenantContext t, CancellationToken ct) => Act(id, false, s, t, ct))
            .RequireAuthorization(Policies.DistrictWrite).WithSummary("Снять акт района с публикации");
        return app;
    }

    private static void Common(RouteGroupBuilder group, string read, string write)
    {
        group.MapGet("", Get).RequireAuthorization(read).WithSummary("Что опубликовано: акты, описания программ, новости (и снятые), адрес страницы");
        group.MapGet("/history", History).RequireAuthorization(read).WithSummary("История публикаций: кто, когда, что");
        group.MapPost("/news", PostNews).RequireAuthorization(write).WithSummary("Опубликовать новость: заголовок до 200 символов, дата, текст до 4000");
        group.MapPut("/news/{newsId:guid}", EditNews).RequireAuthorization(write).WithSummary("Изменить новость");
        group.MapPost("/news/{newsId:guid}/unpublish", (Guid newsId, DocumentSession s, TenantContext t, CancellationToken ct) => NewsState(newsId, false, s, t, ct))
            .RequireAuthorization(write).WithSummary("Снять новость с публикации");
        group.MapPost("/news/{newsId:guid}/republish", (Guid newsId, DocumentSession s, TenantContext t, CancellationToken ct) => NewsState(newsId, true, s, t, ct))
            .RequireAuthorization(write).WithSummary("Опубликовать снятую новость снова");
    }

    private static Guid Owner(TenantContext tenant) => tenant.School?.Id ?? tenant.District!.Id;

    private static Ok<PublicationView> View(TenantContext tenant, PublicSection s) => TypedResults.Ok(PublicationView.From(tenant.School is not null, s));

    private static DateOnly Today(TenantContext tenant, TimeProvider time) =>
        RussianTimeZones.Today(time.GetUtcNow(), tenant.School?.TimeZone ?? tenant.District!.TimeZone);

    private static async Task<Ok<PublicationView>> Get(DocumentSession session, TenantContext tenant, CancellationToken ct) =>
        View(tenant, await PublicationCommands.LoadAsync(session, Owner(tenant), ct));

    private static async Task<Ok<IReadOnlyList<EventHistoryItem>>> History(DocumentSession session, TenantContext tenant, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<EventHistoryItem>>((await session.Events.FetchStreamAsync(PublicSection.StreamId(Owner(tenant)), ct: ct))
            .Select(e => EventHistoryItem.From(e, EventTitles)).ToList());

    private static async Task<Ok<PublicationView>> Act(Guid id, bool publish, DocumentSession session, TenantContext tenant, CancellationToken ct) =>
        View(tenant, await PublicationCommands.SetActAsync(session, Owner(tenant), tenant.School is not null, id, publish, ct));

    private static async Task<Ok<PublicationView>> PublishProgram(Guid id, PublishProgramSummary summary, DocumentSession session, TenantContext tenant, CancellationToken ct) =>
        View(tenant, await PublicationCommands.PublishProgramAsync(session, tenant.School!.Id, id, summary, ct));

    private static async Task<Ok<PublicationView>> UnpublishProgram(Guid id, DocumentSession session, TenantContext tenant, CancellationToken ct) =>
        View(tenant, await PublicationCommands.DecideAsync(session, tenant.School!.Id, s => [PublicationCommands.UnpublishProgram(s, id)], ct));

    private static async Task<Created<NewsItem>> PostNews(WriteNews news, DocumentSession session, TenantContext tenant, TimeProvider time, HttpContext http,
        CancellationToken ct)
    {
        var posted = PublicationCommands.PostNews(Guid.CreateVersion7(), news, Today(tenant, time));
        var section = await PublicationCommands.DecideAsync(session, Owner(tenant), _ => [posted], ct);
        return TypedResults.Created($"{http.Request.Path}/{posted.NewsId}", section.News[posted.NewsId]);
    }

    private static async Task<Ok<NewsItem>> EditNews(Guid newsId, WriteNews news, DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct)
    {
        var today = Today(tenant, time);
        var section = await PublicationCommands.DecideAsync(session, Owner(tenant), s => PublicationCommands.EditNews(s, newsId, news, today), ct);
        return TypedResults.Ok(section.News[newsId]);
    }

    private static async Task<Ok<NewsItem>> NewsState(Guid newsId, bool publish, DocumentSession session, TenantContext tenant, CancellationToken ct)
    {
        var section = await PublicationCommands.DecideAsync(session, Owner(tenant), s =>
            [publish ? PublicationCommands.RepublishNews(s, newsId) : PublicationCommands.UnpublishNews(s, newsId)], ct);
        return TypedResults.Ok(section.News[newsId]);
    }
}
