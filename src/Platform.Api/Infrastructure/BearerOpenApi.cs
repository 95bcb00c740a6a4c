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
        // The same tokens, described as OAuth 2.0 flows: Swagger UI's «Authorize» can then get one itself (client nastavnik-cli).
        var tokenUrl = new Uri("/connect/token", UriKind.Relative);
        document.Components.SecuritySchemes["OAuth2"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "Сервер токенов OAuth 2.0 / OpenID Connect (описание: /.well-known/openid-configuration).",
            Flows = new OpenApiOAuthFlows
            {
                Password = new OpenApiOAuthFlow
                {
                    TokenUrl = tokenUrl,
                    Scopes = new Dictionary<string, string> { ["api"] = "API платформы", ["offline_access"] = "Токен обновления" },
                },
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = tokenUrl,
                    Scopes = new Dictionary<string, string> { ["reporting.read"] = "Чтение отчётности района или региона (внешние системы)" },
                },
                AuthorizationCode = new OpenApiOAuthFlow
                {
                    AuthorizationUrl = new Uri("/connect/authorize", UriKind.Relative),
                    TokenUrl = tokenUrl,
                    Scopes = new Dictionary<string, string>
                    {
                        ["openid"] = "Вход (OpenID Connect)", ["profile"] = "Имя", ["api"] = "API платформы", ["offline_access"] = "Токен обновления",
                    },
                },
            },
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("OAuth2", document)] = [] });
        return Task.CompletedTask;
    }
}
