namespace Platform.Jobs.Reminders;

/// <summary>A district's reminder policy for one kind of deadline.</summary>
public sealed record ReminderPolicy(string Kind, int[] Offsets, TimeOnly SendAt, bool Escalate, int EscalationDays)
{
    public static readonly int[] DefaultOffsets = [14, 7, 3, 1, 0];
    public static readonly TimeOnly DefaultSendAt = new(9, 0);
    public const int DefaultEscalationDays = 30;

    public static ReminderPolicy Default(string kind) => new(kind, DefaultOffsets, DefaultSendAt, true, DefaultEscalationDays);

    public static Dictionary<string, string[]> Check(ReminderPolicyDraft draft)
    {
        var errors = new Dictionary<string, string[]>();
        if (draft.Offsets is null || draft.Offsets.Length == 0 || draft.Offsets.Length > 10)
            errors["offsets"] = ["Укажите от 1 до 10 сроков напоминания (дней до срока, 0 — в день срока)."];
        else if (draft.Offsets.Any(o => o is < 0 or > 90))
            errors["offsets"] = ["Напоминать можно за 0–90 дней до срока."];
        else if (draft.Offsets.Distinct().Count() != draft.Offsets.Length)
            errors["offsets"] = ["Сроки напоминания не должны повторяться."];
        if (draft.SendAt is { } t && !TimeOnly.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out _))
            errors["sendAt"] = ["Время отправки в формате ЧЧ:ММ, например 09:00."];
        if (draft.EscalationDays is < 1 or > 365)
            errors["escalationDays"] = ["Эскалация длится от 1 до 365 дней после срока."];
        return errors;
    }
}

public sealed record ReminderPolicyDraft(int[]? Offsets, string? SendAt, bool? Escalate, int? EscalationDays);

public sealed record ReminderPolicyView(string Kind, string KindName, int[] Offsets, string SendAt, bool Escalate, int EscalationDays, bool IsDefault);
