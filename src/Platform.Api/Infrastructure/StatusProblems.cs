using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.WebUtilities;

namespace Platform.Api.Infrastructure;

/// <summary>
/// Russian titles and details for the problems the framework writes with its English defaults: an unknown address
/// (404, with the route value that did not fit when the address is otherwise right), a method the address does not
/// take (405, with the allowed ones), a record a handler did not find, 415, 401, 403… Problems with our own text are
/// left as they are.
/// </summary>
public static class StatusProblems
{
    private static readonly Dictionary<int, (string Title, string Detail)> Texts = new()
    {
        [400] = (BindingProblems.Title, "Не удалось прочитать запрос: проверьте формат и типы полей."),
        [401] = ("Требуется вход", "Требуется вход в систему: передайте токен доступа (Authorization: Bearer …)."),
        [403] = ("Нет доступа", "Недостаточно прав для этого действия."),
        [404] = ("Не найдено", "Запись не найдена."),
        [405] = ("Метод не поддерживается", "Этот адрес не принимает запросы с таким методом."),
        [406] = ("Формат ответа недоступен", "Ответ возможен только в формате JSON (Accept: application/json)."),
        [408] = ("Истекло время запроса", "Запрос не был получен полностью вовремя; повторите его."),
        [409] = ("Действие невозможно", "Действие противоречит текущему состоянию записи."),
        [412] = ("Запись уже изменена", "Версия в If-Match не совпадает с текущей: обновите данные и повторите действие."),
        [413] = ("Слишком большой запрос", "Тело запроса превышает допустимый размер."),
        [415] = ("Неподдерживаемый формат", "Тело запроса — JSON: укажите заголовок Content-Type: application/json."),
        [422] = ("Проверьте введённые данные", "Запрос не прошёл проверку."),
        [428] = ("Нужна версия записи", "Укажите версию записи в заголовке If-Match."),
        [429] = ("Слишком много запросов", "Слишком много запросов: подождите и повторите."),
        [500] = ("Внутренняя ошибка", "Произошла ошибка. Мы уже знаем о ней; повторите позже."),
        [503] = ("Сервис недоступен", "Сервис временно недоступен; повторите позже."),
    };

    private const string EnglishServerError = "An error occurred while processing your request.";

    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        var status = problem.Status ?? http.Response.StatusCode;
        if (problem.Title is not null && problem.Title != ReasonPhrases.GetReasonPhrase(status) && problem.Title != EnglishServerError) return;
        if (!Texts.TryGetValue(status, out var text))
            text = status >= 500 ? Texts[500] : ("Запрос не выполнен", "Запрос не выполнен: проверьте адрес, метод и данные.");
        problem.Title = text.Title;
        if (problem.Detail is not null) return;
        problem.Detail = status switch
        {
            404 when http.GetEndpoint() is null => UnknownAddress(http, problem),
            405 => $"Адрес {http.Request.Path} не принимает запросы {http.Request.Method}"
                   + (http.Response.Headers.Allow.Count > 0 ? $"; допустимые методы: {http.Response.Headers.Allow}." : "."),
            _ => text.Detail,
        };
    }

    /// <summary>No endpoint answered: either no address is like it, or one is but a route value does not fit (an id that is not a GUID).</summary>
    private static string UnknownAddress(HttpContext http, Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        if (MisfitRouteValue(http) is { } misfit)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [misfit.Name] = [misfit.Message] };
            return $"Адрес {http.Request.Path} не найден: значение «{misfit.Name}» в адресе не подходит.";
        }
        return $"Адрес {http.Request.Path} не найден: проверьте путь (список адресов — /swagger).";
    }

    /// <summary>The first route whose literal segments match the path while a constrained value does not fit its constraint.</summary>
    private static (string Name, string Message)? MisfitRouteValue(HttpContext http)
    {
        var segments = http.Request.Path.Value?.Trim('/').Split('/') ?? [];
        var sources = http.RequestServices.GetService<EndpointDataSource>();
        foreach (var endpoint in sources?.Endpoints.OfType<RouteEndpoint>() ?? [])
        {
            var pattern = endpoint.RoutePattern;
            if (pattern.PathSegments.Count != segments.Length) continue;
            (string, string)? misfit = null;
            var matches = true;
            for (var i = 0; i < segments.Length && matches; i++)
            {
                var parts = pattern.PathSegments[i].Parts;
                if (parts is [RoutePatternLiteralPart literal]) matches = string.Equals(literal.Content, segments[i], StringComparison.OrdinalIgnoreCase);
                else if (parts is [RoutePatternParameterPart { IsCatchAll: false } parameter])
                {
                    if (Fits(pattern, parameter.Name, Uri.UnescapeDataString(segments[i])) is { } message) misfit ??= (parameter.Name, message);
                }
                else matches = false;
            }
            if (matches && misfit is not null) return misfit;
        }
        return null;
    }

    /// <summary>Null when the value fits the parameter's constraints; else what the value should be.</summary>
    private static string? Fits(RoutePattern pattern, string name, string value)
    {
        if (!pattern.ParameterPolicies.TryGetValue(name, out var policies)) return null;
        foreach (var policy in policies)
        {
            var (type, ok) = policy.Content switch
            {
                "guid" => (typeof(Guid), Guid.TryParse(value, out _)),
                "int" => (typeof(int), int.TryParse(value, out _)),
                "long" => (typeof(long), long.TryParse(value, out _)),
                "bool" => (typeof(bool), bool.TryParse(value, out _)),
                "datetime" => (typeof(DateTimeOffset), FieldFormats.IsIsoDate(typeof(DateTimeOffset), value)),
                _ => (typeof(object), true),
            };
            if (!ok) return FieldFormats.MessageFor(type);
        }
        return null;
    }
}
