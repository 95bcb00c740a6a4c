using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Operations;
using Platform.Jobs.Operations;
using Platform.Web.Shell;

namespace Platform.Web.Admin;

public sealed record RebuildRow(string Projection, OperationView? Operation, FormErrors Errors);

/// <summary>
/// «Пересборка данных»: the platform administrator rebuilds a read model from the events; a worker runs it and the row
/// follows the operation (htmx polling) until it is done.
/// </summary>
public static class ProjectionPages
{
    public static IEndpointRouteBuilder MapAdminPages(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/projections").ExcludeFromDescription().RequireAuthorization(Policies.Platform);
        admin.MapGet("", (HttpContext http, ProjectionRebuild rebuild) =>
            Pages.Render<ProjectionsPage>(new { Ui = UiContext.For(http), Rows = rebuild.Projections.Select(p => new RebuildRow(p, null, FormErrors.None)).ToList() }));
        admin.MapPost("/{name}", Rebuild);
        admin.MapGet("/{name}/operations/{id:guid}", async (string name, Guid id, HttpContext http, DocumentSession session, CancellationToken ct) =>
            Row(http, new RebuildRow(name, await OperationView.FindAsync(session, id, ct), FormErrors.None)));
        return app;
    }

    private static async Task<IResult> Rebuild(string name, HttpContext http, ProjectionRebuild rebuild, CancellationToken ct)
    {
        var (_, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return Row(http, new RebuildRow(name, null, FormErrors.General(Pages.StaleForm)));
        try
        {
            var operation = await rebuild.StartAsync(name, new RebuildProjection(null), UiContext.For(http).Caller.UserName, ct);
            return Row(http, new RebuildRow(name, operation, FormErrors.None));
        }
        catch (DomainValidationException e) { return Row(http, new RebuildRow(name, null, new FormErrors(e.Errors))); }
    }

    private static IResult Row(HttpContext http, RebuildRow row) => Pages.Render<RebuildRowView>(new { Ui = UiContext.For(http), Row = row });
}
