using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Operations;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Operations;

/// <summary>The host with two operation kinds of the test's own: one that looks at what its scope lets it see, one refused.</summary>
public sealed class OperationsApi : ApiHost
{
    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<IOperationHandler, Probe>().AddSingleton<IOperationHandler, Refused>());
    }

    /// <summary>Counts the event store's tenants and the rows of other tenants its session sees.</summary>
    private sealed class Probe : IOperationHandler
    {
        public string Kind => "test-probe";

        public async Task<OperationResult> RunAsync(OperationContext operation, JsonElement input, CancellationToken ct)
        {
            await operation.ReportAsync(50, "Считаем", ct);
            await using var session = operation.Session();
            var (tenants, foreign) = (await session.QueryAsync(
                "SELECT count(DISTINCT tenant_id)::int, (count(*) FILTER (WHERE tenant_id <> $1))::int FROM es.mt_events",
                r => (r.GetInt32(0), r.GetInt32(1)), ct, operation.TenantId.ToString())).Single();
            return new OperationResult("Проверено", $"/probe/{tenants}/{foreign}");
        }
    }

    private sealed class Refused : IOperationHandler
    {
        public string Kind => "test-refused";
        public Task<OperationResult> RunAsync(OperationContext operation, JsonElement input, CancellationToken ct) =>
            throw new Platform.Domain.DomainRuleException("Сборка невозможна: кампания закрыта.");
    }
}

/// <summary>
/// Long operations run by a Hangfire worker of the host: in the scope of the tenant they work for (a job for one school
/// sees no other school's rows), with the input kept in the operation's row (Hangfire, whose dashboard shows a job's
/// arguments, holds ids only), and a refused one ends failed with its Russian message and is not retried.
/// </summary>
public sealed class OperationTests(OperationsApi api) : IClassFixture<OperationsApi>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    private async Task<(string Status, string? Message, string? Result, string? JobId)> FinishedAsync(Guid id)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var row = (await api.Database.OwnerListAsync<string>(
                "SELECT concat_ws('|', status, coalesce(message, ''), coalesce(result_url, ''), coalesce(job_id, '')) FROM jobs.operations WHERE id = $1", id)).Single();
            var parts = row.Split('|');
            if (parts[0] is OperationStatus.Succeeded or OperationStatus.Failed || DateTime.UtcNow > until)
                return (parts[0], parts[1], parts[2], parts[3]);
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_job_for_one_school_sees_only_that_school_and_Hangfire_holds_no_input()
    {
        (await api.Database.OwnerScalarAsync<long>("SELECT count(DISTINCT tenant_id) FROM es.mt_events")).ShouldBeGreaterThan(2L);
        var operations = api.Services.GetRequiredService<BackgroundOperations>();
        var started = await operations.StartAsync(TenantScope.School(Sosh1), Sosh1, "test-probe", "Проверка области", new { person = "Иванова Мария" },
            "curator.sosh1", default);
        started.Kind.ShouldBe("test-probe"); // queued, or already taken by a worker

        var (status, message, result, jobId) = await FinishedAsync(started.Id);
        status.ShouldBe(OperationStatus.Succeeded, message);
        result.ShouldBe("/probe/1/0");
        var arguments = await api.Database.OwnerScalarAsync<string>("SELECT arguments FROM hangfire.job WHERE id = $1", long.Parse(jobId!)) ?? "";
        arguments.ShouldContain(started.Id.ToString());
        arguments.ShouldNotContain("Иванова");
    }

    [Fact]
    public async Task A_refused_operation_ends_failed_with_its_message_and_is_not_retried()
    {
        var operations = api.Services.GetRequiredService<BackgroundOperations>();
        var started = await operations.StartAsync(TenantScope.School(Sosh1), Sosh1, "test-refused", "Отказ", new { }, "curator.sosh1", default);
        var (status, message, _, jobId) = await FinishedAsync(started.Id);
        status.ShouldBe(OperationStatus.Failed);
        message.ShouldBe("Сборка невозможна: кампания закрыта.");
        // The job itself ends as Hangfire's Succeeded (the refusal is the operation's outcome), so it is not retried.
        string? state = null;
        for (var i = 0; i < 100 && state != "Succeeded"; i++, await Task.Delay(50))
            state = await api.Database.OwnerScalarAsync<string>("SELECT statename FROM hangfire.job WHERE id = $1", long.Parse(jobId!));
        state.ShouldBe("Succeeded");
        (await api.Database.OwnerScalarAsync<int>("SELECT runs FROM jobs.operations WHERE id = $1", started.Id)).ShouldBe(1);
    }
}
