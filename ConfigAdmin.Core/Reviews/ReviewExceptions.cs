using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Reviews;

/// <summary>
/// The write changes the resolved document of protected environments and has no approved change request behind it
/// (409 <c>approval_required</c>, naming them; the web layer adds where to file one).
/// </summary>
public sealed class ApprovalRequiredException(string application, IReadOnlyList<string> environments, string message)
    : DomainException(ErrorCodes.ApprovalRequired, message)
{
    public string Application { get; } = application;
    public IReadOnlyList<string> Environments { get; } = environments;

    public override IReadOnlyDictionary<string, object?> Details => new Dictionary<string, object?> { ["environments"] = Environments };
}

/// <summary>Keys a change request touches changed since it was filed (409 <c>stale</c>): rebase it first.</summary>
public sealed class StaleRequestException(IReadOnlyList<string> keys)
    : DomainException(ErrorCodes.Stale,
        $"{string.Join(", ", keys.Select(k => $"'{k}'"))} changed since the request was filed (or last rebased); rebase it, review the new diff and approve it again.")
{
    public IReadOnlyList<string> Keys { get; } = keys;

    public override IReadOnlyDictionary<string, object?> Details => new Dictionary<string, object?> { ["keys"] = Keys };
}
