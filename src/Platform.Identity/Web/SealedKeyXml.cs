using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Identity.Tokens;

namespace Platform.Identity.Web;

/// <summary>
/// The Data Protection keys (sign-in cookie, antiforgery) sealed with the key of Auth:KeyProtectionFile before they are kept
/// in identity.data_protection_keys, as the token keys are: a copy of the database then holds no key that forges a cookie.
/// Keys written before the file was configured stay readable as they are, until they expire.
/// </summary>
public sealed class SealedKeyXmlEncryptor(KeyProtection protection) : IXmlEncryptor
{
    internal const string Id = "data-protection", Kind = "xml";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedXml = new XElement("sealed", new XAttribute("with", "Auth:KeyProtectionFile"), Convert.ToBase64String(protection.Seal(Id, Kind, plain)));
        return new EncryptedXmlInfo(sealedXml, typeof(SealedKeyXmlDecryptor));
    }
}

/// <summary>Opens what <see cref="SealedKeyXmlEncryptor"/> sealed (Data Protection creates it by type, with the services).</summary>
public sealed class SealedKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var file = services.GetRequiredService<IOptions<AuthOptions>>().Value.KeyProtectionFile;
        if (string.IsNullOrWhiteSpace(file))
            throw new InvalidOperationException("identity.data_protection_keys holds sealed keys: configure Auth:KeyProtectionFile (the file they were sealed with).");
        var plain = KeyProtection.FromFile(file).Open(SealedKeyXmlEncryptor.Id, SealedKeyXmlEncryptor.Kind, Convert.FromBase64String(encryptedElement.Value));
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
