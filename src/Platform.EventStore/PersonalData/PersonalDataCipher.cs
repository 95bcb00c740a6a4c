using System.Security.Cryptography;
using System.Text;

namespace Platform.EventStore.PersonalData;

/// <summary>
/// AES-256-GCM under the subject's key. A sealed value is «pd1.{subject}.{base64(nonce | tag | ciphertext)}»: it names whose key opens it,
/// and the subject's id is the associated data, so a value moved to another person's event does not open.
/// </summary>
internal static class PersonalDataCipher
{
    private const string Prefix = "pd1.";
    private const int NonceSize = 12, TagSize = 16;

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    public static string Seal(byte[] key, Guid subject, string plain)
    {
        var bytes = Encoding.UTF8.GetBytes(plain);
        var sealedBytes = new byte[NonceSize + TagSize + bytes.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, bytes, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), subject.ToByteArray());
        return Prefix + subject.ToString("N") + "." + Convert.ToBase64String(sealedBytes);
    }

    public static bool IsSealed(string value, out Guid subject)
    {
        subject = Guid.Empty;
        return value.StartsWith(Prefix, StringComparison.Ordinal) && value.Length > Prefix.Length + 33 && value[Prefix.Length + 32] == '.'
            && Guid.TryParseExact(value.AsSpan(Prefix.Length, 32), "N", out subject);
    }

    /// <summary>The plain text, or null when the key does not open it.</summary>
    public static string? Open(byte[] key, Guid subject, string value)
    {
        try
        {
            var sealedBytes = Convert.FromBase64String(value[(Prefix.Length + 33)..]);
            if (sealedBytes.Length < NonceSize + TagSize) return null;
            var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain,
                subject.ToByteArray());
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception e) when (e is FormatException or AuthenticationTagMismatchException or CryptographicException)
        {
            return null;
        }
    }
}
