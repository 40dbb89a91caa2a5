using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Transfer;

namespace ConfigAdmin.Tests.Unit.Transfer;

/// <summary>Broken files of every format end in a value list or a <see cref="TransferFormatException"/>, never another exception (a 500).</summary>
[Trait("Category", "Unit")]
public sealed class FuzzTests
{
    private const string Alphabet = "{}[]:,\"'\\#!=&*|>-?~ \n\r\t\uFEFF\u00e9\ud83d\ude00abc01.eE+-xu/%@`$";

    private static readonly Dictionary<string, string> Seeds = new()
    {
        ["json"] = "{\n  // c\n  \"A\": { \"B\": [1, 2.5, \"x\\u00e9\", null, true], \"C:D\": {\"e\": -0} },\n  \"J\": {\"k\": [1,{\"z\":\"\\n\"}]},\n}",
        ["flat"] = "{ \"A:B\": 1, \"C\": {\"x\": [1]}, \"D\": \"s\", \"E\": null }",
        ["env"] = "# c\nexport A__B=1\nC='x y' # c\nD=\"a\\n\\\"b\\\\\"\nE=\nF=\"multi\nline\"\n",
        ["yaml"] = "a: &x\n  b: [1, 'q', \"d\\u00e9\", ~, 0x1F]\n  c: |\n    text\nd: *x\ne: !!str 5\nJ:\n  k: {z: [1, 2]}\n",
        ["properties"] = "# c\na.b = 1\nc\\:d:x\\u0041\nlong=a \\\n   b\n! c\ne f\n",
        ["configadmin"] = """
            {"format":"configadmin","version":1,"application":{"name":"a","description":"d","owner":"o","contactEmail":"e@x.io"},
             "keys":[{"key":"A:B","valueType":"json","description":"x","isSecret":true,"defaultValue":"{\"a\":1}","overrides":{"prod":"[1]"}}]}
            """,
    };

    public static TheoryData<string> Formats => new(TransferFormats.Names);

    [Theory]
    [MemberData(nameof(Formats))]
    public void Read_MutatedFiles_OnlyEverThrowFormatErrors(string format)
    {
        var random = new Random(format.GetHashCode(StringComparison.Ordinal) ^ 20261126);
        var refused = 0;
        for (var n = 0; n < 1500; n++)
        {
            var text = Mutate(Seeds[format], random);
            try
            {
                if (TransferFormats.Get(format) is IEnvironmentFormat f) f.Read(text, n % 2 == 0 ? ["J", "A:B"] : null);
                else TransferFormats.ConfigAdmin.Read(text);
            }
            catch (TransferFormatException)
            {
                refused++;
            }
        }
        Assert.InRange(refused, 1, 1499);
    }

    [Theory]
    [InlineData("a: &x\n  b: [1, '', \"d\", ~, 0+1F\n  c: |\n    text\nd: *x\ne: !!str 5\nJ:\n # k: {z: [1, 2]}\n", 2, 20)]
    [InlineData("a: 1\ne: !!+tr 5\\J:\n  k: 1\n", 2, 2)]
    public void Read_YamlThatTripsTheParsersOwnState_IsAFormatError(string text, int line, int column)
    {
        var e = Assert.Throws<TransferFormatException>(() => TransferFormats.Yaml.Read(text));

        Assert.Contains("the YAML is malformed after this point", e.Message);
        Assert.Equal((line, column), (e.Line, e.Column));
    }

    private static string Mutate(string seed, Random random)
    {
        var chars = seed.ToList();
        for (var k = random.Next(1, 8); k > 0; k--)
        {
            var at = random.Next(chars.Count + 1);
            switch (random.Next(3))
            {
                case 0 when at < chars.Count: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                default: if (at < chars.Count) chars[at] = Alphabet[random.Next(Alphabet.Length)]; break;
            }
        }
        return new string([.. chars]);
    }
}
