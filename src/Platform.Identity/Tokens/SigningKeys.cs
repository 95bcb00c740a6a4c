using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Platform.EventStore;

namespace Platform.Identity.Tokens;

/// <summary>
/// The RSA keys our access tokens are signed with. Every key has an id (the token's <c>kid</c>), so keys
/// can rotate: the newest key signs, the older ones still validate until retired. Keys come from
/// configuration (PEM files), or, in development, from identity.signing_keys where the first node
/// generates one. A token with an unknown kid makes this node reload (another node may have rotated).
/// </summary>
public sealed class SigningKeys(IOptions<AuthOptions> options, DocumentStore store, IHostEnvironment env, TimeProvider time, ILogger<SigningKeys> log)
{
    private static readonly TimeSpan ReloadAtMostEvery = TimeSpan.FromSeconds(30);
    private volatile IReadOnlyList<RsaSecurityKey> _keys = [];
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;

    private bool FromDatabase => options.Value.SigningKeys.Count == 0;

    public SigningCredentials Current => _keys.Count > 0
        ? new SigningCredentials(_keys[0], SecurityAlgorithms.RsaSha256)
        : throw new InvalidOperationException("No signing key is loaded: SigningKeys.LoadAsync runs at start-up.");

    public async Task LoadAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        if (!FromDatabase)
        {
            _keys = o.SigningKeys.Select(k =>
            {
                var rsa = RSA.Create();
                rsa.ImportFromPem(File.ReadAllText(k.PemFile));
                return new RsaSecurityKey(rsa) { KeyId = k.Id };
            }).ToList();
        }
        else
        {
            if (!(o.StoreKeyInDatabase ?? env.IsDevelopment()))
                throw new InvalidOperationException(
                    "Auth:SigningKeys is empty. Configure signing keys (Auth:SigningKeys:0:Id, Auth:SigningKeys:0:PemFile), an external provider (Auth:Authority), or Auth:StoreKeyInDatabase=true.");
            await using var session = store.LightweightSession(TenantScope.Platform);
            var rows = await ReadAsync(session, ct);
            if (rows.Count == 0)
            {
                await InsertNewKeyAsync(session, onlyIfNone: true, ct);
                rows = await ReadAsync(session, ct);
                log.LogInformation("Generated the first token signing key {KeyId}", rows[0].KeyId);
            }
            await session.SaveChangesAsync(ct);
            _keys = rows;
        }
        _loadedAt = time.GetUtcNow();
    }

    /// <summary>The validation keys for a token's kid; reloads once in a while if the kid is unknown.</summary>
    public IEnumerable<SecurityKey> Resolve(string? kid)
    {
        var match = _keys.Where(k => kid is null || k.KeyId == kid).ToList();
        if (match.Count == 0 && FromDatabase && time.GetUtcNow() - _loadedAt > ReloadAtMostEvery)
        {
            LoadAsync().GetAwaiter().GetResult();
            match = _keys.Where(k => k.KeyId == kid).ToList();
        }
        return match;
    }

    /// <summary>The public keys, for <c>/.well-known/jwks.json</c>.</summary>
    public JsonWebKeySet Jwks()
    {
        var set = new JsonWebKeySet();
        foreach (var key in _keys)
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
            jwk.Use = "sig";
            jwk.Alg = SecurityAlgorithms.RsaSha256;
            set.Keys.Add(jwk);
        }
        return set;
    }

    /// <summary>
    /// Adds a new signing key and retires all but the previous one (tokens it signed stay valid until
    /// they expire). Other nodes pick the new key up when they first see its kid, or at restart.
    /// </summary>
    public async Task<string> RotateAsync(CancellationToken ct = default)
    {
        if (!FromDatabase) throw new InvalidOperationException("Signing keys come from configuration: rotate them there (put the new key first).");
        await using var session = store.LightweightSession(TenantScope.Platform);
        var id = await InsertNewKeyAsync(session, onlyIfNone: false, ct);
        await session.ExecuteAsync("""
            UPDATE identity.signing_keys SET retired_at = $1
             WHERE retired_at IS NULL AND id NOT IN (SELECT id FROM identity.signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 2)
            """, ct, time.GetUtcNow());
        await session.SaveChangesAsync(ct);
        await LoadAsync(ct);
        return id;
    }

    private async Task<string> InsertNewKeyAsync(DocumentSession session, bool onlyIfNone, CancellationToken ct)
    {
        using var rsa = RSA.Create(2048);
        var now = time.GetUtcNow();
        var id = $"{now:yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        await session.ExecuteAsync("""
            INSERT INTO identity.signing_keys (id, private_key, created_at)
            SELECT $1, $2, $3 WHERE NOT $4 OR NOT EXISTS (SELECT 1 FROM identity.signing_keys WHERE retired_at IS NULL)
            """, ct, id, rsa.ExportPkcs8PrivateKey(), now, onlyIfNone);
        return id;
    }

    private static Task<List<RsaSecurityKey>> ReadAsync(DocumentSession session, CancellationToken ct) =>
        session.QueryAsync("SELECT id, private_key FROM identity.signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC, id", r =>
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(r.GetFieldValue<byte[]>(1), out _);
            return new RsaSecurityKey(rsa) { KeyId = r.GetString(0) };
        }, ct);
}
