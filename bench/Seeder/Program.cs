// Fills an empty SQLite database with the benchmark data set: APPS applications x KEYS keys, each key with a
// default and an override in each environment (the three defaults, up to --environments in all), and with
// --large-keys N one more application, app-large, of N keys. Bulk-inserted through the real model (a fixture, not a
// product path: it writes no audit entries).
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
var environments = int.Parse(configuration["environments"] ?? "3");
var largeKeys = int.Parse(configuration["large-keys"] ?? "0");
// --types String,Integer,...: the value types the keys take in turn (every plain type by default). Flags are keys of
// their own kind (feature_management:<id>, a feature definition as the value), which this fixture does not write.
var types = configuration["types"] is { } named
    ? named.Split(',').Select(Enum.Parse<ConfigValueType>).ToArray()
    : Enum.GetValues<ConfigValueType>().Where(t => t != ConfigValueType.Flag).ToArray();
string[] extraEnvironments = ["qa", "uat", "perf", "sandbox", "demo", "dr", "eu", "us"];
var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration)
    .AddConfigAdminCore().AddConfigAdminData(configuration, Directory.GetCurrentDirectory()).BuildServiceProvider();
await services.GetRequiredService<IDatabaseMaintenance>().MigrateAsync(default);
await using (var scope = services.CreateAsyncScope())
{
    // Creating environments needs the admin role on every application: the fixture acts as the system, like start-up.
    scope.ServiceProvider.GetRequiredService<ChangeContext>().ActAs(Caller.System);
    var service = scope.ServiceProvider.GetRequiredService<EnvironmentService>();
    await service.EnsureDefaultsAsync();
    foreach (var name in extraEnvironments.Take(Math.Max(0, environments - (await service.AllAsync()).Count)))
        await service.CreateAsync(new EnvironmentInput(name, $"{name} (bench)"));
}

var factory = services.GetRequiredService<IConfigAdminDbFactory>();
var now = DateTime.UtcNow;
var sizes = Enumerable.Range(0, apps).Select(a => (Name: $"app-{a:D3}", Keys: keys)).ToList();
if (largeKeys > 0) sizes.Add(("app-large", largeKeys));
// In batches: one change tracker over half a million rows costs more memory than the machine should spend on a fixture.
foreach (var batch in sizes.Chunk(50))
{
    await using var db = await factory.CreateAsync();
    var envs = await db.Environments.ToListAsync();
    foreach (var (name, count) in batch)
    {
        var app = new Application { Name = name, Owner = "Bench team", ContactEmail = "bench@example.com", CreatedAt = now, UpdatedAt = now };
        for (var k = 0; k < count; k++)
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
Console.WriteLine($"seeded {apps} applications x {keys} keys{(largeKeys > 0 ? $" and app-large x {largeKeys} keys" : "")} x {environments} environments");

static string Value(ConfigValueType type, int i) => type switch
{
    ConfigValueType.Integer => (i * 7).ToString(System.Globalization.CultureInfo.InvariantCulture),
    ConfigValueType.Number => (i * 0.25).ToString(System.Globalization.CultureInfo.InvariantCulture),
    ConfigValueType.Boolean => i % 2 == 0 ? "true" : "false",
    ConfigValueType.Json => $"{{\"limit\":{i},\"tags\":[\"a\",\"b\"]}}",
    _ => $"value-{i}-of-a-typical-length",
};
