using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Platform.EventStore;
using Platform.Mentoring.Documents;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Pools;
using Platform.Mentoring.Programs;
using static Platform.Mentoring.Documents.Docx;

namespace Platform.Mentoring.LocalActs.Documents;

/// <summary>One pair or group fixed by the order: the mentor and the mentees as the order names them, its form and kind, from when.</summary>
public sealed record FixedPair(string Mentor, IReadOnlyList<string> Mentees, string Form, string Kind, DateOnly? From);

/// <summary>
/// The order on pairs (приказ о закреплении наставнических пар (групп)) as the school files it: the organisation, «ПРИКАЗ», its
/// date and number as registered, its title, «ПРИКАЗЫВАЮ:», the table of the pairs and groups this order fixed (mentor,
/// mentees, form, kind, from), control by the curator, and the head's signature line — «директор», «заведующий» in a
/// kindergarten. The pairs are those the order approved on the platform: nothing is typed twice.
/// </summary>
public static class PairOrderDocument
{
    private static readonly int[] Columns = [600, 2600, 3000, 1700, 1070, 700]; // = Width(landscape: false)

    public static readonly DocumentKind Kind = new("pair_order", "Приказ о закреплении наставнических пар (групп)",
    [
        new("organisation", "Полное наименование организации"),
        new("head", "Должность руководителя: «Директор», «Заведующий»"),
        new("date", "Дата приказа: «07.12.2026»"),
        new("number", "Номер приказа со знаком «№»: «№ 21/1»"),
        new("title", "Заголовок приказа"),
        new("pairs.number", "Номер пары (группы) по порядку"),
        new("pairs.mentor", "Наставник: ФИО, должность"),
        new("pairs.mentees", "Наставляемые через «; »"),
        new("pairs.form", "Форма наставничества"),
        new("pairs.kind", "Вид наставничества"),
        new("pairs.from", "Дата начала: «01.09.2026»"),
    ]);

    public static DocumentFields Fields(LocalAct order, string organisation, string head, IReadOnlyList<FixedPair> pairs) => new DocumentFields()
        .Set("organisation", organisation).Set("head", head).Set("date", order.Date.ToString("dd.MM.yyyy")).Set("number", OrderNumber.Cite(order.Number))
        .Set("title", order.Title)
        .Table("pairs", pairs.Select((p, i) => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["number"] = $"{i + 1}", ["mentor"] = p.Mentor, ["mentees"] = string.Join("; ", p.Mentees), ["form"] = p.Form, ["kind"] = p.Kind,
            ["from"] = p.From?.ToString("dd.MM.yyyy") ?? "",
        }));

    public static async Task<IReadOnlyList<FixedPair>> PairsAsync(DocumentSession session, Guid orderId, CancellationToken ct) =>
        await session.QueryAsync("""
            SELECT coalesce(p.full_name || coalesce(', ' || p.position, ''), '—'),
                   coalesce((SELECT array_agg(x.full_name || coalesce(', ' || x.position, '') ORDER BY x.full_name)
                               FROM unnest(m.mentee_ids) AS u(id) JOIN mentoring.people x ON x.tenant_id = m.tenant_id AND x.id = u.id), '{}'),
                   m.form, m.kind, m.active_from
              FROM mentoring.mentorships m LEFT JOIN mentoring.people p ON p.tenant_id = m.tenant_id AND p.id = m.mentor_id
             WHERE m.order_id = $1
             ORDER BY p.full_name, m.id
            """, r => new FixedPair(r.GetString(0), r.GetFieldValue<string[]>(1), MentoringForms.Names.GetValueOrDefault(r.GetString(2), r.GetString(2)),
                ProgramNames.TryParse<MentoringKind>(r.GetString(3), out var kind) ? kind.Russian() : r.GetString(3),
                r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4)), ct, orderId);

    /// <param name="head">How the organisation's head is called: «Директор», «Заведующий».</param>
    /// <param name="stamp">When the order or its pairs last changed.</param>
    public static byte[] Write(LocalAct order, string organisation, string head, IReadOnlyList<FixedPair> pairs, DateTimeOffset stamp) => Platform.Mentoring.Documents.Docx.Write(
        OrderLayout.Order(organisation, order.Date.ToString("dd.MM.yyyy"), OrderNumber.Cite(order.Number), order.Title,
            "В соответствии с положением о системе наставничества педагогических работников организации",
        [
            Paragraph("1. Закрепить наставнические пары (группы):"),
            Table(Columns, Rows(pairs)),
            Paragraph("2. Контроль за исполнением приказа возложить на куратора системы наставничества."),
        ], head), landscape: false, stamp);

    private static IEnumerable<TableRow> Rows(IReadOnlyList<FixedPair> pairs)
    {
        yield return Row(Columns, header: true, "№", "Наставник", "Наставляемые", "Форма", "Вид", "С");
        for (var i = 0; i < pairs.Count; i++)
        {
            var p = pairs[i];
            yield return Row(Columns, header: false, $"{i + 1}", p.Mentor, string.Join("; ", p.Mentees), p.Form, p.Kind, p.From?.ToString("dd.MM.yyyy") ?? "");
        }
    }
}
