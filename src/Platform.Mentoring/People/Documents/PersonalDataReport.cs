using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.EventStore;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;
using static Platform.Mentoring.Documents.Docx;

namespace Platform.Mentoring.People.Documents;

/// <summary>
/// What the school holds about a person, for the person or a minor's guardian (152-ФЗ, ст. 14): the operator, the purpose and
/// the legal ground, every item held with its value, the consents, who may see the data and who did (the journal of views),
/// how long it is kept and how it is erased.
/// </summary>
public static class PersonalDataReport
{
    private static readonly int[] Items = [4200, 5438]; // = Width(landscape: false)
    private static readonly int[] Consents = [1500, 2300, 2300, 1900, 1638];
    private static readonly int[] Views = [2600, 3700, 3338];

    /// <summary>
    /// The report on one person of the school, for staff (from the person's card) or for the person (from «Моё наставничество»):
    /// the request is journaled first, so that the report lists it. Null when the school has no such person.
    /// </summary>
    /// <param name="what">How the journal names the request.</param>
    public static async Task<FileContentHttpResult?> ProduceAsync(DocumentSession session, Caller? caller, SchoolEntry school, Guid personId, string what,
        DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(personId, ct: ct);
        if (events.Count == 0 || events[0].Data is not PersonRegistered) return null;
        var person = PersonView.From(session.Store.Fold<Person>(null, events.Select(e => e.Data))!, events[^1].Version,
            await PersonDetailsTable.LoadAsync(session, personId, ct), today);
        await PersonalDataJournal.RecordAsync(session, caller, school.Id, personId, what, now, ct);
        var views = await PersonalDataJournal.QueryAsync(session, school.Id, personId, ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(school.TimeZone);
        var head = Platform.Mentoring.Documents.OrderLayout.Head(school.Kind.HeadTitle());
        var bytes = Write(person, school.FullName, head, views, role => role is null ? "" : Roles.RussianName(role),
            at => TimeZoneInfo.ConvertTime(at, zone).ToString("dd.MM.yyyy HH:mm"), today, views[0].ViewedAt);
        return TypedResults.File(bytes, Platform.Mentoring.Documents.DocumentFiles.ContentType, "Сведения о персональных данных.docx");
    }

    /// <param name="views">The journal of views of this person's data, newest first.</param>
    /// <param name="roleName">The Russian name of a role code.</param>
    public static byte[] Write(PersonView person, string organisation, string head, IReadOnlyList<PersonalDataView> views, Func<string?, string> roleName,
        Func<DateTimeOffset, string> moment, DateOnly today, DateTimeOffset stamp) => Platform.Mentoring.Documents.Docx.Write(
        [
            Paragraph(organisation, bold: true, center: true),
            Paragraph("СВЕДЕНИЯ", bold: true, center: true, size: 28),
            Paragraph("о персональных данных, обрабатываемых в системе наставничества", bold: true, center: true),
            Paragraph("(статья 14 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»)", center: true),
            Paragraph($"Субъект персональных данных: {person.FullName}"),
            Paragraph($"Сведения по состоянию на {today:dd.MM.yyyy}."),
            Paragraph($"1. Оператор: {organisation}."),
            Paragraph("2. Цель обработки: организация наставничества в соответствии с положением о системе наставничества организации "
                + "(формирование банков наставников и наставляемых, наставнических пар и групп, программ наставничества, мониторинг)."),
            Paragraph("3. Правовое основание: согласие на обработку персональных данных" + (person.IsMinor ? ", данное законным представителем." : ".")),
            Paragraph("4. Обрабатываемые сведения:"),
            Table(Items, ItemRows(person)),
            Paragraph("5. Согласия на обработку персональных данных:"),
            Table(Consents, ConsentRows(person)),
            Paragraph("6. Доступ к сведениям имеют: куратор и руководитель организации, муниципальный куратор района, специалист регионального "
                + "института развития образования, администратор платформы — в пределах своих полномочий. Сведения за пределы района "
                + "передаются только в обезличенном (сводном) виде."),
            Paragraph($"7. Просмотры сведений работниками (всего {views.Count}, последние {Math.Min(views.Count, 50)}):"),
            Table(Views, ViewRows(views.Take(50), roleName, moment)),
            Paragraph("8. Срок обработки: в течение срока действия согласия. При отзыве согласия сведения, требующие согласия (предметы, стаж, "
                + "категория, контакты, анкеты и ответы на них), удаляются в тот же день; ФИО, вид участника и должность (класс) хранятся "
                + "в истории наставнических пар и программ."),
            Paragraph("9. Отозвать согласие, потребовать уточнения или удаления сведений можно письменным заявлением на имя руководителя организации."),
            Paragraph(""),
            Paragraph($"{head}{new string('_', 30)}", right: true),
        ], landscape: false, stamp);

    private static IEnumerable<TableRow> ItemRows(PersonView p)
    {
        yield return Row(Items, header: true, "Сведение", "Значение");
        yield return Row(Items, false, "Фамилия, имя, отчество", p.FullName);
        yield return Row(Items, false, "Вид участника", p.ExternalRoleName is { } r ? $"{p.KindName} ({r})" : p.KindName);
        yield return Row(Items, false, p.Kind is "student" or "preschooler" ? "Класс (группа)" : "Должность", p.Position ?? "—");
        if (p.BirthYear is { } year) yield return Row(Items, false, "Год рождения", $"{year}");
        if (p.Details is { } d)
        {
            yield return Row(Items, false, "Предметы", d.Subjects.Length == 0 ? "—" : string.Join(", ", d.Subjects));
            yield return Row(Items, false, "Педагогический стаж, лет", d.YearsOfService?.ToString() ?? "—");
            yield return Row(Items, false, "Квалификационная категория", d.QualificationCategoryName ?? "—");
            yield return Row(Items, false, "Категории наставляемого", d.CategoryNames.Count == 0 ? "—" : string.Join(", ", d.CategoryNames));
            yield return Row(Items, false, "Электронная почта", d.Email ?? "—");
            yield return Row(Items, false, "Телефон", d.Phone ?? "—");
        }
        else yield return Row(Items, false, "Сведения под согласием", "не хранятся: нет действующего согласия");
        yield return Row(Items, false, "Банк наставников / наставляемых",
            $"{(p.InMentorPool ? "в банке наставников" : "не в банке наставников")}; {(p.InMenteePool ? "в банке наставляемых" : "не в банке наставляемых")}");
        yield return Row(Items, false, "Ответы на анкеты и опросы", $"{p.Answers}");
        yield return Row(Items, false, "Внесён в систему", p.RegisteredAt.ToString("dd.MM.yyyy"));
    }

    private static IEnumerable<TableRow> ConsentRows(PersonView p)
    {
        yield return Row(Consents, header: true, "Дата", "Кто подписал", "Законный представитель", "Документ", "Отозвано");
        foreach (var c in p.Consents)
            yield return Row(Consents, false, c.GivenOn.ToString("dd.MM.yyyy"), c.SignedByName, c.GuardianName ?? "—", c.DocumentNumber ?? "—",
                c.WithdrawnOn?.ToString("dd.MM.yyyy") ?? "—");
    }

    private static IEnumerable<TableRow> ViewRows(IEnumerable<PersonalDataView> views, Func<string?, string> roleName, Func<DateTimeOffset, string> moment)
    {
        yield return Row(Views, header: true, "Когда", "Кто", "Роль");
        foreach (var v in views) yield return Row(Views, false, moment(v.ViewedAt), v.Viewer, roleName(v.ViewerRole));
    }
}
