using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Transfer;

namespace ConfigAdmin.Tests.Unit.Transfer;

[Trait("Category", "Unit")]
public sealed class ConfigAdminFormatTests
{
    private readonly ConfigAdminFormat _format = new();

    private static ApplicationTransfer Sample() => new("checkout", "Checkout \"service\"", "team-payments", "pay@example.com",
    [
        Key("Payments:Retry", ConfigValueType.Json, """{ "count": 3 }""", new() { ["staging"] = """{"count":5}""" }, "Retry policy"),
        Key("Payments:ApiKey", ConfigValueType.String, "dev-key", new() { ["production"] = "prod-key", ["development"] = "" }, isSecret: true),
        Key("Payments:Timeout", ConfigValueType.Integer, null, new() { ["production"] = "30" }),
        Key("App:Ratio", ConfigValueType.Number, "1.50", []),
        Key("App:On", ConfigValueType.Boolean, "true", []),
        Key("App:Note", ConfigValueType.String, "line\nGrüße", [], "multi\nline"),
    ]);

    private static KeyTransfer Key(string key, ConfigValueType type, string? defaultValue, Dictionary<string, string> overrides,
        string? description = null, bool isSecret = false) => new(key, type, description, isSecret, defaultValue, overrides);

    [Fact]
    public void Write_IsPrettyCamelCaseJson_KeysAndEnvironmentsInOrdinalOrder_SecretsOmitted()
    {
        var app = Sample() with { Keys = Sample().Keys.Where(k => k.Key.StartsWith("Payments")).ToList() };

        Assert.Equal("""
            {
              "format": "configadmin",
              "version": 1,
              "application": {
                "name": "checkout",
                "description": "Checkout \"service\"",
                "owner": "team-payments",
                "contactEmail": "pay@example.com"
              },
              "keys": [
                {
                  "key": "Payments:ApiKey",
                  "valueType": "string",
                  "description": null,
                  "isSecret": true,
                  "valuesOmitted": true
                },
                {
                  "key": "Payments:Retry",
                  "valueType": "json",
                  "description": "Retry policy",
                  "isSecret": false,
                  "defaultValue": "{ \"count\": 3 }",
                  "overrides": {
                    "staging": "{\"count\":5}"
                  }
                },
                {
                  "key": "Payments:Timeout",
                  "valueType": "integer",
                  "description": null,
                  "isSecret": false,
                  "defaultValue": null,
                  "overrides": {
                    "production": "30"
                  }
                }
              ]
            }

            """, _format.Write(app, includeSecrets: false));
    }

    [Fact]
    public void WriteKeyPerLine_PutsEachKeyCompactOnItsOwnLine_SecretsOmitted()
    {
        var app = Sample() with { Keys = Sample().Keys.Where(k => k.Key.StartsWith("Payments")).ToList() };

        Assert.Equal("""
            {
              "format": "configadmin",
              "version": 1,
              "application": {"name":"checkout","description":"Checkout \"service\"","owner":"team-payments","contactEmail":"pay@example.com"},
              "keys": [
                {"key":"Payments:ApiKey","valueType":"string","description":null,"isSecret":true,"valuesOmitted":true},
                {"key":"Payments:Retry","valueType":"json","description":"Retry policy","isSecret":false,"defaultValue":"{ \"count\": 3 }","overrides":{"staging":"{\"count\":5}"}},
                {"key":"Payments:Timeout","valueType":"integer","description":null,"isSecret":false,"defaultValue":null,"overrides":{"production":"30"}}
              ]
            }

            """, _format.WriteKeyPerLine(app));
        Assert.Equal("{\n  \"format\": \"configadmin\",\n  \"version\": 1,\n  \"application\": " +
                     "{\"name\":\"empty\",\"description\":null,\"owner\":\"team\",\"contactEmail\":\"team@example.com\"},\n  \"keys\": []\n}\n",
            _format.WriteKeyPerLine(new ApplicationTransfer("empty", null, "team", "team@example.com", [])));
    }

    [Fact]
    public void KeyPerLine_ReadsBackAsThePrettyFormDoes()
    {
        var app = Sample();

        var back = _format.Read(_format.WriteKeyPerLine(app));

        Assert.Equal(_format.Write(app, includeSecrets: false), _format.Write(back, includeSecrets: false));
        Assert.Equal(Describe(app.Keys.Where(k => !k.IsSecret)), Describe(back.Keys.Where(k => !k.IsSecret)));
    }

    [Fact]
    public void RoundTrip_WithSecrets_GivesBackEveryFieldExactly()
    {
        var app = Sample();

        var back = _format.Read(_format.Write(app, includeSecrets: true));

        Assert.Equal((app.Name, app.Description, app.Owner, app.ContactEmail), (back.Name, back.Description, back.Owner, back.ContactEmail));
        Assert.Equal(Describe(app.Keys), Describe(back.Keys));
        Assert.DoesNotContain(back.Keys, k => k.ValuesOmitted);
    }

    [Fact]
    public void RoundTrip_WithoutSecrets_MarksSecretKeysAsOmitted_AndKeepsEverythingElse()
    {
        var app = Sample();

        var text = _format.Write(app, includeSecrets: false);
        var back = _format.Read(text);

        Assert.DoesNotContain("prod-key", text);
        Assert.DoesNotContain("dev-key", text);
        var secret = back.Keys.Single(k => k.Key == "Payments:ApiKey");
        Assert.Equal((ConfigValueType.String, true, true, (string?)null, 0), (secret.ValueType, secret.IsSecret, secret.ValuesOmitted, secret.DefaultValue, secret.Overrides.Count));
        Assert.Equal(Describe(app.Keys.Where(k => !k.IsSecret)), Describe(back.Keys.Where(k => !k.IsSecret)));
    }

