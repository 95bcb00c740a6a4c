using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.Api.Infrastructure;

/// <summary>
/// Enums in the OpenAPI document as their names, as the API reads and writes them (<see cref="NamedEnumConverter"/>): the
/// schema exporter describes a converter of its own kind only, and gave an enum of ours no schema at all.
/// </summary>
public sealed class EnumOpenApi : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (!underlying.IsEnum) return Task.CompletedTask;
        var nullable = underlying != type;
        schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        schema.Enum = Enum.GetNames(underlying).Select(n => (JsonNode)JsonValue.Create(JsonNamingPolicy.SnakeCaseLower.ConvertName(n))!).ToList();
        if (nullable) schema.Enum.Add(null!);
        return Task.CompletedTask;
    }
}
