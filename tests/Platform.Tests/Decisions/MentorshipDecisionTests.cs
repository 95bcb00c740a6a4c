using Platform.Mentoring.Appointments;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.People;
using static Platform.Tests.Decisions.Refusals;

namespace Platform.Tests.Decisions;

/// <summary>A mentorship: proposed from the pools with consents, approved by an order, its mentor replaced, dissolved.</summary>
public sealed class MentorshipDecisionTests
{
    private static readonly Guid PairId = Guid.Parse("9a000000-0000-4000-8000-000000000001");
    private static readonly Guid MentorId = Guid.Parse("9e000000-0000-4000-8000-000000000001");
    private static readonly Guid MenteeId = Guid.Parse("9e000000-0000-4000-8000-000000000002");
    private static readonly Guid OtherMenteeId = Guid.Parse("9e000000-0000-4000-8000-000000000003");
    private static readonly Guid NewMentorId = Guid.Parse("9e000000-0000-4000-8000-000000000004");
    private static readonly DateOnly Today = new(2025, 12, 10);

    private static ParticipantFacts Mentor => new(MentorId, "Иванова Мария Петровна", PersonKinds.Teacher, true, true, false, 2, null, 0, null);
    private static ParticipantFacts Mentee => new(MenteeId, "Петрова Анна Сергеевна", PersonKinds.Teacher, true, false, true, null, null, 0, null);
    private static ParticipantFacts OtherMentee => new(OtherMenteeId, "Сидоров Олег Ильич", PersonKinds.Teacher, true, false, true, null, null, 0, null);
    private static ParticipantFacts NewMentor => new(NewMentorId, "Кузнецова Елена Викторовна", PersonKinds.Teacher, true, true, false, 3, null, 1, null);

    private static Dictionary<Guid, ParticipantFacts> People(params ParticipantFacts[] people) => people.ToDictionary(p => p.PersonId);

    private static readonly OrderFacts PairOrder = new(Guid.Parse("0a000000-0000-4000-8000-000000000001"), LocalActKind.PairApproval, "45-о", new DateOnly(2025, 9, 1), false);

    private static ProposeMentorship Valid => new(MentorId, [MenteeId], "teacher_teacher", MentoringKind.Traditional, " Адаптация молодого педагога ",
        [new PairConsentDraft(MentorId, Today.AddDays(-1), " 12 ")]);

    private static object[] Propose(ProposeMentorship c, params ParticipantFacts[] people) =>
        MentorshipCommands.Propose(PairId, c, People(people.Length == 0 ? [Mentor, Mentee] : people), Today, Now);

    /// <summary>Folded from the proposal's events: the mentor's consent is on record, the mentee's is not.</summary>
    private static Mentorship Proposed()
    {
        var events = Propose(Valid);
        return events.Skip(1).Cast<PairConsentRecorded>().Aggregate(Mentorship.Create((MentorshipProposed)events[0]), (m, e) => m.Apply(e));
    }

    private static Mentorship Consented() => Proposed()
        .Apply(new PairConsentRecorded(MentorId, Today.AddDays(-100), null)).Apply(new PairConsentRecorded(MenteeId, Today.AddDays(-100), null));

    private static Mentorship Active() => Consented().Apply(new MentorshipApproved(PairOrder.Id, PairOrder.Number, PairOrder.Date, PairOrder.Date));

    [Fact]
    public void A_proposed_pair_records_its_participants_and_the_consents_already_signed()
    {
        var events = Propose(Valid);
        events.Length.ShouldBe(2);
        events[0].ShouldBeOfType<MentorshipProposed>().ShouldSatisfyAllConditions(
            e => e.MentorshipId.ShouldBe(PairId), e => e.MentorId.ShouldBe(MentorId), e => e.MenteeIds.ShouldBe([MenteeId]),
            e => e.Form.ShouldBe("teacher_teacher"), e => e.Kind.ShouldBe(MentoringKind.Traditional), e => e.Topic.ShouldBe("Адаптация молодого педагога"),
            e => e.ProposedAt.ShouldBe(Now));
        events[1].ShouldBe(new PairConsentRecorded(MentorId, Today.AddDays(-1), "12"));
    }

    [Fact]
    public void A_proposal_needs_a_mentor_mentees_a_form_and_a_kind()
    {
        var errors = Invalid(() => Propose(new ProposeMentorship(null, null, "tandem", null)));
        errors.Keys.Order().ShouldBe(["form", "kind", "menteeIds", "mentorId"]);
        errors["mentorId"].ShouldBe(["Укажите наставника (mentorId)."]);
        errors["menteeIds"].ShouldBe(["Укажите хотя бы одного наставляемого (menteeIds)."]);
        errors["form"].Single().ShouldStartWith("Укажите форму наставничества: teacher_teacher, leader_teacher, ");
        errors["kind"].Single().ShouldStartWith("Укажите вид наставничества: virtual, group, short_term, ");
    }

