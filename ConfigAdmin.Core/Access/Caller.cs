namespace ConfigAdmin.Core.Access;

public enum CallerKind
{
    /// <summary>No identity: only what anonymous access allows.</summary>
    Anonymous,
    User,
    ApiKey,

    /// <summary>The app's own start-up work (migrations, defaults, demo data): everything.</summary>
    System,
}

/// <summary>
/// Who is asking and what they may do, as plain rules: roles per application, environments for client keys.
/// Services ask it before they read or change anything, so the UI and REST obey the same rules.
/// </summary>
public sealed record Caller(CallerKind Kind, string Name, IReadOnlyList<Grant> Grants, IReadOnlyList<string>? Environments = null)
{
    public static readonly Caller Anonymous = new(CallerKind.Anonymous, "anonymous", []);
    public static readonly Caller System = new(CallerKind.System, "system", [new Grant(Role.Admin, null)]);

    /// <summary>The user's or API key's id (empty for the bootstrap key and the system).</summary>
    public Guid Id { get; init; }

    /// <summary>
    /// Who this is, stably: <c>user:&lt;id&gt;</c> or <c>key:&lt;id&gt;</c> (the bootstrap key <c>key:bootstrap</c>). Approvals
    /// count distinct principals, and a key revoked and created again under the same name is someone else.
    /// </summary>
    public string Principal => Kind switch
    {
        CallerKind.User => Id == Guid.Empty ? $"user:{Name}" : $"user:{Id:N}",
        CallerKind.ApiKey => Id == Guid.Empty ? "key:bootstrap" : $"key:{Id:N}",
        _ => Name,
    };

    /// <summary>The audit actor: the user's name, <c>key:&lt;name&gt;</c>, or <c>system</c>.</summary>
    public string Actor => Kind == CallerKind.ApiKey ? $"key:{Name}" : Name;

    public bool IsAuthenticated => Kind != CallerKind.Anonymous;

    /// <summary>The strongest of viewer/editor/admin this caller holds on the application, or null.</summary>
    public Role? RoleOn(Guid application)
    {
        Role? best = null;
        foreach (var grant in Grants)
        {
            if (grant.Role is Role.Client or Role.Monitor || !grant.Covers(application)) continue;
            if (best is null || grant.Role > best) best = grant.Role;
        }
        return best;
    }

    /// <summary>True when the caller's role on the application allows <paramref name="permission"/> (<see cref="Permissions"/>).</summary>
    public bool Can(AppPermission permission, Guid application) => RoleOn(application).Allows(permission);

    /// <summary>Admin over every application: environments, users, API keys and new applications are global.</summary>
    public bool IsGlobalAdmin => Grants.Any(g => g is { Role: Role.Admin, Applications: null });

    /// <summary>True when some admin-surface role (not only client or monitor) is held, on any application.</summary>
    public bool HasAdminSurface => Grants.Any(g => g.Role is not (Role.Client or Role.Monitor));

    /// <summary>True when some role reads configuration at all (the monitor role reads only metrics).</summary>
    public bool ReadsConfiguration => Grants.Any(g => g.Role != Role.Monitor);

    /// <summary>May scrape the metrics, which name every application: admins of every application and monitor keys.</summary>
    public bool ReadsMetrics => IsGlobalAdmin || IsMonitor;

    /// <summary>A monitor key: reads the metrics, and may signal a rollout to roll back (design §14), of any application.</summary>
    public bool IsMonitor => Grants.Any(g => g.Role == Role.Monitor);

    // The client-read checks below run on the hot path for every request: loops, no closures, no allocation.

    /// <summary>True when some role (client included, monitor not) covers the application: it exists for this caller.</summary>
    public bool Covers(Guid application)
    {
        foreach (var grant in Grants)
        {
            if (grant.Role != Role.Monitor && grant.Covers(application)) return true;
        }
        return false;
    }

    /// <summary>May read the resolved configuration of (application, environment): any role covering it, within the key's environments.</summary>
    public bool CanClientRead(Guid application, ReadOnlySpan<char> environment)
    {
        if (!Covers(application)) return false;
        if (Environments is null) return true;
        foreach (var allowed in Environments)
        {
            if (environment.Equals(allowed, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>What the client read shows of secret values: clear to client, editor and admin; masked to a viewer; left out for anonymous reads.</summary>
    public SecretView SecretViewOn(Guid application)
    {
        if (!IsAuthenticated) return SecretView.Omitted;
        foreach (var grant in Grants)
        {
            if (grant.Role is Role.Client or Role.Editor or Role.Admin && grant.Covers(application)) return SecretView.Clear;
        }
        return SecretView.Masked;
    }

    /// <summary>The application ids this caller may edit (editor or admin), or null for all.</summary>
    public Guid[]? EditableApplications()
    {
        var editing = Grants.Where(g => g.Role is Role.Editor or Role.Admin).ToList();
        if (editing.Any(g => g.Applications is null)) return null;
        return editing.SelectMany(g => g.Applications!).Distinct().ToArray();
    }

    /// <summary>The application ids this caller may see, or null for all.</summary>
    public Guid[]? ReadableApplications()
    {
        var admin = Grants.Where(g => g.Role is not (Role.Client or Role.Monitor)).ToList();
        if (admin.Any(g => g.Applications is null)) return null;
        return admin.SelectMany(g => g.Applications!).Distinct().ToArray();
    }
}

/// <summary>How a resolved document shows secret values: in clear, as <c>"***"</c>, or left out.</summary>
public enum SecretView
{
    Clear,
    Masked,
    Omitted,
}
