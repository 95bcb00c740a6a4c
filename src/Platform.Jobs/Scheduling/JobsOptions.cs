namespace Platform.Jobs.Scheduling;

/// <summary>Jobs: the scheduler in this process, how often it scans, the public address for links.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Run the clustered scheduler in this process (the API host by default; a worker always).</summary>
    public bool Scheduler { get; set; } = true;
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan ClusterCheckin { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>How long the scheduler sleeps when it finds nothing to fire (a trigger stored by another node does not wake it).</summary>
    public TimeSpan IdleWait { get; set; } = TimeSpan.FromSeconds(5);
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
