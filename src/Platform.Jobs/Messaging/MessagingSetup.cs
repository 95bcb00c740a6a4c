using JasperFx.CodeGeneration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Jobs.Deliveries;
using Platform.Jobs.Scheduling;
using JasperFx;
using Wolverine.Configuration;
using Wolverine.Runtime.Handlers;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Postgresql;

namespace Platform.Jobs.Messaging;

/// <summary>Wolverine in every node: how it stores its messages and how it polls them (section Messaging).</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>Balanced: several nodes share the message store, one of them leads (recovery, scheduled retries). Solo: one node.</summary>
    public DurabilityMode Mode { get; set; } = DurabilityMode.Balanced;
    /// <summary>How often scheduled retries and replayed dead letters are looked for.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>
    /// A node whose heartbeat is this old is taken for dead: a living node deletes it at its second health check that
    /// finds it so (Wolverine's StaleNodeEjectionThreshold), which releases the messages it had claimed, and the next
    /// orphan sweep (5 s) gives them to the living nodes. Kept short (issue 21: after a kill its e-mails waited out
    /// minutes): 10 s + 2 × 2 s + 5 s stays within 30 s of a kill. A living node taken for dead (stalled that long) has
    /// its messages handled by another too: a notice is still written once, an e-mail may go twice (same Message-ID).
    /// </summary>
    public TimeSpan StaleNodeTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>How often each node writes its heartbeat and looks for silent ones.</summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Deliveries handled at once by one node (e-mail and HTTP wait on the other side).</summary>
    public int Parallelism { get; set; } = 8;
    /// <summary>Static: the pre-generated handler code; Dynamic: generated and compiled at run time (slower first message).</summary>
    public TypeLoadMode CodeGeneration { get; set; } = TypeLoadMode.Static;
}

public static class MessagingSetup
{
    public const string Schema = "wolverine";
    public const string Queue = "deliveries";

    /// <summary>
    /// Wolverine with its message store in PostgreSQL (schema wolverine, created by our migrations, never at start-up),
    /// reached as platform_system: its tables hold every tenant's messages and have no tenant column, so the app's role
    /// may only add to the inbox (in its own transaction) and reads nothing there. The deliveries go through one local
    /// durable queue; each channel retries on its own plan and then dead-letters.
    /// </summary>
    public static IServiceCollection AddPlatformMessaging(this IServiceCollection services, IConfiguration config)
    {
        var system = config.GetConnectionString("PlatformSystem")
            ?? throw new InvalidOperationException("ConnectionStrings:PlatformSystem is not configured (Wolverine's message store).");
        var options = config.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        var plans = Plans(config);
        services.AddSingleton(plans);
        services.AddSingleton<MessageOutbox>();
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<DeliveryResend>();
        services.AddWolverine(opts =>
        {
            opts.ServiceName = "nastavnik";
            opts.ApplicationAssembly = typeof(MessagingSetup).Assembly;
            opts.PersistMessagesWithPostgresql(system, Schema);
            opts.AutoBuildMessageStorageOnStartup = AutoCreate.None;
            opts.Durability.Mode = options.Mode;
            opts.Durability.ScheduledJobPollingTime = options.PollingInterval;
            opts.Durability.ScheduledJobFirstExecution = TimeSpan.Zero;
            opts.Durability.StaleNodeTimeout = options.StaleNodeTimeout;
            opts.Durability.HealthCheckPollingTime = options.HealthCheckInterval;
            opts.Durability.FirstHealthCheckExecution = TimeSpan.Zero;

            opts.Discovery.DisableConventionalDiscovery().IncludeType<DeliveryHandler>();
            opts.LocalQueue(Queue).UseDurableInbox().MaximumParallelMessages(options.Parallelism);
            opts.PublishMessage<DeliverToInbox>().ToLocalQueue(Queue);
            opts.PublishMessage<SendEmail>().ToLocalQueue(Queue);
            opts.PublishMessage<PushToEndpoint>().ToLocalQueue(Queue);
            opts.Policies.Add(new RetryPolicy(plans));

            // Static: the handlers' adapters are compiled into this assembly (Internal/Generated, printed by `Platform.Api
            // wolverine-codegen`); Dynamic compiles them with Roslyn at the first message of each type (development).
            opts.CodeGeneration.TypeLoadMode = options.CodeGeneration;
            if (options.CodeGeneration != TypeLoadMode.Static) opts.UseRuntimeCompilation();
        });
        services.AddHostedService<PendingDeliveries>(); // after Wolverine's own: it publishes
        return services;
    }

    /// <summary>
    /// The source of every message handler's adapter as Wolverine generates it for this configuration, one file per
    /// handler (file name → code): what Internal/Generated holds, for <see cref="TypeLoadMode.Static"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> GenerateHandlerCode(IServiceProvider services)
    {
        var all = new DynamicCodeBuilder(services, services.GetServices<ICodeFileCollection>().ToArray())
        {
            ServiceVariableSource = services.GetService<JasperFx.CodeGeneration.Model.IServiceVariableSource>(),
        }.GenerateAllCode();
        const string Marker = "// <auto-generated/>";
        return all.Split(Marker, StringSplitOptions.RemoveEmptyEntries).Where(f => f.Contains("// START: "))
            .ToDictionary(f => f.Split("// START: ")[1].Split('\n')[0].Trim() + ".cs", f => Marker + f.TrimEnd() + "\n");
    }

    private static RetryPlans Plans(IConfiguration config)
    {
        var email = config.GetSection(EmailOptions.Section).Get<EmailOptions>() ?? new EmailOptions();
        var http = config.GetSection(Scheduling.DeliveryOptions.Section).Get<Scheduling.DeliveryOptions>() ?? new Scheduling.DeliveryOptions();
        var jobs = config.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        return new RetryPlans(
            new RetryPlan(jobs.InboxMaxAttempts, email.FirstRetry, email.MaxRetry),
            new RetryPlan(email.MaxAttempts, email.FirstRetry, email.MaxRetry),
            new RetryPlan(http.MaxAttempts, http.FirstRetry, http.MaxRetry));
    }

    /// <summary>Each delivery message's failures: its channel's scheduled retries, then Wolverine's dead letters.</summary>
    private sealed class RetryPolicy(RetryPlans plans) : IHandlerPolicy
    {
        public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
        {
            foreach (var chain in chains.Where(c => c.MessageType.IsAssignableTo(typeof(IDeliveryMessage))))
            {
                var plan = chain.MessageType == typeof(DeliverToInbox) ? plans.Inbox : chain.MessageType == typeof(SendEmail) ? plans.Email : plans.Http;
                var failure = chain.OnException<DeliveryFailedException>();
                if (plan.Delays.Length > 0) failure.ScheduleRetry(plan.Delays).WithBoundedJitter(0.2).Then.MoveToErrorQueue();
                else failure.MoveToErrorQueue();
            }
        }
    }
}