    [Fact]
    public void Traditional_mentoring_is_one_to_one_and_group_mentoring_needs_two_mentees()
    {
        Invalid(() => Propose(Valid with { MenteeIds = [MenteeId, OtherMenteeId], Consents = null }, Mentor, Mentee, OtherMentee))["menteeIds"]
            .ShouldBe(["Традиционное наставничество — «один на один»: один наставляемый. Для нескольких выберите групповое."]);
        Invalid(() => Propose(Valid with { Kind = MentoringKind.Group }))["menteeIds"].ShouldBe(["Групповое наставничество — с группой от двух наставляемых."]);
    }

    [Fact]
    public void The_mentor_cannot_mentor_themself_and_a_mentee_is_named_once()
    {
        var errors = Invalid(() => Propose(Valid with { MenteeIds = [MentorId, MentorId], Kind = MentoringKind.Group, Consents = null }));
        errors["menteeIds"].ShouldBe(["Наставляемый указан дважды.", "Наставник не может быть наставляемым в своей же паре."]);
    }

    [Fact]
    public void Participants_must_belong_to_the_school()
    {
        Invalid(() => Propose(Valid, Mentor))["menteeIds[0]"].ShouldBe(["Такого участника нет в организации."]);
    }

    [Fact]
    public void The_form_decides_who_may_be_mentees()
    {
        Invalid(() => Propose(Valid with { Form = "teacher_student" }))["form"]
            .ShouldBe(["В форме «Учитель – ученик» наставляемые — обучающиеся, а Петрова Анна Сергеевна — нет."]);
    }

    [Fact]
    public void A_consent_is_recorded_for_a_participant_of_the_pair_only()
    {
        var errors = Invalid(() => Propose(Valid with { Consents = [new PairConsentDraft(NewMentorId, Today.AddDays(1))] }));
        errors["consents[0].personId"].ShouldBe(["Согласие вносится за участника этой пары: наставника или наставляемого."]);
        errors["consents[0].signedOn"].ShouldBe(["Укажите дату письменного согласия — не позже сегодняшнего дня."]);
    }

    [Fact]
    public void Nobody_joins_a_pair_without_consent_to_personal_data_processing()
    {
        Rule(() => Propose(Valid, Mentor, Mentee with { HasValidConsent = false })).ShouldBe(
            "Нет действующего согласия на обработку персональных данных: Петрова Анна Сергеевна. Без него участника нельзя включить в наставническую пару — "
            + "сначала оформите согласие (за несовершеннолетнего — законного представителя).");
    }

    [Fact]
    public void Mentors_come_from_the_mentor_pool_and_mentees_from_the_mentee_pool()
    {
        Rule(() => Propose(Valid, Mentor with { InMentorPool = false }, Mentee))
            .ShouldBe("Иванова Мария Петровна не в банке наставников: сначала включите его (её) в банк с анкетой наставника.");
        Rule(() => Propose(Valid, Mentor, Mentee with { InMenteePool = false }))
            .ShouldBe("Не в банке наставляемых: Петрова Анна Сергеевна. Пары формируются из банка наставляемых — сначала включите их туда.");
    }

    [Fact]
    public void A_mentee_already_in_a_pair_is_not_paired_again()
    {
        Rule(() => Propose(Valid, Mentor, Mentee with { MenteeIn = Guid.NewGuid() }))
            .ShouldBe("Уже состоят в наставнической паре (группе): Петрова Анна Сергеевна. Чтобы сменить наставника, замените его в той паре.");
    }

    [Fact]
    public void A_mentor_takes_no_more_mentees_than_the_profile_allows_nor_after_the_availability_ends()
    {
        Rule(() => Propose(Valid, Mentor with { Taken = 2 }, Mentee)).ShouldBe(
            "Наставник Иванова Мария Петровна может вести наставляемых: 2, уже ведёт: 2. Ещё 1 не поместятся: выберите другого наставника или измените анкету наставника.");
        Rule(() => Propose(Valid, Mentor with { AvailableUntil = Today.AddDays(-1) }, Mentee))
            .ShouldBe("Иванова Мария Петровна был(а) готов(а) наставлять до 09.12.2025: срок прошёл. Обновите анкету наставника.");
    }

    [Fact]
    public void An_order_approves_a_pair_with_every_consent_from_the_order_date()
    {
        MentorshipCommands.Approve(Consented(), new ApproveMentorship(PairOrder.Id), PairOrder, People(Mentor, Mentee))
            .ShouldBe(new MentorshipApproved(PairOrder.Id, "45-о", new DateOnly(2025, 9, 1), new DateOnly(2025, 9, 1)));
    }

    [Fact]
    public void Approval_waits_for_every_participants_written_consent()
    {
        Rule(() => MentorshipCommands.Approve(Proposed(), new ApproveMentorship(PairOrder.Id), PairOrder, People(Mentor, Mentee)))
            .ShouldBe("Нет письменного согласия на участие в паре: Петрова Анна Сергеевна. Пара формируется на добровольной основе: сначала внесите согласия всех участников.");
    }

