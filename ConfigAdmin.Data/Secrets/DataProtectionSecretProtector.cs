using ConfigAdmin.Core.Configs;
using Microsoft.AspNetCore.DataProtection;

namespace ConfigAdmin.Data.Secrets;

/// <summary>Secret values encrypted with ASP.NET Core Data Protection, whose key ring every node shares through the database.</summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("ConfigAdmin.Secrets.v1");

    public string Protect(string clear) => _protector.Protect(clear);

    public string Unprotect(string stored) => _protector.Unprotect(stored);
}
