using System.Security.Claims;
using System.Text.Json;
using Platform.EventStore;
using Platform.Identity.Tokens;
using Platform.Tenancy.Resolution;

namespace Platform.Identity.External;

/// <summary>
/// Turns an external provider's token (e.g. Keycloak) into our claims: its roles, mapped through
/// <see cref="ExternalClaimsOptions.RoleMap"/>, and its scope claim. Roles that do not fit the scope
/// are dropped, so a misconfigured provider cannot give a school account district rights.
/// </summary>
public static class ExternalClaimsMapper
{
    public static ClaimsPrincipal? Map(ClaimsPrincipal external, ExternalClaimsOptions options)
    {
        var scope = Caller.ParseScope(external.FindFirst(options.ScopeClaim)?.Value);
        if (scope is null) return null;
        var roles = ReadRoles(external, options.RolesClaim)
            .Select(r => options.RoleMap.TryGetValue(r, out var ours) ? ours : r)
            .Where(r => Roles.IsKnown(r) && Roles.ScopeOf(r) == scope.Kind)
            .Distinct()
            .ToList();

        var subject = external.FindFirst("sub")?.Value ?? "";
        var name = external.FindFirst(options.NameClaim)?.Value ?? subject;
        var claims = new List<Claim>
        {
            // Our account ids are uuids; a provider's subject that is not one stays out of the user id.
            new(PlatformClaims.Subject, Guid.TryParse(subject, out _) ? subject : ""),
            new(PlatformClaims.Name, name),
            new(PlatformClaims.Scope, scope.ToString()),
        };
        if (external.FindFirst(options.FullNameClaim)?.Value is { Length: > 0 } full) claims.Add(new Claim(PlatformClaims.FullName, full));
        claims.AddRange(roles.Select(r => new Claim(PlatformClaims.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "external", PlatformClaims.Name, PlatformClaims.Role));
    }

    /// <summary>A flat claim ("roles", one claim per role or a JSON array) or a path into a JSON object claim ("realm_access.roles").</summary>
    internal static IEnumerable<string> ReadRoles(ClaimsPrincipal principal, string path)
    {
        var dot = path.IndexOf('.');
        if (dot < 0)
            return principal.FindAll(path).SelectMany(c => c.Value.StartsWith('[') ? ParseArray(JsonDocument.Parse(c.Value).RootElement) : [c.Value]).ToList();
        var root = principal.FindFirst(path[..dot])?.Value;
        if (string.IsNullOrEmpty(root)) return [];
        var element = JsonDocument.Parse(root).RootElement;
        foreach (var part in path[(dot + 1)..].Split('.'))
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element)) return [];
        return ParseArray(element);
    }

    private static IEnumerable<string> ParseArray(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
        : e.ValueKind == JsonValueKind.String ? [e.GetString()!] : [];
}
