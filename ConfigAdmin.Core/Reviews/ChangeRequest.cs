using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Reviews;

public enum ChangeRequestStatus
{
    Open,
    Approved,
    Applied,
    Rejected,
    Withdrawn,
    RolledBack,
}

/// <summary>
/// A titled set of operations on one application's keys, with the revision each touched key was at and the diff it
/// makes per environment, waiting for approvals before it is applied (design §11). The operations are stored
/// sealed, as secret values are at rest; what reviewers see is stored beside them with secret values masked.
/// </summary>
public sealed class ChangeRequest : IVersioned
{
    public long Id { get; set; }
    public Guid ApplicationId { get; set; }
    public Application? Application { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public ChangeRequestStatus Status { get; set; }

    /// <summary>The author's audit actor (<c>alice@example.com</c>, <c>key:ci</c>) and principal (who may not approve).</summary>
    public string Author { get; set; } = "";

    public string AuthorPrincipal { get; set; } = "";

    /// <summary>The operations as JSON, encrypted: they may hold secret values.</summary>
    public string Operations { get; set; } = "";

    /// <summary>The operations as reviewers see them (JSON, secret values "***").</summary>
    public string OperationsShown { get; set; } = "[]";

    /// <summary>The revision each touched key was at when the request was filed or last rebased (JSON).</summary>
    public string Base { get; set; } = "[]";

    /// <summary>Each environment's document diff (JSON, secret values "***").</summary>
    public string Diff { get; set; } = "{}";

    /// <summary>The protected environments it touches, comma-separated, and the most approvals one of them needs.</summary>
    public string ProtectedEnvironments { get; set; } = "";

    public int RequiredApprovals { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; } = 1;

    public DateTime? AppliedAt { get; set; }
    public string? AppliedBy { get; set; }

    /// <summary>Who rejected or withdrew it, and when.</summary>
    public DateTime? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    /// <summary>Applied by an admin without the approvals it needed (break glass), and why; shown until acknowledged.</summary>
    public string? ForcedReason { get; set; }

    public DateTime? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }

    public List<ChangeRequestApproval> Approvals { get; set; } = [];
    public List<ChangeRequestComment> Comments { get; set; } = [];

    public IReadOnlyList<string> ProtectedEnvironmentNames() =>
        ProtectedEnvironments.Length == 0 ? [] : ProtectedEnvironments.Split(',');

    public bool IsClosed => Status is ChangeRequestStatus.Applied or ChangeRequestStatus.Rejected or ChangeRequestStatus.Withdrawn
        or ChangeRequestStatus.RolledBack;
}

/// <summary>One principal's approval; a principal approves a request once.</summary>
public sealed class ChangeRequestApproval
{
    public long Id { get; set; }
    public long ChangeRequestId { get; set; }
    public string Principal { get; set; } = "";
    public string By { get; set; } = "";
    public DateTime At { get; set; }
    public string? Comment { get; set; }
}

/// <summary>A comment on a request (a rejection's reason is one too).</summary>
public sealed class ChangeRequestComment
{
    public long Id { get; set; }
    public long ChangeRequestId { get; set; }
    public string By { get; set; } = "";
    public DateTime At { get; set; }
    public string Text { get; set; } = "";
}
