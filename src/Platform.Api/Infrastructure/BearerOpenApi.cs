using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.Api.Infrastructure;

/// <summary>Declares bearer tokens, so that Swagger UI's «Authorize» sends an access token of the token server (/connect/token).</summary>
public sealed class BearerOpenApi : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "Nastavnik Platform API";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "Токен доступа OAuth 2.0 от POST /connect/token (описание сервера: /.well-known/openid-configuration). Сценарии: grant_type=password, client_id=nastavnik-cli (в разработке: логин district.curator, пароль Nastavnik-2026); внешние системы: grant_type=client_credentials.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
