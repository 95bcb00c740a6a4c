using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Platform.Api.Infrastructure;

/// <summary>
/// Requests the framework could not bind (malformed JSON, a value of the wrong type, an empty body, a query value
/// that does not parse) as Russian problem details naming the field, with what the field expects. The framework's
/// English message goes to the log only.
/// </summary>
public static partial class BindingProblems
{
    public const string Title = "Некорректный запрос";

    public static ProblemDetails From(BadHttpRequestException exception, HttpContext http)
    {
        if (exception.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return new ProblemDetails
            {
                Status = 415, Title = "Неподдерживаемый формат",
                Detail = "Тело запроса — JSON: укажите заголовок Content-Type: application/json.",
            };
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
            return new ProblemDetails
            {
                Status = 413, Title = "Слишком большой запрос",
                Detail = "Тело запроса больше допустимого размера: уменьшите файл или разделите данные на части.",
            };
        if (exception.InnerException is JsonException json) return FromJson(json, http, exception.StatusCode);

        var message = exception.Message;
        if (ImplicitBody().IsMatch(message) || RequiredFromBody().IsMatch(message))
            return Problem(exception.StatusCode, "Тело запроса пустое: ожидается JSON-объект.");
        if (FailedToBind().Match(message) is { Success: true } bind)
        {
            var parameter = Parameter(http, bind.Groups["name"].Value);
            var field = parameter?.Key ?? JsonNamingPolicy.CamelCase.ConvertName(bind.Groups["name"].Value);
            var text = parameter is null ? "Значение не распознано: проверьте его формат." : FieldFormats.MessageFor(parameter.Type, EnumNaming);
            return Field(exception.StatusCode, field, text);
        }
        if (RequiredParameter().Match(message) is { Success: true } required)
        {
            var field = Parameter(http, required.Groups["name"].Value)?.Key ?? JsonNamingPolicy.CamelCase.ConvertName(required.Groups["name"].Value);
            return Field(exception.StatusCode, field, "Обязательный параметр: укажите значение.");
        }
        return Problem(exception.StatusCode, "Не удалось прочитать запрос: проверьте формат и типы полей.");
    }

    /// <summary>A refusal of one field's value (a query value, a route value, a JSON field).</summary>
    public static ValidationProblemDetails Field(int status, string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = status, Title = Title, Detail = "Не удалось прочитать запрос: проверьте формат и типы полей.",
        };

    private static ProblemDetails Problem(int status, string detail) => new() { Status = status, Title = Title, Detail = detail };

    private static ProblemDetails FromJson(JsonException json, HttpContext http, int status)
    {
        var path = json.Path ?? "$";
        var field = FieldOf(path);
        // The reader's own failures (the text is not JSON) carry its exception; the converters' (a wrong type) do not.
        if (json.InnerException?.GetType().Name == "JsonReaderException")
        {
            if (json.LineNumber is 0 or null && json.BytePositionInLine is 0 or null)
                return Problem(status, "Тело запроса пустое: ожидается JSON-объект.");
            var where = $"строка {json.LineNumber + 1}, позиция {json.BytePositionInLine + 1}";
            return Problem(status, field.Length == 0
                ? $"Тело запроса — не корректный JSON ({where}): проверьте кавычки, запятые и скобки."
                : $"Тело запроса — не корректный JSON ({where}, у поля «{field}»): проверьте кавычки, запятые и скобки.");
        }
        var type = BodyType(http) is { } body ? TypeAt(JsonOptions(http), body, path) : null;
        if (field.Length == 0)
            return Problem(status, type is null || FieldFormats.MessageFor(type, EnumNaming) is var expected && expected.StartsWith("Объект")
                ? "Тело запроса не распознано: ожидается JSON-объект { … }."
                : $"Тело запроса не распознано. {expected}");
        return Field(status, field, type is null ? "Значение не распознано: проверьте формат и допустимые значения поля." : FieldFormats.MessageFor(type, EnumNaming));
    }

    /// <summary>The host's enums are written in snake_case (PlatformServices).</summary>
    private static readonly JsonNamingPolicy EnumNaming = JsonNamingPolicy.SnakeCaseLower;

    /// <summary>"$.answers.comfort" or "$.plan[0].deadline" → "answers.comfort", "plan[0].deadline" (the API's field names).</summary>
    public static string FieldOf(string jsonPath) => jsonPath.StartsWith("$.") ? jsonPath[2..] : jsonPath.TrimStart('$');

    /// <summary>The type the JSON path leads to in the body's type (its properties as the serializer sees them), or null.</summary>
    public static Type? TypeAt(JsonSerializerOptions options, Type root, string path)
    {
        try { return Walk(options, root, path); }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return null; // a refusal must not fail: without the type, the message is a general one
        }
    }

