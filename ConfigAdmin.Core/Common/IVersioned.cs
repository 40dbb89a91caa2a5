namespace ConfigAdmin.Core.Common;

/// <summary>A mutable row with an application-managed concurrency version and UTC times.</summary>
public interface IVersioned
{
    long Version { get; set; }
    DateTime CreatedAt { get; set; }
    DateTime UpdatedAt { get; set; }
}
