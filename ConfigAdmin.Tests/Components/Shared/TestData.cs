using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Web.Security.Users;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Components.Shared;

/// <summary>Small builders for the rows a test needs, written through the real services.</summary>
public sealed class TestData(IServiceProvider services)
{
    public Task<ApplicationDto> AppAsync(string name = "shop", string owner = "Shop team") =>
        services.GetRequiredService<ApplicationService>().CreateAsync(new(name, $"{name} description", owner, "team@example.com"));

    public Task<ConfigDto> KeyAsync(string app, string key, ConfigValueType type = ConfigValueType.String, string? value = "v",
        bool secret = false, Dictionary<string, string?>? overrides = null, string? description = null) =>
        services.GetRequiredService<ConfigService>().CreateAsync(new(app, key, type, value, description, secret, overrides));

    /// <summary>Many string keys at once (Key000 …), through one import: a long table's worth without a write each.</summary>
    public Task ManyKeysAsync(string app, int count) =>
        services.GetRequiredService<Core.Transfer.TransferService>().ImportAsync(app, new Core.Transfer.ImportRequest("flat", Mode: "merge"),
            System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(
                Enumerable.Range(0, count).ToDictionary(i => $"Key{i:D3}", i => $"value-{i}"))));

    public const string Password = "a-long-test-password";

    /// <summary>A person with one role, over every application unless some are named.</summary>
    public Task<UserDto> UserAsync(string email, Role role = Role.Viewer, params string[] applications) =>
        services.GetRequiredService<UserAdminService>().CreateAsync(
            new NewUserInput(email, Password, [new RoleGrant(role, applications.Length == 0 ? [AccessScopes.All] : applications)]));
}
