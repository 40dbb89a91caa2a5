using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Data.Secrets;

/// <summary>Encrypts each Data Protection key with the master key (AES-256-GCM) before it is stored in the database.</summary>
public sealed class MasterKeyXmlEncryptor(MasterKey key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(key.Bytes, tag.Length)) aes.Encrypt(nonce, plain, cipher, tag);
        var element = new XElement("masterKeyEncrypted",
            new XAttribute("fingerprint", key.Fingerprint),
            new XElement("value", Convert.ToBase64String([.. nonce, .. tag, .. cipher])));
        return new EncryptedXmlInfo(element, typeof(MasterKeyXmlDecryptor));
    }
}

/// <summary>Decrypts a key that <see cref="MasterKeyXmlEncryptor"/> encrypted; created by Data Protection through DI.</summary>
public sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetRequiredService<MasterKey>();
        var fingerprint = (string?)encryptedElement.Attribute("fingerprint");
        if (fingerprint != key.Fingerprint)
            throw new CryptographicException($"A secret-encryption key in the database was encrypted with another master key ({fingerprint}) " +
                $"than this node's ({key.Fingerprint}, from {key.Source}). Every node needs the same {MasterKey.Setting}.");
        var data = Convert.FromBase64String((string)encryptedElement.Element("value")!);
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var plain = new byte[data.Length - nonceSize - tagSize];
        using (var aes = new AesGcm(key.Bytes, tagSize))
            aes.Decrypt(data.AsSpan(0, nonceSize), data.AsSpan(nonceSize + tagSize), data.AsSpan(nonceSize, tagSize), plain);
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
