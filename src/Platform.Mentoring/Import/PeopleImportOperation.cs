using System.Text.Json;
using Platform.Operations;

namespace Platform.Mentoring.Import;

public sealed record PeopleImportInput(Guid SchoolId, string List, string FileName, DateOnly Today);

/// <summary>
/// Loading a staff or student list on a worker, in the school's scope: all rows or none, as in the request it replaces. The
/// report (every row's outcome) is the operation's result; a list with errors ends the operation failed and writes nothing.
/// Run again after a node died, it matches the people the first run may have committed and changes nothing.
/// </summary>
public sealed class PeopleImportOperation : IOperationHandler
{
    public const string OperationKind = "people-import";
    public string Kind => OperationKind;

    public async Task<OperationResult> RunAsync(OperationContext operation, JsonElement input, CancellationToken ct)
    {
        var request = input.Deserialize<PeopleImportInput>(JsonSerializerOptions.Web)!;
        var content = await operation.PayloadAsync(ct) ?? throw new DomainRuleException("Файл списка не найден: загрузите его снова.");
        await using var session = operation.Session();
        var report = await ImportEndpoints.RunAsync(session, request.Today, operation.Time, request.SchoolId, request.List, dry: false, request.FileName,
            content, ct, (percent, message) => operation.ReportAsync(percent, message, ct));
        var people = $"/schools/{request.SchoolId}/people";
        return report.Committed
            ? new OperationResult($"Список загружен: новых — {report.Totals.Create}, изменено — {report.Totals.Update}, без изменений — {report.Totals.Unchanged}.",
                people, report)
            : new OperationResult($"Список не загружен: в файле есть ошибки ({report.Totals.WithErrors} с ошибками). Ничего не записано.", null, report,
                Refused: true);
    }
}
