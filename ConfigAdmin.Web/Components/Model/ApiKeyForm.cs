using System.Globalization;
using ConfigAdmin.Core.Access;

namespace ConfigAdmin.Web.Components.Model;

/// <summary>
/// The editable twin of <see cref="ApiKeyInput"/>: scopes as "all" switches plus chosen names, expiry as a UTC day. A new
/// key covers nothing until the admin chooses: reach over every application is a decision, not a default.
/// </summary>
public sealed class ApiKeyForm
{
    public string? Name { get; set; }
    public Role Role { get; set; } = Role.Client;
    public bool AllApplications { get; set; }
    public IReadOnlyCollection<string> Applications { get; set; } = [];
    public bool AllEnvironments { get; set; }
    public IReadOnlyCollection<string> Environments { get; set; } = [];

    /// <summary>The last day (UTC, <c>yyyy-MM-dd</c>) the key works; empty for a key that does not expire.</summary>
    public string? ValidUntil { get; set; }

    /// <summary>
    /// An admin key administers everything (users, API keys, environments), and a monitor key reads the metrics of every
    /// application: neither has a list of applications.
    /// </summary>
    public bool ChoosesApplications => Role is not (Role.Admin or Role.Monitor);

    /// <summary>Only client keys are limited to environments; other roles cover every environment of their applications.</summary>
    public bool ChoosesEnvironments => Role == Role.Client;

    /// <summary>The key stops working at the end of <see cref="ValidUntil"/>, UTC.</summary>
    public DateTimeOffset? ExpiresAt =>
        DateTime.TryParseExact(ValidUntil, "yyyy-MM-dd", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day)
            ? new DateTimeOffset(DateTime.SpecifyKind(day, DateTimeKind.Utc).AddDays(1))
            : null;

    public ApiKeyInput ToInput() => new(Name?.Trim(), Role,
        AllApplications || !ChoosesApplications ? [AccessScopes.All] : Applications.ToList(),
        ChoosesEnvironments && !AllEnvironments ? Environments.ToList() : null,
        ExpiresAt);
}
