using Platform.EventStore;
using Platform.Mentoring.Documents;
using Platform.Mentoring.RoadMaps;
using static Platform.Mentoring.Documents.Docx;

namespace Platform.Mentoring.LocalActs.Documents;

/// <summary>The school's road map as an order names it: «…» на 2025/2026 учебный год.</summary>
public sealed record RoadMapRef(string Title, string SchoolYears);

/// <summary>The regulation an order rests on: its title and the order that approved it («от 13.11.2023 № 360/1»).</summary>
public sealed record RegulationRef(string Title, string Citation);

/// <param name="Regulation">The act is the regulation itself (its title is the regulation's) or the regulation the order rests on, if registered.</param>
/// <param name="RoadMap">The school's road map for the school year of the order (else its latest), if it has one on the platform.</param>
public sealed record ApprovalOrder(OrderRequisites Requisites, LocalActKind Kind, DateOnly EffectiveFrom, RegulationRef? Regulation, RoadMapRef? RoadMap);

/// <summary>
/// The order approving the regulation on the mentoring system and the road map (seed 000, order № 360/1): for a registered
/// regulation — «Утвердить и ввести в действие: 1.1 положение (приложение 1), 1.2 дорожную карту (приложение 2)»; for an order
/// approving the road map — that road map, on the grounds of the regulation registered. The titles and years are those the
/// school keeps on the platform.
/// </summary>
public static class ApprovalOrderDocument
{
    public const string Grounds = "В соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации», "
        + "методическими рекомендациями по разработке и внедрению системы (целевой модели) наставничества педагогических работников "
        + "в образовательных организациях (письмо Минпросвещения России от 21.12.2021 № АЗ-1128/08)";

    public static readonly DocumentKind Kind = new("approval_order", "Приказ об утверждении положения о системе наставничества и дорожной карты",
    [
        .. OrderRequisites.Placeholders,
        new("grounds", "Основания: «В соответствии с …»"),
        new("regulation", "Название положения о системе наставничества"),
        new("road_map", "Название дорожной карты"),
        new("school_years", "Учебные годы дорожной карты: «2025/2026 учебный год»"),
    ]);

    public const string RegulationDefault = "Положение о системе наставничества педагогических работников организации";

    /// <summary>
    /// The regulation's own name from the registered act's title: a school registers either the regulation («Положение о …») or
    /// the order approving it («Об утверждении положения …»); the order's title is not the regulation's name.
    /// </summary>
    public static string RegulationName(string title) => IsOrderTitle(title) ? RegulationDefault : title;

    private static bool IsOrderTitle(string title) => title.StartsWith("О ", StringComparison.Ordinal) || title.StartsWith("Об ", StringComparison.Ordinal);

    public static async Task<ApprovalOrder> LoadAsync(DocumentSession session, Guid schoolId, LocalAct act, OrderRequisites requisites, CancellationToken ct)
    {
        var schoolYear = act.Date.Month >= 9 ? act.Date.Year : act.Date.Year - 1;
        var map = (await session.QueryAsync("""
            SELECT title, first_year, years FROM mentoring.road_maps WHERE tenant_id = $1
             ORDER BY ($2 >= first_year AND $2 < first_year + years) DESC, first_year DESC, created_at DESC, id LIMIT 1
            """, r => new RoadMapRef(r.GetString(0), RoadMapView.SchoolYearsText(r.GetInt32(1), r.GetInt32(2))), ct, schoolId, schoolYear)).FirstOrDefault();
        var regulation = act.Kind == LocalActKind.Regulation
            ? new RegulationRef(RegulationName(act.Title), LocalAct.Citation(act.Number, act.Date))
            : (await session.QueryAsync("""
                SELECT title, number, date FROM mentoring.local_acts WHERE tenant_id = $1 AND kind = 'regulation' AND repealed_on IS NULL
                 ORDER BY date DESC, id LIMIT 1
                """, r => new RegulationRef(RegulationName(r.GetString(0)), LocalAct.Citation(r.GetString(1), r.GetFieldValue<DateOnly>(2))), ct, schoolId)).FirstOrDefault();
        // A registered regulation named as such: its order is titled by what it approves.
        var title = act.Kind == LocalActKind.Regulation && !IsOrderTitle(act.Title)
            ? "Об утверждении положения о системе наставничества педагогических работников" + (map is null ? "" : " и дорожной карты")
            : act.Title;
        return new ApprovalOrder(requisites with { Title = title }, act.Kind, act.Date, regulation, map);
    }

    /// <summary>When the road maps or regulations the order names last changed (besides the act itself).</summary>
    public static async Task<DateTimeOffset?> ChangedAsync(DocumentSession session, Guid schoolId, CancellationToken ct) =>
        (await session.QueryAsync("""
            SELECT greatest((SELECT max(updated_at) FROM mentoring.road_maps WHERE tenant_id = $1),
                            (SELECT max(updated_at) FROM mentoring.local_acts WHERE tenant_id = $1 AND kind = 'regulation'))
            """, r => r.IsDBNull(0) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(0), ct, schoolId)).Single();

    public static DocumentFields Fields(ApprovalOrder order) => order.Requisites.Fields()
        .Set("grounds", GroundsOf(order)).Set("regulation", order.Regulation?.Title).Set("road_map", order.RoadMap?.Title)
        .Set("school_years", order.RoadMap?.SchoolYears);

    /// <param name="stamp">When the act, the road map or the regulation last changed.</param>
    public static byte[] Write(ApprovalOrder order, DateTimeOffset stamp) =>
        Docx.Write(order.Requisites.Layout(GroundsOf(order), Points(order).Select(p => Paragraph(p))), landscape: false, stamp);

    private static string GroundsOf(ApprovalOrder order) =>
        order.Kind == LocalActKind.RoadMapApproval && order.Regulation is { } r
            ? $"{Grounds}, положением «{r.Title}», утверждённым приказом {r.Citation},"
            : Grounds + ",";

    private static IEnumerable<string> Points(ApprovalOrder order)
    {
        var map = order.RoadMap is { } m ? $"дорожную карту (план мероприятий) «{m.Title}» на {m.SchoolYears}" : null;
        if (order.Kind == LocalActKind.Regulation)
        {
            yield return $"1. Утвердить и ввести в действие с {OrderLayout.InWords(order.EffectiveFrom)}:";
            yield return $"1.1. {order.Regulation!.Title} (приложение 1).";
            if (map is not null) yield return $"1.2. {char.ToUpperInvariant(map[0])}{map[1..]} (приложение 2).";
            yield return "2. Куратору системы наставничества ознакомить педагогических работников с положением"
                + (map is null ? "." : " и дорожной картой.");
        }
        else
        {
            yield return $"1. Утвердить {map} (приложение).";
            yield return "2. Куратору системы наставничества организовать выполнение мероприятий дорожной карты в установленные сроки.";
        }
        yield return "3. Контроль за исполнением настоящего приказа оставляю за собой.";
    }
}
