using System.Net.Http.Json;

/// <summary>The bench's data, written through the REST API like any automation would: 8 environments, one application.</summary>
internal static class Seed
{
    private static readonly string[] ExtraEnvironments = ["qa", "uat", "perf", "sandbox", "demo", "dr", "eu", "us"];
    private static readonly string[] Types = ["string", "integer", "number", "boolean", "json"];

    public static async Task RunAsync(HttpClient http, string app, int keys, int environments)
    {
        var existing = await http.GetFromJsonAsync<Page>("/v1/environments?pageSize=500") ?? new([]);
        var names = existing.Items.Select(e => e.Name).ToList();
        foreach (var name in ExtraEnvironments.Except(names).Take(Math.Max(0, environments - names.Count)))
        {
            (await http.PostAsJsonAsync("/v1/environments", new { name, description = $"{name} (bench)" })).EnsureSuccessStatusCode();
            names.Add(name);
        }
        (await http.PostAsJsonAsync("/v1/applications", new
        {
            name = app, description = "Circuit benchmark", owner = "Bench team", contactEmail = "bench@example.com",
        })).EnsureSuccessStatusCode();
        for (var k = 0; k < keys; k++)
        {
            var type = Types[k % Types.Length];
            // Every other environment overrides, so the grid shows both overrides and inherited defaults; a few secrets.
            var overrides = names.Where((_, i) => (i + k) % 2 == 0).ToDictionary(e => e, e => Value(type, k + e.Length));
            (await http.PostAsJsonAsync("/v1/configs", new
            {
                application = app, key = $"Section{k % 5}:Key{k:D2}", valueType = type, defaultValue = Value(type, k),
                description = k % 3 == 0 ? $"What key {k} is for" : null, isSecret = type == "string" && k % 10 == 0, overrides,
            })).EnsureSuccessStatusCode();
        }
    }

    private static string Value(string type, int i) => type switch
    {
        "integer" => (i * 7).ToString(System.Globalization.CultureInfo.InvariantCulture),
        "number" => (i * 0.25).ToString(System.Globalization.CultureInfo.InvariantCulture),
        "boolean" => i % 2 == 0 ? "true" : "false",
        "json" => $"{{\"limit\":{i},\"tags\":[\"a\",\"b\"]}}",
        _ => $"value-{i}-of-a-typical-length",
    };

    private sealed record Page(List<Environment> Items);

    private sealed record Environment(string Name);
}
