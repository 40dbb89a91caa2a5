namespace ConfigAdmin.Core.Pipeline;

/// <summary>
/// The operations that take keys from their state before a bulk change (restore, promote, import, revert) to its target:
/// what a change request filed from such a change holds. They name keys by id too, so renames and swaps replay exactly.
/// </summary>
public static class OperationsOfSteps
{
    public static IReadOnlyList<ChangeOperation> Of(IEnumerable<KeyStep> steps)
    {
        var changing = steps.Where(s => s.Changes).ToList();
        // Deletions first, so a key created under a freed name does not collide with it.
        var ops = changing.Where(s => s.Target is null).Select(s => ChangeOperation.Delete(s.Now!.Key) with { Id = s.Now.Id }).ToList();
        foreach (var step in changing.Where(s => s.Now is not null && s.Target is not null))
        {
            var (now, target) = (step.Now!, step.Target!);
            if (step.ChangesKeyFields)
            {
                ops.Add(new ChangeOperation(ChangeOperation.UpdateKey, now.Key, NewKey: target.Key == now.Key ? null : target.Key,
                    ValueType: target.ValueType, DefaultValue: target.DefaultValue, Description: target.Description, IsSecret: target.IsSecret,
                    Id: now.Id, Schema: target.Schema));
            }
            foreach (var env in step.OverridesChanged().Order(StringComparer.Ordinal))
            {
                ops.Add(target.Overrides.TryGetValue(env, out var value)
                    ? ChangeOperation.Set(target.Key, env, value) with { Id = now.Id }
                    : ChangeOperation.Remove(target.Key, env) with { Id = now.Id });
            }
        }
        foreach (var target in changing.Where(s => s.Now is null).Select(s => s.Target!))
        {
            ops.Add(new ChangeOperation(ChangeOperation.CreateKey, target.Key, ValueType: target.ValueType, DefaultValue: target.DefaultValue,
                Description: target.Description, IsSecret: target.IsSecret,
                Overrides: target.Overrides.ToDictionary(o => o.Key, o => (string?)o.Value), Id: target.Id, Schema: target.Schema));
        }
        return ops;
    }
}
