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
public sealed record ImportModel(string List, ImportReport? Report, FormErrors Errors, OperationView? Operation = null);

/// <summary>
/// «Загрузка списка»: the curator sends the staff or the student list (CSV or XLSX), checks it (every row's errors in Russian,
/// nothing written), then loads it: all rows or none. The same import as the API's (<see cref="ImportEndpoints.RunAsync"/>).
/// </summary>
public static class ImportPages
{
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

    private static async Task<IResult> Import(Guid schoolId, HttpContext http, DocumentSession session, TenantContext tenant, TimeProvider time,
        BackgroundOperations operations, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        IResult Page(string list, ImportReport? report, FormErrors errors, int status = StatusCodes.Status200OK, OperationView? operation = null) =>
            Pages.Render<ImportPage>(new { Ui = ui, Model = new ImportModel(list, report, errors, operation) }, status);
        IFormCollection form;
        bool valid;
        try
        {
            (form, valid) = await Pages.ReadFormAsync(http);
        }
        catch (InvalidDataException)
        {
            return Page("staff", null, new FormErrors(new Dictionary<string, string[]> { ["file"] = ["Файл больше 5 МБ: разделите список на части."] }), StatusCodes.Status422UnprocessableEntity);
        }
        var list = Known(form["list"]);
        if (!valid) return Page(list, null, FormErrors.General(Pages.StaleForm), StatusCodes.Status400BadRequest);
        var dry = form["mode"] != "commit";
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
            return Page(list, null, new FormErrors(new Dictionary<string, string[]> { ["file"] = ["Выберите файл списка (CSV или XLSX)."] }), StatusCodes.Status422UnprocessableEntity);
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return await Pages.Attempt(async () =>
        {
            if (!dry)
                return Page(list, null, FormErrors.None, StatusCodes.Status202Accepted, await ImportEndpoints.StartAsync(operations, tenant, time, schoolId,
                    list, file.FileName, buffer.ToArray(), ct));
            var report = await ImportEndpoints.RunAsync(session, ui.Today, time, schoolId, list,
                dry: true, file.FileName, buffer.ToArray(), ct);
            return Page(list, report, FormErrors.None);
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
