using OpenIddict.Abstractions;
using Platform.Jobs.Scheduling;

namespace Platform.Identity.Tokens;

/// <summary>
/// The token server keeps a row per issued token and per sign-in: once a day, those that expired or were
/// revoked more than <see cref="KeepFor"/> ago are removed (the security journal keeps the history).
/// </summary>
public sealed class TokenPruning(IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations) : IRecurringJob
{
    public const string Id = "token-pruning";
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(14);

    public async Task RunAsync(CancellationToken ct)
    {
        var threshold = TimeProvider.System.GetUtcNow() - KeepFor; // tokens live in real time (TokenServer)
        await tokens.PruneAsync(threshold, ct);
        await authorizations.PruneAsync(threshold, ct);
    }
}
