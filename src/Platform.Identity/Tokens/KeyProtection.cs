using System.Security.Cryptography;
using System.Text;

namespace Platform.Identity.Tokens;

/// <summary>
/// Seals the token server's keys kept in the database with a key-encryption key from a file (AES-256-GCM; the key's
/// id and kind are bound as associated data, so a sealed key cannot be passed off as another).
/// </summary>
public sealed class KeyProtection(byte[] key)
{
    private const int NonceSize = 12, TagSize = 16;

    /// <summary>The protection key of a file holding 32 bytes in base64 (<c>openssl rand -base64 32</c>).</summary>
    public static KeyProtection FromFile(string path) => new(ReadKeyFile(path));

    /// <summary>A key file: 32 random bytes in base64, as <c>openssl rand -base64 32</c> writes them.</summary>
    public static byte[] ReadKeyFile(string path)
    {
        var key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        return key.Length == 32 ? key : throw new InvalidOperationException($"{path} must hold 32 bytes in base64 (it holds {key.Length}).");
    }

    public byte[] Seal(string id, string kind, byte[] plain)
    {
        var sealedKey = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedKey.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedKey.AsSpan(NonceSize, plain.Length), sealedKey.AsSpan(NonceSize + plain.Length), Bound(id, kind));
        return sealedKey;
    }

    public byte[] Open(string id, string kind, byte[] sealedKey)
    {
        var length = sealedKey.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(sealedKey.AsSpan(0, NonceSize), sealedKey.AsSpan(NonceSize, length), sealedKey.AsSpan(NonceSize + length), plain, Bound(id, kind));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new InvalidOperationException($"The key {id} ({kind}) kept in the database was sealed with another key than Auth:KeyProtectionFile's.");
        }
        return plain;
    }

    private static byte[] Bound(string id, string kind) => Encoding.UTF8.GetBytes($"{id}|{kind}");
}
