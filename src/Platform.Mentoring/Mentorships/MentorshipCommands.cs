using Platform.Mentoring.Appointments;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.People;
using Platform.Mentoring.Pools;

namespace Platform.Mentoring.Mentorships;

public sealed record PairConsentDraft(Guid? PersonId, DateOnly? SignedOn, string? DocumentNumber = null);

/// <param name="Consents">Written consents to the pair already signed, one per participant (may come later).</param>
public sealed record ProposeMentorship(Guid? MentorId, Guid[]? MenteeIds, string? Form, MentoringKind? Kind, string? Topic = null,
    PairConsentDraft[]? Consents = null);
public sealed record RecordPairConsent(Guid? PersonId, DateOnly? SignedOn, string? DocumentNumber = null);
/// <param name="From">The day the pair starts working; the order's date when left out.</param>
public sealed record ApproveMentorship(Guid? OrderId, DateOnly? From = null);
/// <param name="RequestedBy">The mentee who asked for another mentor.</param>
/// <param name="ConsentSignedOn">The new mentor's written consent to the pair.</param>
/// <param name="On">The day the new mentor takes over; today when left out.</param>
public sealed record ReplaceMentor(Guid? NewMentorId, Guid? RequestedBy, DateOnly? RequestedOn, string? Reason, DateOnly? ConsentSignedOn,
    DateOnly? On = null, Guid? OrderId = null);
public sealed record DissolveMentorship(string? Reason, DateOnly? On = null);

/// <summary>
/// What a decision needs to know about a person: from their stream (loaded under its lock, see <see cref="Participants"/>),
/// the mentor pool profile and the school's current mentorships.
/// </summary>
/// <param name="Taken">Mentees of this person as a mentor in current (proposed or approved) mentorships.</param>
/// <param name="MenteeIn">The current mentorship this person is a mentee of, if any.</param>
public sealed record ParticipantFacts(Guid PersonId, string FullName, string Kind, bool HasValidConsent, bool InMentorPool, bool InMenteePool,
    int? Capacity, DateOnly? AvailableUntil, int Taken, Guid? MenteeIn);

/// <summary>The mentorship's decisions: validate, then return the events. What they depend on is looked up by the caller.</summary>
public static class MentorshipCommands
{
    public const int MaxMentees = 10;

    public static object[] Propose(Guid id, ProposeMentorship c, IReadOnlyDictionary<Guid, ParticipantFacts> people, DateOnly today, DateTimeOffset now)
    {
        var mentees = c.MenteeIds ?? [];
        var v = new Validation()
            .Require(c.MentorId is not null, "mentorId", "Укажите наставника (mentorId).")
            .Require(mentees.Length > 0, "menteeIds", "Укажите хотя бы одного наставляемого (menteeIds).")
            .Require(mentees.Length <= MaxMentees, "menteeIds", $"В группе не больше {MaxMentees} наставляемых.")
            .Require(mentees.Distinct().Count() == mentees.Length, "menteeIds", "Наставляемый указан дважды.")
            .Require(c.MentorId is null || !mentees.Contains(c.MentorId.Value), "menteeIds", "Наставник не может быть наставляемым в своей же паре.")
            .Require(MentoringForms.IsKnown(c.Form), "form", "Укажите форму наставничества: " + MentoringForms.Known + ".")
            .Require(c.Kind is not null, "kind", "Укажите вид наставничества: " + MentoringKinds.Known + ".")
            .Require(c.Topic is null || c.Topic.Trim().Length <= 1000, "topic", "Поле «направление работы» длиннее 1000 символов.");
        if (c.Kind == MentoringKind.Traditional)
            v.Require(mentees.Length <= 1, "menteeIds", "Традиционное наставничество — «один на один»: один наставляемый. Для нескольких выберите групповое.");
        if (c.Kind == MentoringKind.Group)
            v.Require(mentees.Length != 1, "menteeIds", "Групповое наставничество — с группой от двух наставляемых.");
        if (c.MentorId is { } mentorId && mentees.Length <= MaxMentees) v.Require(people.ContainsKey(mentorId), "mentorId", NoSuchPerson);
        for (var i = 0; i < mentees.Length && mentees.Length <= MaxMentees; i++) v.Require(people.ContainsKey(mentees[i]), $"menteeIds[{i}]", NoSuchPerson);
        var participants = c.MentorId is null ? mentees : [c.MentorId.Value, .. mentees];
        CheckConsents(v, c.Consents ?? [], participants, today);
        if (c.MentorId is { } m && people.TryGetValue(m, out var mentorFacts) && MentoringForms.IsKnown(c.Form) && mentees.All(people.ContainsKey))
            CheckForm(v, c.Form!, mentorFacts, mentees.Select(x => people[x]).ToList());
        v.ThrowIfInvalid();

