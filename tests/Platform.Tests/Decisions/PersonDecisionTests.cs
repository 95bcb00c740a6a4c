using Platform.Mentoring.People;
using Platform.Mentoring.Pools;
using static Platform.Tests.Decisions.Refusals;

namespace Platform.Tests.Decisions;

/// <summary>A person of a school: registration with or without a consent, minors and legal guardians, details under the consent, withdrawal.</summary>
public sealed class PersonDecisionTests
{
    private static readonly Guid PersonId = Guid.Parse("5e000000-0000-4000-8000-000000000001");
    private static readonly Guid ConsentId = Guid.Parse("5c000000-0000-4000-8000-000000000001");
    private static readonly DateOnly Today = new(2025, 12, 10);
    private static readonly DateOnly ConsentDay = new(2025, 12, 1);

    private static Person Teacher() =>
        Person.Create(new PersonRegistered(PersonId, PersonKinds.Teacher, null, "Иванова Мария Петровна", "учитель математики", null, Now));

    private static Person ConsentedTeacher() =>
        Teacher().Apply(new ConsentGiven(PersonId, ConsentId, ConsentSigners.Self, null, ConsentDay, "участие в программе наставничества", null));

    /// <summary>A student of 18 in 2025 (born 2007) who signed the consent themself.</summary>
    private static Person AdultStudent() =>
        Person.Create(new PersonRegistered(PersonId, PersonKinds.Student, null, "Петров Илья Андреевич", "11А", 2007, Now))
            .Apply(new ConsentGiven(PersonId, ConsentId, ConsentSigners.Self, null, ConsentDay, "участие в программе наставничества", null));

    private static (object[] Events, PersonDetails? Details) Register(RegisterPerson c) => PersonCommands.Register(PersonId, c, Today, Now, ConsentId);

    [Fact]
    public void A_teacher_is_registered_with_the_consent_and_the_details_it_covers()
    {
        var (events, details) = Register(new RegisterPerson("teacher", " Иванова  Мария Петровна ", " учитель математики ",
            Consent: new GiveConsent(null, null, ConsentDay, " участие в программе наставничества; ФИО, контакты ", " 15 "),
            Details: new PersonDetailsDraft(["Математика", " математика "], Categories: ["young_specialist"], Email: " Ivanova@School1.ru ", Phone: "8 (912) 345-67-89")));
        events.Length.ShouldBe(3);
        events[0].ShouldBe(new PersonRegistered(PersonId, PersonKinds.Teacher, null, "Иванова Мария Петровна", "учитель математики", null, Now));
        events[1].ShouldBe(new ConsentGiven(PersonId, ConsentId, ConsentSigners.Self, null, ConsentDay, "участие в программе наставничества; ФИО, контакты", "15"));
        events[2].ShouldBeOfType<PersonDetailsChanged>().Fields.ShouldBe(["subjects", "categories", "email", "phone"]);
        details.ShouldNotBeNull().ShouldSatisfyAllConditions(
            d => d.Subjects.ShouldBe(["Математика"]), d => d.Categories.ShouldBe(["young_specialist"]),
            d => d.Email.ShouldBe("ivanova@school1.ru"), d => d.Phone.ShouldBe("+79123456789"), d => d.YearsOfService.ShouldBeNull());
    }

    [Fact]
    public void Without_a_consent_only_the_basic_data_is_kept()
    {
        var (events, details) = Register(new RegisterPerson("teacher", "Иванова Мария Петровна", "учитель", Details: new PersonDetailsDraft()));
        events.ShouldBe([new PersonRegistered(PersonId, PersonKinds.Teacher, null, "Иванова Мария Петровна", "учитель", null, Now)]);
        details.ShouldBeNull();
        Rule(() => Register(new RegisterPerson("teacher", "Иванова Мария Петровна", "учитель", Details: new PersonDetailsDraft(Email: "ivanova@school1.ru"))))
            .ShouldBe(PersonCommands.NoConsent);
        PersonCommands.NoConsent.ShouldStartWith("Нет действующего согласия на обработку персональных данных: без него хранятся только ФИО");
    }

    [Fact]
    public void A_minor_students_consent_is_given_by_a_legal_guardian()
    {
        var (events, _) = Register(new RegisterPerson(" Student ", "Петров Илья", "7 б", 2012,
            Consent: new GiveConsent(null, " Петрова  Ольга Ивановна ", Today, "участие в программе наставничества")));
        events[0].ShouldBe(new PersonRegistered(PersonId, PersonKinds.Student, null, "Петров Илья", "7Б", 2012, Now));
        events[1].ShouldBe(new ConsentGiven(PersonId, ConsentId, ConsentSigners.Guardian, "Петрова Ольга Ивановна", Today, "участие в программе наставничества", null));
    }

