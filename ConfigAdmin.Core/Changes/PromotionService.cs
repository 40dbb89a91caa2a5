using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Pipeline;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Changes;

/// <summary>Two environments of an application side by side, key by key; what one has, moved to the other.</summary>
public sealed record CompareItem(string Key, string Status, string? From, string? To);

/// <summary>
/// Promote chosen keys' values from one environment to another: each key's override in <c>To</c> becomes its value in
/// <c>From</c>. <c>ChangeRequest</c> (a title) files the promotion as a change request instead of applying it.
/// </summary>
public sealed record PromoteInput(string? From, string? To, IReadOnlyList<string>? Keys, bool DryRun = false, string? ChangeRequest = null);

/// <summary>Compares two environments of an application and promotes values between them.</summary>
public sealed class PromotionService(IConfigAdminDbFactory factory, ChangeContext context, WritePipeline pipeline, SecretValues secrets)
{
    public static class Statuses
    {
        public const string Same = "same", Differs = "differs", OnlyFrom = "onlyFrom", OnlyTo = "onlyTo";
    }

    /// <summary>Every key with a value in either environment: same, differs, only in one; secret values masked.</summary>
    public async Task<IReadOnlyList<CompareItem>> CompareAsync(string application, string? from, string? to, CancellationToken ct = default)
    {
        await using var db = await factory.CreateAsync(ct);
        var (_, keys, source, target) = await LoadAsync(db, application, from, to, edit: false, ct);
        return keys.Select(k => KeyState.Of(k, secrets))
            .Select(k => (k, From: k.ResolvedIn(source), To: k.ResolvedIn(target)))
            .Where(x => x.From is not null || x.To is not null)
            .Select(x => new CompareItem(x.k.Key,
                x.From is null ? Statuses.OnlyTo : x.To is null ? Statuses.OnlyFrom : x.From == x.To ? Statuses.Same : Statuses.Differs,
                SecretMask.Apply(x.k.IsSecret, x.From), SecretMask.Apply(x.k.IsSecret, x.To)))
            .OrderBy(i => i.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Sets each chosen key's override in <c>To</c> to its value in <c>From</c>, in one transaction with one audit entry per
    /// key changed. A key unknown, or with no value in <c>From</c>, is a 400 naming it, and nothing is stored.
    /// </summary>
    public async Task<ChangeSetDiff> PromoteAsync(string application, PromoteInput input, CancellationToken ct = default) =>
        (await pipeline.RunAsync(WriteRequest.For(input.DryRun, input.ChangeRequest), async db =>
        {
            var (app, keys, source, target) = await LoadAsync(db, application, input.From, input.To, edit: true, ct);
            if (input.Keys is not { Count: > 0 }) throw ValidatorExtensions.Invalid("keys", "Name at least one key to promote.");
            var byName = keys.ToDictionary(k => k.NormalizedKey);
            var failures = input.Keys.Where(k => !byName.ContainsKey(k.ToUpperInvariant()))
                .Select(k => new ValidationFailure("keys", $"'{k}' is not a key of {app.Name}."))
                .Concat(input.Keys.Where(k => byName.TryGetValue(k.ToUpperInvariant(), out var c) && KeyState.Of(c, secrets).ResolvedIn(source) is null)
                    .Select(k => new ValidationFailure("keys", $"'{k}' has no value in {source} to promote.")))
                .ToList();
            if (failures.Count > 0) throw new FluentValidation.ValidationException(failures);

            var diff = new DiffBuilder();
            var set = new ChangeSet(app) { StoredValues = true };
            foreach (var config in input.Keys.Select(k => byName[k.ToUpperInvariant()]).Distinct())
            {
                var now = KeyState.Of(config, secrets);
                var value = now.ResolvedIn(source)!;
                var current = now.Overrides.GetValueOrDefault(target);
                if (current == value)
                {
                    diff.Unchanged(now.Key);
                    continue;
                }
                diff.Changed(new DiffChange(now.Key, SecretMask.Apply(now.IsSecret, current), SecretMask.Apply(now.IsSecret, value), target));
                set.Steps.Add(new KeyStep(config, now, now with { Overrides = new Dictionary<string, string>(now.Overrides) { [target] = value } }));
            }
            set.Preview = diff.Build();
            return set;
        }, ct)).Answer();

    private async Task<(Application App, List<ConfigKey> Keys, string From, string To)> LoadAsync(IConfigAdminDb db, string application,
        string? from, string? to, bool edit, CancellationToken ct)
    {
        var app = await db.FindApplicationAsync(application, context.Caller, edit ? AppPermission.Edit : AppPermission.Read, ct);
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
            throw ValidatorExtensions.Invalid(string.IsNullOrWhiteSpace(from) ? "from" : "to", "Name both environments, 'from' and 'to'.");
        await db.LoadEnvironmentsAsync(ct);
        var source = db.FindLoadedEnvironment(from).Name;
        var target = db.FindLoadedEnvironment(to).Name;
        if (source == target) throw ValidatorExtensions.Invalid("to", "'from' and 'to' must be two different environments.");
        var keys = await db.Configs.Include(c => c.Overrides).Where(c => c.ApplicationId == app.Id).ToListAsync(ct);
        return (app, keys, source, target);
    }
}
