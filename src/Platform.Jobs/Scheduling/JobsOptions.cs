namespace Platform.Jobs.Scheduling;

/// <summary>What a node does: web (pages and API), worker (scheduled and background jobs), or both (the default).</summary>
public enum NodeRole
{
    All,
    Web,
    Worker,
}

/// <summary>Jobs: Hangfire's server in this process, its schedules, the public address for links.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Hangfire workers of this node (jobs run at once).</summary>
    public int Workers { get; set; } = 4;
    /// <summary>How often an idle worker looks for a job besides the notice it gets when one is queued (long polling).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>How often the node checks for recurring and delayed jobs that are due.</summary>
    public TimeSpan SchedulePollInterval { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>A job whose node stopped sending keep-alives for this long is run again by another node.</summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Cron per recurring job id, overriding the module's default (e.g. Jobs:Schedules:reminder-scan = "*/10 * * * *").</summary>
    public Dictionary<string, string> Schedules { get; set; } = [];
    public int InboxMaxAttempts { get; set; } = 10;
    /// <summary>Base of the links in messages, e.g. https://nastavnik.example.ru (else links stay relative).</summary>
    public string? PublicUrl { get; set; }
}

/// <summary>SMTP (MailKit). No host: e-mail is off and reminders go to the in-app inbox only.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "noreply@nastavnik.local";
    public string FromName { get; set; } = "Наставничество";
    public int MaxAttempts { get; set; } = 8;
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan MaxRetry { get; set; } = TimeSpan.FromHours(6);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Configured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>HTTP pushes to the regional institute: retried over days (an endpoint may be down for a weekend).</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Deliveries";

    public int MaxAttempts { get; set; } = 20;
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan MaxRetry { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);
}
