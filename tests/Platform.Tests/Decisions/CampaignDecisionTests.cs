using Platform.Reporting.Campaigns;
using static Platform.Tests.Decisions.Refusals;

namespace Platform.Tests.Decisions;

/// <summary>Opening a reporting campaign (district or region): period, due date, lock date, participants.</summary>
public sealed class CampaignDecisionTests
{
    private static readonly Guid Id = Guid.Parse("c0000000-0000-4000-8000-000000000001");
    private static readonly Guid Owner = Guid.Parse("d0000000-0000-4000-8000-000000000001");
    private static readonly CampaignParticipant Sosh2 = new(Guid.Parse("50000000-0000-4000-8000-000000000002"), "МБОУ СОШ № 2");
    private static readonly CampaignParticipant Sosh1 = new(Guid.Parse("50000000-0000-4000-8000-000000000001"), "МБОУ СОШ № 1");
    private static readonly CampaignParticipant[] Schools = [Sosh2, Sosh1];

    private static OpenCampaign Valid => new(" Мониторинг 2025 ", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));

    private static CampaignOpened Open(OpenCampaign c, CampaignLevel level = CampaignLevel.District, IReadOnlyList<CampaignParticipant>? candidates = null) =>
        CampaignCommands.Open(Id, level, Owner, "Europe/Moscow", c, candidates ?? Schools, Now);

    [Fact]
    public void A_district_campaign_is_due_on_23_December_and_asks_every_open_school_sorted_by_name()
    {
        var e = Open(Valid);
        e.CampaignId.ShouldBe(Id);
        e.Level.ShouldBe(CampaignLevel.District);
        e.OwnerId.ShouldBe(Owner);
        e.Title.ShouldBe("Мониторинг 2025");
        e.DueOn.ShouldBe(new DateOnly(2025, 12, 23));
        e.LateAfterDays.ShouldBe(0);
        e.LockOn.ShouldBeNull();
        e.TimeZone.ShouldBe("Europe/Moscow");
        e.Participants.ShouldBe([Sosh1, Sosh2]);
        e.OpenedAt.ShouldBe(Now);
    }

    [Fact]
    public void A_region_campaign_is_due_on_28_December()
    {
        Open(Valid, CampaignLevel.Region).DueOn.ShouldBe(new DateOnly(2025, 12, 28));
    }

    [Fact]
    public void Chosen_participants_only_are_asked_and_the_given_dates_are_kept()
    {
        var e = Open(Valid with { ParticipantIds = [Sosh2.Id], DueOn = new DateOnly(2025, 12, 20), LateAfterDays = 5, LockOn = new DateOnly(2025, 12, 25) });
        e.Participants.ShouldBe([Sosh2]);
        e.DueOn.ShouldBe(new DateOnly(2025, 12, 20));
        e.LateAfterDays.ShouldBe(5);
        e.LockOn.ShouldBe(new DateOnly(2025, 12, 25));
    }

    [Fact]
    public void Title_and_period_are_required()
    {
        var errors = Invalid(() => Open(new OpenCampaign(" ", null, null)));
        errors.Keys.Order().ShouldBe(["periodFrom", "periodTo", "title"]);
        errors["title"].ShouldBe(["Укажите название кампании."]);
        errors["periodFrom"].ShouldBe(["Укажите начало отчётного периода."]);
        errors["periodTo"].ShouldBe(["Укажите конец отчётного периода."]);
    }

    [Fact]
    public void The_period_must_not_end_before_it_starts_nor_run_longer_than_two_years()
    {
        Invalid(() => Open(Valid with { PeriodTo = new DateOnly(2024, 12, 31) }))["periodTo"]
            .ShouldContain("Конец периода — не раньше начала и не позже чем через два года.");
        Invalid(() => Open(Valid with { PeriodTo = new DateOnly(2027, 1, 2) }))["periodTo"]
            .ShouldBe(["Конец периода — не раньше начала и не позже чем через два года."]);
    }

    [Fact]
    public void Late_days_run_from_0_to_90()
    {
        Invalid(() => Open(Valid with { LateAfterDays = 91 }))["lateAfterDays"].ShouldBe(["Дней до признания отчёта просроченным: от 0 до 90."]);
        Invalid(() => Open(Valid with { LateAfterDays = -1 })).Keys.ShouldContain("lateAfterDays");
        Open(Valid with { LateAfterDays = 90 }).LateAfterDays.ShouldBe(90);
    }

    [Fact]
    public void The_due_date_may_not_precede_the_period()
    {
        Invalid(() => Open(Valid with { DueOn = new DateOnly(2024, 12, 31) }))["dueOn"].ShouldBe(["Срок сдачи не может быть раньше начала периода."]);
    }

    [Fact]
    public void The_lock_date_comes_no_earlier_than_the_due_date_plus_the_late_days()
    {
        var errors = Invalid(() => Open(Valid with { LateAfterDays = 3, LockOn = new DateOnly(2025, 12, 25) }));
        errors["lockOn"].ShouldBe(["Дата закрытия — не раньше срока сдачи с учётом дней до просрочки."]);
        Open(Valid with { LateAfterDays = 3, LockOn = new DateOnly(2025, 12, 26) }).LockOn.ShouldBe(new DateOnly(2025, 12, 26));
    }

    [Fact]
    public void A_school_outside_the_district_cannot_be_asked()
    {
        var stranger = Guid.Parse("50000000-0000-4000-8000-000000000099");
        Invalid(() => Open(Valid with { ParticipantIds = [Sosh1.Id, stranger] }))["participantIds"]
            .ShouldBe([$"Организация {stranger} не относится к району или закрыта."]);
    }

    [Fact]
    public void A_district_outside_the_region_cannot_be_asked()
    {
        var stranger = Guid.Parse("d0000000-0000-4000-8000-000000000099");
        Invalid(() => Open(Valid with { ParticipantIds = [stranger] }, CampaignLevel.Region))["participantIds"]
            .ShouldBe([$"Район {stranger} не относится к региону."]);
    }

    [Fact]
    public void A_campaign_without_participants_is_refused_in_words_of_its_level()
    {
        Invalid(() => Open(Valid, candidates: []))["participantIds"].ShouldBe(["Нет организаций, которые должны отчитаться."]);
        Invalid(() => Open(Valid, CampaignLevel.Region, []))["participantIds"].ShouldBe(["Нет районов, которые должны отчитаться."]);
    }

    [Fact]
    public void Participants_may_not_repeat()
    {
        Invalid(() => Open(Valid with { ParticipantIds = [Sosh1.Id, Sosh1.Id] }))["participantIds"].ShouldBe(["Участники повторяются."]);
    }

    [Fact]
    public void A_report_is_late_from_the_day_after_the_due_date_and_grace_days_in_the_owners_time_zone()
    {
        var campaign = Campaign.Create(Open(Valid with { LateAfterDays = 2, LockOn = new DateOnly(2025, 12, 31) }));
        campaign.LateFrom.ShouldBe(new DateTimeOffset(2025, 12, 26, 0, 0, 0, TimeSpan.FromHours(3)));
        campaign.LockedFrom.ShouldBe(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(3)));
    }
}
