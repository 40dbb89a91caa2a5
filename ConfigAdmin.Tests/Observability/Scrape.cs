using System.Globalization;
using System.Text.RegularExpressions;

namespace ConfigAdmin.Tests.Observability;

/// <summary>One scrape of <c>/metrics</c> in the Prometheus text format, read the way Prometheus reads it.</summary>
public sealed partial class Scrape(string text)
{
    public string Text => text;

    /// <summary>Every sample: metric name, labels, value.</summary>
    public IEnumerable<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> Samples()
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"Not a sample line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);
            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var v => double.Parse(v, CultureInfo.InvariantCulture),
            };
            yield return (match.Groups["name"].Value, labels, value);
        }
    }

    /// <summary>The value of the one sample of <paramref name="metric"/> with these labels (others may be there too), or null.</summary>
    public double? Value(string metric, params (string Name, string Value)[] labels)
    {
        var found = Samples().Where(s => s.Name == metric && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).ToList();
        Assert.True(found.Count <= 1, $"{found.Count} samples of {metric} match {string.Join(", ", labels)}");
        return found.Count == 0 ? null : found[0].Value;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( \d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)""")]
    private static partial Regex LabelPair();
}
