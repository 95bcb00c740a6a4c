using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Platform.EventStore;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.People;
using Platform.Mentoring.Programs;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;

namespace Platform.Mentoring.Recognition.BestPractices;

/// <summary>
/// Best practices: the school publishes a completed program with the participants' consents and materials; the district
/// reads its schools' practices and nominates one to the region; the region reads the nominated ones.
/// </summary>
public static class BestPracticeEndpoints
{
    public static readonly IReadOnlyDictionary<string, string> EventTitles = new Dictionary<string, string>
    {
        ["best_practice_published"] = "Практика опубликована",
        ["best_practice_material_added"] = "Приложен материал",
        ["best_practice_material_removed"] = "Материал удалён",
        ["best_practice_nominated"] = "Практика выдвинута в регион",
    };

    public static IEndpointRouteBuilder MapBestPractices(this IEndpointRouteBuilder app)
    {
        var school = app.MapGroup("/api/schools/{schoolId:guid}/best-practices").WithTags("Лучшие практики");
        school.MapGet("", List).RequireAuthorization(Policies.SchoolRead).WithSummary("Лучшие практики организации");
        school.MapPost("", Publish).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Опубликовать завершённую программу как лучшую практику: описание кейса, результаты, согласие каждого участника на публикацию");
        school.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.SchoolRead).WithSummary("Практика: согласия, материалы (ETag: версия)");
        school.MapGet("/{id:guid}/history", History).RequireAuthorization(Policies.SchoolRead).WithSummary("История: кто, когда, что");
        school.MapPost("/{id:guid}/materials", Upload).RequireAuthorization(Policies.SchoolWrite).DisableAntiforgery()
            .WithFormOptions(multipartBodyLengthLimit: AttachmentFiles.MaxSize + 1024 * 1024)
            .WithSummary("Приложить материал: PDF, DOC, DOCX, ODT, JPG, PNG до 10 МБ, не больше 10 файлов")
            .WithDescription("Тело запроса — multipart/form-data с файлом в поле «file».");
        school.MapGet("/{id:guid}/materials/{fileId:guid}", Download).RequireAuthorization(Policies.SchoolRead).WithSummary("Скачать материал");
        school.MapDelete("/{id:guid}/materials/{fileId:guid}", RemoveMaterial).RequireAuthorization(Policies.SchoolWrite).WithSummary("Удалить материал");

        var district = app.MapGroup("/api/districts/{districtId:guid}/best-practices").WithTags("Лучшие практики");
        district.MapGet("", DistrictList).RequireAuthorization(Policies.DistrictRead).WithSummary("Лучшие практики организаций района");
        district.MapPost("/{id:guid}/nominate", Nominate).RequireAuthorization(Policies.DistrictWrite)
            .WithSummary("Выдвинуть практику организации района в регион (с примечанием)");

