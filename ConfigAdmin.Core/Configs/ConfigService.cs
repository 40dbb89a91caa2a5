using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Pipeline;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Configs;

/// <summary>
/// Keys and their overrides. Every change is one operation through the write pipeline (authorized, validated,
/// guarded, audited and versioned there). Secret values are stored encrypted and handled in clear only in memory.
/// </summary>
public sealed class ConfigService(
    IConfigAdminDbFactory factory,
    IValidator<ConfigCreateInput> createValidator,
    IValidator<ConfigUpdateInput> updateValidator,
    IValidator<ConfigQuery> queryValidator,
    ConfigAuditor audit,
    ChangeContext context,
    SecretValues secrets,
    WritePipeline pipeline,
    OperationPlanner planner)
{
    private const string Kind = "Config";

    private Caller Caller => context.Caller;

    /// <summary>One page of the keys the caller may see, with their overrides; secret values masked.</summary>
    public async Task<PagedResult<ConfigDto>> ListAsync(ConfigQuery query, CancellationToken ct = default)
    {
        Caller.EnsureAdminSurface();
        await queryValidator.CheckAsync(query, ct);
        await using var db = await factory.CreateAsync(ct);
        var configs = db.Configs.AsQueryable();
        if (!string.IsNullOrEmpty(query.Application))
        {
            var app = await db.FindApplicationAsync(query.Application, Caller, AppPermission.Read, ct);
            configs = configs.Where(c => c.ApplicationId == app.Id);
        }
        else if (Caller.ReadableApplications() is { } readable)
        {
            configs = configs.Where(c => readable.Contains(c.ApplicationId));
        }
        if (!query.IncludeFlags) configs = configs.Where(c => c.ValueType != ConfigValueType.Flag);
        await db.LoadEnvironmentsAsync(ct);
        Guid? envId = string.IsNullOrEmpty(query.Environment) ? null : db.FindLoadedEnvironment(query.Environment).Id;
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim().ToUpperInvariant();
            configs = configs.Where(c => c.NormalizedKey.Contains(s) || (c.Description != null && c.Description.ToUpper().Contains(s)));
        }
        var total = await configs.CountAsync(ct);
        var page = await configs.OrderBy(c => c.Application!.NormalizedName).ThenBy(c => c.NormalizedKey)
            .PageOf(query)
            .Include(c => c.Application).Include(c => c.Overrides)
            .ToListAsync(ct);
        return PagedResult<ConfigDto>.Of(page.Select(c => c.ToDto(onlyEnvironment: envId)).ToList(), query, total);
    }

    /// <summary>One key with its overrides, secret values masked.</summary>
    public async Task<ConfigDto> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateAsync(ct);
        return (await LoadAsync(db, id, ct)).ToDto();
    }

    /// <summary>One key with its values in clear: needs the editor role, and revealing a secret is audited.</summary>
    public Task<ConfigDto> RevealAsync(Guid id, CancellationToken ct = default) =>
        Writes.RunAsync(factory, null, async db =>
        {
            var config = await LoadAsync(db, id, ct);
            EnsureCanEdit(config);
            if (config.IsSecret)
            {
                audit.RecordRevealed(db, config.Application!, config.Key, environment: null);
                await db.SaveChangesAsync(ct);
            }
            return config.ToDto(reveal: secrets);
        }, ct);

    /// <summary>Creates a key and its overrides: one audit entry for the key and one per override.</summary>
    public async Task<ConfigDto> CreateAsync(ConfigCreateInput input, CancellationToken ct = default)
    {
        await createValidator.CheckAsync(input, ct);
        var result = await pipeline.RunAsync(WriteRequest.Direct, async db =>
        {
            var app = await db.FindApplicationAsync(input.Application!, Caller, AppPermission.Edit, ct);
            return await planner.PlanAsync(db, app, [ChangeOperation.Create(input)], ct, describe: Describe);
        }, ct);
        return result.Set.Stored[result.Set.Steps.Single().Id].ToDto();
    }

    /// <summary>
    /// Replaces a key's own fields; a type change re-checks every override. "***" keeps the stored default when the
    /// key was secret before this write; anywhere else it is an ordinary value, checked against the type.
    /// </summary>
    public async Task<ConfigDto> UpdateAsync(Guid id, ConfigUpdateInput input, long? expectedVersion, CancellationToken ct = default)
    {
        await updateValidator.CheckAsync(input, ct);
        return await WriteKeyAsync(id, expectedVersion, config => ChangeOperation.Update(config.Key, input), ct);
    }

    /// <summary>Deletes a key and its overrides.</summary>
    public Task DeleteAsync(Guid id, long? expectedVersion, CancellationToken ct = default) =>
        WriteKeyAsync(id, expectedVersion, config => ChangeOperation.Delete(config.Key), ct);

    /// <summary>Sets one environment's value; the key gets a new version.</summary>
    public Task<ConfigDto> SetOverrideAsync(Guid id, string environment, string? value, long? expectedVersion,
        CancellationToken ct = default)
    {
        if (value is null) throw ValidatorExtensions.Invalid("value", "Value is required; delete the override to inherit the default.");
        return WriteKeyAsync(id, expectedVersion, config => ChangeOperation.Set(config.Key, environment, value), ct);
    }

    /// <summary>Removes one environment's value so it inherits the default again.</summary>
    public Task<ConfigDto> RemoveOverrideAsync(Guid id, string environment, long? expectedVersion, CancellationToken ct = default) =>
        WriteKeyAsync(id, expectedVersion, config => ChangeOperation.Remove(config.Key, environment), ct);

    /// <summary>
    /// Several operations on one key in one write (its fields and its values per environment, as the key dialog edits
    /// them): all stored or none.
    /// </summary>
    public Task<ConfigDto> ChangeAsync(Guid id, IReadOnlyList<ChangeOperation> operations, long? expectedVersion, CancellationToken ct = default) =>
        WriteKeyAsync(id, expectedVersion, _ => operations, ct);

    /// <summary>
    /// One operation on one key, by id, through the write pipeline; answers the key as stored (as it was, when the
    /// operation changes nothing).
    /// </summary>
    private Task<ConfigDto> WriteKeyAsync(Guid id, long? expectedVersion, Func<ConfigKey, ChangeOperation> operation, CancellationToken ct) =>
        WriteKeyAsync(id, expectedVersion, config => [operation(config)], ct);

    private async Task<ConfigDto> WriteKeyAsync(Guid id, long? expectedVersion, Func<ConfigKey, IReadOnlyList<ChangeOperation>> operations,
        CancellationToken ct)
    {
        ConfigKey? config = null;
        var result = await pipeline.RunAsync(new WriteRequest(expectedVersion), async db =>
        {
            config = await LoadAsync(db, id, ct);
            EnsureCanEdit(config);
            Writes.CheckVersion(config, expectedVersion, Kind, config.Key);
            return await planner.PlanAsync(db, config.Application!, operations(config).Select(o => o with { Id = id }).ToList(), ct,
                describe: Describe, loaded: config);
        }, ct);
        return (result.Set.Stored.GetValueOrDefault(id) ?? config!).ToDto();
    }

    /// <summary>A broken value named as the direct routes' fields: <c>value</c>, <c>defaultValue</c>, <c>overrides.&lt;env&gt;</c>.</summary>
    private static FluentValidation.Results.ValidationFailure Describe(KeyFault fault) => fault.Part switch
    {
        KeyPart.Name => new("key", fault.Problem),
        KeyPart.Schema => new("schema", "Only json keys take a schema; make the key json or leave the schema out."),
        KeyPart.Default when fault.Step.Now is { } now && now.DefaultValue == fault.Step.Target!.DefaultValue =>
            new("defaultValue", $"The stored default {fault.Problem} Change it together with the type."),
        KeyPart.Default => new("defaultValue", $"Default value {fault.Problem}"),
        _ when fault.Step.Now is { } now && now.ValueType != fault.Step.Target!.ValueType
               && now.Overrides.GetValueOrDefault(fault.Environment!) == fault.Step.Target.Overrides[fault.Environment!] =>
            new($"overrides.{fault.Environment}", $"The {fault.Environment} override {fault.Problem} Change or remove it before changing the type."),
        _ when fault.Step.Now is null => new($"overrides.{fault.Environment}", $"Value {fault.Problem}"),
        _ => new("value", $"Value {fault.Problem}"),
    };

    /// <summary>How many keys the caller may see.</summary>
    public async Task<int> CountAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateAsync(ct);
        var configs = db.Configs.AsQueryable();
        if (Caller.ReadableApplications() is { } readable) configs = configs.Where(c => readable.Contains(c.ApplicationId));
        return await configs.CountAsync(ct);
    }

    /// <summary>A key the caller may see, with its application and overrides; one outside their applications is a 404.</summary>
    private async Task<ConfigKey> LoadAsync(IConfigAdminDb db, Guid id, CancellationToken ct)
    {
        await db.LoadEnvironmentsAsync(ct);
        var config = await Pipeline.WriteFacts.LoadKeyAsync(db, id, ct);
        if (config is null || !Caller.Can(AppPermission.Read, config.ApplicationId)) throw new NotFoundException(Kind, id.ToString());
        return config;
    }

    /// <summary>Changing a key the caller can see (so a refusal may name its application) needs the editor role on it.</summary>
    private void EnsureCanEdit(ConfigKey config) => Caller.Ensure(AppPermission.Edit, config.Application!, config.Application!.Name);
}
