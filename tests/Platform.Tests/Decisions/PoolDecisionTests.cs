using Platform.Mentoring.People;
using Platform.Mentoring.Pools;
using static Platform.Tests.Decisions.Refusals;

namespace Platform.Tests.Decisions;

/// <summary>The mentor and mentee pools: joined with a valid consent and a profile, profiles changed, left with a reason.</summary>
public sealed class PoolDecisionTests
{
    private static readonly Guid PersonId = Guid.Parse("5e000000-0000-4000-8000-000000000001");
    private static readonly Guid ConsentId = Guid.Parse("5c000000-0000-4000-8000-000000000001");
    private static readonly DateOnly Today = new(2025, 12, 10);

    private static Person Registered() =>
        Person.Create(new PersonRegistered(PersonId, PersonKinds.Teacher, null, "Иванова Мария Петровна", "учитель математики", null, Now));

    private static Person Consented() =>
        Registered().Apply(new ConsentGiven(PersonId, ConsentId, ConsentSigners.Self, null, new DateOnly(2025, 12, 1), "участие в программе наставничества", null));

    private static JoinMentorPool AsMentor => new(PersonId, [" Классное руководство ", "классное руководство", "ИКТ"], ["Математика"], 2, " По вторникам ",
        new DateOnly(2026, 6, 30), ["teacher_teacher"]);

    private static JoinMenteePool AsMentee => new(PersonId, [" Дисциплина на уроках "], null, null, " teacher_teacher ");

    [Fact]
    public void A_consenting_person_joins_the_mentor_pool_with_a_clean_profile()
    {
        var (events, profile) = PoolCommands.JoinMentorPool(Consented(), AsMentor, Today, Now);
        events.Length.ShouldBe(2);
        events[0].ShouldBe(new JoinedMentorPool(PersonId, Now));
        events[1].ShouldBeOfType<MentorProfileChanged>().Fields.ShouldBe(["competencies", "subjects", "capacity", "availability", "availableUntil", "preferredForms"]);
        profile.ShouldSatisfyAllConditions(p => p.Competencies.ShouldBe(["Классное руководство", "ИКТ"]), p => p.Capacity.ShouldBe(2),
            p => p.Availability.ShouldBe("По вторникам"), p => p.PreferredForms.ShouldBe(["teacher_teacher"]));
    }

    [Fact]
    public void Nobody_joins_a_pool_without_a_valid_consent_nor_twice()
    {
        Rule(() => PoolCommands.JoinMentorPool(Registered(), AsMentor, Today, Now)).ShouldBe(PersonCommands.NoConsent);
        Rule(() => PoolCommands.JoinMenteePool(Registered(), AsMentee, Now)).ShouldBe(PersonCommands.NoConsent);
        Rule(() => PoolCommands.JoinMentorPool(Consented().Apply(new JoinedMentorPool(PersonId, Now)), AsMentor, Today, Now))
            .ShouldBe("Участник уже в банке наставников: измените его анкету наставника.");
        Rule(() => PoolCommands.JoinMenteePool(Consented().Apply(new JoinedMenteePool(PersonId, Now)), AsMentee, Now))
            .ShouldBe("Участник уже в банке наставляемых: измените его анкету наставляемого.");
        var withdrawn = Consented().Apply(new ConsentWithdrawn(PersonId, ConsentId, Today, null));
        Rule(() => PoolCommands.JoinMentorPool(withdrawn, AsMentor, Today, Now)).ShouldBe(PersonCommands.NoConsent);
    }

    [Fact]
    public void A_mentor_profile_needs_competencies_a_capacity_of_1_to_10_a_future_date_and_known_forms()
    {
        var errors = Invalid(() => PoolCommands.JoinMentorPool(Consented(), new JoinMentorPool(PersonId, [" "], Capacity: 11,
            AvailableUntil: Today.AddDays(-1), PreferredForms: ["tandem"]), Today, Now));
        errors["competencies"].ShouldBe(["Укажите хотя бы одну компетенцию: в чём наставник может помочь."]);
        errors["capacity"].ShouldBe(["Сколько наставляемых может вести наставник: от 1 до 10."]);
        errors["availableUntil"].ShouldBe(["Дата «доступен до» уже прошла."]);
        errors["preferredForms[0]"].Single().ShouldStartWith("Неизвестная форма наставничества. Возможные: teacher_teacher, leader_teacher, ");
        Invalid(() => PoolCommands.JoinMentorPool(Consented(), AsMentor with { PreferredForms = null }, Today, Now))["preferredForms"]
            .Single().ShouldStartWith("Укажите хотя бы одну форму наставничества: teacher_teacher, ");
    }

