using Platform.Mentoring.Appointments;
using Platform.Mentoring.LocalActs;
using static Platform.Tests.Decisions.Refusals;

namespace Platform.Tests.Decisions;

/// <summary>A school's local acts (orders) and the staff appointed by them: curator, coordinator, psychologist.</summary>
public sealed class AppointmentAndLocalActDecisionTests
{
    private static readonly DateOnly Today = new(2025, 12, 10);
    private static readonly Guid ActId = Guid.Parse("0a000000-0000-4000-8000-000000000001");
    private static readonly Guid AppointmentId = Guid.Parse("0b000000-0000-4000-8000-000000000001");
    private static readonly OrderFacts CuratorOrder = new(ActId, LocalActKind.CuratorAppointment, "17-о", new DateOnly(2025, 8, 29), false);

    private static AppointStaff Curator => new(StaffRole.Curator, " Иванова Мария Петровна ", " Заместитель директора ", null, ActId, null);

    private static Appointment Appointed() => Appointment.Create(AppointmentCommands.Appoint(AppointmentId, Curator, CuratorOrder, true, false));

    private static LocalAct Act() => LocalAct.Create(LocalActCommands.Register(ActId,
        new RegisterLocalAct(LocalActKind.Regulation, " 12-о ", new DateOnly(2025, 9, 1), " Положение о наставничестве ", " "), Today));

    [Fact]
    public void A_curator_is_appointed_from_the_order_date_unless_another_is_given()
    {
        AppointmentCommands.Appoint(AppointmentId, Curator, CuratorOrder, true, false)
            .ShouldBe(new StaffAppointed(AppointmentId, StaffRole.Curator, "Иванова Мария Петровна", "Заместитель директора", null, ActId, new DateOnly(2025, 8, 29)));
        AppointmentCommands.Appoint(AppointmentId, Curator with { From = new DateOnly(2025, 9, 1) }, CuratorOrder, true, false).From
            .ShouldBe(new DateOnly(2025, 9, 1));
    }

    [Fact]
    public void A_school_has_one_curator_at_a_time()
    {
        Rule(() => AppointmentCommands.Appoint(AppointmentId, Curator, CuratorOrder, true, true))
            .ShouldBe("В организации уже назначен куратор: сначала завершите его назначение.");
        AppointmentCommands.Appoint(AppointmentId, Curator with { Role = StaffRole.Psychologist }, CuratorOrder with { Kind = LocalActKind.Encouragement }, true, true)
            .Role.ShouldBe(StaffRole.Psychologist);
    }

    [Fact]
    public void An_appointment_needs_a_role_a_name_an_existing_account_and_an_order()
    {
        var errors = Invalid(() => AppointmentCommands.Appoint(AppointmentId, new AppointStaff(null, null, null, Guid.NewGuid(), null, null), null, false, false));
        errors["role"].ShouldBe(["Укажите роль: curator (куратор), coordinator (координатор) или psychologist (педагог-психолог)."]);
        errors["personName"].ShouldBe(["Укажите фамилию, имя и отчество."]);
        errors["accountId"].ShouldBe(["Такой учётной записи в организации нет."]);
        errors["orderId"].ShouldBe(["Укажите приказ о назначении (из локальных актов организации)."]);
    }

    [Fact]
    public void A_curator_is_appointed_by_a_curator_order_in_force_and_not_before_it()
    {
        Invalid(() => AppointmentCommands.Appoint(AppointmentId, Curator, CuratorOrder with { Kind = LocalActKind.PairApproval }, true, false))["orderId"]
            .ShouldBe(["Куратора и координатора назначают приказом о назначении куратора (или иным приказом), а приказ от 29.08.2025 № 17-о — «Приказ о закреплении наставнических пар (групп)»."]);
        Invalid(() => AppointmentCommands.Appoint(AppointmentId, Curator, null, true, false))["orderId"]
            .ShouldBe(["Такого приказа нет среди локальных актов организации: сначала зарегистрируйте его."]);
        Invalid(() => AppointmentCommands.Appoint(AppointmentId, Curator with { From = new DateOnly(2025, 8, 1) }, CuratorOrder, true, false))["from"]
            .ShouldBe(["Дата начала раньше даты приказа (29.08.2025)."]);
    }

