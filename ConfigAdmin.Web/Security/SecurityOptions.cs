namespace ConfigAdmin.Web.Security;

/// <summary>The <c>Security</c> configuration section.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";
    public const int MinimumBootstrapKeyLength = 32;

    /// <summary>The longest bearer secret looked up at all (<c>ApiKeySecrets.HashOf</c>): a longer bootstrap key could never work.</summary>
    public const int MaximumBootstrapKeyLength = ConfigAdmin.Core.Access.ApiKeySecrets.MaxSecretLength;

    /// <summary>The first admin, created at start when the database has no user (else a one-time set-up link is printed).</summary>
    public InitialAdminOptions InitialAdmin { get; set; } = new();

    /// <summary>An admin API key for automation and first set-up, never stored; its audit actor is <c>key:bootstrap</c>.</summary>
    public string? BootstrapApiKey { get; set; }

    /// <summary>Lets anyone read non-secret keys through the client read (secret keys are left out). Off by default.</summary>
    public bool AnonymousClientReads { get; set; }

    /// <summary>Sign-in, set-up and password-change attempts per minute per address before 429.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>How long the one-time set-up link (printed while no user exists) works; a new one is printed at the next start after that.</summary>
    public int SetupLinkHours { get; set; } = 24;
}

public sealed class InitialAdminOptions
{
    public string? Email { get; set; }
    public string? Password { get; set; }
}
