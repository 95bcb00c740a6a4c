namespace Platform.Mentoring.Documents;

/// <summary>
/// The district's monitoring summary (its schools' figures from the dashboard) as a document. Declared here, with the other
/// kinds, because Reporting — which computes the summary and lays it out (Platform.Reporting.Dashboard.Documents) — builds on
/// this module, not the other way round.
/// </summary>
public static class DistrictSummaryKind
{
    public static readonly DocumentKind Kind = new("district_summary", "Сводка мониторинга системы наставничества района",
    [
        new("district", "Наименование района"),
        new("school_year", "Учебный год: «2026/2027 учебный год»"),
        new("as_of", "По состоянию на: «7 декабря 2026 г.»"),
        new("schools.number", "Номер по порядку"),
        new("schools.name", "Краткое наименование организации"),
        new("schools.regulation", "Положение: «да» или «нет»"),
        new("schools.road_map", "Дорожная карта утверждена: «да» или «нет»"),
        new("schools.curator", "Куратор назначен: «да» или «нет»"),
        new("schools.pair_orders", "Приказов о закреплении пар"),
        new("schools.mentor_pool", "Наставников в банке"),
        new("schools.mentee_pool", "Наставляемых в банке"),
        new("schools.pairs", "Действующих пар (групп)"),
        new("schools.programs_active", "Программ реализуется"),
        new("schools.programs_completed", "Программ завершено"),
        new("schools.teachers", "Охват педагогов: «12,5 %»"),
        new("schools.students", "Охват обучающихся: «3,1 %»"),
        new("schools.overdue", "Просроченных мероприятий дорожной карты"),
        new("schools.evaluations", "Оценки программ: оптимальный / допустимый / недопустимый"),
        new("schools.lagging", "Отставание: причины через «; » или пусто"),
    ]);
}
