using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.Api.Infrastructure;

/// <summary>
/// Declares the RFC 7807 answers every API operation may give (application/problem+json): 400 with the fields' Russian
/// messages where the request carries input, 401 and 403 for the account, 404 where the path names something, 409 for a
/// write that lost a race or broke a rule. The handlers' own results (200, 201, 202…) come from their signatures.
/// </summary>
public sealed class ProblemOpenApi : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas["ProblemDetails"] = Problem(validation: false);
        document.Components.Schemas["ValidationProblemDetails"] = Problem(validation: true);
        foreach (var (path, item) in document.Paths)
        {
            if (!path.StartsWith("/api/") || item.Operations is null) continue;
            foreach (var (method, operation) in item.Operations)
            {
                operation.Responses ??= new OpenApiResponses();
                var input = operation.RequestBody is not null || operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true;
                if (input) Add(document, operation, "400", "Запрос не принят: поля с ошибками (errors) и сообщения на русском", validation: true);
                Add(document, operation, "401", "Нужен вход: нет токена доступа или он истёк");
                Add(document, operation, "403", "Роли или области учётной записи не хватает для этого действия");
                if (path.Contains('{')) Add(document, operation, "404", "Не найдено (или не видно в области учётной записи)");
                if (method != HttpMethod.Get) Add(document, operation, "409", "Конфликт: данные изменились (If-Match) или действие нарушает правило");
            }
        }
        return Task.CompletedTask;
    }

    private static void Add(OpenApiDocument document, OpenApiOperation operation, string status, string description, bool validation = false) =>
        operation.Responses!.TryAdd(status, new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new()
                {
                    Schema = new OpenApiSchemaReference(validation ? "ValidationProblemDetails" : "ProblemDetails", document),
                },
            },
        });

    private static OpenApiSchema Problem(bool validation)
    {
        var properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Что случилось, по-русски" },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["correlationId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Идентификатор запроса в журналах" },
        };
        if (validation)
            properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Сообщения по полям: имя поля → сообщения",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                Example = JsonNode.Parse("""{"asOf": ["Момент сборки не может быть в будущем."]}"""),
            };
        return new OpenApiSchema { Type = JsonSchemaType.Object, Properties = properties };
    }
}
