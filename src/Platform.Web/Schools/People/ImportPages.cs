using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;
using Platform.EventStore;
using Platform.Mentoring.Import;
using Platform.Operations;
using Platform.Tenancy.Resolution;
using Platform.Web.Shell;

namespace Platform.Web.Schools.People;

/// <param name="List">staff or students.</param>
/// <param name="Upload">The checked file kept on the server for «Загрузить» (its token and name), null when none is kept.</param>
public sealed record ImportModel(string List, ImportReport? Report, FormErrors Errors, OperationView? Operation = null, KeptUpload? Upload = null);

/// <summary>A file checked and kept for a short time, so «Загрузить» does not ask for it again: its token and its name.</summary>
public sealed record KeptUpload(Guid Token, string FileName);

/// <summary>
/// «Загрузка списка»: the curator sends the staff or the student list (CSV or XLSX), checks it (every row's errors in Russian,
/// nothing written), then loads it: all rows or none. The same import as the API's (<see cref="ImportEndpoints.RunAsync"/>).
/// </summary>
public static class ImportPages
{
    /// <summary>How long a checked file is kept for «Загрузить».</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(30);

    public const int MaxFileBytes = 5 * 1024 * 1024;

    public static readonly (string Code, string Label)[] Lists = [("staff", "Педагоги и сотрудники"), ("students", "Обучающиеся")];

    public static RouteGroupBuilder MapImportPages(this RouteGroupBuilder school)
    {
        school.MapGet("/people/import", (HttpContext http, string? list) =>
            Pages.Render<ImportPage>(new { Ui = UiContext.For(http), Model = new ImportModel(Known(list), null, FormErrors.None) }))
            .RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/people/import", Import).RequireAuthorization(Policies.SchoolWrite)
            .WithFormOptions(multipartBodyLengthLimit: 6 * 1024 * 1024);
        school.MapGet("/people/import/operations/{id:guid}", Follow).RequireAuthorization(Policies.SchoolWrite);
        return school;
    }

    private static string Known(string? list) => Lists.Any(l => l.Code == list) ? list! : "staff";

    // One kept file per school and account (a new check replaces it): at most one 5 MB list each, gone after KeptFor or the load.
    private static string KeptKey(UiContext ui) => $"{ui.Caller.UserId}:{ui.Caller.UserName}";

    private static async Task<IResult> Import(Guid schoolId, HttpContext http, DocumentSession session, TenantContext tenant, TimeProvider time,
        BackgroundOperations operations, DocumentStore store, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        IResult Page(string list, ImportReport? report, FormErrors errors, int status = StatusCodes.Status200OK, OperationView? operation = null, KeptUpload? upload = null) =>
            Pages.Render<ImportPage>(new { Ui = ui, Model = new ImportModel(list, report, errors, operation, upload) }, status);
        static FormErrors FileError(string message) => new(new Dictionary<string, string[]> { ["file"] = [message] });
        IFormCollection form;
        bool valid;
        try
        {
            (form, valid) = await Pages.ReadFormAsync(http);
        }
        catch (InvalidDataException)
        {
            return Page("staff", null, FileError("Файл больше 5 МБ: разделите список на части."), StatusCodes.Status422UnprocessableEntity);
        }
        var list = Known(form["list"]);
        if (!valid) return Page(list, null, FormErrors.General(Pages.StaleForm), StatusCodes.Status400BadRequest);
        var dry = form["mode"] != "commit";
        var key = KeptKey(ui);
        var file = form.Files.GetFile("file");
        string fileName;
        byte[] content;
        if (file is { Length: > 0 })
        {
            if (file.Length > MaxFileBytes) return Page(list, null, FileError("Файл больше 5 МБ: разделите список на части."), StatusCodes.Status422UnprocessableEntity);
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            (fileName, content) = (file.FileName, buffer.ToArray());
        }
        else if (Pages.Id(form["upload"]) is { } token && await KeptUploads.FindAsync(session, schoolId, token, key, time.GetUtcNow(), ct) is { } kept)
            (fileName, content) = (kept.FileName, kept.Content);
        else
            return Page(list, null, FileError(Pages.Id(form["upload"]) is null
                ? "Выберите файл списка (CSV или XLSX)."
                : "Проверенный файл больше не хранится (прошло больше 30 минут или проверен другой): выберите файл снова."), StatusCodes.Status422UnprocessableEntity);
        return await Pages.Attempt(async () =>
        {
            if (!dry)
            {
                var operation = await ImportEndpoints.StartAsync(operations, tenant, time, schoolId, list, fileName, content, ct);
                await KeptUploads.ForgetAsync(store, tenant.Scope!, schoolId, key, ct);
                return Page(list, null, FormErrors.None, StatusCodes.Status202Accepted, operation);
            }
            var report = await ImportEndpoints.RunAsync(session, ui.Today, time, schoolId, list, dry: true, fileName, content, ct);
            var now = time.GetUtcNow();
            var upload = await KeptUploads.KeepAsync(store, tenant.Scope!, schoolId, key, fileName, content, now + KeptFor, now, ct);
            return Page(list, report, FormErrors.None, upload: new KeptUpload(upload, fileName));
        }, errors => Page(list, null, errors));
    }

    /// <summary>The load's progress (polled by the page), then its report: 200 when the list was written, 422 when it was refused.</summary>
    private static async Task<IResult> Follow(Guid schoolId, Guid id, string? list, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        if (await OperationView.FindAsync(session, id, ct) is not { Kind: PeopleImportOperation.OperationKind } operation) return Results.NotFound();
        if (!operation.Done) return Pages.Render<ImportProgress>(new { Ui = ui, List = Known(list), Operation = operation });
        if (operation.ResultAs<ImportReport>() is { } report)
            return Pages.Render<ImportResult>(new { Ui = ui, List = Known(list), Report = report },
                report.Committed ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
        return Pages.Render<Platform.Web.Shell.FormAlert>(new { Errors = FormErrors.General(operation.Message ?? "Список не загружен.") },
            StatusCodes.Status422UnprocessableEntity);
    }
}
