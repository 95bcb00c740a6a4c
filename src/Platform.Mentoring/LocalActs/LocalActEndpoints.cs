using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Documents;
using Platform.Mentoring.LocalActs.Documents;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;

namespace Platform.Mentoring.LocalActs;

/// <summary>A school's local acts and orders: register, correct, repeal, attach scans, history and the state on any date.</summary>
public static class LocalActEndpoints
{
    /// <summary>The Russian phrase of each event code its history can show (beside the code, which programs keep using).</summary>
    public static readonly IReadOnlyDictionary<string, string> EventTitles = new Dictionary<string, string>
    {
        ["local_act_registered"] = "Локальный акт зарегистрирован",
        ["local_act_changed"] = "Изменены реквизиты акта",
        ["local_act_repealed"] = "Акт отменён (утратил силу)",
        ["local_act_attachment_added"] = "Приложен файл",
        ["local_act_attachment_removed"] = "Файл удалён",
    };

    public static IEndpointRouteBuilder MapLocalActs(this IEndpointRouteBuilder app)
    {
        var acts = app.MapGroup("/api/schools/{schoolId:guid}/local-acts").WithTags("Локальные акты");
        acts.MapGet("", List).RequireAuthorization(Policies.SchoolRead).WithSummary("Локальные акты и приказы: вид, год, поиск, отменённые (includeRepealed), страницы");
        acts.MapPost("", Register).RequireAuthorization(Policies.SchoolWrite).WithSummary("Зарегистрировать локальный акт или приказ");
        acts.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.SchoolRead).WithSummary("Акт с файлами (asOf: состояние на момент; ETag: версия)");
        acts.MapPatch("/{id:guid}", Change).RequireAuthorization(Policies.SchoolWrite).WithSummary("Исправить вид, номер, дату, название или примечание (If-Match: версия)");
        acts.MapPost("/{id:guid}/repeal", Repeal).RequireAuthorization(Policies.SchoolWrite).WithSummary("Отметить, что акт отменён (утратил силу): дата и причина");
        acts.MapGet("/{id:guid}/document.docx", Document).RequireAuthorization(Policies.SchoolRead)
            .WithSummary("Приказ документом DOCX по данным платформы: о закреплении пар (групп), об утверждении положения и дорожной карты, о назначении куратора, о поощрении");
        acts.MapGet("/{id:guid}/history", History).RequireAuthorization(Policies.SchoolRead).WithSummary("История изменений: кто, когда, что");
        // The form is read in the handler, not bound as an IFormFile: a bound form makes routing answer 415 to any
        // other content type before authorization has had its say (401/403/404 must come first).
        acts.MapPost("/{id:guid}/attachments", Upload).RequireAuthorization(Policies.SchoolWrite).DisableAntiforgery()
            .WithFormOptions(multipartBodyLengthLimit: AttachmentFiles.MaxSize + 1024 * 1024)
            .WithSummary("Приложить файл: PDF, DOC, DOCX, ODT, JPG, PNG до 10 МБ")
            .WithDescription("Тело запроса — multipart/form-data с файлом в поле «file».");
        acts.MapGet("/{id:guid}/attachments/{fileId:guid}", Download).RequireAuthorization(Policies.SchoolRead).WithSummary("Скачать приложенный файл");
        acts.MapDelete("/{id:guid}/attachments/{fileId:guid}", RemoveAttachment).RequireAuthorization(Policies.SchoolWrite).WithSummary("Удалить приложенный файл");
        return app;
    }

    private static async Task<Results<Ok<Page<LocalActRow>>, ValidationProblem>> List(
        Guid schoolId, [AsParameters] LocalActListQuery query, DocumentSession session, CancellationToken ct)
    {
        var errors = LocalActList.Check(query);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Проверьте параметры запроса");
        return TypedResults.Ok(await LocalActList.QueryAsync(session, schoolId, query, ct));
    }

    private static async Task<Created<LocalActView>> Register(
        Guid schoolId, RegisterLocalAct command, DocumentSession session, TenantContext tenant, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var registered = LocalActCommands.Register(id, command, Today(tenant, time));
        await RefuseDuplicateAsync(session, schoolId, null, registered.Kind, registered.Number, registered.Date, ct);
        session.Events.StartStream<LocalAct>(id, registered);
        await session.SaveChangesAsync(ct);
        http.Response.Headers.ETag = "\"1\"";
        return TypedResults.Created($"/api/schools/{schoolId}/local-acts/{id}", LocalActView.From(schoolId, LocalAct.Create(registered), 1));
    }

    private static async Task<Results<Ok<LocalActView>, NotFound>> Get(
        Guid schoolId, Guid id, DateTimeOffset? asOf, DocumentSession session, HttpContext http, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, timestamp: asOf, ct: ct);
        if (events.Count == 0 || events[0].Data is not LocalActRegistered) return TypedResults.NotFound();
        var act = session.Store.Fold<LocalAct>(null, events.Select(e => e.Data))!;
        http.Response.Headers.ETag = $"\"{events[^1].Version}\"";
        return TypedResults.Ok(LocalActView.From(schoolId, act, events[^1].Version));
    }

    /// <summary>The kinds of act the platform lays out as a document.</summary>
    public static bool HasDocument(LocalActKind kind) => kind is LocalActKind.PairApproval or LocalActKind.Regulation or LocalActKind.RoadMapApproval
        or LocalActKind.CuratorAppointment or LocalActKind.Encouragement;

    private static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> Document(Guid schoolId, Guid id, DocumentSession session,
        TenantContext tenant, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not LocalActRegistered) return TypedResults.NotFound();
        var act = session.Store.Fold<LocalAct>(null, events.Select(e => e.Data))!;
        var school = tenant.School!;
        var head = OrderLayout.Head(school.Kind.HeadTitle());
        var actChanged = events[^1].Timestamp;
        var fileName = $"Приказ {act.Number.Replace('/', '-')}.docx";
        DateTimeOffset Latest(DateTimeOffset? other) => other > actChanged ? other.Value : actChanged;
        var requisites = new OrderRequisites(school.FullName, head, OrderLayout.InWords(act.Date), OrderNumber.Cite(act.Number), act.Title);
        switch (act.Kind)
        {
            case LocalActKind.PairApproval:
            {
                var pairs = await PairOrderDocument.PairsAsync(session, id, ct);
                var changed = Latest((await session.QueryAsync("SELECT max(updated_at) FROM mentoring.mentorships WHERE order_id = $1",
                    r => r.IsDBNull(0) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(0), ct, id)).Single());
                return await DocumentFiles.ProduceAsync(session, school.DistrictId, PairOrderDocument.Kind, PairOrderDocument.Fields(act, school.FullName, head, pairs),
                    () => PairOrderDocument.Write(act, school.FullName, head, pairs, changed), fileName, changed, ct);
            }
            case LocalActKind.Regulation or LocalActKind.RoadMapApproval:
            {
                var order = await ApprovalOrderDocument.LoadAsync(session, schoolId, act, requisites, ct);
                if (act.Kind == LocalActKind.RoadMapApproval && order.RoadMap is null)
                    return Conflict("Дорожной карты организации на платформе нет: сначала составьте её в разделе «Дорожная карта».");
                var changed = Latest(await ApprovalOrderDocument.ChangedAsync(session, schoolId, ct));
                return await DocumentFiles.ProduceAsync(session, school.DistrictId, ApprovalOrderDocument.Kind, ApprovalOrderDocument.Fields(order),
                    () => ApprovalOrderDocument.Write(order, changed), fileName, changed, ct);
            }
            case LocalActKind.CuratorAppointment:
            {
                var appointed = await CuratorOrderDocument.AppointedAsync(session, schoolId, id, ct);
                if (appointed.Count == 0)
                    return Conflict($"Этим приказом ({LocalAct.Citation(act.Number, act.Date)}) на платформе никто не назначен: сначала назначьте куратора в разделе «Назначения», сославшись на приказ.");
                var order = new CuratorOrder(requisites, appointed);
                var changed = Latest(await CuratorOrderDocument.ChangedAsync(session, schoolId, id, ct));
                return await DocumentFiles.ProduceAsync(session, school.DistrictId, CuratorOrderDocument.Kind, CuratorOrderDocument.Fields(order),
                    () => CuratorOrderDocument.Write(order, changed), fileName, changed, ct);
            }
            case LocalActKind.Encouragement:
            {
                var from = act.Date.AddYears(-1).AddDays(1);
                var mentors = await EncouragementOrderDocument.MentorsAsync(session, schoolId, from, act.Date, ct);
                if (mentors.Count == 0)
                    return Conflict($"С {from:dd.MM.yyyy} по {act.Date:dd.MM.yyyy} нет программ, завершённых с оптимальным уровнем оценки: поощрять по данным платформы некого.");
                var order = new EncouragementOrder(requisites, from, act.Date, mentors);
                var changed = Latest(await EncouragementOrderDocument.ChangedAsync(session, schoolId, from, act.Date, ct));
                return await DocumentFiles.ProduceAsync(session, school.DistrictId, EncouragementOrderDocument.Kind, EncouragementOrderDocument.Fields(order),
                    () => EncouragementOrderDocument.Write(order, changed), fileName, changed, ct);
            }
            default:
                return Conflict($"Для вида «{act.Kind.Russian()}» документ не формируется: приложите скан приказа к акту.");
        }
    }

    private static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: detail);

    private static async Task<Results<Ok<IReadOnlyList<EventHistoryItem>>, NotFound>> History(Guid id, DocumentSession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not LocalActRegistered) return TypedResults.NotFound();
        return TypedResults.Ok<IReadOnlyList<EventHistoryItem>>(
            events.Select(e => EventHistoryItem.From(e, EventTitles)).ToList());
    }

    private static async Task<Results<Ok<LocalActView>, NotFound>> Change(
        Guid schoolId, Guid id, ChangeLocalAct command, DocumentSession session, TenantContext tenant, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var today = Today(tenant, time);
        return await Decide(schoolId, id, session, http, ct, async act =>
        {
            var events = LocalActCommands.Change(act, command, today);
            if (events is [LocalActChanged c] && (c.Kind, c.Number, c.Date) != (act.Kind, act.Number, act.Date))
                await RefuseDuplicateAsync(session, schoolId, id, c.Kind, c.Number, c.Date, ct);
            return events;
        }) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<LocalActView>, NotFound>> Repeal(
        Guid schoolId, Guid id, RepealLocalAct command, DocumentSession session, TenantContext tenant, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var today = Today(tenant, time);
        return await Decide(schoolId, id, session, http, ct, act => Task.FromResult<object[]>([LocalActCommands.Repeal(act, command, today)]))
            is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
    }

    private static async Task<Results<Created<LocalActAttachmentView>, NotFound>> Upload(
        Guid schoolId, Guid id, DocumentSession session, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        new Validation().Require(http.Request.HasFormContentType, "file", "Отправьте файл формой multipart/form-data в поле «file».").ThrowIfInvalid();
        var file = (await http.Request.ReadFormAsync(ct)).Files.GetFile("file");
        AttachmentFiles.CheckHeader(file?.FileName, file?.Length);
        byte[] content;
        using (var buffer = new MemoryStream((int)file!.Length))
        {
            await file.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        var accepted = AttachmentFiles.Accept(file.FileName, content);
        var fileId = Guid.CreateVersion7();
        var view = await Decide(schoolId, id, session, http, ct, async act =>
        {
            var added = LocalActCommands.AddAttachment(act, fileId, accepted);
            await AttachmentFiles.StoreAsync(session, schoolId, fileId, accepted, time.GetUtcNow(), ct);
            return [added];
        });
        if (view is null) return TypedResults.NotFound();
        return TypedResults.Created(view.Attachments.Single(a => a.Id == fileId).Url, view.Attachments.Single(a => a.Id == fileId));
    }

    private static async Task<Results<PushStreamHttpResult, NotFound>> Download(
        Guid schoolId, Guid id, Guid fileId, DocumentSession session, HttpContext http, CancellationToken ct)
    {
        var act = await session.Events.AggregateStreamAsync<LocalAct>(id, ct: ct);
        if (act?.FindAttachment(fileId) is not { } file) return TypedResults.NotFound();
        http.Response.ContentLength = file.Size;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Stream(body => AttachmentFiles.CopyToAsync(session, schoolId, fileId, body, ct), file.ContentType, file.FileName);
    }

    private static async Task<Results<Ok<LocalActView>, NotFound>> RemoveAttachment(
        Guid schoolId, Guid id, Guid fileId, DocumentSession session, HttpContext http, CancellationToken ct) =>
        await Decide(schoolId, id, session, http, ct, async act =>
        {
            var removed = LocalActCommands.RemoveAttachment(act, fileId);
            await AttachmentFiles.DeleteAsync(session, schoolId, fileId, ct);
            return [removed];
        }) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    /// <summary>A second registration of one order (kind, number, date) is refused: the API's and the web page's rule.</summary>
    public static async Task RefuseDuplicateAsync(DocumentSession session, Guid schoolId, Guid? except, LocalActKind kind, string number, DateOnly date, CancellationToken ct)
    {
        if (await LocalActList.DuplicateExistsAsync(session, schoolId, except, kind, number, date, ct))
            throw new DomainRuleException($"{kind.Russian()} {LocalAct.Citation(number, date)} уже зарегистрирован.");
    }

    /// <summary>Load, decide, append: optimistic against the version in If-Match, or the version just loaded. Null: no such act.</summary>
    private static async Task<LocalActView?> Decide(
        Guid schoolId, Guid id, DocumentSession session, HttpContext http, CancellationToken ct, Func<LocalAct, Task<object[]>> decide)
    {
        var stream = await session.Events.FetchForWriting<LocalAct>(id, ct);
        if (stream.Aggregate is null) return null;
        var (act, version) = await stream.DecideAsync(session, http, decide, ct);
        return LocalActView.From(schoolId, act, version);
    }

    /// <summary>Today in the school's time zone: the dates of acts are the school's dates.</summary>
    internal static DateOnly Today(TenantContext tenant, TimeProvider time) =>
        RussianTimeZones.Today(time.GetUtcNow(), tenant.School!.TimeZone);
}
