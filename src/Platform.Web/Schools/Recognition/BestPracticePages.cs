using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Programs;
using Platform.Mentoring.Recognition.BestPractices;
using Platform.Tenancy.Registry;
using Platform.Web.Schools.History;
using Platform.Web.Shell;

namespace Platform.Web.Schools.Recognition;

/// <summary>A completed program not yet published: the curator may publish it.</summary>
public sealed record Publishable(Guid ProgramId, string Names, DateOnly? CompletedOn, int? EvaluationTotal, string? EvaluationLevel);

public sealed record BestPracticesModel(IReadOnlyList<BestPracticeRow> Practices, IReadOnlyList<Publishable> Publishable);

/// <summary>One participant's consent row of the publish form: the values typed.</summary>
public sealed record ConsentInput(ProgramParticipant Participant, string? SignedOn, string? GuardianName, bool PublishName);

public sealed record PublishForm(Guid ProgramId, string ProgramNames, string? Title, string? Description, string? Results, IReadOnlyList<ConsentInput> Consents,
    FormErrors Errors);

public sealed record BestPracticePageModel(BestPracticeView Practice, string SchoolId, IReadOnlyList<HistoryEntry> History, FormErrors UploadErrors);

/// <summary>
/// «Лучшие практики» of a school: the practices published, the completed programs that may become one, the publish form
/// (description, results, each participant's written consent) and a practice's page with its materials and history. The
/// decisions are the API's (<see cref="BestPracticeEndpoints"/>, <see cref="BestPracticeCommands"/>).
/// </summary>
public static class BestPracticePages
{
    public static RouteGroupBuilder MapBestPracticePages(this RouteGroupBuilder school)
    {
        school.MapGet("/best-practices", List).RequireAuthorization(Policies.SchoolRead);
        school.MapGet("/best-practices/new", New).RequireAuthorization(Policies.SchoolWrite);
        school.MapPost("/best-practices", Publish).RequireAuthorization(Policies.SchoolWrite);
        school.MapGet("/best-practices/{id:guid}", Show).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/best-practices/{id:guid}/materials", Upload).RequireAuthorization(Policies.SchoolWrite).DisableAntiforgery();
        return school;
    }

    private static async Task<IResult> List(Guid schoolId, HttpContext http, DocumentSession session, ProgramDecision decide, CancellationToken ct)
    {
        var practices = await BestPracticeQueries.OfSchoolAsync(session, schoolId, ct);
        var completed = await ProgramList.QueryAsync(session, schoolId, decide.Today, new ProgramListQuery(Status: "completed", PageSize: 500), ct);
        var publishable = completed.Items.Where(p => practices.All(x => x.ProgramId != p.Id))
            .Select(p => new Publishable(p.Id, string.Join(" — ", new[] { p.Mentor.FullName }.Concat(p.Mentees.Select(m => m.FullName))), p.CompletedOn,
                p.EvaluationTotal, p.EvaluationLevelName)).ToList();
        return Pages.Render<BestPracticesPage>(new { Ui = UiContext.For(http), Model = new BestPracticesModel(practices, publishable) });
    }

    private static async Task<PublishForm?> EmptyFormAsync(DocumentSession session, Guid programId, DateOnly today, CancellationToken ct)
    {
        if (await BestPracticeEndpoints.ProgramAsync(session, session.Events, programId, ct) is not { } program) return null;
        var participants = await BestPracticeEndpoints.ParticipantsAsync(session.Events, program, today, ct);
        return new PublishForm(programId, string.Join(" — ", participants.Select(p => p.FullName)), null, null, null,
            participants.Select(p => new ConsentInput(p, null, null, true)).ToList(), FormErrors.None);
    }

