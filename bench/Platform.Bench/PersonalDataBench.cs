using Platform.EventStore;
using Platform.EventStore.PersonalData;

namespace Platform.Bench;

/// <summary>A person's events with their personal data sealed under the person's key (as the platform's people are).</summary>
public sealed record SealedPersonRegistered(Guid PersonId, string Kind, [Personal] string FullName, [Personal] string? Position, [Personal] int? BirthYear)
    : IPersonalData
{
    Guid IPersonalData.SubjectId => PersonId;
}
public sealed record SealedConsentGiven(Guid PersonId, [Personal] string? GuardianName, [Personal] string? DocumentNumber, DateOnly GivenOn) : IPersonalData
{
    Guid IPersonalData.SubjectId => PersonId;
}
/// <summary>The same events, stored in the clear: the baseline the cost of sealing is measured against.</summary>
public sealed record PlainPersonRegistered(Guid PersonId, string Kind, string FullName, string? Position, int? BirthYear);
public sealed record PlainConsentGiven(Guid PersonId, string? GuardianName, string? DocumentNumber, DateOnly GivenOn);

public sealed record BenchPerson(Guid Id, string FullName, int Consents)
{
    public static BenchPerson Create(SealedPersonRegistered e) => new(e.PersonId, e.FullName, 0);
    public static BenchPerson Create(PlainPersonRegistered e) => new(e.PersonId, e.FullName, 0);
    public BenchPerson Apply(SealedConsentGiven e) => this with { Consents = Consents + 1 };
    public BenchPerson Apply(PlainConsentGiven e) => this with { Consents = Consents + 1 };
}

/// <summary>[4] The cost of crypto-shredding: registering a person (3 events) and loading a person's stream, sealed against plain.</summary>
public static class PersonalDataBench
{
    private const int Registrations = 1_000, Loads = 500, Warmup = 50, ConsentsPerPerson = 20;

    public static async Task RunAsync(DocumentStore store, Guid school, Func<int, int, Func<Task>, Task<double[]>> measure, Action<string, string> line)
    {
        var scope = TenantScope.School(school);
        var sealedAppend = await measure(Warmup, Registrations, () => RegisterAsync(store, scope, Guid.CreateVersion7(), sealedEvents: true, 2));
        var plainAppend = await measure(Warmup, Registrations, () => RegisterAsync(store, scope, Guid.CreateVersion7(), sealedEvents: false, 2));

        var sealedId = Guid.CreateVersion7();
        var plainId = Guid.CreateVersion7();
        await RegisterAsync(store, scope, sealedId, sealedEvents: true, ConsentsPerPerson);
        await RegisterAsync(store, scope, plainId, sealedEvents: false, ConsentsPerPerson);
        var (sealedMore, plainMore) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await RegisterAsync(store, scope, sealedMore, sealedEvents: true, 0);
        await RegisterAsync(store, scope, plainMore, sealedEvents: false, 0);
        var sealedConsent = await measure(Warmup, Registrations, () => AppendConsentAsync(store, scope, sealedMore, sealedEvents: true));
        var plainConsent = await measure(Warmup, Registrations, () => AppendConsentAsync(store, scope, plainMore, sealedEvents: false));
        var sealedLoad = await measure(Warmup, Loads, () => LoadAsync(store, scope, sealedId));
        var plainLoad = await measure(Warmup, Loads, () => LoadAsync(store, scope, plainId));

        Console.WriteLine();
        Console.WriteLine($"[4] Personal data sealed under the person's key (AES-256-GCM, key per person in es.personal_data_keys) against the same events in the clear");
        line("sealed register a person (3 events, new key) + SaveChangesAsync", Timing.Percentiles(sealedAppend));
        line("plain  register a person (3 events) + SaveChangesAsync", Timing.Percentiles(plainAppend));
        line("sealed/plain append (time, lower is better)", Timing.Ratio(sealedAppend, plainAppend));
        line("sealed append a consent to a known person (key read)", Timing.Percentiles(sealedConsent));
        line("plain  append a consent", Timing.Percentiles(plainConsent));
        line("sealed/plain append to a known person", Timing.Ratio(sealedConsent, plainConsent));
        line($"sealed load a person ({ConsentsPerPerson + 1} events, key read on first use)", Timing.Percentiles(sealedLoad));
        line($"plain  load a person ({ConsentsPerPerson + 1} events)", Timing.Percentiles(plainLoad));
        line("sealed/plain load (time, lower is better)", Timing.Ratio(sealedLoad, plainLoad));
    }

    private static async Task RegisterAsync(DocumentStore store, TenantScope scope, Guid id, bool sealedEvents, int consents)
    {
        await using var session = store.LightweightSession(scope);
        var events = new List<object>
        {
            sealedEvents ? new SealedPersonRegistered(id, "student", "Бенчмаркова Анна Сергеевна", "7Б", 2012) : new PlainPersonRegistered(id, "student", "Бенчмаркова Анна Сергеевна", "7Б", 2012),
        };
        for (var i = 0; i < consents; i++)
            events.Add(sealedEvents ? new SealedConsentGiven(id, "Бенчмаркова Ольга Петровна", $"№ {i}", new DateOnly(2026, 9, 1)) : new PlainConsentGiven(id, "Бенчмаркова Ольга Петровна", $"№ {i}", new DateOnly(2026, 9, 1)));
        session.Events.StartStream<BenchPerson>(id, [.. events]);
        await session.SaveChangesAsync();
    }

    private static async Task AppendConsentAsync(DocumentStore store, TenantScope scope, Guid id, bool sealedEvents)
    {
        await using var session = store.LightweightSession(scope);
        session.Events.Append(id, sealedEvents ? new SealedConsentGiven(id, "Бенчмаркова Ольга Петровна", "№ 1", new DateOnly(2026, 9, 1))
            : new PlainConsentGiven(id, "Бенчмаркова Ольга Петровна", "№ 1", new DateOnly(2026, 9, 1)));
        await session.SaveChangesAsync();
    }

    private static async Task LoadAsync(DocumentStore store, TenantScope scope, Guid id)
    {
        await using var session = store.LightweightSession(scope);
        var person = await session.Events.AggregateStreamAsync<BenchPerson>(id);
        if (person is not { Consents: ConsentsPerPerson, FullName: "Бенчмаркова Анна Сергеевна" })
            throw new InvalidOperationException($"Loaded {person?.Consents} consents of «{person?.FullName}», expected {ConsentsPerPerson}.");
    }
}