    [Fact]
    public void A_profile_change_names_only_the_fields_that_changed()
    {
        var (_, current) = PoolCommands.JoinMentorPool(Consented(), AsMentor, Today, Now);
        var inPool = Consented().Apply(new JoinedMentorPool(PersonId, Now));
        var same = new ChangeMentorProfile(AsMentor.Competencies, AsMentor.Subjects, 2, "По вторникам", new DateOnly(2026, 6, 30), ["teacher_teacher"]);
        PoolCommands.ChangeMentorProfile(inPool, current, same, Today).Events.ShouldBeEmpty();
        var (events, profile) = PoolCommands.ChangeMentorProfile(inPool, current, same with { Capacity = 3, Availability = null }, Today);
        events.Single().ShouldBeOfType<MentorProfileChanged>().Fields.ShouldBe(["capacity", "availability"]);
        profile.Capacity.ShouldBe(3);
    }

    [Fact]
    public void Leaving_the_mentor_pool_needs_a_reason_and_membership()
    {
        var inPool = Consented().Apply(new JoinedMentorPool(PersonId, Now));
        var e = PoolCommands.LeaveMentorPool(inPool, new LeavePool(" Перевод в другую школу "), Now);
        e.ShouldBe(new LeftMentorPool(PersonId, "Перевод в другую школу", Now));
        inPool.Apply(e).InMentorPool.ShouldBeFalse();
        Invalid(() => PoolCommands.LeaveMentorPool(inPool, new LeavePool(null), Now))["reason"].ShouldBe(["Укажите причину выхода из банка наставников."]);
        NotFound(() => PoolCommands.LeaveMentorPool(Consented(), new LeavePool("Перевод"), Now)).ShouldBe("Участника нет в банке наставников.");
    }

    [Fact]
    public void A_consenting_person_joins_the_mentee_pool_with_difficulties_or_requests()
    {
        var (events, profile) = PoolCommands.JoinMenteePool(Consented(), AsMentee, Now);
        events[0].ShouldBe(new JoinedMenteePool(PersonId, Now));
        events[1].ShouldBeOfType<MenteeProfileChanged>().Fields.ShouldBe(["difficulties", "requests", "subjects", "desiredForm"]);
        profile.ShouldSatisfyAllConditions(p => p.Difficulties.ShouldBe(["Дисциплина на уроках"]), p => p.Requests.ShouldBeEmpty(),
            p => p.DesiredForm.ShouldBe("teacher_teacher"));
        var errors = Invalid(() => PoolCommands.JoinMenteePool(Consented(), new JoinMenteePool(PersonId, [], [" "], DesiredForm: "tandem"), Now));
        errors["requests"].ShouldBe(["Укажите затруднения или запросы наставляемого: по ним подбирается наставник."]);
        errors["desiredForm"].Single().ShouldStartWith("Неизвестная форма наставничества. Возможные: teacher_teacher, ");
    }

    [Fact]
    public void Leaving_the_mentee_pool_needs_a_reason_and_membership()
    {
        var inPool = Consented().Apply(new JoinedMenteePool(PersonId, Now));
        PoolCommands.LeaveMenteePool(inPool, new LeavePool("Программа завершена"), Now).ShouldBe(new LeftMenteePool(PersonId, "Программа завершена", Now));
        Invalid(() => PoolCommands.LeaveMenteePool(inPool, new LeavePool(" "), Now))["reason"].ShouldBe(["Укажите причину выхода из банка наставляемых."]);
        NotFound(() => PoolCommands.LeaveMenteePool(Consented(), new LeavePool("Программа завершена"), Now)).ShouldBe("Участника нет в банке наставляемых.");
    }
}
