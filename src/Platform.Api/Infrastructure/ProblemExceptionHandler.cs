using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Platform.EventStore;
using Platform.Domain;

namespace Platform.Api.Infrastructure;

/// <summary>Turns domain and store failures into RFC 7807 problem details with Russian text.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        ProblemDetails problem = exception switch
        {
            DomainValidationException v => new ValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = 400, Title = "Проверьте введённые данные",
            },
            // A request the framework could not bind (malformed JSON, a wrong type, an empty body, a query value): the field and
            // what it expects, in Russian; the framework's English message goes to the log only.
            BadHttpRequestException b => BindingProblems.From(b, http),
            // A form whose antiforgery token could not be read (RequestInputGuard refuses unreadable forms before; this is the rest).
            Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => new ProblemDetails
            {
                Status = 400, Title = BindingProblems.Title,
                Detail = "Форма устарела или повреждена: обновите страницу и отправьте её ещё раз.",
            },
            DomainRuleException r => new ProblemDetails { Status = 409, Title = "Действие невозможно", Detail = r.Message },
            RecordNotFoundException n => new ProblemDetails { Status = 404, Title = "Не найдено", Detail = n.Message },
            StreamNotFoundException => new ProblemDetails { Status = 404, Title = "Не найдено", Detail = "Запись не найдена." },
            // A JSON body in a charset .NET does not know (Content-Type: application/json; charset=koi8-r).
            InvalidOperationException { InnerException: ArgumentException } when exception.TargetSite?.DeclaringType == typeof(HttpRequestJsonExtensions) =>
                new ProblemDetails
                {
                    Status = 415, Title = "Неподдерживаемый формат",
                    Detail = "Кодировка тела запроса не поддерживается: отправьте JSON в UTF-8 (Content-Type: application/json; charset=utf-8).",
                },
            ConcurrencyException c => new ProblemDetails
            {
                Status = 409, Title = "Запись уже изменена",
                Detail = "Запись изменена другим пользователем. Обновите данные и повторите действие.",
                Extensions = { ["expectedVersion"] = c.ExpectedVersion, ["actualVersion"] = c.ActualVersion },
            },
            StreamAlreadyExistsException => new ProblemDetails
            {
                Status = 409, Title = "Запись уже существует", Detail = "Запись с таким идентификатором уже существует.",
            },
            _ when DatabaseUnavailable(exception) => new ProblemDetails
            {
                Status = 503, Title = "Сервис временно недоступен",
                Detail = "База данных недоступна или переключается на резервный сервер. Повторите через несколько секунд.",
            },
            _ => new ProblemDetails { Status = 500, Title = "Внутренняя ошибка", Detail = "Произошла ошибка. Мы уже знаем о ней; повторите позже." },
        };
        http.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == 503)
        {
            logger.LogWarning("Database unavailable: {Reason}", exception.GetBaseException().Message);
            http.Response.Headers.RetryAfter = "5";
            if (await Platform.Web.Shell.StatusPages.TryWriteUnavailableAsync(http)) return true;
        }
        else if (problem.Status == 500) logger.LogError(exception, "Unhandled exception");
        else logger.LogInformation("Request refused: {Reason} {Cause}", exception.Message, exception.InnerException?.Message);

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// The database cannot be reached, is shutting down or restarting, or the server became a standby (a failover): the
    /// request may succeed in a few seconds. Npgsql marks these transient; PostgreSQL's classes 08 (connection) and 57P
    /// (operator intervention), and 25006 (a write on a server in recovery) are the server's side of the same. With several
    /// servers in the connection string (the primary and its standby) and none of them the primary, as while the primary
    /// restarts, Npgsql answers «No suitable host was found» from what it knows of each server, not marked transient.
    /// </summary>
    public static bool DatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            switch (e)
            {
                case Npgsql.PostgresException p when p.SqlState.StartsWith("08") || p.SqlState.StartsWith("57P") || p.SqlState == "25006":
                    return true;
                case Npgsql.NpgsqlException { IsTransient: true } and not Npgsql.PostgresException:
                    return true;
                case Npgsql.NpgsqlException n and not Npgsql.PostgresException when n.Message.StartsWith(NoSuitableHost, StringComparison.Ordinal):
                    return true;
            }
        return false;
    }

    private const string NoSuitableHost = "No suitable host was found";
}
