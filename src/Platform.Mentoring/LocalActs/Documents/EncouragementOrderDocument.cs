using Platform.EventStore;
using Platform.Mentoring.Documents;
using Platform.Mentoring.Documents.Declension;
using static Platform.Mentoring.Documents.Docx;

namespace Platform.Mentoring.LocalActs.Documents;

/// <summary>A mentor the order thanks: the programs completed in the period with the optimal level, and the best total of them.</summary>
public sealed record EncouragedMentor(string FullName, string? Position, int Programs, int BestTotal);

/// <param name="From">The first day of the period: a year before the order's date.</param>
public sealed record EncouragementOrder(OrderRequisites Requisites, DateOnly From, DateOnly To, IReadOnlyList<EncouragedMentor> Mentors);

/// <summary>
/// The encouragement order: «Объявить благодарность за результативную наставническую деятельность» to the mentors whose
/// personalized programs were completed in the year up to the order's date with the optimal level of the curator's evaluation
/// (15–18 points of the nine criteria of seed 003) — the facts the platform holds; the names in the dative
/// (<see cref="RussianNames"/>). A mentor with several such programs is named once.
/// </summary>
public static class EncouragementOrderDocument
{
    public static readonly DocumentKind Kind = new("encouragement_order", "Приказ о поощрении наставников",
    [
        .. OrderRequisites.Placeholders,
        new("period", "Период: «с 08.12.2025 по 07.12.2026»"),
        new("mentors.number", "Номер по порядку"),
        new("mentors.name", "ФИО наставника в дательном падеже: «Петрову Ивану Ивановичу»"),
        new("mentors.position", "Должность"),
        new("mentors.programs", "Число программ, завершённых с оптимальным уровнем"),
        new("mentors.total", "Лучшая оценка: «17 баллов из 18»"),
    ]);

    public static async Task<IReadOnlyList<EncouragedMentor>> MentorsAsync(DocumentSession session, Guid schoolId, DateOnly from, DateOnly to, CancellationToken ct) =>
        await session.QueryAsync("""
            SELECT p.full_name, p.position, count(*)::int, max(pr.evaluation_total)
              FROM mentoring.programs pr
              JOIN mentoring.mentorships m ON m.tenant_id = pr.tenant_id AND m.id = pr.mentorship_id
              JOIN mentoring.people p ON p.tenant_id = m.tenant_id AND p.id = m.mentor_id
             WHERE pr.tenant_id = $1 AND pr.status = 'completed' AND pr.evaluation_level = 'optimal' AND pr.completed_on BETWEEN $2 AND $3
             GROUP BY p.id, p.full_name, p.position
             ORDER BY p.full_name, p.id
            """, r => new EncouragedMentor(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt32(2), r.GetInt32(3)), ct, schoolId, from, to);

    public static async Task<DateTimeOffset?> ChangedAsync(DocumentSession session, Guid schoolId, DateOnly from, DateOnly to, CancellationToken ct) =>
        (await session.QueryAsync(
            "SELECT max(updated_at) FROM mentoring.programs WHERE tenant_id = $1 AND status = 'completed' AND completed_on BETWEEN $2 AND $3",
            r => r.IsDBNull(0) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(0), ct, schoolId, from, to)).Single();

    public static string Period(EncouragementOrder order) => $"с {order.From:dd.MM.yyyy} по {order.To:dd.MM.yyyy}";

    public static string Total(int total) => Programs.Documents.ProgramOrders.Points(total);

    public static DocumentFields Fields(EncouragementOrder order) => order.Requisites.Fields().Set("period", Period(order))
        .Table("mentors", order.Mentors.Select((m, i) => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["number"] = $"{i + 1}", ["name"] = RussianNames.FullName(m.FullName, GrammaticalCase.Dative), ["position"] = m.Position ?? "",
            ["programs"] = $"{m.Programs}", ["total"] = Total(m.BestTotal),
        }));

    /// <param name="stamp">When the act or the programs of the period last changed.</param>
    public static byte[] Write(EncouragementOrder order, DateTimeOffset stamp) =>
        Docx.Write(order.Requisites.Layout(
            $"По итогам реализации персонализированных программ наставничества {Period(order)} и оценки их выполнения и эффективности,",
            Points(order).Select(p => Paragraph(p))), landscape: false, stamp);

    private static IEnumerable<string> Points(EncouragementOrder order)
    {
        yield return "1. Объявить благодарность за результативную наставническую деятельность наставникам, чьи персонализированные программы "
            + "наставничества завершены с оптимальным уровнем оценки:";
        for (var i = 0; i < order.Mentors.Count; i++)
        {
            var m = order.Mentors[i];
            yield return $"1.{i + 1}. {RussianNames.FullName(m.FullName, GrammaticalCase.Dative)}"
                + (m.Position is { Length: > 0 } position ? $" ({position})" : "") + $" — {Total(m.BestTotal)}"
                + (m.Programs > 1 ? $", программ: {m.Programs}." : ".");
        }
        yield return "2. Куратору системы наставничества довести приказ до сведения педагогических работников.";
        yield return "3. Контроль за исполнением настоящего приказа оставляю за собой.";
    }
}
