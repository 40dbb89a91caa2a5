using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>Small builders for test data: unique names so tests sharing a database never collide.</summary>
public static class A
{
    public static string Name(string prefix = "app") => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    public static ApplicationInput Application(string? name = null) =>
        new(name ?? Name(), "A test application.", "Test team", "team@example.com");

    public static ConfigCreateInput Config(string application, string key = "Feature:Enabled",
        ConfigValueType type = ConfigValueType.String, string? defaultValue = "value",
        Dictionary<string, string?>? overrides = null, bool secret = false) =>
        new(application, key, type, defaultValue, null, secret, overrides);
}
