// Fills an empty SQLite database with the benchmark data set: APPS applications x KEYS keys, each key with a
// default and an override in each of the three default environments. Bulk-inserted through the real model
// (a fixture, not a product path: it writes no audit entries).
using ConfigAdmin.Core;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Data;
using ConfigAdmin.Data.Health;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

var configuration = new ConfigurationBuilder().AddCommandLine(args).Build();
var apps = int.Parse(configuration["apps"] ?? "200");
var keys = int.Parse(configuration["keys"] ?? "200");
var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration)
    .AddConfigAdminCore().AddConfigAdminData(configuration, Directory.GetCurrentDirectory()).BuildServiceProvider();
await services.GetRequiredService<IDatabaseMaintenance>().MigrateAsync(default);
await using (var scope = services.CreateAsyncScope())
{
    // Creating environments needs the admin role on every application: the fixture acts as the system, like start-up.
    scope.ServiceProvider.GetRequiredService<ChangeContext>().ActAs(Caller.System);
    await scope.ServiceProvider.GetRequiredService<EnvironmentService>().EnsureDefaultsAsync();
}

var factory = services.GetRequiredService<IConfigAdminDbFactory>();
await using (var db = await factory.CreateAsync())
{
    var envs = await db.Environments.ToListAsync();
    // Flags are keys of their own kind (feature_management:<id>, a flag document as the value): not a plain value type.
    var types = Enum.GetValues<ConfigValueType>().Where(t => t != ConfigValueType.Flag).ToArray();
    var now = DateTime.UtcNow;
    for (var a = 0; a < apps; a++)
    {
        var app = new Application { Name = $"app-{a:D3}", Owner = "Bench team", ContactEmail = "bench@example.com", CreatedAt = now, UpdatedAt = now };
        for (var k = 0; k < keys; k++)
        {
            var type = types[k % types.Length];
            var config = new ConfigKey { Key = $"Section{k % 10}:Key{k:D3}", ValueType = type, DefaultValue = Value(type, k), CreatedAt = now, UpdatedAt = now };
            foreach (var env in envs) config.Overrides.Add(new ConfigOverride { EnvironmentId = env.Id, Value = Value(type, k + env.SortOrder), UpdatedAt = now });
            app.Configs.Add(config);
        }
        db.Applications.Add(app);
    }
    await db.SaveChangesAsync();
}
Console.WriteLine($"seeded {apps} applications x {keys} keys x 3 environments");

static string Value(ConfigValueType type, int i) => type switch
{
    ConfigValueType.Integer => (i * 7).ToString(System.Globalization.CultureInfo.InvariantCulture),
    ConfigValueType.Number => (i * 0.25).ToString(System.Globalization.CultureInfo.InvariantCulture),
    ConfigValueType.Boolean => i % 2 == 0 ? "true" : "false",
    ConfigValueType.Json => $"{{\"limit\":{i},\"tags\":[\"a\",\"b\"]}}",
    _ => $"value-{i}-of-a-typical-length",
};