    [Fact]
    public void An_appointment_ends_once_with_a_reason_not_in_the_future()
    {
        var e = AppointmentCommands.End(Appointed(), new EndAppointment(null, " Увольнение ", null), null, Today);
        e.ShouldBe(new AppointmentEnded(Today, "Увольнение", null));
        Invalid(() => AppointmentCommands.End(Appointed(), new EndAppointment(Today.AddDays(1), "Увольнение", null), null, Today))["date"]
            .ShouldBe(["Дата окончания не может быть в будущем."]);
        Rule(() => AppointmentCommands.End(Appointed().Apply(e), new EndAppointment(null, "Ещё раз", null), null, Today))
            .ShouldBe("Назначение уже завершено (10.12.2025).");
    }

    [Fact]
    public void A_local_act_is_registered_trimmed_with_an_empty_note_dropped()
    {
        LocalActCommands.Register(ActId, new RegisterLocalAct(LocalActKind.Regulation, " 12-о ", new DateOnly(2025, 9, 1), " Положение о наставничестве ", " "), Today)
            .ShouldBe(new LocalActRegistered(ActId, LocalActKind.Regulation, "12-о", new DateOnly(2025, 9, 1), "Положение о наставничестве", null));
    }

    [Fact]
    public void A_local_act_needs_a_kind_a_number_a_title_and_a_past_date_after_1991()
    {
        var errors = Invalid(() => LocalActCommands.Register(ActId, new RegisterLocalAct(null, null, null, null, null), Today));
        errors["kind"].ShouldBe(["Укажите вид акта."]);
        errors["number"].ShouldBe(["Укажите номер приказа."]);
        errors["title"].ShouldBe(["Укажите название акта."]);
        errors["date"].ShouldBe(["Укажите дату приказа."]);
        Invalid(() => LocalActCommands.Register(ActId, new RegisterLocalAct(LocalActKind.Other, "1", Today.AddDays(1), "Акт", null), Today))["date"]
            .ShouldBe(["Дата приказа не может быть в будущем."]);
        Invalid(() => LocalActCommands.Register(ActId, new RegisterLocalAct(LocalActKind.Other, "1", new DateOnly(1991, 12, 31), "Акт", null), Today))["date"]
            .ShouldBe(["Дата приказа должна быть позже 1991 года."]);
    }

    [Fact]
    public void Changing_a_local_act_to_what_it_is_produces_no_event()
    {
        LocalActCommands.Change(Act(), new ChangeLocalAct(null, " 12-о ", null, null, null), Today).ShouldBeEmpty();
        LocalActCommands.Change(Act(), new ChangeLocalAct(null, "13-о", null, null, "Новая редакция"), Today)
            .ShouldBe([new LocalActChanged(LocalActKind.Regulation, "13-о", new DateOnly(2025, 9, 1), "Положение о наставничестве", "Новая редакция")]);
    }

    [Fact]
    public void A_repealed_act_is_neither_changed_nor_repealed_again()
    {
        var e = LocalActCommands.Repeal(Act(), new RepealLocalAct(null, " Новая редакция "), Today);
        e.ShouldBe(new LocalActRepealed(Today, "Новая редакция"));
        var repealed = Act().Apply(e);
        Rule(() => LocalActCommands.Change(repealed, new ChangeLocalAct(null, "13-о", null, null, null), Today))
            .ShouldBe("Акт от 01.09.2025 № 12-о отменён: изменения не принимаются.");
        Rule(() => LocalActCommands.Repeal(repealed, new RepealLocalAct(null, "Ещё раз"), Today))
            .ShouldBe("Акт от 01.09.2025 № 12-о уже отменён (10.12.2025).");
    }

    [Fact]
    public void An_act_is_not_repealed_before_its_own_date()
    {
        Invalid(() => LocalActCommands.Repeal(Act(), new RepealLocalAct(new DateOnly(2025, 8, 1), "Ошибка"), Today))["date"]
            .ShouldBe(["Дата отмены раньше даты самого акта (01.09.2025)."]);
    }
}
