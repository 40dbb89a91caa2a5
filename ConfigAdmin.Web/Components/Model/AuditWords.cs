using System.Text.RegularExpressions;
using ConfigAdmin.Core.Audit;

namespace ConfigAdmin.Web.Components.Model;

/// <summary>An audit entry's action and subject in words: "applied change request", "created api key".</summary>
public static partial class AuditWords
{
    public static string Of(AuditAction action, AuditEntityType entity) => $"{Words(action.ToString())} {Words(entity.ToString())}";

    /// <summary>The same, starting with a capital: "Applied change request".</summary>
    public static string Sentence(AuditAction action, AuditEntityType entity) => Of(action, entity) is var text ? char.ToUpperInvariant(text[0]) + text[1..] : "";

    private static string Words(string name) => Boundaries().Replace(name, " $1").ToLowerInvariant();

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex Boundaries();
}
