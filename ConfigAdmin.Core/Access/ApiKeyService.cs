using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Access;

/// <summary>API keys: created (the secret shown once), listed and revoked by admins of every application.</summary>
public sealed class ApiKeyService(
    IConfigAdminDbFactory factory,
    IValidator<ApiKeyInput> validator,
    IValidator<IPaged> pageValidator,
    ChangeContext context,
    AuditRecorder audit,
    ChangeFeed changes,
    AccessDirectory directory,
    TimeProvider time)
{
    private const string Kind = "API key";

    /// <summary>Creates a key; the answer holds its secret, which is never shown again.</summary>
    public async Task<ApiKeyDto> CreateAsync(ApiKeyInput input, CancellationToken ct = default)
    {
        context.Caller.EnsureGlobalAdmin("Creating API keys");
        await validator.CheckAsync(input, ct);
        if (input.ExpiresAt is { } expires && expires <= time.GetUtcNow())
            throw ValidatorExtensions.Invalid("expiresAt", "'Expires At' must be in the future.");
        var secret = ApiKeySecrets.Generate();
        return await Writes.RunAsync(factory, null, async db =>
        {
            if (await db.ApiKeys.AnyAsync(k => k.NormalizedName == input.Name!.ToUpperInvariant(), ct))
                throw new ConflictException(ErrorCodes.NameTaken, $"An API key named '{input.Name}' already exists (names ignore case).");
            var key = new ApiKey
            {
                Name = input.Name!, Role = input.Role!.Value,
                Applications = await db.ApplicationIdsAsync(input.Applications!, "applications", ct),
                Environments = await EnvironmentNamesAsync(db, input.Environments, ct),
                ExpiresAt = input.ExpiresAt?.UtcDateTime, CreatedAt = time.GetUtcNow().UtcDateTime, CreatedBy = context.Actor,
                SecretHash = ApiKeySecrets.Hash(secret), Hint = ApiKeySecrets.HintOf(secret),
            };
            db.ApiKeys.Add(key);
            var dto = await DtoAsync(db, key, ct);
            audit.Record(db, AuditAction.Created, AuditEntityType.ApiKey, new AuditSubject(Key: key.Name), null, AuditSnapshots.Of(dto));
            await changes.CommitAsync(db, ConfigChange.Access, ct);
            return dto with { Secret = secret };
        }, ct);
    }

    /// <summary>One page of keys, newest first, with when each was last used; never a secret.</summary>
    public async Task<PagedResult<ApiKeyDto>> ListAsync(PageRequest page, CancellationToken ct = default)
    {
        context.Caller.EnsureGlobalAdmin("Listing API keys");
        await pageValidator.CheckAsync(page, ct);
        await using var db = await factory.CreateAsync(ct);
        var total = await db.ApiKeys.CountAsync(ct);
        var keys = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ThenBy(k => k.NormalizedName).PageOf(page).ToListAsync(ct);
        var items = new List<ApiKeyDto>();
        foreach (var key in keys) items.Add(await DtoAsync(db, key, ct));
        return PagedResult<ApiKeyDto>.Of(items, page, total);
    }

    /// <summary>One key by id.</summary>
    public async Task<ApiKeyDto> GetAsync(Guid id, CancellationToken ct = default)
    {
        context.Caller.EnsureGlobalAdmin("Reading API keys");
        await using var db = await factory.CreateAsync(ct);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw new NotFoundException(Kind, id.ToString());
        return await DtoAsync(db, key, ct);
    }

    /// <summary>Revokes a key: every request with it is refused from the moment this returns, on every node.</summary>
    public async Task RevokeAsync(Guid id, CancellationToken ct = default)
    {
        context.Caller.EnsureGlobalAdmin("Revoking API keys");
        await Writes.RunAsync(factory, null, async db =>
        {
            var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw new NotFoundException(Kind, id.ToString());
            audit.Record(db, AuditAction.Deleted, AuditEntityType.ApiKey, new AuditSubject(Key: key.Name),
                AuditSnapshots.Of(await DtoAsync(db, key, ct)), null);
            db.ApiKeys.Remove(key);
            await changes.CommitAsync(db, ConfigChange.Access, ct);
            return true;
        }, ct);
    }

    private static async Task<List<string>?> EnvironmentNamesAsync(IConfigAdminDb db, IReadOnlyList<string>? names, CancellationToken ct)
    {
        if (names is null or [AccessScopes.All]) return null;
        var lower = names.Select(n => n.ToLowerInvariant()).Distinct().ToList();
        var found = await db.Environments.Where(e => lower.Contains(e.Name)).Select(e => e.Name).ToListAsync(ct);
        var missing = lower.Except(found).ToList();
        if (missing.Count > 0) throw ValidatorExtensions.Invalid("environments", $"No environment named {string.Join(", ", missing.Select(m => $"'{m}'"))}.");
        return found;
    }

    private async Task<ApiKeyDto> DtoAsync(IConfigAdminDb db, ApiKey key, CancellationToken ct)
    {
        var apps = await db.ApplicationNamesAsync(key.Applications, ct);
        var lastUsed = directory.LastUsed(key.Id) is { } noted && (key.LastUsedAt is null || noted > key.LastUsedAt) ? noted : key.LastUsedAt;
        return new ApiKeyDto(key.Id, key.Name, key.Role, apps, key.Environments ?? [AccessScopes.All], key.ExpiresAt, key.CreatedAt,
            key.CreatedBy, lastUsed, key.Hint);
    }
}
