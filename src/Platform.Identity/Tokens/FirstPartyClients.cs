using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Tokens;

/// <summary>
/// The clients the platform itself runs, kept in step with configuration at start-up: <c>nastavnik-cli</c> (a public
/// client for scripts: password and refresh grants) and the interactive clients of Auth:Clients (authorization
/// code + PKCE, e.g. the institute's portal).
/// </summary>
public static class FirstPartyClients
{
    public const string Cli = "nastavnik-cli";

    public static async Task EnsureAsync(IServiceProvider services, ILogger logger, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var apps = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var cli = new OpenIddictApplicationDescriptor
        {
            ClientId = Cli, ClientType = ClientTypes.Public, DisplayName = "Сценарии и командная строка",
            Permissions =
            {
                Permissions.Endpoints.Token, Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.Password, Permissions.GrantTypes.RefreshToken, Permissions.Prefixes.Scope + TokenServer.Api,
            },
        };
        await UpsertAsync(apps, cli, ct);

        foreach (var client in scope.ServiceProvider.GetRequiredService<IOptions<AuthOptions>>().Value.Clients)
        {
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = client.ClientId, ClientType = ClientTypes.Public, ConsentType = ConsentTypes.Implicit,
                DisplayName = string.IsNullOrWhiteSpace(client.DisplayName) ? client.ClientId : client.DisplayName,
                Permissions =
                {
                    Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                    Permissions.Endpoints.Revocation, Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
                    Permissions.ResponseTypes.Code, Permissions.Scopes.Profile, Permissions.Prefixes.Scope + TokenServer.Api,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            foreach (var uri in client.RedirectUris) descriptor.RedirectUris.Add(new Uri(uri));
            foreach (var uri in client.PostLogoutRedirectUris) descriptor.PostLogoutRedirectUris.Add(new Uri(uri));
            await UpsertAsync(apps, descriptor, ct);
        }
        logger.LogInformation("Token server clients ready: {Cli} and {Count} interactive", Cli, scope.ServiceProvider.GetRequiredService<IOptions<AuthOptions>>().Value.Clients.Count);
    }

    private static async Task UpsertAsync(IOpenIddictApplicationManager apps, OpenIddictApplicationDescriptor descriptor, CancellationToken ct)
    {
        var existing = await apps.FindByClientIdAsync(descriptor.ClientId!, ct);
        if (existing is not null)
        {
            try
            {
                await apps.UpdateAsync(existing, descriptor, ct);
            }
            catch (OpenIddictExceptions.ConcurrencyException)
            {
                // Nodes start together: another one updated it from the same configuration at the same moment.
            }
            return;
        }
        try
        {
            await apps.CreateAsync(descriptor, ct);
        }
        catch (Exception)
        {
            // Nodes start together: another may have created it at the same moment (client_id is unique).
            if (await apps.FindByClientIdAsync(descriptor.ClientId!, ct) is null) throw;
        }
    }
}
