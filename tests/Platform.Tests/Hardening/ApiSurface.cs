using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bogus;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Hardening;

/// <summary>One operation of the API as the host's OpenAPI document describes it.</summary>
public sealed record Operation(string Method, string Template, JsonElement? Body, bool TakesForm)
{
    public IReadOnlyList<string> Parameters { get; } = Regex.Matches(Template, @"\{(\w+)\}").Select(m => m.Groups[1].Value).ToList();

    public bool Writes => Method != "GET";

    /// <summary>The first route parameter names whose data the route is: schoolId, districtId, regionId, or none.</summary>
    public string? Scope => Parameters.FirstOrDefault() is "schoolId" or "districtId" or "regionId" ? Parameters[0] : null;

    public override string ToString() => $"{Method} {Template}";
}

/// <summary>
/// The API's operations, read from the Development host's OpenAPI document (GET /openapi/v1.json), and bodies that
/// follow an operation's schema (plausible values, ids from <see cref="TenantIds"/>), for the hardening suites.
/// </summary>
public sealed class ApiSurface(JsonElement document)
{
    public static async Task<ApiSurface> LoadAsync(ApiHost api)
    {
        var text = await (await api.Scenario(s => s.Get.Url("/openapi/v1.json"))).ReadAsTextAsync();
        return new ApiSurface(JsonDocument.Parse(text).RootElement.Clone());
    }

    public IReadOnlyList<Operation> Operations { get; } = Read(document);

    private static List<Operation> Read(JsonElement document)
    {
        var list = new List<Operation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/")))
            foreach (var op in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                JsonElement? body = null;
                var form = false;
                if (op.Value.TryGetProperty("requestBody", out var rb) && rb.TryGetProperty("content", out var content))
                {
                    if (content.TryGetProperty("application/json", out var json)) body = json.GetProperty("schema");
                    form = content.EnumerateObject().Any(c => c.Name.StartsWith("multipart/") || c.Name.StartsWith("application/x-www-form"));
                }
                list.Add(new Operation(op.Name.ToUpperInvariant(), path.Name, body, form || (body is null && op.Name != "get" && path.Name.Contains("import"))));
            }
        return list;
    }

    /// <summary>A body that follows the schema: every property, with a plausible value (a real id where the name says which).</summary>
    public JsonNode? Plausible(JsonElement schema, Faker faker, Func<string, Guid> idFor, string name = "", int depth = 0)
    {
        schema = Resolve(schema);
        if (schema.TryGetProperty("oneOf", out var oneOf))
            return oneOf.EnumerateArray().Select(Resolve).Where(s => !IsNullOnly(s)).Select(s => Plausible(s, faker, idFor, name, depth)).FirstOrDefault();
        if (schema.TryGetProperty("enum", out var values))
            return JsonNode.Parse(faker.PickRandom(values.EnumerateArray().ToList()).GetRawText());
        var types = Types(schema);
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (types.Contains("object") || schema.TryGetProperty("properties", out _))
        {
            var obj = new JsonObject();
            if (depth > 4) return obj;
            if (schema.TryGetProperty("properties", out var props))
                foreach (var p in props.EnumerateObject()) obj[p.Name] = Plausible(p.Value, faker, idFor, p.Name, depth + 1);
            if (schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.Object)
                obj[faker.Random.AlphaNumeric(6)] = Plausible(extra, faker, idFor, name, depth + 1);
            return obj;
        }
        if (types.Contains("array"))
        {
            var items = schema.TryGetProperty("items", out var i) ? i : default;
            var array = new JsonArray();
            if (items.ValueKind == JsonValueKind.Object && depth <= 4)
                for (var k = faker.Random.Int(1, 2); k > 0; k--) array.Add(Plausible(items, faker, idFor, Singular(name), depth + 1));
            return array;
        }
        if (types.Contains("integer")) return name.Contains("ear", StringComparison.OrdinalIgnoreCase) ? faker.Random.Int(2024, 2027) : faker.Random.Int(1, 30);
        if (types.Contains("number")) return Math.Round(faker.Random.Double(1, 90), 1);
        if (types.Contains("boolean")) return faker.Random.Bool();
        return format switch
        {
            "uuid" => idFor(name).ToString(),
            "date" => DateOnly.FromDateTime(DateTime.Today.AddDays(faker.Random.Int(-30, 120))).ToString("yyyy-MM-dd"),
            "date-time" => DateTimeOffset.UtcNow.AddDays(faker.Random.Int(-30, 30)).ToString("O"),
            _ when name.EndsWith("Id", StringComparison.Ordinal) => idFor(name).ToString(),
            _ when name.Contains("name", StringComparison.OrdinalIgnoreCase) => faker.Name.FullName(),
            _ when name.Contains("timeZone", StringComparison.OrdinalIgnoreCase) => "Europe/Moscow",
            _ when name.Contains("email", StringComparison.OrdinalIgnoreCase) => faker.Internet.Email(),
            _ => faker.Lorem.Sentence(4),
        };
    }

    private static string Singular(string name) => name.EndsWith("Ids", StringComparison.Ordinal) ? name[..^1] : name;

    private JsonElement Resolve(JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var r))
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(r.GetString()!.Split('/').Last());
        return schema;
    }

    private static bool IsNullOnly(JsonElement schema) => Types(schema) is ["null"];

    private static List<string> Types(JsonElement schema) => !schema.TryGetProperty("type", out var t) ? []
        : t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()!).ToList() : [t.GetString()!];
}