    [Fact]
    public void Approval_needs_a_valid_pair_order_and_no_start_before_it()
    {
        Invalid(() => MentorshipCommands.Approve(Consented(), new ApproveMentorship(null), null, People(Mentor, Mentee)))["orderId"]
            .ShouldBe(["Укажите приказ руководителя о закреплении наставнических пар (из локальных актов организации)."]);
        Invalid(() => MentorshipCommands.Approve(Consented(), new ApproveMentorship(PairOrder.Id), PairOrder with { Kind = LocalActKind.Encouragement }, People(Mentor, Mentee)))["orderId"]
            .ShouldBe(["Пары закрепляются приказом о закреплении наставнических пар (групп), а приказ от 01.09.2025 № 45-о — «Приказ о поощрении»."]);
        Invalid(() => MentorshipCommands.Approve(Consented(), new ApproveMentorship(PairOrder.Id), PairOrder with { Repealed = true }, People(Mentor, Mentee)))["orderId"]
            .ShouldBe(["Приказ от 01.09.2025 № 45-о отменён: сошлитесь на действующий приказ."]);
        Invalid(() => MentorshipCommands.Approve(Consented(), new ApproveMentorship(PairOrder.Id, new DateOnly(2025, 8, 31)), PairOrder, People(Mentor, Mentee)))["from"]
            .ShouldBe(["Пара не может начать работу раньше приказа (01.09.2025)."]);
    }

    [Fact]
    public void An_approved_pair_is_not_approved_again()
    {
        Rule(() => MentorshipCommands.Approve(Active(), new ApproveMentorship(PairOrder.Id), PairOrder, People(Mentor, Mentee)))
            .ShouldBe("Пара уже закреплена приказом от 01.09.2025 № 45-о.");
    }

    [Fact]
    public void A_mentee_asks_and_the_mentor_is_replaced_with_the_new_mentors_consent()
    {
        var events = MentorshipCommands.ReplaceMentor(Active(),
            new ReplaceMentor(NewMentorId, MenteeId, Today.AddDays(-3), " Смена места работы наставника ", Today.AddDays(-1)), NewMentor, null, Today);
        events.ShouldBe([
            new MentorReplaced(MentorId, NewMentorId, MenteeId, Today.AddDays(-3), Today, "Смена места работы наставника", null),
            new PairConsentRecorded(NewMentorId, Today.AddDays(-1), null),
        ]);
        var replaced = Active().Apply((MentorReplaced)events[0]);
        replaced.MentorId.ShouldBe(NewMentorId);
        replaced.FormerMentors.Single().PersonId.ShouldBe(MentorId);
    }

    [Fact]
    public void The_replacement_must_be_someone_else_asked_for_by_a_mentee_of_the_pair()
    {
        var errors = Invalid(() => MentorshipCommands.ReplaceMentor(Active(), new ReplaceMentor(MentorId, NewMentorId, null, null, null), Mentor, null, Today));
        errors["newMentorId"].ShouldBe(["Это нынешний наставник пары."]);
        errors["requestedBy"].ShouldBe(["Укажите наставляемого этой пары, который обратился с ходатайством о замене наставника."]);
        errors["requestedOn"].ShouldBe(["Укажите дату ходатайства — не позже сегодняшнего дня."]);
        errors["reason"].ShouldBe(["Укажите причину замены наставника."]);
        errors["consentSignedOn"].ShouldBe(["Укажите дату письменного согласия нового наставника на участие в паре — не позже сегодняшнего дня."]);
    }

    [Fact]
    public void A_pair_is_dissolved_with_a_reason_and_then_takes_no_changes()
    {
        var e = MentorshipCommands.Dissolve(Active(), new DissolveMentorship(" Программа завершена "), false, Today);
        e.ShouldBe(new MentorshipDissolved(Today, "Программа завершена"));
        var dissolved = Active().Apply(e);
        dissolved.IsCurrent.ShouldBeFalse();
        Rule(() => MentorshipCommands.Dissolve(dissolved, new DissolveMentorship("Ещё раз"), false, Today))
            .ShouldBe("Пара расформирована 10.12.2025: изменения не принимаются.");
        Rule(() => MentorshipCommands.RecordConsent(dissolved, new RecordPairConsent(MenteeId, Today), Today))
            .ShouldBe("Пара расформирована 10.12.2025: изменения не принимаются.");
    }

    [Fact]
    public void A_pair_with_a_program_in_progress_is_not_dissolved()
    {
        Rule(() => MentorshipCommands.Dissolve(Active(), new DissolveMentorship("Завершение"), true, Today))
            .ShouldBe("У пары есть незавершённая персонализированная программа наставничества: сначала завершите её с указанием причины.");
    }

    [Fact]
    public void Dissolving_needs_a_reason_and_a_date_within_the_pairs_work()
    {
        var errors = Invalid(() => MentorshipCommands.Dissolve(Active(), new DissolveMentorship(null, new DateOnly(2025, 8, 1)), false, Today));
        errors["reason"].ShouldBe(["Укажите причину (например, «программа наставничества завершена»)."]);
        errors["on"].ShouldBe(["Дата раньше начала работы пары (01.09.2025)."]);
        Invalid(() => MentorshipCommands.Dissolve(Active(), new DissolveMentorship("Завершение", Today.AddDays(1)), false, Today))["on"]
            .ShouldBe(["Дата не может быть в будущем."]);
    }
}
