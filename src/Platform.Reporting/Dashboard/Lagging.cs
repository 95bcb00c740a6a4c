using System.Globalization;

namespace Platform.Reporting.Dashboard;

/// <summary>Why a school (or a district) is behind, in words for the district curator. No reason: not lagging.</summary>
public static class Lagging
{
    private static readonly CultureInfo Ru = CultureInfo.GetCultureInfo("ru-RU");

    public static List<string> Reasons(RequiredActs acts, int activeMentorships, CoverageFigure teachers, CoverageFigure students, int overdue,
        EvaluationLevels evaluations)
    {
        var reasons = new List<string>();
        if (!acts.Regulation) reasons.Add("Не принято положение о системе наставничества");
        if (!acts.RoadMapApproved) reasons.Add("Дорожная карта не утверждена приказом");
        if (!acts.CuratorAppointed) reasons.Add("Не назначен куратор");
        if (acts.PairOrders == 0) reasons.Add("Нет приказов о закреплении наставнических пар");
        if (activeMentorships == 0) reasons.Add("Нет действующих наставнических пар");
        if (teachers.TargetApplies && teachers.Total is null && students.TargetApplies && students.Total is null)
            reasons.Add("Не указана численность педагогов и обучающихся за учебный год");
        else if (teachers.TargetApplies && teachers.Total is null) reasons.Add("Не указана численность педагогов за учебный год");
        else if (students.TargetApplies && students.Total is null) reasons.Add("Не указана численность обучающихся за учебный год");
        if (teachers.TargetMet == false) reasons.Add($"Охват педагогов {Percent(teachers.Percent!.Value)} ниже цели {Percent(teachers.Target)}");
        if (students.TargetMet == false) reasons.Add($"Охват обучающихся {Percent(students.Percent!.Value)} ниже цели {Percent(students.Target)}");
        if (overdue > 0) reasons.Add($"Просрочено мероприятий дорожной карты: {overdue}");
        if (evaluations.Unacceptable > 0) reasons.Add($"Программ с недопустимым уровнем оценки: {evaluations.Unacceptable}");
        return reasons;
    }

    /// <summary>A district is behind when a quarter of its schools or more are, or it misses a coverage target.</summary>
    public static List<string> DistrictReasons(DashboardTotals t)
    {
        var reasons = new List<string>();
        if (t.Schools > 0 && t.LaggingSchools * 4 >= t.Schools) reasons.Add($"Отстающих организаций: {t.LaggingSchools} из {t.Schools}");
        if (t.Teachers.TargetMet == false) reasons.Add($"Охват педагогов {Percent(t.Teachers.Percent!.Value)} ниже цели {Percent(t.Teachers.Target)}");
        if (t.Students.TargetMet == false) reasons.Add($"Охват обучающихся {Percent(t.Students.Percent!.Value)} ниже цели {Percent(t.Students.Target)}");
        if (t.OverdueActivities > 0) reasons.Add($"Просрочено мероприятий дорожных карт: {t.OverdueActivities}");
        return reasons;
    }

    private static string Percent(decimal value) => value.ToString("0.#", Ru) + " %";
}
