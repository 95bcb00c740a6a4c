using Platform.Mentoring.People;

namespace Platform.Mentoring.Pools;

public sealed record JoinMentorPool(Guid? PersonId, string[]? Competencies, string[]? Subjects = null, int? Capacity = null,
    string? Availability = null, DateOnly? AvailableUntil = null, string[]? PreferredForms = null);
public sealed record ChangeMentorProfile(string[]? Competencies, string[]? Subjects = null, int? Capacity = null,
    string? Availability = null, DateOnly? AvailableUntil = null, string[]? PreferredForms = null);
public sealed record JoinMenteePool(Guid? PersonId, string[]? Difficulties = null, string[]? Requests = null, string[]? Subjects = null,
    string? DesiredForm = null);
public sealed record ChangeMenteeProfile(string[]? Difficulties = null, string[]? Requests = null, string[]? Subjects = null, string? DesiredForm = null);
public sealed record LeavePool(string? Reason);

/// <summary>Joining and leaving the pools: only with a valid consent, once at a time; leaving needs a reason.</summary>
public static class PoolCommands
{
    public static (object[] Events, MentorProfile Profile) JoinMentorPool(Person p, JoinMentorPool c, DateOnly today, DateTimeOffset now)
    {
        var profile = Mentor(new ChangeMentorProfile(c.Competencies, c.Subjects, c.Capacity, c.Availability, c.AvailableUntil, c.PreferredForms), today);
        if (!p.HasValidConsent) throw new DomainRuleException(PersonCommands.NoConsent);
        if (p.InMentorPool) throw new DomainRuleException("Участник уже в банке наставников: измените его анкету наставника.");
        return ([new JoinedMentorPool(p.Id, now), new MentorProfileChanged(p.Id, profile.ChangedFields(null))], profile);
    }

    public static (object[] Events, MentorProfile Profile) ChangeMentorProfile(Person p, MentorProfile current, ChangeMentorProfile c, DateOnly today)
    {
        var profile = Mentor(c, today);
        var fields = profile.ChangedFields(current);
        return (fields.Length == 0 ? [] : [new MentorProfileChanged(p.Id, fields)], profile);
    }

    public static LeftMentorPool LeaveMentorPool(Person p, LeavePool c, DateTimeOffset now)
    {
        new Validation().Text(c.Reason, "reason", "причину выхода из банка наставников", 1000).ThrowIfInvalid();
        return p.InMentorPool ? new LeftMentorPool(p.Id, Texts.Clean(c.Reason)!, now) : throw new RecordNotFoundException("Участника нет в банке наставников.");
    }

    public static (object[] Events, MenteeProfile Profile) JoinMenteePool(Person p, JoinMenteePool c, DateTimeOffset now)
    {
        var profile = Mentee(new ChangeMenteeProfile(c.Difficulties, c.Requests, c.Subjects, c.DesiredForm));
        if (!p.HasValidConsent) throw new DomainRuleException(PersonCommands.NoConsent);
        if (p.InMenteePool) throw new DomainRuleException("Участник уже в банке наставляемых: измените его анкету наставляемого.");
        return ([new JoinedMenteePool(p.Id, now), new MenteeProfileChanged(p.Id, profile.ChangedFields(null))], profile);
    }

    public static (object[] Events, MenteeProfile Profile) ChangeMenteeProfile(Person p, MenteeProfile current, ChangeMenteeProfile c)
    {
        var profile = Mentee(c);
        var fields = profile.ChangedFields(current);
        return (fields.Length == 0 ? [] : [new MenteeProfileChanged(p.Id, fields)], profile);
    }

    public static LeftMenteePool LeaveMenteePool(Person p, LeavePool c, DateTimeOffset now)
    {
        new Validation().Text(c.Reason, "reason", "причину выхода из банка наставляемых", 1000).ThrowIfInvalid();
        return p.InMenteePool ? new LeftMenteePool(p.Id, Texts.Clean(c.Reason)!, now) : throw new RecordNotFoundException("Участника нет в банке наставляемых.");
    }

    private static MentorProfile Mentor(ChangeMentorProfile c, DateOnly today)
    {
        var competencies = Texts.CleanList(c.Competencies);
        var forms = Texts.CleanList(c.PreferredForms);
        var v = new Validation()
            .Require(competencies.Length > 0, "competencies", "Укажите хотя бы одну компетенцию: в чём наставник может помочь.")
            .List(c.Competencies, "competencies", "компетенции", 30, 300)
            .List(c.Subjects, "subjects", "предметы", 20, 100)
            .Require(c.Capacity is >= 1 and <= 10, "capacity", "Сколько наставляемых может вести наставник: от 1 до 10.")
            .Require(c.Availability is null || c.Availability.Trim().Length <= 500, "availability", "Поле «доступность» длиннее 500 символов.")
            .Require(c.AvailableUntil is null || c.AvailableUntil >= today, "availableUntil", "Дата «доступен до» уже прошла.")
            .Require(forms.Length > 0, "preferredForms", "Укажите хотя бы одну форму наставничества: " + MentoringForms.Known + ".");
        for (var i = 0; i < forms.Length; i++)
            v.Require(MentoringForms.IsKnown(forms[i]), $"preferredForms[{i}]", "Неизвестная форма наставничества. Возможные: " + MentoringForms.Known + ".");
        v.ThrowIfInvalid();
        return new MentorProfile(competencies, Texts.CleanList(c.Subjects), c.Capacity!.Value, Texts.Clean(c.Availability), c.AvailableUntil, forms);
    }

    private static MenteeProfile Mentee(ChangeMenteeProfile c)
    {
        var difficulties = Texts.CleanList(c.Difficulties);
        var requests = Texts.CleanList(c.Requests);
        new Validation()
            .Require(difficulties.Length + requests.Length > 0, "requests",
                "Укажите затруднения или запросы наставляемого: по ним подбирается наставник.")
            .List(c.Difficulties, "difficulties", "затруднения", 30, 500)
            .List(c.Requests, "requests", "запросы", 30, 500)
            .List(c.Subjects, "subjects", "предметы", 20, 100)
            .Require(c.DesiredForm is null || MentoringForms.IsKnown(c.DesiredForm.Trim()), "desiredForm",
                "Неизвестная форма наставничества. Возможные: " + MentoringForms.Known + ".")
            .ThrowIfInvalid();
        return new MenteeProfile(difficulties, requests, Texts.CleanList(c.Subjects), Texts.Clean(c.DesiredForm));
    }
}
