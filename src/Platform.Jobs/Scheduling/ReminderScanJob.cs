using Hangfire;
using Platform.Jobs.Reminders;

namespace Platform.Jobs.Scheduling;

/// <summary>
/// The reminder scan every five minutes (UTC): it finds what is due at 09:00 in each school's and district's own zone, so
/// one schedule serves every zone. No retry: the next run, minutes later, does what a failed one left.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class ReminderScanJob(ReminderScan scan) : IRecurringJob
{
    public const string Id = "reminder-scan";

    public Task RunAsync(CancellationToken ct) => scan.RunAsync(ct);
}