    private static async Task<IResult> New(Guid? programId, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        return programId is { } id && await EmptyFormAsync(session, id, ui.Today, ct) is { } form
            ? Pages.Render<PublishPracticePage>(new { Ui = ui, Form = form })
            : Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Программа не найдена." }, StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Publish(Guid schoolId, HttpContext http, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (f, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return Pages.Render<FormAlert>(new { Errors = FormErrors.General(Pages.StaleForm) }, StatusCodes.Status400BadRequest);
        if (Pages.Id(f["programId"]) is not { } programId || await EmptyFormAsync(session, programId, ui.Today, ct) is not { } empty)
            return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Программа не найдена." }, StatusCodes.Status404NotFound);
        var consents = empty.Consents.Select((c, i) => c with
        {
            SignedOn = Pages.Text(f[$"consents[{i}].signedOn"]), GuardianName = Pages.Text(f[$"consents[{i}].guardianName"]),
            PublishName = f[$"consents[{i}].publishName"] == "true",
        }).ToList();
        var form = empty with { Title = f["title"], Description = f["description"], Results = f["results"], Consents = consents };
        return await Pages.Attempt(async () =>
        {
            var drafts = consents.Select((c, i) => new ConsentDraft(c.Participant.PersonId, Pages.Date(c.SignedOn, $"consents[{i}].signedOn"), c.GuardianName,
                c.PublishName)).ToArray();
            var published = await BestPracticeEndpoints.PublishAsync(session,
                new PublishBestPractice(programId, Pages.Text(form.Title), Pages.Text(form.Description), Pages.Text(form.Results), drafts),
                ui.Today, time.GetUtcNow(), ct);
            return Pages.RedirectTo(http, ui.SchoolPath($"/best-practices/{published.BestPracticeId}"));
        }, errors => Pages.Render<PublishPracticeForm>(new { Ui = ui, Form = form with { Errors = errors } }));
    }

    private static async Task<BestPracticePageModel?> ModelAsync(DocumentSession session, Guid schoolId, Guid id, FormErrors upload, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not BestPracticePublished) return null;
        var practice = BestPracticeView.From(schoolId, session.Store.Fold<BestPractice>(null, events.Select(e => e.Data))!, events[^1].Version);
        return new BestPracticePageModel(practice, schoolId.ToString(), await RecordHistory.LoadAsync(session, id, ct), upload);
    }

    private static async Task<IResult> Show(Guid schoolId, Guid id, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        return await ModelAsync(session, schoolId, id, FormErrors.None, ct) is { } model
            ? Pages.Render<BestPracticePage>(new { Ui = ui, Model = model })
            : Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Практика не найдена." }, StatusCodes.Status404NotFound);
    }

    /// <summary>A plain multipart form (no script needed): back to the practice page, or the page again with the file's message.</summary>
    private static async Task<IResult> Upload(Guid schoolId, Guid id, HttpContext http, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (f, valid) = await Pages.ReadFormAsync(http);
        if (await ModelAsync(session, schoolId, id, FormErrors.None, ct) is not { } model)
            return Pages.Render<NotFoundPage>(new { Ui = ui, Message = "Практика не найдена." }, StatusCodes.Status404NotFound);
        if (!valid) return Pages.Render<BestPracticePage>(new { Ui = ui, Model = model with { UploadErrors = FormErrors.General(Pages.StaleForm) } },
            StatusCodes.Status400BadRequest);
        return await Pages.Attempt(async () =>
        {
            var file = f.Files.GetFile("file");
            Platform.Mentoring.LocalActs.AttachmentFiles.CheckHeader(file?.FileName, file?.Length);
            using var buffer = new MemoryStream();
            await file!.CopyToAsync(buffer, ct);
            await BestPracticeEndpoints.AddMaterialAsync(session, schoolId, id, file.FileName, buffer.ToArray(), time.GetUtcNow(), http, ct);
            return Results.Redirect(ui.SchoolPath($"/best-practices/{id}"), preserveMethod: false);
        }, async (errors, status) => Pages.Render<BestPracticePage>(new { Ui = ui, Model = model with { UploadErrors = errors } }, status));
    }
}
