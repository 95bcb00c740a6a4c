using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.RoadMaps;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;

namespace Platform.Mentoring.People;

/// <summary>A school's people: registration, consents (given, withdrawn), details under the consent, history.</summary>
public static class PeopleEndpoints
{
    /// <summary>The Russian phrase of each event code its history can show (beside the code, which programs keep using).</summary>
    public static readonly IReadOnlyDictionary<string, string> EventTitles = new Dictionary<string, string>
    {
        ["person_registered"] = "Участник внесён",
        ["person_changed"] = "Исправлены ФИО, должность или класс",
        ["person_details_changed"] = "Изменены сведения под согласием",
        ["consent_given"] = "Внесено согласие на обработку персональных данных",
        ["consent_withdrawn"] = "Согласие отозвано",
        ["joined_mentor_pool"] = "Включён в банк наставников",
        ["left_mentor_pool"] = "Исключён из банка наставников",
        ["joined_mentee_pool"] = "Включён в банк наставляемых",
        ["left_mentee_pool"] = "Исключён из банка наставляемых",
        ["questionnaire_answered"] = "Заполнена анкета",
        ["personal_data_erased"] = "Персональные данные удалены",
    };

    public static IEndpointRouteBuilder MapPeople(this IEndpointRouteBuilder app)
    {
        var people = app.MapGroup("/api/schools/{schoolId:guid}/people").WithTags("Участники");
        people.MapGet("", List).RequireAuthorization(Policies.SchoolRead)
            .WithSummary("Педагоги, обучающиеся и внешние участники: фильтры по виду, категории, классу, согласию, банку; поиск; страницы");
        people.MapPost("", Register).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Внести участника: ФИО, вид, должность или класс (год рождения ученика); с согласием — и остальные сведения");
        people.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.SchoolRead)
            .WithSummary("Участник (asOf: на прошлую дату — без сведений, требующих согласия)");
        people.MapPatch("/{id:guid}", Change).RequireAuthorization(Policies.SchoolWrite).WithSummary("Исправить ФИО, должность или класс, год рождения (If-Match: версия)");
        people.MapPut("/{id:guid}/details", ChangeDetails).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Сведения под согласием: предметы, стаж, категория, категории наставляемого, контакты (только при действующем согласии)");
        people.MapPost("/{id:guid}/consents", GiveConsent).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Согласие на обработку персональных данных (за несовершеннолетнего — законный представитель)");
        people.MapPost("/{id:guid}/consents/withdraw", WithdrawConsent).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Отзыв согласия: персональные данные участника удаляются (в истории — «данные удалены»), как и сведения, анкеты и ответы");
        people.MapPost("/{id:guid}/erasure", Erase).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Уничтожить персональные данные по требованию участника или его законного представителя (ст. 21 152-ФЗ)");
        people.MapGet("/{id:guid}/history", History).RequireAuthorization(Policies.SchoolRead)
            .WithSummary("История: кто, когда, что (изменение сведений — без значений)");
        people.MapGet("/{id:guid}/personal-data-report.docx", Report).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Сведения о персональных данных участника (ст. 14 152-ФЗ): документ для участника или его законного представителя");
        app.MapGet("/api/schools/{schoolId:guid}/personal-data-views", Views).WithTags("Участники").RequireAuthorization(Policies.SchoolDirector)
            .WithSummary("Журнал просмотров персональных данных: кто, чьи, когда (читает руководитель организации)");
        return app;
    }

    private static async Task<Results<Ok<Page<PersonRow>>, ValidationProblem>> List(
        Guid schoolId, [AsParameters] PersonListQuery query, DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct)
    {
        var errors = PersonList.Check(query);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Проверьте параметры запроса");
        var page = await PersonList.QueryAsync(session, schoolId, RoadMapEndpoints.Today(tenant, time), query, ct);
        await PersonalDataJournal.RecordManyAsync(session, tenant.Caller, schoolId, [.. page.Items.Select(p => p.Id)], PersonalDataJournal.PeopleList, time.GetUtcNow(), ct);
        return TypedResults.Ok(page);
    }

    private static async Task<Created<PersonView>> Register(
        Guid schoolId, RegisterPerson command, DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var now = time.GetUtcNow();
        var today = RoadMapEndpoints.Today(tenant, time);
        var (events, details) = PersonCommands.Register(id, command, today, now, Guid.CreateVersion7(), tenant.School?.Kind);
        if (details is not null) await PersonDetailsTable.SaveAsync(session, id, details, now, ct);
        session.Events.StartStream<Person>(id, events);
        await session.SaveChangesAsync(ct);
        var person = session.Store.Fold<Person>(null, events)!;
        return TypedResults.Created($"/api/schools/{schoolId}/people/{id}", PersonView.From(person, events.Length, details, today));
    }

    private static async Task<Results<Ok<PersonView>, NotFound>> Get(
        Guid id, DateTimeOffset? asOf, DocumentSession session, TenantContext tenant, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, timestamp: asOf, ct: ct);
        if (events.Count == 0 || events[0].Data is not PersonRegistered) return TypedResults.NotFound();
        var person = session.Store.Fold<Person>(null, events.Select(e => e.Data))!;
        var details = asOf is null ? await PersonDetailsTable.LoadAsync(session, id, ct) : null;
        await PersonalDataJournal.RecordAsync(session, tenant.Caller, tenant.School!.Id, id, PersonalDataJournal.Card, time.GetUtcNow(), ct);
        http.Response.Headers.ETag = $"\"{events[^1].Version}\"";
        return TypedResults.Ok(PersonView.From(person, events[^1].Version, details, RoadMapEndpoints.Today(tenant, time), past: asOf is not null));
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> Report(
        Guid id, DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct) =>
        await Documents.PersonalDataReport.ProduceAsync(session, tenant.Caller, tenant.School!, id, PersonalDataJournal.Report,
            RoadMapEndpoints.Today(tenant, time), time.GetUtcNow(), ct) is { } file ? file : TypedResults.NotFound();

    private static async Task<Ok<List<PersonalDataView>>> Views(Guid schoolId, Guid? personId, DocumentSession session, CancellationToken ct) =>
        TypedResults.Ok(await PersonalDataJournal.QueryAsync(session, schoolId, personId, ct));

    private static async Task<Results<Ok<IReadOnlyList<EventHistoryItem>>, NotFound>> History(Guid id, DocumentSession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0 || events[0].Data is not PersonRegistered) return TypedResults.NotFound();
        return TypedResults.Ok<IReadOnlyList<EventHistoryItem>>(
            events.Select(e => EventHistoryItem.From(e, EventTitles)).ToList());
    }

    private static Task<Results<Ok<PersonView>, NotFound>> Change(Guid id, ChangePerson command, PersonDecision decide, CancellationToken ct) =>
        decide.Ok(id, ct, person => Task.FromResult(PersonCommands.Change(person, command, decide.Today)));

    private static Task<Results<Ok<PersonView>, NotFound>> ChangeDetails(
        Guid id, PersonDetailsDraft command, PersonDecision decide, DocumentSession session, CancellationToken ct) =>
        decide.Ok(id, ct, async person =>
        {
            var current = await PersonDetailsTable.LoadAsync(session, id, ct);
            var (details, events) = PersonCommands.ChangeDetails(person, current, command);
            if (events.Length > 0) await PersonDetailsTable.SaveAsync(session, id, details!, decide.Now, ct);
            return events;
        });

    private static Task<Results<Ok<PersonView>, NotFound>> GiveConsent(Guid id, GiveConsent command, PersonDecision decide, CancellationToken ct) =>
        decide.Ok(id, ct, person => Task.FromResult<object[]>([PersonCommands.GiveConsent(person, command, decide.Today, Guid.CreateVersion7())]));

    private static Task<Results<Ok<PersonView>, NotFound>> WithdrawConsent(
        Guid id, WithdrawConsent command, PersonDecision decide, DocumentSession session, CancellationToken ct) =>
        decide.Ok(id, ct, person => PersonalDataErasure.WithdrawAsync(session, person, command, decide.Today, decide.Now, ct));

    private static Task<Results<Ok<PersonView>, NotFound>> Erase(Guid id, PersonDecision decide, DocumentSession session, CancellationToken ct) =>
        decide.Ok(id, ct, person => PersonalDataErasure.OnRequestAsync(session, person, decide.Today, decide.Now, ct));
}

