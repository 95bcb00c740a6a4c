using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Platform.EventStore;

namespace Platform.Identity.Tokens;

/// <summary>
/// The keys of the token server. RSA signing keys have ids (the token's <c>kid</c>), so they rotate: the first
/// signs, all validate, and the JWKS publishes all. The encryption key (AES-256) protects refresh tokens and
/// authorization codes; every node needs the same one, and keeping it is what keeps everyone signed in
/// across a signing-key rotation. Keys come from files (production) or from identity.signing_keys, where the first
/// node generates them: in plain form in Development only, elsewhere sealed with Auth:KeyProtectionFile's key.
/// </summary>
public sealed class TokenKeys(IOptions<AuthOptions> options, DocumentStore store, IHostEnvironment env, TimeProvider time, ILogger<TokenKeys> log)
{
    private volatile IReadOnlyList<RsaSecurityKey> _signing = [];
    private SymmetricSecurityKey? _encryption;
    private readonly SemaphoreSlim _loading = new(1, 1);

    private bool FromDatabase => options.Value.SigningKeys.Count == 0;

    private KeyProtection? Protection => _protection ??= options.Value.KeyProtectionFile is { Length: > 0 } file ? KeyProtection.FromFile(file) : null;
    private KeyProtection? _protection;

    /// <summary>Newest first: the first signs.</summary>
    public IReadOnlyList<RsaSecurityKey> Signing => Loaded()._signing;

    public SymmetricSecurityKey Encryption => Loaded()._encryption!;

    private TokenKeys Loaded()
    {
        if (_encryption is null) LoadAsync().GetAwaiter().GetResult(); // normally done at start-up
        return this;
    }