    [Fact]
    public void A_minor_does_not_sign_the_consent_themself()
    {
        var errors = Invalid(() => Register(new RegisterPerson("student", "Петров Илья", "7Б", 2012, Consent: new GiveConsent("self", null, Today, "участие"))));
        errors.Keys.ShouldBe(["consent.guardianName"]);
        errors["consent.guardianName"].ShouldBe(["Ученику в 2025 году меньше 18 лет: согласие даёт законный представитель "
            + "(родитель, усыновитель, опекун или попечитель). Укажите его фамилию, имя и отчество."]);
    }

    [Fact]
    public void Registration_needs_a_kind_and_a_full_name_of_two_words_at_least()
    {
        var errors = Invalid(() => Register(new RegisterPerson(null, null)));
        errors.Keys.Order().ShouldBe(["fullName", "kind"]);
        errors["kind"].ShouldBe(["Укажите, кто это: teacher (педагог), student (обучающийся) или external (внешний участник)."]);
        errors["fullName"].ShouldBe(["Укажите фамилию, имя и отчество."]);
        Invalid(() => Register(new RegisterPerson("teacher", "Иванова", "учитель")))["fullName"]
            .ShouldBe(["Укажите фамилию и имя (и отчество, если есть), например «Иванова Мария Петровна»."]);
    }

    [Fact]
    public void A_student_needs_a_class_and_a_birth_year_and_a_teacher_neither_a_birth_year_nor_a_role()
    {
        var student = Invalid(() => Register(new RegisterPerson("student", "Петров Илья", "первый")));
        student["position"].ShouldBe(["Укажите класс ученика, например «7Б»."]);
        student["birthYear"].ShouldBe(["Укажите год рождения ученика: по нему видно, кто подписывает согласие — сам ученик или законный представитель."]);
        var teacher = Invalid(() => Register(new RegisterPerson("teacher", "Иванова Мария Петровна", "учитель", 1980, "parent")));
        teacher["birthYear"].ShouldBe(["Год рождения педагога не нужен для согласия (педагог подписывает его сам) и без согласия не хранится."]);
        teacher["externalRole"].ShouldBe(["Роль указывается только для внешнего участника (kind = external)."]);
    }

    [Fact]
    public void An_external_participant_has_a_known_role()
    {
        Register(new RegisterPerson("external", "Смирнов Павел Олегович", " ООО «Вектор» ", ExternalRole: "employer")).Events
            .ShouldBe([new PersonRegistered(PersonId, PersonKinds.External, "employer", "Смирнов Павел Олегович", "ООО «Вектор»", null, Now)]);
        Invalid(() => Register(new RegisterPerson("external", "Смирнов Павел Олегович", ExternalRole: "sponsor")))["externalRole"]
            .ShouldBe(["Укажите, кто этот внешний участник: parent, alumnus, employer, entrepreneur, veteran_teacher, university_teacher, college_student, other."]);
    }

    [Fact]
    public void Details_are_checked_against_the_kind_of_participant()
    {
        var errors = Invalid(() => Register(new RegisterPerson("student", "Петров Илья", "7Б", 2012,
            Consent: new GiveConsent("guardian", "Петрова Ольга Ивановна", Today, "участие"),
            Details: new PersonDetailsDraft(YearsOfService: 2, Categories: ["young_specialist", "unknown"], Email: "petrov@", Phone: "12345"))));
        errors["details.yearsOfService"].ShouldBe(["Педагогический стаж у обучающегося не указывается."]);
        errors["details.categories[0]"].ShouldBe(["Категория «Молодой специалист» относится к педагогам."]);
        errors["details.categories[1]"].Single().ShouldStartWith("Неизвестная категория. Возможные: young_specialist, adapting, ");
        errors["details.email"].ShouldBe(["Проверьте адрес электронной почты, например «ivanova@school1.ru»."]);
        errors["details.phone"].ShouldBe(["Проверьте номер телефона: 10 цифр после +7, например «+7 912 345-67-89»."]);
    }

    [Fact]
    public void Changing_a_person_to_what_they_are_produces_no_event()
    {
        PersonCommands.Change(Teacher(), new ChangePerson(FullName: " Иванова Мария Петровна "), Today).ShouldBeEmpty();
        PersonCommands.Change(Teacher(), new ChangePerson(FullName: "Смирнова Мария Петровна"), Today)
            .ShouldBe([new PersonChanged(PersonId, "Смирнова Мария Петровна", "учитель математики", null, null)]);
    }

    [Fact]
    public void A_birth_year_that_makes_a_self_signed_consent_a_minors_is_refused()
    {
        Rule(() => PersonCommands.Change(AdultStudent(), new ChangePerson(BirthYear: 2008), Today))
            .ShouldBe("С этим годом рождения в 2025 году участник был несовершеннолетним и согласие должен был дать законный представитель. "
                + "Сначала оформите согласие представителя, затем исправьте год рождения.");
        PersonCommands.Change(AdultStudent(), new ChangePerson(BirthYear: 2006), Today)
            .ShouldBe([new PersonChanged(PersonId, "Петров Илья Андреевич", "11А", 2006, null)]);
    }

