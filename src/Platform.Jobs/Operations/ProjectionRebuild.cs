using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Operations;
using Platform.EventStore.Projections;
using Platform.Tenancy.Resolution;

namespace Platform.Jobs.Operations;

public sealed record RebuildProjection(Guid? TenantId);

public sealed record ProjectionRebuildInput(string Projection, Guid? TenantId);

/// <summary>
/// Rebuilding a read model from the events, started by the platform administrator (API or the «Пересборка данных» page)
/// and run by a worker: the whole rebuild is one transaction, so readers see the old model until the new one is complete;
/// run again after a node died, it starts over.
/// </summary>
public sealed class ProjectionRebuild(BackgroundOperations operations, DocumentStore store) : IOperationHandler
{
    public const string OperationKind = "projection-rebuild";
    public string Kind => OperationKind;

    public IReadOnlyList<string> Projections => store.Options.Projections.Select(p => p.Name).Order().ToList();

    public Task<OperationView> StartAsync(string projection, RebuildProjection command, string? requestedBy, CancellationToken ct)
    {
        new Validation()
            .Require(Projections.Contains(projection), "projection", $"Нет такой проекции. Есть: {string.Join(", ", Projections)}.")
            .Require(command.TenantId != Guid.Empty, "tenantId", "Укажите организацию, район или регион, либо не указывайте ничего.")
            .ThrowIfInvalid();
        var title = command.TenantId is { } t ? $"Пересборка {projection} для {t}" : $"Пересборка {projection}";
        return operations.StartAsync(TenantScope.Platform, Guid.Empty, OperationKind, title, new ProjectionRebuildInput(projection, command.TenantId),
            requestedBy, ct);
    }

    public async Task<OperationResult> RunAsync(OperationContext operation, JsonElement input, CancellationToken ct)
    {
        var request = input.Deserialize<ProjectionRebuildInput>(JsonSerializerOptions.Web)!;
        var reported = DateTime.MinValue;
        var pending = Task.CompletedTask;
        var progress = new Progress<RebuildProgress>(p =>
        {
            // At most twice a second, and never two reports at once.
            if (DateTime.UtcNow - reported < TimeSpan.FromMilliseconds(500) || !pending.IsCompleted) return;
            reported = DateTime.UtcNow;
            pending = operation.ReportAsync((int)p.Percent, $"Обработано событий: {p.Processed:N0} из {p.Total:N0}", ct);
        });
        var result = await new ProjectionRebuilder(store).RebuildAsync(request.Projection, request.TenantId, progress, ct);
        await pending;
        return new OperationResult($"Обработано событий: {result.Processed:N0}");
    }

    public static IEndpointRouteBuilder MapProjectionRebuild(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/projections").WithTags("Администрирование").RequireAuthorization(Policies.Platform);
        group.MapGet("", (ProjectionRebuild rebuild) => TypedResults.Ok(rebuild.Projections)).WithSummary("Проекции (модели чтения), которые можно пересобрать");
        group.MapPost("/{name}/rebuild", Rebuild)
            .WithSummary("Пересобрать проекцию из событий (для всех или одного tenantId): фоновая операция, 202 и её адрес");
        return app;
    }

    private static async Task<Accepted<OperationView>> Rebuild(string name, RebuildProjection command, ProjectionRebuild rebuild, TenantContext tenant,
        CancellationToken ct)
    {
        var operation = await rebuild.StartAsync(name, command, tenant.Caller?.UserName, ct);
        return TypedResults.Accepted($"/api/operations/{operation.Id}", operation);
    }
}
