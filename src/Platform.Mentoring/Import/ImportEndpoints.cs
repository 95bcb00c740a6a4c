using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.People;
using Platform.Mentoring.RoadMaps;
using Platform.Operations;
using Platform.Tenancy.Resolution;

namespace Platform.Mentoring.Import;

/// <summary>Staff and student lists imported into the school's people: a dry run that reports, a commit that applies all rows or none.</summary>
public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapPeopleImport(this IEndpointRouteBuilder app)
    {
        // The form is read in the handler, not bound as an IFormFile: authorization must answer (401/403/404) before the body is read.
        app.MapPost("/api/schools/{schoolId:guid}/people/import", Import).WithTags("Участники")
            .RequireAuthorization(Policies.SchoolWrite).DisableAntiforgery()
            .WithFormOptions(multipartBodyLengthLimit: ImportFile.MaxSize + 1024 * 1024)
            .WithSummary("Загрузить список педагогов (kind=staff) или обучающихся (kind=students) из CSV или XLSX; dryRun=true — только проверка")
            .WithDescription("""
                Тело — multipart/form-data, файл в поле «file»: CSV (UTF-8 или Windows-1251, разделитель «;» или «,») или XLSX (первый лист),
                до 5 МБ и 5 000 строк. Первая строка — заголовки: педагоги — «ФИО» (или «Фамилия», «Имя», «Отчество»), «Должность», «Предмет»,
                «Стаж», «Категория», «Email», «Телефон», «Молодой специалист»; обучающиеся — «ФИО», «Класс», «Год рождения», «Email», «Телефон»;
                согласие — «Согласие дата», «Согласие дал» (сам / законный представитель), «Законный представитель», «Согласие номер», «Согласие объём».
                Сведения кроме ФИО, должности или класса и года рождения загружаются только при согласии. Участник узнаётся по ФИО (и классу):
                те же данные — без изменений. dryRun=true (по умолчанию): 200 и отчёт, ничего не записывается. dryRun=false: все строки
                или ни одной: фоновая операция — 202 и её адрес (GET /api/operations/{id}); по завершении result — тот же отчёт, status succeeded
                (committed = true) или failed при любой ошибке в строках. Файл, который нельзя прочитать, — 400 сразу.
                """);
        return app;
    }

    private static async Task<Results<Ok<ImportReport>, Accepted<OperationView>>> Import(
        Guid schoolId, string? kind, string? dryRun, DocumentSession session, TenantContext tenant, TimeProvider time, BackgroundOperations operations,
        HttpContext http, CancellationToken ct)
    {
        var listName = kind?.Trim().ToLowerInvariant();
        var dryFlag = dryRun?.Trim().ToLowerInvariant() switch { null or "" or "true" or "1" => (bool?)true, "false" or "0" => false, _ => null };
        new Validation()
            .Require(listName is not null && ImportKinds.PersonKind.ContainsKey(listName), "kind", "Укажите, какой это список: kind=staff (педагоги) или kind=students (обучающиеся).")
            .Require(dryFlag is not null, "dryRun", "dryRun=true — только проверить файл, dryRun=false — загрузить.")
            .Require(http.Request.HasFormContentType, "file", "Отправьте файл формой multipart/form-data в поле «file».")
            .ThrowIfInvalid();
        var (list, dry) = (listName!, dryFlag!.Value);
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            throw ImportFile.Invalid("Файл больше 5 МБ: разделите список на части.");
        }
        var file = form.Files.GetFile("file") ?? throw ImportFile.Invalid("Приложите файл в поле «file».");
        if (file.Length > ImportFile.MaxSize) throw ImportFile.Invalid("Файл больше 5 МБ: разделите список на части.");
        byte[] content;
        using (var buffer = new MemoryStream((int)file.Length))
        {
            await file.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        if (dry) return TypedResults.Ok(await RunAsync(session, RoadMapEndpoints.Today(tenant, time), time, schoolId, list, dry: true, file.FileName, content, ct));
        var operation = await StartAsync(operations, tenant, time, schoolId, list, file.FileName, content, ct);
        return TypedResults.Accepted($"/api/operations/{operation.Id}", operation);
    }


    /// <summary>
    /// Loading a list runs on a worker (<see cref="PeopleImportOperation"/>): a file that cannot be read is refused here, before
    /// anything is queued; the file waits in the operation's row.
    /// </summary>
    public static Task<OperationView> StartAsync(BackgroundOperations operations, TenantContext tenant, TimeProvider time, Guid schoolId, string list,
        string fileName, byte[] content, CancellationToken ct)
    {
        ImportFile.Read(fileName, content);
        var title = $"Загрузка списка: {(list == "staff" ? "педагоги и сотрудники" : "обучающиеся")}, {fileName}";
        return operations.StartAsync(TenantScope.School(schoolId), schoolId, PeopleImportOperation.OperationKind, title,
            new PeopleImportInput(schoolId, list, fileName, RoadMapEndpoints.Today(tenant, time)), tenant.Caller?.UserName, ct, payload: content);
    }

    /// <summary>
    /// Checks a list (<paramref name="dry"/>) or applies it, all rows or none: the report says what happens to each row and
    /// <see cref="ImportReport.Committed"/> whether it was written. A file that cannot be read throws a validation error on «file».
    /// The API's and the web page's import.
    /// </summary>
    public static async Task<ImportReport> RunAsync(DocumentSession session, DateOnly today, TimeProvider time, Guid schoolId, string list, bool dry,
        string fileName, byte[] content, CancellationToken ct, Func<int, string, Task>? progress = null)
    {
        var table = ImportFile.Read(fileName, content);
        var columns = ImportColumns.Match(list, table.Header);
        if (columns.Errors.Count > 0) return PeopleImport.HeaderReport(list, columns, table, dry);

        if (progress is not null) await progress(20, $"Проверяем строки: {table.Rows.Count:N0}");
        var import = PeopleImport.Read(list, columns, table, today, time.GetUtcNow());
        // Two commits of one list at the same moment would both create the same people: they take turns.
        if (!dry) await session.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended('people-import:' || $1::text, 0))", ct, schoolId);
        var matched = import.Match(await CandidatesAsync(session, schoolId, ImportKinds.PersonKind[list], ct));
        var (report, writes) = import.Decide(await LoadAsync(session, matched, ct), table, dry);
        if (dry || report.Errors.Count > 0) return report;
        if (progress is not null) await progress(60, $"Записываем: новых — {report.Totals.Create:N0}, изменено — {report.Totals.Update:N0}");

        var now = time.GetUtcNow();
        await PersonDetailsTable.SaveManyAsync(session, writes.Where(w => w.Details is not null).Select(w => (w.PersonId, w.Details!)).ToList(), now, ct);
        foreach (var write in writes)
        {
            if (write.ExpectedVersion == 0) session.Events.StartStream<Person>(write.PersonId, write.Events);
            else session.Events.Append(write.PersonId, write.ExpectedVersion, write.Events);
        }
        await session.SaveChangesAsync(ct);
        return report with { Committed = true };
    }

    private static Task<List<ImportCandidate>> CandidatesAsync(DocumentSession session, Guid schoolId, string kind, CancellationToken ct) =>
        session.QueryAsync("SELECT id, full_name, position FROM mentoring.people WHERE tenant_id = $1 AND kind = $2",
            r => new ImportCandidate(r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)), ct, schoolId, kind);

    /// <summary>The matched people with their versions and details, in two queries whatever the size of the list.</summary>
    private static async Task<IReadOnlyDictionary<Guid, ImportedPerson>> LoadAsync(DocumentSession session, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return new Dictionary<Guid, ImportedPerson>();
        var streams = await session.Events.FetchStreamsAsync(ids, ct);
        var details = await PersonDetailsTable.LoadManyAsync(session, ids, ct);
        return streams.Where(s => s.Value.Count > 0 && s.Value[0].Data is PersonRegistered).ToDictionary(
            s => s.Key,
            s => new ImportedPerson(session.Store.Fold<Person>(null, s.Value.Select(e => e.Data))!, s.Value[^1].Version, details.GetValueOrDefault(s.Key)));
    }
}