        var mentor = people[c.MentorId!.Value];
        var group = mentees.Select(x => people[x]).ToList();
        RequireConsents([mentor, .. group]);
        if (!mentor.InMentorPool) throw new DomainRuleException($"{mentor.FullName} не в банке наставников: сначала включите его (её) в банк с анкетой наставника.");
        var outside = group.Where(p => !p.InMenteePool).ToList();
        if (outside.Count > 0)
            throw new DomainRuleException($"Не в банке наставляемых: {Names(outside)}. Пары формируются из банка наставляемых — сначала включите их туда.");
        var paired = group.Where(p => p.MenteeIn is not null).ToList();
        if (paired.Count > 0)
            throw new DomainRuleException($"Уже состоят в наставнической паре (группе): {Names(paired)}. Чтобы сменить наставника, замените его в той паре.");
        RequireAvailable(mentor, today);
        RequireCapacity(mentor, group.Count);

        var events = new List<object>
        {
            new MentorshipProposed(id, mentor.PersonId, mentees, c.Form!, c.Kind!.Value, Texts.Clean(c.Topic), now),
        };
        events.AddRange((c.Consents ?? []).Select(x => new PairConsentRecorded(x.PersonId!.Value, x.SignedOn!.Value, Texts.Clean(x.DocumentNumber))));
        return [.. events];
    }

    public static PairConsentRecorded RecordConsent(Mentorship m, RecordPairConsent c, DateOnly today)
    {
        var v = new Validation();
        CheckConsents(v, [new PairConsentDraft(c.PersonId, c.SignedOn, c.DocumentNumber)], m.Participants, today, prefix: "");
        v.ThrowIfInvalid();
        if (!m.IsCurrent) throw new DomainRuleException(Dissolved(m));
        return new PairConsentRecorded(c.PersonId!.Value, c.SignedOn!.Value, Texts.Clean(c.DocumentNumber));
    }

    /// <param name="order">The order cited by <c>OrderId</c>, null if the school has no such act.</param>
    /// <param name="people">The participants as they are now: their consent to data processing may have been withdrawn since.</param>
    public static MentorshipApproved Approve(Mentorship m, ApproveMentorship c, OrderFacts? order, IReadOnlyDictionary<Guid, ParticipantFacts> people)
    {
        var from = c.From ?? order?.Date;
        var v = new Validation().Require(c.OrderId is not null, "orderId", "Укажите приказ руководителя о закреплении наставнических пар (из локальных актов организации).");
        if (c.OrderId is not null) CheckPairOrder(v, "orderId", order);
        if (order is not null && from is not null) v.Require(from >= order.Date, "from", $"Пара не может начать работу раньше приказа ({order.Date:dd.MM.yyyy}).");
        v.ThrowIfInvalid();
        if (m.Status == MentorshipStatus.Active)
            throw new DomainRuleException($"Пара уже закреплена приказом {LocalAct.Citation(m.OrderNumber!, m.OrderDate!.Value)}.");
        if (!m.IsCurrent) throw new DomainRuleException(Dissolved(m));
        var missing = m.MissingConsents;
        if (missing.Count > 0)
            throw new DomainRuleException("Нет письменного согласия на участие в паре: " + string.Join(", ", missing.Select(p => people.TryGetValue(p, out var f) ? f.FullName : p.ToString()))
                + ". Пара формируется на добровольной основе: сначала внесите согласия всех участников.");
        RequireConsents(m.Participants.Select(p => people.TryGetValue(p, out var f) ? f : null).OfType<ParticipantFacts>().ToList());
        return new MentorshipApproved(order!.Id, order.Number, order.Date, from!.Value);
    }