    private static Type? Walk(JsonSerializerOptions options, Type root, string path)
    {
        var type = root;
        foreach (Match segment in PathSegment().Matches(path))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            var info = options.GetTypeInfo(type);
            if (segment.Groups["index"].Success)
            {
                if (info.Kind != JsonTypeInfoKind.Enumerable) return null;
                type = info.ElementType!;
                continue;
            }
            var name = segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value;
            if (info.Kind == JsonTypeInfoKind.Dictionary) type = info.ElementType!;
            else if (info.Kind == JsonTypeInfoKind.Object
                     && info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { } property)
                type = property.PropertyType;
            else return null;
        }
        return type;
    }

    /// <summary>The endpoint that failed (the exception handler has taken it off the context by the time it runs).</summary>
    private static Endpoint? EndpointOf(HttpContext http) =>
        http.GetEndpoint() ?? http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Endpoint;

    internal static Type? BodyType(HttpContext http) => EndpointOf(http)?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;

    private static JsonSerializerOptions JsonOptions(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

    /// <summary>A handler's parameter bound from the route or the query string: its C# name, the key a client sends, its type.</summary>
    public sealed record BoundParameter(string Name, string Key, Type Type);

    private static readonly ConcurrentDictionary<MethodInfo, IReadOnlyList<BoundParameter>> Cache = new();

    /// <summary>The simple parameters of the endpoint's handler, [AsParameters] ones expanded (null for other endpoints).</summary>
    public static IReadOnlyList<BoundParameter> Parameters(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<MethodInfo>() is { } method ? Cache.GetOrAdd(method, Discover) : [];

    private static BoundParameter? Parameter(HttpContext http, string name) =>
        Parameters(EndpointOf(http)).FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static IReadOnlyList<BoundParameter> Discover(MethodInfo method)
    {
        var found = new List<BoundParameter>();
        foreach (var p in method.GetParameters())
        {
            if (p.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                var ctor = p.ParameterType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
                foreach (var cp in ctor?.GetParameters() ?? [])
                    if (IsSimple(cp.ParameterType)) found.Add(Bound(cp.Name!, cp.ParameterType, Named(cp) ?? Named(p.ParameterType.GetProperty(cp.Name!))));
                foreach (var prop in p.ParameterType.GetProperties().Where(x => x.CanWrite && x.SetMethod!.IsPublic && IsSimple(x.PropertyType)))
                    if (found.All(f => f.Name != prop.Name)) found.Add(Bound(prop.Name, prop.PropertyType, Named(prop)));
            }
            else if (IsSimple(p.ParameterType) && p.Name is not null) found.Add(Bound(p.Name, p.ParameterType, Named(p)));
        }
        return found;
    }

    private static BoundParameter Bound(string name, Type type, string? explicitName) =>
        new(name, explicitName ?? JsonNamingPolicy.CamelCase.ConvertName(name), type);

    private static string? Named(ICustomAttributeProvider? member) =>
        member?.GetCustomAttributes(true).OfType<IFromQueryMetadata>().FirstOrDefault()?.Name
        ?? member?.GetCustomAttributes(true).OfType<IFromRouteMetadata>().FirstOrDefault()?.Name;

    private static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
            || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(DateTimeOffset) || type == typeof(DateTime);
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();

    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<name>[^ \"]+)\" from \"")]
    private static partial Regex FailedToBind();

    [GeneratedRegex("^Required parameter \"(?<type>.+) (?<name>[^ \"]+)\" was not provided from (?!body)")]
    private static partial Regex RequiredParameter();

    [GeneratedRegex("^Required parameter \".+\" was not provided from body")]
    private static partial Regex RequiredFromBody();

    [GeneratedRegex("^Implicit body inferred for parameter \".+\" but no body was provided")]
    private static partial Regex ImplicitBody();
}
