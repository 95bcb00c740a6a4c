namespace Platform.Mentoring.DistrictDeadlines;

/// <summary>
/// A deadline: a title; either a date (dueOn) or a day and month every year (yearlyDay, yearlyMonth — «23 декабря ежегодно»)
/// from firstYear on (by default the year of the act, else this year); the district act it comes from; what completes it
/// (completedBy: school — the school marks it; regulation_adopted, road_map_approved, curator_appointed — its records;
/// monitoring_report — its report in the district's campaign of the year, or its mark).
/// </summary>
public sealed record SetDistrictDeadline(string? Title, DateOnly? DueOn = null, int? YearlyMonth = null, int? YearlyDay = null, int? FirstYear = null,
    Guid? ActId = null, CompletedBy? CompletedBy = null);
public sealed record CancelDistrictDeadline(DateOnly? Date = null, string? Reason = null);
public sealed record MarkDistrictDeadline(int? Year = null, DateOnly? DoneOn = null, string? Note = null);

/// <summary>The act a deadline cites, as the edge found it in the district: its date (the default first year) and whether it is repealed.</summary>
public sealed record CitedAct(Guid Id, DateOnly Date, bool Repealed);

/// <summary>The district deadline's decisions and the school's marks on it: validate, then return the events.</summary>
public static class DistrictDeadlineCommands
{
    public static DistrictDeadlineSet Set(Guid id, SetDistrictDeadline c, CitedAct? act, DateOnly today)
    {
        var (title, firstYear, completedBy) = Check(c, act, today);
        return new DistrictDeadlineSet(id, title, c.DueOn, c.DueOn is null ? c.YearlyMonth : null, c.DueOn is null ? c.YearlyDay : null, firstYear,
            c.ActId, completedBy);
    }

    /// <summary>PUT: replaces the deadline's terms.</summary>
    public static object[] Change(DistrictDeadline d, SetDistrictDeadline c, CitedAct? act, DateOnly today)
    {
        var (title, firstYear, completedBy) = Check(c, act, today, d.ActId);
        if (d.CancelledOn is not null) throw new DomainRuleException($"Срок «{d.Title}» отменён: изменения не принимаются.");
        var changed = new DistrictDeadlineChanged(title, c.DueOn, c.DueOn is null ? c.YearlyMonth : null, c.DueOn is null ? c.YearlyDay : null, firstYear,
            c.ActId, completedBy);
        return changed == new DistrictDeadlineChanged(d.Title, d.DueOn, d.YearlyMonth, d.YearlyDay, d.FirstYear, d.ActId, d.CompletedBy) ? [] : [changed];
    }

    public static DistrictDeadlineCancelled Cancel(DistrictDeadline d, CancelDistrictDeadline c, DateOnly today)
    {
        new Validation()
            .Text(c.Reason, "reason", "причину отмены срока", 1000)
            .Require(c.Date is null || c.Date <= today, "date", "Дата отмены не может быть в будущем.")
            .ThrowIfInvalid();
        if (d.CancelledOn is not null) throw new DomainRuleException($"Срок «{d.Title}» уже отменён ({d.CancelledOn:dd.MM.yyyy}).");
        return new DistrictDeadlineCancelled(c.Date ?? today, c.Reason!.Trim());
    }