    [Fact]
    public void Details_are_kept_only_under_a_valid_consent_and_only_what_changed_is_named()
    {
        Rule(() => PersonCommands.ChangeDetails(Teacher(), null, new PersonDetailsDraft(Email: "ivanova@school1.ru"))).ShouldBe(PersonCommands.NoConsent);
        var (none, noEvents) = PersonCommands.ChangeDetails(Teacher(), null, new PersonDetailsDraft());
        none.ShouldBeNull();
        noEvents.ShouldBeEmpty();

        var (details, events) = PersonCommands.ChangeDetails(ConsentedTeacher(), null, new PersonDetailsDraft(YearsOfService: 3, Email: "Ivanova@School1.ru"));
        details.ShouldNotBeNull().Email.ShouldBe("ivanova@school1.ru");
        events.Single().ShouldBeOfType<PersonDetailsChanged>().Fields.ShouldBe(["yearsOfService", "email"]);
        PersonCommands.ChangeDetails(ConsentedTeacher(), details, new PersonDetailsDraft(YearsOfService: 3, Email: "ivanova@school1.ru")).Events.ShouldBeEmpty();
    }

    [Fact]
    public void A_consent_needs_a_past_date_a_scope_and_a_known_signer()
    {
        var errors = Invalid(() => PersonCommands.GiveConsent(Teacher(), new GiveConsent("parent", null, Today.AddDays(1), " "), Today, ConsentId));
        errors.Keys.Order().ShouldBe(["givenOn", "scope", "signedBy"]);
        errors["givenOn"].ShouldBe(["Укажите дату согласия — не позже сегодняшнего дня."]);
        errors["scope"].ShouldBe(["Укажите объём согласия: цели и перечень данных, например «участие в программе наставничества; ФИО, класс, контакты»."]);
        errors["signedBy"].ShouldBe(["Кто подписал согласие: self (сам участник) или guardian (законный представитель)."]);
        Invalid(() => PersonCommands.GiveConsent(Teacher(), new GiveConsent("self", "Петрова Ольга Ивановна", Today, "участие"), Today, ConsentId))["guardianName"]
            .ShouldBe(["ФИО представителя указывается, только если согласие даёт законный представитель (signedBy = guardian)."]);
        PersonCommands.GiveConsent(Teacher(), new GiveConsent(null, null, Today, " участие "), Today, ConsentId)
            .ShouldBe(new ConsentGiven(PersonId, ConsentId, ConsentSigners.Self, null, Today, "участие", null));
    }

    [Fact]
    public void Withdrawing_the_consent_takes_the_person_out_of_both_pools()
    {
        var inPools = ConsentedTeacher().Apply(new JoinedMentorPool(PersonId, Now)).Apply(new JoinedMenteePool(PersonId, Now));
        var events = PersonCommands.WithdrawConsent(inPools, new WithdrawConsent(null, " 7 "), Today, Now);
        events.ShouldBe([
            new ConsentWithdrawn(PersonId, ConsentId, Today, "7"),
            new LeftMentorPool(PersonId, "Отозвано согласие на обработку персональных данных", Now),
            new LeftMenteePool(PersonId, "Отозвано согласие на обработку персональных данных", Now),
            new PersonalDataErased(PersonId, ErasureReasons.ConsentWithdrawn, Today),
        ]);
        PersonCommands.WithdrawConsent(ConsentedTeacher(), new WithdrawConsent(), Today, Now)
            .ShouldBe([new ConsentWithdrawn(PersonId, ConsentId, Today, null), new PersonalDataErased(PersonId, ErasureReasons.ConsentWithdrawn, Today)]);
        var withdrawn = ConsentedTeacher().Apply((ConsentWithdrawn)events[0]);
        withdrawn.HasValidConsent.ShouldBeFalse();
        Rule(() => PersonCommands.WithdrawConsent(withdrawn, new WithdrawConsent(), Today, Now)).ShouldBe("Действующего согласия нет: отзывать нечего.");
        Rule(() => PersonCommands.WithdrawConsent(Teacher(), new WithdrawConsent(), Today, Now)).ShouldBe("Действующего согласия нет: отзывать нечего.");
    }

    [Fact]
    public void A_withdrawal_is_dated_between_the_consent_and_today()
    {
        Invalid(() => PersonCommands.WithdrawConsent(ConsentedTeacher(), new WithdrawConsent(new DateOnly(2025, 11, 30)), Today, Now))["withdrawnOn"]
            .ShouldBe(["Дата отзыва — не раньше даты согласия (01.12.2025) и не позже сегодняшнего дня."]);
        Invalid(() => PersonCommands.WithdrawConsent(ConsentedTeacher(), new WithdrawConsent(Today.AddDays(1)), Today, Now))["withdrawnOn"]
            .ShouldBe(["Дата отзыва — не раньше даты согласия (01.12.2025) и не позже сегодняшнего дня."]);
    }
}