    [Fact]
    public void Write_KeyAlreadyOmitted_StaysOmittedEvenWithSecrets()
    {
        var app = Sample() with { Keys = [new KeyTransfer("S", ConfigValueType.String, null, true, null, new Dictionary<string, string>(), ValuesOmitted: true)] };

        Assert.True(_format.Read(_format.Write(app, includeSecrets: true)).Keys.Single().ValuesOmitted);
    }

    [Theory]
    [InlineData("""{ "Logging": {} }""", "this is not a ConfigAdmin export")]
    [InlineData("""{ "format": "configadmin", "version": 2 }""", "'version' must be 1")]
    [InlineData("""{ "format": "configadmin", "version": 1, "keys": [] }""", "'application' is missing")]
    [InlineData("""{ "format": "configadmin", "version": 1, "application": [], "keys": [] }""", "'application' must be an object")]
    [InlineData("""{ "format": "configadmin", "version": 1, "application": {"name": "a", "owner": "o"}, "keys": [] }""", "'application.contactEmail' is missing")]
    [InlineData("""{ "format": "configadmin", "version": 1, "extra": 1 }""", "'extra' in the root is not a field of this format")]
    [InlineData("""{ "format": "configadmin", "version": 1, "application": {"name": "a", "owner": "o", "contactEmail": "e"}, "keys": [{"key": "A", "valueType": "string", "defaultvalue": "x"}] }""", "'defaultvalue' in keys[0] is not a field")]
    [InlineData("""{ "format": "configadmin", "version": 1, "application": {"name": "a", "owner": "o", "contactEmail": "e"}, "keys": [{"key": "A", "valueType": "text"}] }""", "'keys[0].valueType' must be one of string, integer, number, boolean, json, flag (not 'text')")]
    [InlineData("""{ "format": "configadmin", "version": 1, "application": {"name": "a", "owner": "o", "contactEmail": "e"}, "keys": [{"key": "a..b", "valueType": "string"}] }""", "'keys[0].key' ('a..b') is not valid")]
    [InlineData("""{ "format": "configadmin", "version": 1, "application": {"name": "a", "owner": "o", "contactEmail": "e"}, "keys": [{"key": "A", "valueType": "string"}, {"key": "a", "valueType": "string"}] }""", "the key 'a' appears twice")]
    [InlineData("""{ "format": "configadmin", "version": 1, "application": {"name": "a", "owner": "o", "contactEmail": "e"}, "keys": [{"key": "A", "valueType": "string", "overrides": {"Prod": "x"}}] }""", "'keys[0].overrides.Prod': Name must be 1-50 characters")]
    [InlineData("""{ "format": "configadmin", "version": 1, "application": {"name": "a", "owner": "o", "contactEmail": "e"}, "keys": [{"key": "A", "valueType": "string", "overrides": {"prod": 5}}] }""", "'keys[0].overrides.prod' must be a string")]
    [InlineData("""{ "format": "configadmin", "version": 1, "application": {"name": "a", "owner": "o", "contactEmail": "e"}, "keys": [{"key": "A", "valueType": "string", "isSecret": true, "valuesOmitted": true, "defaultValue": "x"}] }""", "'keys[0]' has values although 'valuesOmitted' is true")]
    [InlineData("""{ "format": "configadmin", "version": 1, "application": {"name": "a", "owner": "o", "contactEmail": "e"}, "keys": [{"key": "A", "valueType": "string", "valuesOmitted": true}] }""", "'keys[0].valuesOmitted' is only for secret keys")]
    [InlineData("""{ "format": "configadmin", "version": 1, "application": {"name": "a", "owner": "o", "contactEmail": "e"}, "keys": [{"key": "A", "valueType": "string", "isSecret": "yes"}] }""", "'keys[0].isSecret' must be true or false")]
    public void Read_WrongShape_NamesTheField(string text, string message)
    {
        var e = Assert.Throws<TransferFormatException>(() => _format.Read(text));

        Assert.Contains(message, e.Message);
        Assert.StartsWith("The configadmin file cannot be read: ", e.Message);
    }

    [Fact]
    public void Read_MinimalFile_DefaultsOptionalFields()
    {
        var app = _format.Read("""
            { "format": "configadmin", "version": 1,
              "application": { "name": "a", "owner": "o", "contactEmail": "e@x.io" },
              "keys": [ { "key": "A", "valueType": "boolean" } ] }
            """);

        var key = Assert.Single(app.Keys);
        Assert.Equal((null, ConfigValueType.Boolean, null, false, null, 0, false),
            (app.Description, key.ValueType, key.Description, key.IsSecret, key.DefaultValue, key.Overrides.Count, key.ValuesOmitted));
    }

    [Fact]
    public void Read_BrokenJson_NamesLineAndColumn()
    {
        var e = Assert.Throws<TransferFormatException>(() => _format.Read("{\n  \"format\": \"configadmin\"\n  \"version\": 1\n}"));

        Assert.Equal((3, 3), (e.Line, e.Column));
    }

    private static List<string> Describe(IEnumerable<KeyTransfer> keys) => keys
        .OrderBy(k => k.Key, StringComparer.Ordinal)
        .Select(k => $"{k.Key}|{k.ValueType}|{k.Description}|{k.IsSecret}|{k.DefaultValue ?? "<none>"}|" +
            string.Join(",", k.Overrides.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}")))
        .ToList();
}