/// <summary>
/// Load, decide, append for one person: optimistic against If-Match, or the version just loaded. The decision may
/// write rows kept under the consent (details, pool profiles, answers) through the same session: they commit with
/// the events or not at all.
/// </summary>
public sealed class PersonDecision(DocumentSession session, TenantContext tenant, TimeProvider time, IHttpContextAccessor accessor)
{
    public DateOnly Today => RoadMapEndpoints.Today(tenant, time);
    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<Results<Ok<PersonView>, NotFound>> Ok(Guid id, CancellationToken ct, Func<Person, Task<object[]>> decide) =>
        await ApplyAsync(id, ct, decide) is { } result
            ? TypedResults.Ok(PersonView.From(result.Person, result.Version, await PersonDetailsTable.LoadAsync(session, id, ct), Today))
            : TypedResults.NotFound();

    /// <summary>The person after the decision and the stream's version, or null when there is no such person in this school.</summary>
    public async Task<(Person Person, long Version)?> ApplyAsync(Guid id, CancellationToken ct, Func<Person, Task<object[]>> decide)
    {
        var http = accessor.HttpContext!;
        var stream = await session.Events.FetchForWriting<Person>(id, ct);
        if (stream.Aggregate is null) return null;
        return await stream.DecideAsync(session, http, decide, ct);
    }
}