    /// <summary>
    /// The school marks the deadline done: a yearly one for one year (by default the year whose date is nearest not yet
    /// marked — the current one), a dated one for its year. Deadlines that complete from the school's records are not marked.
    /// </summary>
    public static DistrictDeadlineMarkedDone MarkDone(DistrictDeadline d, DistrictDeadlineMarks? marks, MarkDistrictDeadline c, DateOnly today)
    {
        if (d.CancelledOn is not null) throw new DomainRuleException($"Срок «{d.Title}» отменён районом.");
        if (d.CompletedBy is not (CompletedBy.School or CompletedBy.MonitoringReport))
            throw new DomainRuleException($"Этот срок отмечается сам, по данным организации: {d.CompletedBy.Russian().ToLowerInvariant()}. "
                + "Внесите соответствующий акт или назначение, и срок будет выполнен.");
        var year = d.DueOn?.Year ?? c.Year ?? today.Year;
        new Validation()
            .Require(d.DueOn is null || c.Year is null || c.Year == d.DueOn.Value.Year, "year", "У разового срока год указывать не нужно.")
            .Require(year >= d.FirstYear && year <= today.Year + 1, "year", $"Год срока — от {d.FirstYear} до {today.Year + 1}.")
            .Require(c.DoneOn is null || c.DoneOn <= today, "doneOn", "Дата выполнения не может быть в будущем.")
            .Require(c.DoneOn is null || c.DoneOn.Value.Year >= 2000, "doneOn", "Проверьте дату выполнения.")
            .Require(c.Note is null || c.Note.Trim().Length <= 1000, "note", "Поле «примечание» длиннее 1000 символов.")
            .ThrowIfInvalid();
        if (marks?.Done.TryGetValue(year, out var on) == true)
            throw new DomainRuleException(d.IsYearly ? $"Срок за {year} год уже отмечен выполненным ({on:dd.MM.yyyy})." : $"Срок уже отмечен выполненным ({on:dd.MM.yyyy}).");
        return new DistrictDeadlineMarkedDone(d.Id, year, c.DoneOn ?? today, string.IsNullOrWhiteSpace(c.Note) ? null : c.Note.Trim());
    }

    public static DistrictDeadlineMarkUndone Undo(DistrictDeadline d, DistrictDeadlineMarks? marks, int? year)
    {
        var y = d.DueOn?.Year ?? year;
        if (y is null || marks?.Done.ContainsKey(y.Value) != true)
            throw new DomainRuleException(d.IsYearly ? "За этот год срок не отмечен выполненным." : "Срок не отмечен выполненным.");
        return new DistrictDeadlineMarkUndone(d.Id, y.Value);
    }

    private static (string Title, int FirstYear, CompletedBy CompletedBy) Check(SetDistrictDeadline c, CitedAct? act, DateOnly today, Guid? keptAct = null)
    {
        var yearly = c.YearlyMonth is not null || c.YearlyDay is not null;
        var v = new Validation()
            .Text(c.Title, "title", "что нужно сделать к сроку, например «Утвердить положение о системе наставничества»", 500)
            .Require(c.DueOn is not null || yearly, "dueOn", "Укажите срок: дату или день и месяц ежегодного срока (например, 23 декабря).")
            .Require(c.DueOn is null || !yearly, "dueOn", "Срок либо разовый (дата), либо ежегодный (день и месяц) — не оба сразу.")
            .Require(c.DueOn is null || c.DueOn.Value.Year is >= 2000 && c.DueOn <= today.AddYears(10), "dueOn", "Дата срока — с 2000 года и не дальше десяти лет вперёд.");
        if (c.DueOn is null && yearly)
        {
            v.Require(c.YearlyMonth is >= 1 and <= 12, "yearlyMonth", "Месяц ежегодного срока — от 1 до 12.");
            // 29 February is not a date every year.
            v.Require(c.YearlyDay is >= 1 && c.YearlyMonth is >= 1 and <= 12 && c.YearlyDay <= DateTime.DaysInMonth(2023, c.YearlyMonth.Value), "yearlyDay",
                "Укажите день ежегодного срока, который есть в этом месяце каждый год.");
        }
        v.Require(c.FirstYear is null || c.FirstYear is >= 2000 && c.FirstYear <= today.Year + 10, "firstYear", "Первый год срока — от 2000 до " + (today.Year + 10) + ".")
            .Require(c.FirstYear is null || c.DueOn is null, "firstYear", "Первый год указывают только для ежегодного срока.")
            .Require(c.ActId is null || act is not null, "actId", "Такого акта в районе нет.")
            .Require(act is null || !act.Repealed || act.Id == keptAct, "actId", "Этот акт района отменён: срок по нему не устанавливается.")
            .Require(c.CompletedBy is null or CompletedBy.School or CompletedBy.MonitoringReport || c.DueOn is not null, "completedBy",
                "По принятому акту или назначению выполняются только разовые сроки.")
            .ThrowIfInvalid();
        var firstYear = c.DueOn?.Year ?? c.FirstYear ?? act?.Date.Year ?? today.Year;
        return (c.Title!.Trim(), firstYear, c.CompletedBy ?? CompletedBy.School);
    }
}