    /// <param name="newMentor">The proposed mentor, null if there is no such person in the school.</param>
    /// <param name="order">The order cited by <c>OrderId</c> (null if none is cited or the school has no such act).</param>
    public static object[] ReplaceMentor(Mentorship m, ReplaceMentor c, ParticipantFacts? newMentor, OrderFacts? order, DateOnly today)
    {
        var on = c.On ?? today;
        var v = new Validation()
            .Require(c.NewMentorId is not null, "newMentorId", "Укажите нового наставника (newMentorId).")
            .Require(c.NewMentorId is null || newMentor is not null, "newMentorId", NoSuchPerson)
            .Require(c.NewMentorId is null || c.NewMentorId != m.MentorId, "newMentorId", "Это нынешний наставник пары.")
            .Require(c.NewMentorId is null || !m.MenteeIds.Contains(c.NewMentorId.Value), "newMentorId", "Наставляемый этой пары не может стать её наставником.")
            .Require(c.RequestedBy is not null && m.MenteeIds.Contains(c.RequestedBy.Value), "requestedBy",
                "Укажите наставляемого этой пары, который обратился с ходатайством о замене наставника.")
            .Require(c.RequestedOn is { } requested && requested <= today && requested.Year >= 2000, "requestedOn", "Укажите дату ходатайства — не позже сегодняшнего дня.")
            .Text(c.Reason, "reason", "причину замены наставника", 1000)
            .Require(c.ConsentSignedOn is { } signed && signed <= today && signed.Year >= 2000, "consentSignedOn",
                "Укажите дату письменного согласия нового наставника на участие в паре — не позже сегодняшнего дня.")
            .Require(on <= today, "on", "Дата замены не может быть в будущем.")
            .Require(c.RequestedOn is null || on >= c.RequestedOn, "on", "Дата замены раньше даты ходатайства.")
            .Require(m.ActiveFrom is null || on >= m.ActiveFrom, "on", $"Дата замены раньше начала работы пары ({m.ActiveFrom:dd.MM.yyyy}).");
        if (c.OrderId is not null) CheckPairOrder(v, "orderId", order);
        v.ThrowIfInvalid();
        if (!m.IsCurrent) throw new DomainRuleException(Dissolved(m));
        RequireConsents([newMentor!]);
        if (!newMentor!.InMentorPool) throw new DomainRuleException($"{newMentor.FullName} не в банке наставников: сначала включите его (её) в банк с анкетой наставника.");
        RequireAvailable(newMentor, today);
        RequireCapacity(newMentor, m.MenteeIds.Count);
        return
        [
            new MentorReplaced(m.MentorId, newMentor.PersonId, c.RequestedBy!.Value, c.RequestedOn!.Value, on, c.Reason!.Trim(), c.OrderId),
            new PairConsentRecorded(newMentor.PersonId, c.ConsentSignedOn!.Value, null),
        ];
    }

    /// <param name="programInProgress">The pair's personalized program that is not completed yet, if any.</param>
    public static MentorshipDissolved Dissolve(Mentorship m, DissolveMentorship c, bool programInProgress, DateOnly today)
    {
        var on = c.On ?? today;
        var started = m.ActiveFrom ?? DateOnly.FromDateTime(m.ProposedAt.UtcDateTime);
        new Validation()
            .Text(c.Reason, "reason", "причину (например, «программа наставничества завершена»)", 1000)
            .Require(on <= today, "on", "Дата не может быть в будущем.")
            .Require(on >= started, "on", $"Дата раньше начала работы пары ({started:dd.MM.yyyy}).")
            .ThrowIfInvalid();
        if (!m.IsCurrent) throw new DomainRuleException(Dissolved(m));
        if (programInProgress)
            throw new DomainRuleException("У пары есть незавершённая персонализированная программа наставничества: сначала завершите её с указанием причины.");
        return new MentorshipDissolved(on, c.Reason!.Trim());
    }

