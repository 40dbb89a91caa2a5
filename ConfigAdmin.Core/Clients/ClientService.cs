using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Resolution;
using FluentValidation;

namespace ConfigAdmin.Core.Clients;

/// <summary>The clients of an application: which instance applied which document, and who is behind.</summary>
public sealed class ClientService(
    ClientRegistry registry, ResolutionService resolution, ChangeContext context, IConfigAdminDbFactory factory, IValidator<IPaged> pageValidator)
{
    /// <summary>
    /// One page of the instances seen in the last 24 hours, newest sighting first, each marked current when it applied the
    /// document it would get now. The applied ETag itself only to those who may read secret values in clear: an ETag
    /// is a hash of the document, and a viewer could test guesses of a short secret against it.
    /// </summary>
    public async Task<PagedResult<ClientInstanceDto>> ListAsync(string application, string? environment, PageRequest page,
        CancellationToken ct = default)
    {
        await pageValidator.CheckAsync(page, ct);
        var appId = await FindAsync(application, ct);
        var showETags = context.Caller.Can(AppPermission.Edit, appId);
        var env = string.IsNullOrEmpty(environment) ? null : environment.ToLowerInvariant();
        var seen = await registry.SeenAsync(appId, env, ct);
        var current = new Dictionary<(string, SecretView), string?>();
        var items = new List<ClientInstanceDto>();
        foreach (var c in seen.Skip((page.Page - 1) * page.PageSize).Take(page.PageSize))
        {
            if (!current.TryGetValue((c.Environment, c.View), out var etag))
                current[(c.Environment, c.View)] = etag = await CurrentETagAsync(application, c.Environment, c.View, ct);
            items.Add(new ClientInstanceDto(c.InstanceId, c.Host, c.Environment, c.Version, showETags ? c.AppliedETag : null,
                c.AppliedETag == etag, c.LastSeenAt));
        }
        return PagedResult<ClientInstanceDto>.Of(items, page, seen.Count);
    }

    /// <summary>How many instances each environment had in the last 24 hours (environments without any are absent).</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(string application, CancellationToken ct = default)
    {
        var appId = await FindAsync(application, ct);
        return (await registry.SeenAsync(appId, null, ct)).GroupBy(c => c.Environment).ToDictionary(g => g.Key, g => g.Count());
    }

    private async Task<Guid> FindAsync(string application, CancellationToken ct)
    {
        await using var db = await factory.CreateAsync(ct);
        return (await db.FindApplicationAsync(application, context.Caller, AppPermission.Read, ct)).Id;
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
