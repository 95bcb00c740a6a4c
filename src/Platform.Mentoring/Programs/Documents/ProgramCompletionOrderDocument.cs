using Platform.Mentoring.Documents;
using static Platform.Mentoring.Documents.Docx;

namespace Platform.Mentoring.Programs.Documents;

/// <summary>
/// The order completing a personalized program: the pair (genitive), the term, the date and reason of completion (7.1 of seeds
/// 000 and 001), the result of the latest evaluation by the nine criteria of seed 003, control by the curator.
/// </summary>
public static class ProgramCompletionOrderDocument
{
    public const string Title = "О завершении реализации персонализированной программы наставничества";

    public static readonly DocumentKind Kind = new("program_completion_order", "Приказ о завершении персонализированной программы наставничества",
    [
        .. OrderRequisites.Placeholders,
        .. ProgramOrders.PairPlaceholders,
        new("completed_on", "Дата завершения словами: «20 мая 2027 г.»"),
        new("reason", "Основание завершения"),
        new("evaluation", "Итог оценки: «16 баллов из 18 — оптимальный уровень» (пусто, если оценки нет)"),
    ]);

    public static string? Evaluation(ProgramView p) => p.Evaluations.LastOrDefault() is { } e ? $"{ProgramOrders.Points(e.Total)} — {e.LevelName} уровень" : null;

    public static DocumentFields Fields(OrderRequisites requisites, ProgramView p) => ProgramOrders.PairFields(requisites, p)
        .Set("completed_on", OrderLayout.InWords(p.Completion!.CompletedOn)).Set("reason", p.Completion.ReasonName).Set("evaluation", Evaluation(p));

    /// <param name="stamp">When the program last changed.</param>
    public static byte[] Write(OrderRequisites requisites, ProgramView p, DateTimeOffset stamp) =>
        Docx.Write(requisites.Layout("В соответствии с положением о системе наставничества педагогических работников организации,",
            Points(p).Select(x => Paragraph(x))), landscape: false, stamp);

    private static IEnumerable<string> Points(ProgramView p)
    {
        var c = p.Completion!;
        var n = 0;
        yield return $"{++n}. Завершить {OrderLayout.InWords(c.CompletedOn)} реализацию персонализированной программы наставничества {ProgramOrders.Pair(p)} "
            + $"(форма наставничества — «{p.FormName}», вид — «{p.KindName}», срок реализации {ProgramDocument.Term(p)}).";
        yield return $"{++n}. Основание: {char.ToLowerInvariant(c.ReasonName[0])}{c.ReasonName[1..]}" + (c.Note is { Length: > 0 } note ? $" ({note})." : ".");
        if (Evaluation(p) is { } evaluation) yield return $"{++n}. Принять к сведению оценку выполнения программы и ее эффективности: {evaluation}.";
        yield return $"{++n}. Куратору системы наставничества внести сведения о завершении программы в отчёт о реализации системы наставничества.";
        yield return $"{++n}. Контроль за исполнением настоящего приказа возложить на куратора системы наставничества.";
    }
}