        var region = app.MapGroup("/api/regions/{regionId:guid}/best-practices").WithTags("Лучшие практики");
        region.MapGet("", RegionList).RequireAuthorization(Policies.RegionRead).WithSummary("Практики, выдвинутые районами региона");
        return app;
    }

    private static async Task<Ok<List<BestPracticeRow>>> List(Guid schoolId, DocumentSession session, CancellationToken ct) =>
        TypedResults.Ok(await BestPracticeQueries.OfSchoolAsync(session, schoolId, ct));

    private static async Task<Ok<List<BestPracticeRow>>> DistrictList(Guid districtId, DocumentSession session, CancellationToken ct) =>
        TypedResults.Ok(await BestPracticeQueries.OfDistrictAsync(session, districtId, ct));

    private static async Task<Ok<List<BestPracticeRow>>> RegionList(Guid regionId, DocumentSession session, CancellationToken ct) =>
        TypedResults.Ok(await BestPracticeQueries.NominatedInRegionAsync(session, regionId, ct));

    private static async Task<Created<BestPracticeView>> Publish(Guid schoolId, PublishBestPractice command, DocumentSession session, TenantContext tenant,
        TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var published = await PublishAsync(session, command, Today(tenant, time), time.GetUtcNow(), ct);
        http.Response.Headers.ETag = "\"1\"";
        return TypedResults.Created($"/api/schools/{schoolId}/best-practices/{published.BestPracticeId}",
            BestPracticeView.From(schoolId, BestPractice.Create(published), 1));
    }

    /// <summary>The program's participants as the consent rules need them: the pair's mentor first, then its mentees.</summary>
    public static async Task<IReadOnlyList<ProgramParticipant>> ParticipantsAsync(EventOperations events, MentoringProgram program, DateOnly today,
        CancellationToken ct)
    {
        var pair = await events.AggregateStreamAsync<Mentorship>(program.MentorshipId, ct: ct);
        if (pair is null) return [];
        var result = new List<ProgramParticipant>();
        foreach (var (id, role) in pair.MenteeIds.Select(m => (m, "mentee")).Prepend((pair.MentorId, "mentor")))
        {
            var person = await events.AggregateStreamAsync<Person>(id, ct: ct);
            result.Add(new ProgramParticipant(id, person?.FullName ?? "(нет в списке участников)", role, person?.IsMinorIn(today.Year) ?? false));
        }
        return result;
    }

    /// <summary>Loads the program and its participants, decides, saves: the API's and the page's one way to publish.</summary>
    public static async Task<BestPracticePublished> PublishAsync(DocumentSession session, PublishBestPractice command, DateOnly today, DateTimeOffset now,
        CancellationToken ct)
    {
        var program = command.ProgramId is { } programId ? await ProgramAsync(session, session.Events, programId, ct) : null;
        var participants = program is null ? [] : await ParticipantsAsync(session.Events, program, today, ct);
        var already = program is not null && (await session.QueryAsync("SELECT 1 FROM mentoring.best_practices WHERE tenant_id = $1 AND program_id = $2",
            r => r.GetInt32(0), ct, session.Events.TenantId, program.Id)).Count > 0;
        var id = Guid.CreateVersion7();
        var published = BestPracticeCommands.Publish(id, command, program, participants, already, today, now);
        session.Events.StartStream<BestPractice>(id, published);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "best_practices_one_per_program")
        {
            throw new DomainRuleException("Эта программа уже опубликована как лучшая практика.");
        }
        return published;
    }

    /// <summary>The program of the school (the tenant of <paramref name="events"/>), or null.</summary>
    public static async Task<MentoringProgram?> ProgramAsync(DocumentSession session, EventOperations events, Guid programId, CancellationToken ct)
    {
        var stream = await events.FetchStreamAsync(programId, ct: ct);
        return stream.Count > 0 && stream[0].Data is ProgramCreated ? session.Store.Fold<MentoringProgram>(null, stream.Select(e => e.Data)) : null;
    }

    private static async Task<Results<Ok<BestPracticeView>, NotFound>> Get(Guid schoolId, Guid id, DocumentSession session, HttpContext http, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not BestPracticePublished) return TypedResults.NotFound();
        http.Response.Headers.ETag = $"\"{events[^1].Version}\"";
        return TypedResults.Ok(BestPracticeView.From(schoolId, session.Store.Fold<BestPractice>(null, events.Select(e => e.Data))!, events[^1].Version));
    }

    public static async Task<IReadOnlyList<EventHistoryItem>?> HistoryAsync(DocumentSession session, Guid id, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not BestPracticePublished) return null;
        return events.Select(e => EventHistoryItem.From(e, EventTitles)).ToList();
    }

    private static async Task<Results<Ok<IReadOnlyList<EventHistoryItem>>, NotFound>> History(Guid id, DocumentSession session, CancellationToken ct) =>
        await HistoryAsync(session, id, ct) is { } items ? TypedResults.Ok(items) : TypedResults.NotFound();

    private static async Task<Results<Created<MaterialView>, NotFound>> Upload(Guid schoolId, Guid id, DocumentSession session, TimeProvider time,
        HttpContext http, CancellationToken ct)
    {
        new Validation().Require(http.Request.HasFormContentType, "file", "Отправьте файл формой multipart/form-data в поле «file».").ThrowIfInvalid();
        var file = (await http.Request.ReadFormAsync(ct)).Files.GetFile("file");
        AttachmentFiles.CheckHeader(file?.FileName, file?.Length);
        using var buffer = new MemoryStream((int)file!.Length);
        await file.CopyToAsync(buffer, ct);
        var view = await AddMaterialAsync(session, schoolId, id, file.FileName, buffer.ToArray(), time.GetUtcNow(), http, ct);
        if (view is null) return TypedResults.NotFound();
        var added = view.Materials[^1];
        return TypedResults.Created(added.Url, added);
    }

    /// <summary>Checks and stores the file with the event that attaches it. Null: no such practice.</summary>
    public static async Task<BestPracticeView?> AddMaterialAsync(DocumentSession session, Guid schoolId, Guid id, string fileName, byte[] content,
        DateTimeOffset now, HttpContext http, CancellationToken ct)
    {
        var accepted = AttachmentFiles.Accept(fileName, content);
        var fileId = Guid.CreateVersion7();
        return await DecideAsync(session, schoolId, id, http, ct, async p =>
        {
            var added = BestPracticeCommands.AddMaterial(p, fileId, accepted);
            await AttachmentFiles.StoreAsync(session, schoolId, fileId, accepted, now, ct);
            return [added];
        });
    }

    private static async Task<Results<PushStreamHttpResult, NotFound>> Download(Guid schoolId, Guid id, Guid fileId, DocumentSession session,
        HttpContext http, CancellationToken ct)
    {
        var practice = await session.Events.AggregateStreamAsync<BestPractice>(id, ct: ct);
        if (practice?.FindMaterial(fileId) is not { } file) return TypedResults.NotFound();
        http.Response.ContentLength = file.Size;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Stream(body => AttachmentFiles.CopyToAsync(session, schoolId, fileId, body, ct), file.ContentType, file.FileName);
    }

    private static async Task<Results<Ok<BestPracticeView>, NotFound>> RemoveMaterial(Guid schoolId, Guid id, Guid fileId, DocumentSession session,
        HttpContext http, CancellationToken ct) =>
        await DecideAsync(session, schoolId, id, http, ct, async p =>
        {
            var removed = BestPracticeCommands.RemoveMaterial(p, fileId);
            await AttachmentFiles.DeleteAsync(session, schoolId, fileId, ct);
            return [removed];
        }) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Ok<BestPracticeRow>, NotFound>> Nominate(Guid districtId, Guid id, NominateBestPractice command,
        DocumentSession session, TenantContext tenant, TimeProvider time, HttpContext http, CancellationToken ct) =>
        await NominateAsync(session, districtId, id, command, RussianTimeZones.Today(time.GetUtcNow(), tenant.District!.TimeZone), http, ct) is { } row
            ? TypedResults.Ok(row)
            : TypedResults.NotFound();

    /// <summary>The district nominates a practice of one of its schools (appended to the school's stream). Null: not a practice of the district.</summary>
    public static async Task<BestPracticeRow?> NominateAsync(DocumentSession session, Guid districtId, Guid id, NominateBestPractice command, DateOnly today,
        HttpContext http, CancellationToken ct)
    {
        if (await BestPracticeQueries.FindAsync(session, id, ct) is not { } found || found.DistrictId != districtId) return null;
        var stream = await session.ForTenant(found.SchoolId).FetchForWriting<BestPractice>(id, ct);
        if (stream.Aggregate is null) return null;
        await stream.DecideAsync(session, http, p => [BestPracticeCommands.Nominate(p, districtId, command, today)], ct);
        return await BestPracticeQueries.FindAsync(session, id, ct);
    }

    private static async Task<BestPracticeView?> DecideAsync(DocumentSession session, Guid schoolId, Guid id, HttpContext http, CancellationToken ct,
        Func<BestPractice, Task<object[]>> decide)
    {
        var stream = await session.Events.FetchForWriting<BestPractice>(id, ct);
        if (stream.Aggregate is null) return null;
        var (practice, version) = await stream.DecideAsync(session, http, decide, ct);
        return BestPracticeView.From(schoolId, practice, version);
    }

    internal static DateOnly Today(TenantContext tenant, TimeProvider time) => RussianTimeZones.Today(time.GetUtcNow(), tenant.School!.TimeZone);
}
