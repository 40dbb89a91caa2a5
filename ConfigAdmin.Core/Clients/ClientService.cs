using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Resolution;

namespace ConfigAdmin.Core.Clients;

/// <summary>The clients of an application: which instance applied which document, and who is behind.</summary>
public sealed class ClientService(ClientRegistry registry, ResolutionService resolution, ChangeContext context, IConfigAdminDbFactory factory)
{
    /// <summary>Instances seen in the last 24 hours, each marked current when it applied the document it would get now.</summary>
    public async Task<IReadOnlyList<ClientInstanceDto>> ListAsync(string application, string? environment, CancellationToken ct = default)
    {
        Guid appId;
        await using (var db = await factory.CreateAsync(ct))
        {
            var app = await db.FindApplicationAsync(application, ct);
            context.Caller.EnsureCanRead(app);
            appId = app.Id;
        }
        var env = string.IsNullOrEmpty(environment) ? null : environment.ToLowerInvariant();
        var current = new Dictionary<(string, SecretView), string?>();
        var items = new List<ClientInstanceDto>();
        foreach (var c in await registry.SeenAsync(appId, env, ct))
        {
            if (!current.TryGetValue((c.Environment, c.View), out var etag))
                current[(c.Environment, c.View)] = etag = await CurrentETagAsync(application, c.Environment, c.View, ct);
            items.Add(new ClientInstanceDto(c.InstanceId, c.Host, c.Environment, c.Version, c.AppliedETag, c.AppliedETag == etag, c.LastSeenAt));
        }
        return items;
    }

    /// <summary>The ETag a client of that view would get now (through the cache); null when the environment is gone.</summary>
    private async Task<string?> CurrentETagAsync(string application, string environment, SecretView view, CancellationToken ct)
    {
        try
        {
            return (await resolution.GetDocumentAsync(application, environment, explain: false, ReaderOf(view), ct)).ETag;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>A caller that gets exactly that variant of the document.</summary>
    private static Caller ReaderOf(SecretView view) => view switch
    {
        SecretView.Clear => new Caller(CallerKind.System, "clients", [new Grant(Role.Client, null)]),
        SecretView.Masked => new Caller(CallerKind.System, "clients", [new Grant(Role.Viewer, null)]),
        _ => new Caller(CallerKind.Anonymous, "anonymous", [new Grant(Role.Client, null)]),
    };
}
