using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Platform.EventStore;
using Platform.Mentoring.DistrictDeadlines;
using Platform.Mentoring.Documents;
using Platform.Mentoring.LocalActs;
using static Platform.Mentoring.Documents.Docx;

namespace Platform.Mentoring.DistrictActs.Documents;

/// <summary>
/// The district's own order (seed 001, order № 237 of the education authority): the district's name, «ПРИКАЗ», the date and
/// number as registered, the title, «ПРИКАЗЫВАЮ:», the heads of the schools to do by the deadlines the district set on the
/// platform citing this act (what, by when, what shows it done), control, the head of the authority's signature.
/// </summary>
public static class DistrictActDocument
{
    private static readonly int[] Columns = [600, 4638, 2000, 2400]; // = Width(landscape: false)

    public static readonly DocumentKind Kind = new("district_order", "Приказ района о системе наставничества со сроками для организаций",
    [
        new("organisation", "Полное наименование органа управления образованием"),
        new("district", "Краткое наименование района: «МР «Троицко-Печорский»»"),
        new("date", "Дата приказа словами: «4 мая 2022 г.»"),
        new("number", "Номер приказа со знаком «№»: «№ 237»"),
        new("title", "Заголовок приказа"),
        new("deadlines.number", "Номер по порядку"),
        new("deadlines.title", "Что сделать"),
        new("deadlines.due", "Срок: «до 20.05.2022», «до 23 декабря ежегодно»"),
        new("deadlines.evidence", "Чем подтверждается: «Принято положение о системе наставничества»"),
    ]);

    /// <summary>The district's deadlines that cite the act (not cancelled), by due date.</summary>
    public static async Task<IReadOnlyList<DistrictDeadlineView>> DeadlinesAsync(DocumentSession session, Guid districtId, Guid actId, CancellationToken ct) =>
        (await DistrictDeadlineList.QueryAsync(session, districtId, includeCancelled: false, ct)).Where(d => d.ActId == actId).ToList();

    public static async Task<DateTimeOffset?> ChangedAsync(DocumentSession session, Guid districtId, Guid actId, CancellationToken ct) =>
        (await session.QueryAsync("SELECT max(updated_at) FROM mentoring.district_deadlines WHERE tenant_id = $1 AND act_id = $2",
            r => r.IsDBNull(0) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(0), ct, districtId, actId)).Single();

    public static DocumentFields Fields(DistrictAct act, string organisation, string district, IReadOnlyList<DistrictDeadlineView> deadlines) => new DocumentFields()
        .Set("organisation", organisation).Set("district", district).Set("date", OrderLayout.InWords(act.Date)).Set("number", OrderNumber.Cite(act.Number))
        .Set("title", act.Title)
        .Table("deadlines", deadlines.Select((d, i) => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["number"] = $"{i + 1}", ["title"] = d.Title, ["due"] = d.DueText, ["evidence"] = d.CompletedByName,
        }));

    /// <param name="stamp">When the act or its deadlines last changed.</param>
    public static byte[] Write(DistrictAct act, string organisation, string district, IReadOnlyList<DistrictDeadlineView> deadlines, DateTimeOffset stamp) =>
        Docx.Write(OrderLayout.Order(organisation, OrderLayout.InWords(act.Date), OrderNumber.Cite(act.Number), act.Title,
            $"В целях внедрения системы наставничества педагогических работников в образовательных организациях ({district}),",
            Points(deadlines), "Начальник"), landscape: false, stamp);

    private static IEnumerable<OpenXmlElement> Points(IReadOnlyList<DistrictDeadlineView> deadlines)
    {
        yield return Paragraph("1. Руководителям образовательных организаций обеспечить в установленные сроки:");
        yield return Table(Columns, Rows(deadlines));
        yield return Paragraph("2. Ход исполнения отражается на платформе: выполнение сроков видно в сводке района.");
        yield return Paragraph("3. Контроль за исполнением настоящего приказа оставляю за собой.");
    }

    private static IEnumerable<TableRow> Rows(IReadOnlyList<DistrictDeadlineView> deadlines)
    {
        yield return Row(Columns, header: true, "№", "Мероприятие", "Срок", "Чем подтверждается");
        for (var i = 0; i < deadlines.Count; i++)
            yield return Row(Columns, header: false, $"{i + 1}", deadlines[i].Title, deadlines[i].DueText, deadlines[i].CompletedByName);
    }
}
