namespace Platform.Mentoring.LocalActs;

public sealed record RegisterLocalAct(LocalActKind? Kind, string? Number, DateOnly? Date, string? Title, string? Note);
/// <summary>PATCH: a field left out (null) is not changed; an empty note clears it.</summary>
public sealed record ChangeLocalAct(LocalActKind? Kind, string? Number, DateOnly? Date, string? Title, string? Note);
public sealed record RepealLocalAct(DateOnly? Date, string? Reason);

/// <summary>The decisions about a school's local act: validate, then return the events.</summary>
public static class LocalActCommands
{
    /// <param name="today">Today in the school's time zone.</param>
    public static LocalActRegistered Register(Guid id, RegisterLocalAct c, DateOnly today)
    {
        var v = new Validation().Require(c.Kind is not null, "kind", "Укажите вид акта.");
        v.CheckOrder(c.Number, c.Date, c.Title, c.Note, today);
        v.Require(c.Date is not null, "date", "Укажите дату приказа.").ThrowIfInvalid();
        return new LocalActRegistered(id, c.Kind!.Value, OrderNumber.Clean(c.Number)!, c.Date!.Value, c.Title!.Trim(), OrderFields.Note(c.Note));
    }

    public static object[] Change(LocalAct act, ChangeLocalAct c, DateOnly today)
    {
        var v = new Validation()
            .Require(c.Number is null || !string.IsNullOrWhiteSpace(c.Number), "number", "Номер приказа не может быть пустым.")
            .Require(c.Title is null || !string.IsNullOrWhiteSpace(c.Title), "title", "Название акта не может быть пустым.");
        v.CheckOrder(c.Number ?? act.Number, c.Date ?? act.Date, c.Title ?? act.Title, c.Note, today);
        v.ThrowIfInvalid();
        if (act.IsRepealed) throw new DomainRuleException($"Акт {LocalAct.Citation(act.Number, act.Date)} отменён: изменения не принимаются.");

        var changed = new LocalActChanged(c.Kind ?? act.Kind, (c.Number is null ? act.Number : OrderNumber.Clean(c.Number)!), c.Date ?? act.Date, c.Title?.Trim() ?? act.Title,
            c.Note is null ? act.Note : OrderFields.Note(c.Note));
        return changed == new LocalActChanged(act.Kind, act.Number, act.Date, act.Title, act.Note) ? [] : [changed];
    }

    public static LocalActRepealed Repeal(LocalAct act, RepealLocalAct c, DateOnly today)
    {
        var date = c.Date ?? today;
        new Validation()
            .Text(c.Reason, "reason", "причину отмены (например, «утратил силу в связи с изданием приказа № …»)", 1000)
            .Require(date <= today, "date", "Дата отмены не может быть в будущем.")
            .Require(date >= act.Date, "date", $"Дата отмены раньше даты самого акта ({act.Date:dd.MM.yyyy}).")
            .ThrowIfInvalid();
        if (act.IsRepealed) throw new DomainRuleException($"Акт {LocalAct.Citation(act.Number, act.Date)} уже отменён ({act.RepealedOn:dd.MM.yyyy}).");
        return new LocalActRepealed(date, c.Reason!.Trim());
    }

    public static LocalActAttachmentAdded AddAttachment(LocalAct act, Guid fileId, AcceptedFile file)
    {
        if (act.Attachments.FirstOrDefault(a => a.Sha256 == file.Sha256) is { } same)
            throw new DomainRuleException($"Этот файл уже приложен к акту (под именем «{same.FileName}»).");
        if (act.Attachments.Count >= 20) throw new DomainRuleException("К акту приложено 20 файлов: удалите лишние, прежде чем добавлять новые.");
        return new LocalActAttachmentAdded(fileId, file.FileName, file.ContentType, file.Size, file.Sha256);
    }

    public static LocalActAttachmentRemoved RemoveAttachment(LocalAct act, Guid fileId) =>
        act.FindAttachment(fileId) is { } file
            ? new LocalActAttachmentRemoved(file.Id, file.FileName)
            : throw new RecordNotFoundException("Такого файла у акта нет.");
}
