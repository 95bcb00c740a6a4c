using Hangfire;
using Platform.Mentoring.People.Retention;

namespace Platform.Jobs.Scheduling;

/// <summary>The retention of personal data, every night: idempotent (erased people are skipped); the next run takes up what a failed one left.</summary>
[AutomaticRetry(Attempts = 0)]
public sealed class PersonalDataRetentionJob(PersonalDataRetention retention) : IRecurringJob
{
    public const string Id = "personal-data-retention";

    public Task RunAsync(CancellationToken ct) => retention.RunAsync(ct);
}