    /// <summary>Who may be mentor and mentees in a form: a form «… – ученик» has students as mentees, «… – педагог» teachers.</summary>
    public static string? FormMismatch(string form, ParticipantFacts mentor, IReadOnlyList<ParticipantFacts> mentees)
    {
        var name = MentoringForms.Names[form];
        var studentMentees = form is "student_student" or "teacher_student" or "university_student_student" or "employer_student";
        var teacherMentees = form is "teacher_teacher" or "leader_teacher" or "university_teacher_young_teacher";
        if (studentMentees && mentees.Where(p => p.Kind != PersonKinds.Student).ToList() is { Count: > 0 } adults)
            return $"В форме «{name}» наставляемые — обучающиеся, а {Names(adults)} — нет.";
        if (teacherMentees && mentees.Where(p => p.Kind != PersonKinds.Teacher).ToList() is { Count: > 0 } others)
            return $"В форме «{name}» наставляемые — педагоги, а {Names(others)} — нет.";
        if (form == "student_student" && mentor.Kind != PersonKinds.Student)
            return $"В форме «{name}» наставник — обучающийся.";
        if (form != "student_student" && form != "other" && mentor.Kind == PersonKinds.Student)
            return $"В форме «{name}» наставник — не обучающийся. Для наставника-ученика выберите форму «Ученик – ученик».";
        return null;
    }

    public static void CheckPairOrder(Validation v, string field, OrderFacts? order) => v
        .Require(order is not null, field, "Такого приказа нет среди локальных актов организации: сначала зарегистрируйте его.")
        .Require(order is not { Repealed: true }, field, $"Приказ {order?.Citation} отменён: сошлитесь на действующий приказ.")
        .Require(order is null || order.Repealed || order.Kind == LocalActKind.PairApproval, field,
            $"Пары закрепляются приказом о закреплении наставнических пар (групп), а приказ {order?.Citation} — «{order?.Kind.Russian()}».");

    private const string NoSuchPerson = "Такого участника нет в организации.";

    private static void CheckForm(Validation v, string form, ParticipantFacts mentor, IReadOnlyList<ParticipantFacts> mentees)
    {
        if (FormMismatch(form, mentor, mentees) is { } problem) v.Require(false, "form", problem);
    }

    private static void CheckConsents(Validation v, IReadOnlyList<PairConsentDraft> consents, IReadOnlyList<Guid> participants, DateOnly today,
        string prefix = "consents")
    {
        for (var i = 0; i < consents.Count; i++)
        {
            var p = prefix.Length == 0 ? "" : $"{prefix}[{i}].";
            var x = consents[i];
            v.Require(x.PersonId is { } id && participants.Contains(id), p + "personId", "Согласие вносится за участника этой пары: наставника или наставляемого.")
                .Require(x.SignedOn is { } on && on <= today && on.Year >= 2000, p + "signedOn", "Укажите дату письменного согласия — не позже сегодняшнего дня.")
                .Require(x.DocumentNumber is null || x.DocumentNumber.Trim().Length <= 100, p + "documentNumber", "Номер документа длиннее 100 символов.");
        }
        if (consents.Select(x => x.PersonId).Distinct().Count() < consents.Count)
            v.Require(false, prefix.Length == 0 ? "personId" : prefix, "Согласие одного участника указано дважды.");
    }

    private static void RequireConsents(IReadOnlyList<ParticipantFacts> people)
    {
        var without = people.Where(p => !p.HasValidConsent).ToList();
        if (without.Count > 0)
            throw new DomainRuleException($"Нет действующего согласия на обработку персональных данных: {Names(without)}. "
                + "Без него участника нельзя включить в наставническую пару — сначала оформите согласие (за несовершеннолетнего — законного представителя).");
    }

    private static void RequireAvailable(ParticipantFacts mentor, DateOnly today)
    {
        if (mentor.AvailableUntil < today)
            throw new DomainRuleException($"{mentor.FullName} был(а) готов(а) наставлять до {mentor.AvailableUntil:dd.MM.yyyy}: срок прошёл. Обновите анкету наставника.");
    }

    private static void RequireCapacity(ParticipantFacts mentor, int adding)
    {
        var capacity = mentor.Capacity ?? 0;
        if (mentor.Taken + adding > capacity)
            throw new DomainRuleException($"Наставник {mentor.FullName} может вести наставляемых: {capacity}, уже ведёт: {mentor.Taken}. "
                + $"Ещё {adding} не поместятся: выберите другого наставника или измените анкету наставника.");
    }

    private static string Dissolved(Mentorship m) => $"Пара расформирована {m.DissolvedOn:dd.MM.yyyy}: изменения не принимаются.";

    private static string Names(IEnumerable<ParticipantFacts> people) => string.Join(", ", people.Select(p => p.FullName));
}
