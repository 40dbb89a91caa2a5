using System.Security.Cryptography;
using System.Text;

namespace ConfigAdmin.Data.Secrets;

/// <summary>
/// The key that encrypts the Data Protection key ring stored in the database, so that a copy of the database alone
/// reveals no secret value. From <c>Security:MasterKey</c> (every node of a cluster needs the same one), else from a
/// file created at first start under <c>data/</c>, readable by its owner only.
/// </summary>
public sealed class MasterKey
{
    public const string Setting = "Security:MasterKey";
    public const string DefaultFile = "data/master.key";
    private const int MinimumLength = 32;

    private MasterKey(byte[] key, string source)
    {
        Bytes = key;
        Source = source;
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(key)[..8]);
    }

    public byte[] Bytes { get; }

    /// <summary>Names the key without revealing it (stored beside each key it encrypts, to explain a mismatch).</summary>
    public string Fingerprint { get; }

    /// <summary>Where the key came from, for messages.</summary>
    public string Source { get; }

    public static MasterKey Load(string? configured, string contentRoot)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            if (configured.Length < MinimumLength)
                throw new InvalidOperationException($"{Setting} must be at least {MinimumLength} characters (use a random value, e.g. `openssl rand -base64 32`).");
            return new MasterKey(SHA256.HashData(Encoding.UTF8.GetBytes(configured)), Setting);
        }
        var path = Path.GetFullPath(Path.Combine(contentRoot, DefaultFile));
        if (!File.Exists(path)) Create(path);
        var text = File.ReadAllText(path).Trim();
        var bytes = Convert.FromBase64String(text);
        if (bytes.Length != 32) throw new InvalidOperationException($"{path} does not hold a 32-byte key in base64.");
        return new MasterKey(bytes, path);
    }

    private static void Create(string path)
    {
        DataFolder.Create(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var file = new StreamWriter(path, Encoding.ASCII, options);
            file.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it at the same moment: use theirs.
        }
    }
}
