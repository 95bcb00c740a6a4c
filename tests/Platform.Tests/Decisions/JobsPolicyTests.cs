using Platform.Jobs.Messaging;
using Platform.Jobs.Reminders;

namespace Platform.Tests.Decisions;

/// <summary>The pure rules of the jobs: a district's reminder policy and a channel's retry plan.</summary>
public sealed class JobsPolicyTests
{
    [Fact]
    public void A_valid_reminder_policy_has_no_errors()
    {
        ReminderPolicy.Check(new ReminderPolicyDraft([14, 7, 1, 0], "08:30", true, 30)).ShouldBeEmpty();
        ReminderPolicy.Check(new ReminderPolicyDraft([90], null, null, null)).ShouldBeEmpty();
    }

    [Fact]
    public void The_default_policy_reminds_14_7_3_1_and_0_days_before_at_nine_and_escalates_for_30_days()
    {
        var p = ReminderPolicy.Default("campaign");
        p.Kind.ShouldBe("campaign");
        p.Offsets.ShouldBe([14, 7, 3, 1, 0]);
        p.SendAt.ShouldBe(new TimeOnly(9, 0));
        p.Escalate.ShouldBeTrue();
        p.EscalationDays.ShouldBe(30);
    }

    [Fact]
    public void A_policy_needs_one_to_ten_offsets()
    {
        const string message = "Укажите от 1 до 10 сроков напоминания (дней до срока, 0 — в день срока).";
        ReminderPolicy.Check(new ReminderPolicyDraft(null, null, null, null))["offsets"].ShouldBe([message]);
        ReminderPolicy.Check(new ReminderPolicyDraft([], null, null, null))["offsets"].ShouldBe([message]);
        ReminderPolicy.Check(new ReminderPolicyDraft([.. Enumerable.Range(0, 11)], null, null, null))["offsets"].ShouldBe([message]);
    }

    [Fact]
    public void Offsets_run_from_0_to_90_days_and_do_not_repeat()
    {
        ReminderPolicy.Check(new ReminderPolicyDraft([91], null, null, null))["offsets"].ShouldBe(["Напоминать можно за 0–90 дней до срока."]);
        ReminderPolicy.Check(new ReminderPolicyDraft([-1], null, null, null))["offsets"].ShouldBe(["Напоминать можно за 0–90 дней до срока."]);
        ReminderPolicy.Check(new ReminderPolicyDraft([7, 3, 7], null, null, null))["offsets"].ShouldBe(["Сроки напоминания не должны повторяться."]);
    }

    [Fact]
    public void The_sending_time_reads_as_hours_and_minutes_and_escalation_lasts_1_to_365_days()
    {
        var errors = ReminderPolicy.Check(new ReminderPolicyDraft([1], "в девять", true, 0));
        errors.Keys.Order().ShouldBe(["escalationDays", "sendAt"]);
        errors["sendAt"].ShouldBe(["Время отправки в формате ЧЧ:ММ, например 09:00."]);
        errors["escalationDays"].ShouldBe(["Эскалация длится от 1 до 365 дней после срока."]);
        ReminderPolicy.Check(new ReminderPolicyDraft([1], "25:00", true, 366)).Keys.Order().ShouldBe(["escalationDays", "sendAt"]);
    }

    [Fact]
    public void Retry_delays_double_from_the_first_up_to_the_maximum_one_fewer_than_the_attempts()
    {
        var plan = new RetryPlan(6, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3));
        plan.Delays.ShouldBe([TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3)]);
    }

    [Fact]
    public void A_single_attempt_has_no_retries_and_is_the_last()
    {
        var plan = new RetryPlan(1, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3));
        plan.Delays.ShouldBeEmpty();
        plan.IsLast(1).ShouldBeTrue();
        new RetryPlan(0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)).Delays.ShouldBeEmpty();
    }

    [Fact]
    public void Only_the_attempt_reaching_the_maximum_is_the_last()
    {
        var plan = new RetryPlan(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        plan.IsLast(2).ShouldBeFalse();
        plan.IsLast(3).ShouldBeTrue();
        plan.IsLast(4).ShouldBeTrue();
    }

    [Fact]
    public void Long_plans_do_not_overflow_and_stay_at_the_maximum()
    {
        var plan = new RetryPlan(50, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        plan.Delays.Length.ShouldBe(49);
        plan.Delays[^1].ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public void Each_channel_uses_its_own_plan()
    {
        var inbox = new RetryPlan(2, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        var email = new RetryPlan(5, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));
        var http = new RetryPlan(8, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
        var plans = new RetryPlans(inbox, email, http);
        var tenant = Guid.NewGuid();
        plans.For(DeliveryMessage.For("inbox", tenant, Guid.NewGuid())).ShouldBeSameAs(inbox);
        plans.For(DeliveryMessage.For("email", tenant, Guid.NewGuid())).ShouldBeSameAs(email);
        plans.For(DeliveryMessage.For("http", tenant, Guid.NewGuid())).ShouldBeSameAs(http);
    }
}
