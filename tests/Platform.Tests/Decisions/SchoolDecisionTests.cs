using Platform.Tenancy.Registry;
using static Platform.Tests.Decisions.Refusals;

namespace Platform.Tests.Decisions;

/// <summary>The registry's school: registered by the district, renamed, re-kinded, moved to another time zone, closed and reopened.</summary>
public sealed class SchoolDecisionTests
{
    private static readonly Guid SchoolId = Guid.Parse("50000000-0000-4000-8000-000000000001");
    private static readonly Guid DistrictId = Guid.Parse("d0000000-0000-4000-8000-000000000001");
    private static readonly DateOnly Today = new(2025, 12, 10);

    private static RegisterSchool Valid => new(" Муниципальное бюджетное общеобразовательное учреждение «СОШ № 1» ", " МБОУ СОШ № 1 ",
        SchoolKind.School, "Europe/Moscow", new DateOnly(1985, 9, 1));

    private static School Open() => School.Create(SchoolCommands.Register(SchoolId, DistrictId, Valid, Today));

    private static School Closed() => Open().Apply(new SchoolClosed(new DateOnly(2025, 6, 30), "Реорганизация"));

    [Fact]
    public void A_registered_school_has_its_names_trimmed()
    {
        var e = SchoolCommands.Register(SchoolId, DistrictId, Valid, Today);
        e.ShouldBe(new SchoolRegistered(SchoolId, DistrictId, "Муниципальное бюджетное общеобразовательное учреждение «СОШ № 1»", "МБОУ СОШ № 1",
            SchoolKind.School, "Europe/Moscow", new DateOnly(1985, 9, 1)));
    }

    [Fact]
    public void Registering_needs_names_a_kind_a_russian_time_zone_and_no_future_opening()
    {
        var errors = Invalid(() => SchoolCommands.Register(SchoolId, DistrictId,
            new RegisterSchool("", new string('Ш', 201), null, "Europe/London", Today.AddDays(1)), Today));
        errors["fullName"].ShouldBe(["Укажите полное наименование."]);
        errors["shortName"].ShouldBe(["Поле «краткое наименование» длиннее 200 символов."]);
        errors["kind"].ShouldBe(["Укажите вид организации."]);
        errors["timeZone"].ShouldBe(["Укажите часовой пояс России из списка (например, Europe/Moscow)."]);
        errors["openedOn"].ShouldBe(["Дата открытия не может быть в будущем."]);
    }

    [Fact]
    public void An_update_produces_one_event_per_thing_that_changed()
    {
        var events = SchoolCommands.Update(Open(), new UpdateSchool(null, "СОШ № 1", SchoolKind.Lyceum, "Asia/Irkutsk"));
        events.Length.ShouldBe(3);
        events[0].ShouldBe(new SchoolRenamed("Муниципальное бюджетное общеобразовательное учреждение «СОШ № 1»", "СОШ № 1"));
        events[1].ShouldBe(new SchoolKindChanged(SchoolKind.Lyceum));
        events[2].ShouldBe(new SchoolTimeZoneChanged("Asia/Irkutsk"));
    }

    [Fact]
    public void An_update_that_changes_nothing_produces_no_event()
    {
        SchoolCommands.Update(Open(), new UpdateSchool(null, " МБОУ СОШ № 1 ", SchoolKind.School, "Europe/Moscow")).ShouldBeEmpty();
    }

    [Fact]
    public void An_update_may_not_blank_a_name_nor_choose_an_unknown_time_zone()
    {
        var errors = Invalid(() => SchoolCommands.Update(Open(), new UpdateSchool(" ", "", null, "Mars/Olympus")));
        errors["fullName"].ShouldBe(["Полное наименование не может быть пустым."]);
        errors["shortName"].ShouldBe(["Краткое наименование не может быть пустым."]);
        errors["timeZone"].ShouldBe(["Укажите часовой пояс России из списка (например, Europe/Moscow)."]);
    }

    [Fact]
    public void A_closed_school_takes_no_changes()
    {
        Rule(() => SchoolCommands.Update(Closed(), new UpdateSchool(null, "СОШ № 1", null, null))).ShouldBe("Организация закрыта: изменения не принимаются.");
    }

    [Fact]
    public void A_school_closes_today_unless_a_date_is_given_with_a_trimmed_reason()
    {
        SchoolCommands.Close(Open(), new CloseSchool(null, " Реорганизация "), Today).ShouldBe(new SchoolClosed(Today, "Реорганизация"));
        SchoolCommands.Close(Open(), new CloseSchool(new DateOnly(2025, 8, 31), "Ликвидация"), Today).ClosedOn.ShouldBe(new DateOnly(2025, 8, 31));
    }

    [Fact]
    public void Closing_needs_a_reason_and_a_date_not_before_the_opening()
    {
        var errors = Invalid(() => SchoolCommands.Close(Open(), new CloseSchool(new DateOnly(1980, 1, 1), " "), Today));
        errors["reason"].ShouldBe(["Укажите причину закрытия."]);
        errors["closedOn"].ShouldBe(["Дата закрытия раньше даты открытия."]);
    }

    [Fact]
    public void A_school_is_closed_only_once()
    {
        Rule(() => SchoolCommands.Close(Closed(), new CloseSchool(null, "Ещё раз"), Today)).ShouldBe("Организация уже закрыта.");
    }

    [Fact]
    public void Only_a_closed_school_is_reopened_and_then_it_is_open_again()
    {
        Rule(() => SchoolCommands.Reopen(Open())).ShouldBe("Организация не закрыта.");
        var reopened = Closed().Apply(SchoolCommands.Reopen(Closed()));
        reopened.IsClosed.ShouldBeFalse();
        reopened.ClosureReason.ShouldBeNull();
    }
}
