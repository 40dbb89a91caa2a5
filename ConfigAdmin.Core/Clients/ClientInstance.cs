using ConfigAdmin.Core.Access;

namespace ConfigAdmin.Core.Clients;

/// <summary>
/// One running client of an application in one environment, as its polls describe it (<c>ConfigAdmin-Client</c>):
/// its host and library version, the document it applied (the ETag it sends back) and when it was last seen.
/// </summary>
public sealed class ClientInstance
{
    public Guid ApplicationId { get; set; }
    public string Environment { get; set; } = "";
    public string InstanceId { get; set; } = "";
    public string? Host { get; set; }
    public string? Version { get; set; }
    public string? AppliedETag { get; set; }

    /// <summary>Which variant of the document it reads (secrets clear, masked, left out): "current" compares with that one.</summary>
    public SecretView View { get; set; }

    public DateTime LastSeenAt { get; set; }
}

/// <summary>A client instance as the API and the Clients tab show it.</summary>
public sealed record ClientInstanceDto(
    string InstanceId, string? Host, string Environment, string? Version, string? AppliedETag, bool Current, DateTime LastSeenAt);

/// <summary>What one poll said about its client.</summary>
public readonly record struct ClientSighting(string InstanceId, string? Host, string? Version, string? AppliedETag);
