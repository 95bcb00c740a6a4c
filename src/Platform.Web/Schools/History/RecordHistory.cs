using Platform.EventStore;

namespace Platform.Web.Schools.History;

public sealed record HistoryEntry(long Version, string What, DateTimeOffset At, string? Who);

/// <summary>A record's stream as a list a curator reads: what happened, when, who (from the events' metadata).</summary>
public static class RecordHistory
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["road_map_created"] = "Дорожная карта создана",
        ["road_map_details_changed"] = "Изменены название или учебные годы",
        ["stage_added"] = "Добавлен этап",
        ["stage_changed"] = "Изменён этап",
        ["stage_removed"] = "Удалён этап",
        ["activity_added"] = "Добавлено мероприятие",
        ["activity_changed"] = "Изменено мероприятие",
        ["activity_rescheduled"] = "Перенесён срок мероприятия",
        ["activity_status_changed"] = "Отмечен ход выполнения мероприятия",
        ["activity_removed"] = "Удалено мероприятие",
        ["mentorship_proposed"] = "Пара (группа) сформирована",
        ["pair_consent_recorded"] = "Внесено согласие участника",
        ["mentorship_approved"] = "Пара закреплена приказом",
        ["mentor_replaced"] = "Заменён наставник",
        ["mentorship_dissolved"] = "Пара расформирована",
        ["program_created"] = "Программа составлена",
        ["plan_row_added"] = "Добавлена строка плана",
        ["plan_row_done"] = "Мероприятие плана выполнено",
        ["meeting_held"] = "Проведена встреча",
        ["program_extended"] = "Программа продлена",
        ["program_corrected"] = "Программа скорректирована",
        ["program_completed"] = "Программа завершена",
        ["program_evaluated"] = "Программа оценена",
        ["person_registered"] = "Участник внесён",
        ["person_changed"] = "Исправлены ФИО, должность или класс",
        ["person_details_changed"] = "Изменены сведения под согласием",
        ["consent_given"] = "Внесено согласие на обработку персональных данных",
        ["consent_withdrawn"] = "Согласие отозвано",
        ["joined_mentor_pool"] = "Включён в банк наставников",
        ["left_mentor_pool"] = "Исключён из банка наставников",
        ["joined_mentee_pool"] = "Включён в банк наставляемых",
        ["left_mentee_pool"] = "Исключён из банка наставляемых",
        ["school_report_generated"] = "Отчёт сформирован по данным организации",
        ["school_report_refreshed"] = "Показатели пересчитаны по данным на новую дату",
        ["school_report_values_entered"] = "Внесены значения показателей",
        ["school_report_submitted"] = "Отчёт сдан в район",
        ["school_report_returned"] = "Отчёт возвращён районом на доработку",
        ["school_report_accepted"] = "Отчёт принят районом",
    };

    public static async Task<IReadOnlyList<HistoryEntry>> LoadAsync(DocumentSession session, Guid id, CancellationToken ct) =>
        (await session.Events.FetchStreamAsync(id, ct: ct))
        .Select(e => new HistoryEntry(e.Version, Names.GetValueOrDefault(e.EventTypeName, e.EventTypeName), e.Timestamp, e.UserName))
        .Reverse().ToList();
}
