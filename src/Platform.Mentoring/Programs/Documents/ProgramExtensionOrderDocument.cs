using Platform.Mentoring.Documents;
using Platform.Mentoring.Documents.Declension;
using static Platform.Mentoring.Documents.Docx;

namespace Platform.Mentoring.Programs.Documents;

/// <summary>
/// The order extending a personalized program (7.2 of seeds 000 and 001: by mutual consent of the participants): the pair
/// (genitive), the latest extension — until when, agreed on which date, why — and the mentor (dative) charged with the plan.
/// </summary>
public static class ProgramExtensionOrderDocument
{
    public const string Title = "О продлении срока реализации персонализированной программы наставничества";

    public static readonly DocumentKind Kind = new("program_extension_order", "Приказ о продлении персонализированной программы наставничества",
    [
        .. OrderRequisites.Placeholders,
        .. ProgramOrders.PairPlaceholders,
        new("extended_to", "Новый срок окончания словами: «30 июня 2027 г.»"),
        new("agreed_on", "Дата согласия участников: «15.05.2027»"),
        new("reason", "Причина продления"),
    ]);

    public static DocumentFields Fields(OrderRequisites requisites, ProgramView p)
    {
        var x = p.Extensions[^1];
        return ProgramOrders.PairFields(requisites, p).Set("extended_to", OrderLayout.InWords(x.To)).Set("agreed_on", x.AgreedOn.ToString("dd.MM.yyyy"))
            .Set("reason", x.Reason);
    }

    /// <param name="stamp">When the program last changed.</param>
    public static byte[] Write(OrderRequisites requisites, ProgramView p, DateTimeOffset stamp)
    {
        var x = p.Extensions[^1];
        return Docx.Write(requisites.Layout(
            $"В соответствии с положением о системе наставничества педагогических работников организации, по взаимному согласию участников "
            + $"({x.AgreedOn:dd.MM.yyyy}),",
            new[]
            {
                $"1. Продлить до {OrderLayout.InWords(x.To)} срок реализации персонализированной программы наставничества {ProgramOrders.Pair(p)} "
                + $"(форма наставничества — «{p.FormName}», вид — «{p.KindName}»).",
                $"2. Причина продления: {x.Reason}",
                $"3. Наставнику {RussianNames.FullName(p.Mentor.FullName, GrammaticalCase.Dative)} внести изменения в план взаимодействия на продлённый срок.",
                "4. Контроль за исполнением настоящего приказа возложить на куратора системы наставничества.",
            }.Select(t => Paragraph(t))), landscape: false, stamp);
    }
}
