using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Resolution;

/// <summary>One resolved value as a person sees it: secrets masked unless they revealed them.</summary>
public sealed record ShownValue(string Key, Configs.ConfigValueType Type, string Value, string Source, bool IsSecret);

/// <summary>The resolved configuration of an environment as the admin UI shows it, and the document a client gets.</summary>
public sealed record ResolvedView(IReadOnlyList<ShownValue> Values, string Json, bool Revealed);

/// <summary>
/// What the Resolved tab shows: the document a client gets, with secret values masked; revealing them needs the
/// editor role and writes one <c>revealed</c> audit entry per secret key.
/// </summary>
public sealed class ResolvedViewService(
    ResolutionService resolution, IConfigAdminDbFactory factory, ChangeContext context, AuditRecorder audit, Webhooks.WebhookOutbox webhooks)
{
    /// <summary>The environment's resolved configuration, secret values masked.</summary>
    public async Task<ResolvedView> GetAsync(string application, string environment, CancellationToken ct = default)
    {
        var (appId, values) = await resolution.ResolveStoredAsync(application, environment, ct);
        context.Caller.Ensure(AppPermission.Read, appId, application);
        return View(values, SecretView.Masked);
    }

    /// <summary>The same with secret values in clear, audited.</summary>
    public async Task<ResolvedView> RevealAsync(string application, string environment, CancellationToken ct = default)
    {
        var (appId, values) = await resolution.ResolveStoredAsync(application, environment, ct);
        context.Caller.Ensure(AppPermission.Edit, appId, application);
        var revealed = values.Where(v => v.IsSecret).ToList();
        if (revealed.Count > 0)
        {
            await Writes.RunAsync(factory, null, async db =>
            {
                foreach (var v in revealed)
                    audit.Record(db, AuditAction.Revealed, AuditEntityType.Config, new AuditSubject(appId, application, v.Key, environment.ToLowerInvariant()), null, null);
                webhooks.SecretRevealed(db, appId, application, environment.ToLowerInvariant(), revealed.Select(v => v.Key).ToList());
                return await db.SaveChangesAsync(ct);
            }, ct);
        }
        return View(values, SecretView.Clear);
    }

    private ResolvedView View(IReadOnlyList<ResolvedValue> values, SecretView view)
    {
        var shown = values.Select(v => new ShownValue(v.Key, v.Type, resolution.Show(v, view)!, v.Source, v.IsSecret)).ToList();
        var json = System.Text.Encoding.UTF8.GetString(resolution.ToDocument(values, explain: false, view).Body);
        return new ResolvedView(shown, json, view == SecretView.Clear);
    }
}
