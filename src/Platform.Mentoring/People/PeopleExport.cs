using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Documents;
using Platform.Mentoring.People.Documents;
using Platform.Mentoring.RoadMaps;
using Platform.Tenancy.Resolution;

namespace Platform.Mentoring.People;

/// <summary>The filters of the people list (<see cref="PersonListQuery"/>), all rows.</summary>
/// <param name="Personal">true: with the full names and personal data — only for the school's curator or director, journaled per person.</param>
public sealed record PeopleExportQuery(string? Kind = null, string? Category = null, string? Class = null, string? Search = null, bool? HasConsent = null,
    string? InPool = null, string? Sort = null, bool Personal = false)
{
    public PersonListQuery List(int page) => new(Kind, Category, Class, Search, HasConsent, InPool, Sort, page, PageSize: 500);
}

/// <summary>
/// «Выгрузить список (XLSX)»: the school's people for the school itself. Depersonalised by default (152-ФЗ); with the names only
/// when the user may change the school's records and asks for it. Either choice is journaled: each person exported with their
/// data, or one entry about no one for a depersonalised list.
/// </summary>
public static class PeopleExport
{
    private static readonly string[] Entitled = Policies.AllowedRoles[Policies.SchoolWrite];

    public static IEndpointRouteBuilder MapPeopleExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/schools/{schoolId:guid}/people/export.xlsx", Export).WithTags("Участники").RequireAuthorization(Policies.SchoolRead)
            .WithSummary("Выгрузить список участников (XLSX) с фильтрами списка: обезличенно; personal=true — с ФИО (куратор, руководитель; записывается в журнал)")
            .WithDescription("Без personal=true — обезличенный список: вместо ФИО код участника, без должности, года рождения, буквы класса, предметов и дат; "
                + "выгрузка записывается в журнал просмотров одной записью. С personal=true — ФИО и сведения; только куратору и руководителю организации "
                + "(иначе 403), в журнал записывается каждый выгруженный участник. Ответы с ошибками (400, 403) — application/problem+json.")
            // The file as binary; the problem answers (400 with the fields, 401, 403, 404) are declared for every operation by the API document.
            .Produces(StatusCodes.Status200OK, typeof(Stream), Xlsx.ContentType);
        return app;
    }

    /// <summary>Whether the caller may take the list out with the names (the school's writers: curator, director).</summary>
    public static bool MayExportPersonalData(Caller? caller) => caller?.Roles.Any(Entitled.Contains) == true;

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Export(
        Guid schoolId, [AsParameters] PeopleExportQuery query, DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct)
    {
        var errors = PersonList.Check(query.List(1));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Проверьте параметры запроса");
        if (query.Personal && !MayExportPersonalData(tenant.Caller))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Недостаточно прав",
                detail: "Выгрузить список с ФИО и персональными данными могут куратор и руководитель организации. Без них список выгружается обезличенным.");
        var school = tenant.School!;
        var today = RoadMapEndpoints.Today(tenant, time);
        var people = new List<PersonRow>();
        for (var page = 1; ; page++)
        {
            var rows = await PersonList.QueryAsync(session, schoolId, today, query.List(page), ct);
            people.AddRange(rows.Items);
            if (rows.Items.Count == 0 || people.Count >= rows.Total) break;
        }
        var now = time.GetUtcNow();
        if (query.Personal && people.Count > 0)
            await PersonalDataJournal.RecordManyAsync(session, tenant.Caller, schoolId, [.. people.Select(p => p.Id)], PersonalDataJournal.PersonalExport, now, ct);
        else
            await PersonalDataJournal.RecordWithoutPersonAsync(session, tenant.Caller, schoolId,
                query.Personal ? PersonalDataJournal.PersonalExport : PersonalDataJournal.DepersonalisedExport, now, ct);
        var export = new PeopleListExport(school.FullName,
            TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(school.TimeZone)).ToString("dd.MM.yyyy HH:mm"),
            tenant.Caller?.FullName ?? tenant.Caller?.UserName ?? "", Filters(query), query.Personal, now);
        return TypedResults.File(PeopleListWorkbook.Write(people, export), Xlsx.ContentType,
            query.Personal ? PeopleListWorkbook.FileName : PeopleListWorkbook.DepersonalisedFileName);
    }

    private static string Filters(PeopleExportQuery q)
    {
        var parts = new List<string>();
        if (q.Kind is not null) parts.Add($"вид: {PersonKinds.Names[q.Kind]}");
        if (q.Category is not null) parts.Add($"категория: {MenteeCategories.Names[q.Category]}");
        if (q.Class is not null) parts.Add($"класс: {q.Class}");
        if (q.HasConsent is { } consent) parts.Add(consent ? "с действующим согласием" : "без действующего согласия");
        if (q.InPool is not null) parts.Add(q.InPool switch
        {
            "mentor" => "в банке наставников", "mentee" => "в банке наставляемых", "any" => "в любом из банков", _ => "вне банков",
        });
        // The text searched for is often a name: a depersonalised list does not repeat it.
        if (Texts.Clean(q.Search) is { } search) parts.Add(q.Personal ? $"поиск: «{search}»" : "поиск по ФИО, должности или классу");
        return parts.Count == 0 ? "все участники" : string.Join("; ", parts);
    }
}
