using Platform.Mentoring.LocalActs;
namespace Platform.Mentoring.DistrictActs;

public sealed record RegisterDistrictAct(DistrictActKind? Kind, string? Number, DateOnly? Date, string? Title, string? Note = null);
/// <summary>PATCH: a field left out (null) is not changed; an empty note clears it.</summary>
public sealed record ChangeDistrictAct(DistrictActKind? Kind = null, string? Number = null, DateOnly? Date = null, string? Title = null, string? Note = null);
public sealed record RepealDistrictAct(DateOnly? Date, string? Reason);

/// <summary>The decisions about a district's act: validate, then return the events.</summary>
public static class DistrictActCommands
{
    /// <param name="today">Today in the district's time zone.</param>
    public static DistrictActRegistered Register(Guid id, RegisterDistrictAct c, DateOnly today)
    {
        var v = new Validation().Require(c.Kind is not null, "kind", "Укажите вид акта района.");
        v.CheckOrder(c.Number, c.Date, c.Title, c.Note, today);
        v.Require(c.Date is not null, "date", "Укажите дату приказа.").ThrowIfInvalid();
        return new DistrictActRegistered(id, c.Kind!.Value, OrderNumber.Clean(c.Number)!, c.Date!.Value, c.Title!.Trim(), OrderFields.Note(c.Note));
    }

    public static object[] Change(DistrictAct act, ChangeDistrictAct c, DateOnly today)
    {
        var v = new Validation()
            .Require(c.Number is null || OrderNumber.Clean(c.Number) is not null, "number", "Номер приказа не может быть пустым.")
            .Require(c.Title is null || !string.IsNullOrWhiteSpace(c.Title), "title", "Название акта не может быть пустым.");
        v.CheckOrder(c.Number ?? act.Number, c.Date ?? act.Date, c.Title ?? act.Title, c.Note, today);
        v.ThrowIfInvalid();
        if (act.IsRepealed) throw new DomainRuleException($"Акт {act.Citation} отменён: изменения не принимаются.");
        var changed = new DistrictActChanged(c.Kind ?? act.Kind, c.Number is null ? act.Number : OrderNumber.Clean(c.Number)!, c.Date ?? act.Date,
            c.Title?.Trim() ?? act.Title, c.Note is null ? act.Note : OrderFields.Note(c.Note));
        return changed == new DistrictActChanged(act.Kind, act.Number, act.Date, act.Title, act.Note) ? [] : [changed];
    }

    public static DistrictActRepealed Repeal(DistrictAct act, RepealDistrictAct c, DateOnly today)
    {
        var date = c.Date ?? today;
        new Validation()
            .Text(c.Reason, "reason", "причину отмены (например, «утратил силу в связи с изданием приказа № …»)", 1000)
            .Require(date <= today, "date", "Дата отмены не может быть в будущем.")
            .Require(date >= act.Date, "date", $"Дата отмены раньше даты самого акта ({act.Date:dd.MM.yyyy}).")
            .ThrowIfInvalid();
        if (act.IsRepealed) throw new DomainRuleException($"Акт {act.Citation} уже отменён ({act.RepealedOn:dd.MM.yyyy}).");
        return new DistrictActRepealed(date, c.Reason!.Trim());
    }
}
