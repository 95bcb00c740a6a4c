using System.Text.Json.Serialization;
using Platform.Identity.Demo;
using Platform.Identity.Tokens;

namespace Platform.Tests.Infrastructure;

/// <summary>A token endpoint's answer (RFC 6749 §5.1).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("id_token")] string? IdToken,
    [property: JsonPropertyName("scope")] string? Scope);

/// <summary>Requests to the token server's endpoints, form-encoded as OAuth clients send them.</summary>
public static class OAuth
{
    /// <summary>POST /connect/token with these parameters; the scenario's expectations (default 200) are the caller's.</summary>
    public static Task<IScenarioResult> TokenRequest(this ApiHost api, Dictionary<string, string> form, int status = 200) => api.Scenario(s =>
    {
        s.Post.FormData(form).ToUrl("/connect/token");
        s.StatusCodeShouldBe(status);
    });

    /// <summary>The password grant of the first-party script client, as README's curl example does it.</summary>
    public static Dictionary<string, string> PasswordGrant(string login, string password = DemoAccounts.Password) => new()
    {
        ["grant_type"] = "password", ["client_id"] = FirstPartyClients.Cli, ["username"] = login, ["password"] = password,
        ["scope"] = "api offline_access",
    };

    public static Dictionary<string, string> RefreshGrant(string refreshToken) => new()
    {
        ["grant_type"] = "refresh_token", ["client_id"] = FirstPartyClients.Cli, ["refresh_token"] = refreshToken,
    };

    /// <summary>Signs a demo (or test) account in with its password: its real id and roles are in the token.</summary>
    public static Task<TokenResponse> SignInAsync(this ApiHost api, string login, string password = DemoAccounts.Password) =>
        api.TokenRequest(PasswordGrant(login, password)).Json<TokenResponse>();
}
