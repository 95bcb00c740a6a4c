using Platform.Reporting.Indicators;

namespace Platform.Reporting.SchoolReports;

/// <summary>A school's duty in a campaign, as reporting.campaign_schools holds it.</summary>
public sealed record SchoolDuty(Guid CampaignId, Guid DistrictId, string Title, DateOnly PeriodFrom, DateOnly PeriodTo, DateOnly DueOn,
    int LateAfterDays, DateOnly? LockOn, DateTimeOffset LateFrom, DateTimeOffset? LockedFrom, Guid? ReportId, string? ReportStatus);

/// <param name="CutOff">The moment the data is taken as of; now when left out.</param>
public sealed record GenerateReport(Guid? CampaignId, DateTimeOffset? CutOff = null);
public sealed record RefreshReport(DateTimeOffset? CutOff = null);
/// <param name="Values">Indicator code → value for the indicators entered by hand (flags: 1 or 0, or true/false as 1/0); null clears.</param>
public sealed record EnterValues(Dictionary<string, decimal?>? Values);
public sealed record ReturnReport(string? Comment);

/// <summary>The school report's decisions: validate, then return the events.</summary>
public static class SchoolReportCommands
{
    public static void RequireOpen(SchoolDuty duty, DateTimeOffset now)
    {
        if (duty.LockedFrom is { } locked && now >= locked)
            throw new DomainRuleException($"Кампания «{duty.Title}» закрыта {duty.LockOn:dd.MM.yyyy}: отчёты больше не изменяются.");
    }

    public static DateTimeOffset CheckCutOff(DateTimeOffset? cutOff, DateTimeOffset now)
    {
        var cut = cutOff ?? now;
        new Validation().Require(cut <= now, "cutOff", "Дата среза не может быть в будущем.")
            .Require(cut.Year >= 2000, "cutOff", "Укажите дату среза.").ThrowIfInvalid();
        return cut;
    }

    public static SchoolReportGenerated Generate(Guid id, SchoolDuty duty, DateTimeOffset cutOff, IReadOnlyList<Indicator> indicators,
        IReadOnlyDictionary<string, decimal?> computed, DateTimeOffset now)
    {
        RequireOpen(duty, now);
        if (duty.ReportId is not null) throw new DomainRuleException("Отчёт по этой кампании уже сформирован: обновите его данные или продолжите заполнение.");
        return new SchoolReportGenerated(id, duty.CampaignId, duty.DistrictId, cutOff, [.. indicators], ValuesOf(indicators, computed, null), now);
    }

    public static SchoolReportRefreshed Refresh(SchoolReport r, SchoolDuty duty, DateTimeOffset cutOff, IReadOnlyDictionary<string, decimal?> computed,
        DateTimeOffset now)
    {
        RequireOpen(duty, now);
        RequireEditable(r);
        return new SchoolReportRefreshed(cutOff, r.Indicators.Where(i => i.Source == IndicatorSource.Computed).Select(i => i.Code)
            .Concat(PercentWeights.KeysFor(r.Indicators)).ToDictionary(code => code, code => computed.GetValueOrDefault(code)));
    }

    public static SchoolReportValuesEntered Enter(SchoolReport r, SchoolDuty duty, EnterValues c, DateTimeOffset now)
    {
        var v = new Validation().Require(c.Values is { Count: > 0 }, "values", "Укажите значения показателей.");
        var byCode = r.Indicators.ToDictionary(i => i.Code);
        foreach (var (code, value) in c.Values ?? [])
        {
            var field = $"values.{code}";
            if (!byCode.TryGetValue(code, out var indicator)) { v.Require(false, field, $"Показателя «{code}» нет в отчёте."); continue; }
            v.Require(indicator.Source == IndicatorSource.Manual, field, $"Показатель «{indicator.Name}» рассчитывается по данным и не вводится вручную.");
            if (value is not { } x) continue;
            switch (indicator.Kind)
            {
                case IndicatorKind.Flag: v.Require(x is 0 or 1, field, $"«{indicator.Name}»: 1 (да) или 0 (нет)."); break;
                case IndicatorKind.Percent: v.Require(x is >= 0 and <= 100, field, $"«{indicator.Name}»: процент от 0 до 100."); break;
                default: v.Require(x >= 0 && x <= 1_000_000 && x == decimal.Truncate(x), field, $"«{indicator.Name}»: целое неотрицательное число."); break;
            }
        }
        v.ThrowIfInvalid();
        RequireOpen(duty, now);
        RequireEditable(r);
        return new SchoolReportValuesEntered(c.Values!);
    }

    public static SchoolReportSubmitted Submit(SchoolReport r, SchoolDuty duty, DateTimeOffset now)
    {
        RequireOpen(duty, now);
        RequireEditable(r);
        var v = new Validation();
        foreach (var i in r.Indicators.Where(i => i.Source == IndicatorSource.Manual && r.Values.GetValueOrDefault(i.Code) is null))
            v.Require(false, $"values.{i.Code}", $"Заполните показатель «{i.Name}».");
        v.ThrowIfInvalid();
        return new SchoolReportSubmitted(now, now >= duty.LateFrom);
    }

    /// <summary>Not after the lock date: the school could not correct it any more (accepting stays possible).</summary>
    public static SchoolReportReturned Return(SchoolReport r, SchoolDuty duty, ReturnReport c, DateTimeOffset now)
    {
        new Validation().Text(c.Comment, "comment", "комментарий: что исправить", 2000).ThrowIfInvalid();
        if (r.Status != ReportStatus.Submitted) throw new DomainRuleException(NotSubmitted(r));
        if (duty.LockedFrom is { } locked && now >= locked)
            throw new DomainRuleException($"Кампания «{duty.Title}» закрыта {duty.LockOn:dd.MM.yyyy}: организация уже не сможет исправить отчёт, его можно только принять.");
        return new SchoolReportReturned(c.Comment!.Trim(), now);
    }

    public static SchoolReportAccepted Accept(SchoolReport r, DateTimeOffset now) =>
        r.Status == ReportStatus.Submitted ? new SchoolReportAccepted(now) : throw new DomainRuleException(NotSubmitted(r));

    private static string NotSubmitted(SchoolReport r) => r.Status == ReportStatus.Accepted
        ? "Отчёт уже принят."
        : "Отчёт не сдан: принять или вернуть можно только сданный отчёт.";

    private static void RequireEditable(SchoolReport r)
    {
        if (r.Status == ReportStatus.Accepted) throw new DomainRuleException("Отчёт принят районом и закрыт для изменений.");
        if (r.Status == ReportStatus.Submitted) throw new DomainRuleException("Отчёт сдан и ждёт проверки района: изменить его можно, если район вернёт его.");
    }

    private static Dictionary<string, decimal?> ValuesOf(IReadOnlyList<Indicator> indicators, IReadOnlyDictionary<string, decimal?> computed,
        IReadOnlyDictionary<string, decimal?>? manual) =>
        indicators.Select(i => KeyValuePair.Create(i.Code, i.Source == IndicatorSource.Computed ? computed.GetValueOrDefault(i.Code) : manual?.GetValueOrDefault(i.Code)))
            .Concat(PercentWeights.KeysFor(indicators).Select(k => KeyValuePair.Create(k, computed.GetValueOrDefault(k)))).ToDictionary();
}