    public async Task LoadAsync(CancellationToken ct = default)
    {
        await _loading.WaitAsync(ct);
        try
        {
            var o = options.Value;
            if (!FromDatabase)
            {
                _signing = o.SigningKeys.Select(k =>
                {
                    var rsa = RSA.Create();
                    rsa.ImportFromPem(File.ReadAllText(k.PemFile));
                    return new RsaSecurityKey(rsa) { KeyId = k.Id };
                }).ToList();
                _encryption = new SymmetricSecurityKey(EncryptionKeyFromFile(o.EncryptionKeyFile));
                return;
            }
            if (!(o.StoreKeyInDatabase ?? env.IsDevelopment()))
                throw new InvalidOperationException(
                    "Auth:SigningKeys is empty. Configure signing keys (Auth:SigningKeys:0:Id, Auth:SigningKeys:0:PemFile) and Auth:EncryptionKeyFile, an external provider (Auth:Authority), or Auth:StoreKeyInDatabase=true.");
            if (Protection is null && !env.IsDevelopment())
                throw new InvalidOperationException(
                    "Auth:StoreKeyInDatabase outside Development needs Auth:KeyProtectionFile (`openssl rand -base64 32 > token-keys-protection.key`, the same file on every node): keys are not kept in the database in plain form.");
            await using var session = store.LightweightSession(TenantScope.Platform);
            var rows = await ReadAsync(session, ct);
            if (!rows.Any(r => r.Kind == Kinds.Signing) || !rows.Any(r => r.Kind == Kinds.Encryption))
            {
                await InsertAsync(session, Kinds.Signing, onlyIfNone: true, ct);
                await InsertAsync(session, Kinds.Encryption, onlyIfNone: true, ct);
                rows = await ReadAsync(session, ct);
                log.LogInformation("Generated the token server's first keys");
            }
            await SealPlainAsync(session, ct);
            await session.SaveChangesAsync(ct);
            _signing = rows.Where(r => r.Kind == Kinds.Signing).Select(r =>
            {
                var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(r.Key, out _);
                return new RsaSecurityKey(rsa) { KeyId = r.Id };
            }).ToList();
            _encryption = new SymmetricSecurityKey(rows.First(r => r.Kind == Kinds.Encryption).Key) { KeyId = rows.First(r => r.Kind == Kinds.Encryption).Id };
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>The validation keys for a token's kid.</summary>
    public IEnumerable<SecurityKey> Resolve(string? kid) => Signing.Where(k => kid is null || k.KeyId == kid);

    /// <summary>
    /// Adds a new signing key and retires all but the previous one (tokens it signed stay valid until they expire;
    /// refresh tokens do not depend on it). Nodes sign with the new key from their next start.
    /// </summary>
    public async Task<string> RotateAsync(CancellationToken ct = default)
    {
        if (!FromDatabase) throw new InvalidOperationException("Signing keys come from configuration: rotate them there (put the new key first).");
        await using var session = store.LightweightSession(TenantScope.Platform);
        var id = await InsertAsync(session, Kinds.Signing, onlyIfNone: false, ct);
        await session.ExecuteAsync("""
            UPDATE identity.signing_keys SET retired_at = $1
             WHERE kind = 'signing' AND retired_at IS NULL
               AND id NOT IN (SELECT id FROM identity.signing_keys WHERE kind = 'signing' AND retired_at IS NULL ORDER BY created_at DESC LIMIT 2)
            """, ct, time.GetUtcNow());
        await session.SaveChangesAsync(ct);
        await LoadAsync(ct);
        return id;
    }

    private static byte[] EncryptionKeyFromFile(string? path) => string.IsNullOrWhiteSpace(path)
        ? throw new InvalidOperationException("Auth:EncryptionKeyFile is not configured: create one with `openssl rand -base64 32 > token-encryption.key`, the same file on every node.")
        : KeyProtection.ReadKeyFile(path);

    private static class Kinds
    {
        public const string Signing = "signing";
        public const string Encryption = "encryption";
    }

    private sealed record KeyRow(string Id, string Kind, byte[] Key);

    private async Task<string> InsertAsync(DocumentSession session, string kind, bool onlyIfNone, CancellationToken ct)
    {
        byte[] key;
        if (kind == Kinds.Signing)
        {
            using var rsa = RSA.Create(2048);
            key = rsa.ExportPkcs8PrivateKey();
        }
        else key = RandomNumberGenerator.GetBytes(32);
        var now = time.GetUtcNow();
        var id = $"{now:yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        await session.ExecuteAsync("""
            INSERT INTO identity.signing_keys (id, kind, private_key, sealed, created_at)
            SELECT $1, $2, $3, $4, $5 WHERE NOT $6 OR NOT EXISTS (SELECT 1 FROM identity.signing_keys WHERE kind = $2 AND retired_at IS NULL)
            """, ct, id, kind, Protection?.Seal(id, kind, key) ?? key, Protection is not null, now, onlyIfNone);
        return id;
    }

    /// <summary>Keys kept in plain form (by a Development node, or before the protection key was configured) are sealed in place.</summary>
    private async Task SealPlainAsync(DocumentSession session, CancellationToken ct)
    {
        if (Protection is not { } protection) return;
        var plain = await session.QueryAsync("SELECT id, kind, private_key FROM identity.signing_keys WHERE NOT sealed",
            r => new KeyRow(r.GetString(0), r.GetString(1), r.GetFieldValue<byte[]>(2)), ct);
        foreach (var row in plain)
            await session.ExecuteAsync("UPDATE identity.signing_keys SET private_key = $2, sealed = true WHERE id = $1 AND NOT sealed", ct,
                row.Id, protection.Seal(row.Id, row.Kind, row.Key));
        if (plain.Count > 0) log.LogInformation("Sealed {Count} token keys kept in plain form", plain.Count);
    }

    private Task<List<KeyRow>> ReadAsync(DocumentSession session, CancellationToken ct) =>
        session.QueryAsync("SELECT id, kind, private_key, sealed FROM identity.signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC, id",
            r => new KeyRow(r.GetString(0), r.GetString(1), Opened(r.GetString(0), r.GetString(1), r.GetFieldValue<byte[]>(2), r.GetBoolean(3))), ct);

    private byte[] Opened(string id, string kind, byte[] key, bool isSealed) => !isSealed ? key
        : (Protection ?? throw new InvalidOperationException("identity.signing_keys holds sealed keys: configure Auth:KeyProtectionFile (the file they were sealed with).")).Open(id, kind, key);
}
