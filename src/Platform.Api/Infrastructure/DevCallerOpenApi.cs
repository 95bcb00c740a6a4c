using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Platform.Tenancy.Resolution;

namespace Platform.Api.Infrastructure;

/// <summary>Declares the development caller header, so that Swagger UI's «Authorize» can send it.</summary>
public sealed class DevCallerOpenApi(IHostEnvironment env) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "Nastavnik Platform API";
        if (!env.IsDevelopment()) return Task.CompletedTask;
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["DevCaller"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = Caller.DevHeader,
            Description = "Development only: school:{id}, district:{id}, region:{id} or platform.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("DevCaller", document)] = [] });
        return Task.CompletedTask;
    }
}
