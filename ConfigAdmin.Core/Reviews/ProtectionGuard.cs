using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Pipeline;

namespace ConfigAdmin.Core.Reviews;

/// <summary>
/// The change request being applied; <c>ForceReason</c> is set when an admin may apply it without the approvals it
/// needs (break glass).
/// </summary>
public sealed record ApplyingRequest(ChangeRequest Request, string? ForceReason = null);

/// <summary>
/// The protection rule (design §11): a write that changes the resolved document of an environment with required
/// approvals needs an approved change request behind it; one that leaves every protected document as it was goes
/// straight through.
/// </summary>
public static class ProtectionGuard
{
    /// <summary>The protected environments among those whose document changes.</summary>
    public static IReadOnlyList<ConfigEnvironment> Touched(IEnumerable<string> changedDocuments, IEnumerable<ConfigEnvironment> environments)
    {
        var changed = changedDocuments.ToHashSet(StringComparer.Ordinal);
        return environments.Where(e => e.RequiredApprovals > 0 && changed.Contains(e.Name)).OrderBy(e => e.SortOrder).ThenBy(e => e.Name).ToList();
    }

    /// <summary>
    /// Refuses the write unless nothing protected changes or the request applied has the approvals they need; true when
    /// it goes through only because an admin forces it.
    /// </summary>
    public static bool Check(string application, IReadOnlyList<ConfigEnvironment> touched, ApplyingRequest? applying)
    {
        if (touched.Count == 0) return false;
        var names = touched.Select(e => e.Name).ToList();
        var needed = touched.Max(e => e.RequiredApprovals);
        if (applying is null)
            throw new ApprovalRequiredException(application, names,
                $"This changes what clients read in {List(names)}, which {(names.Count == 1 ? "is" : "are")} protected: " +
                "file a change request and have it approved.");
        var have = applying.Request.Approvals.Count;
        if (have >= needed) return false;
        if (applying.ForceReason is not null) return true;
        throw new ApprovalRequiredException(application, names,
                $"{List(names)} {(names.Count == 1 ? "needs" : "need")} {needed} approval{(needed == 1 ? "" : "s")}; this request has {have}.");
    }

    private static string List(IReadOnlyList<string> names) => string.Join(", ", names);
}
