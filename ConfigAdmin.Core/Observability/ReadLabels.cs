using System.Collections.Concurrent;

namespace ConfigAdmin.Core.Observability;

/// <summary>
/// The client read's tags per (application, environment), built once and kept: the hot path looks them up by the
/// request's slices of the URL (copied to the stack, no allocation) and hands the kept array to the counter. Only pairs
/// that resolved are ever looked up, and at most <see cref="ConfigAdminMetrics.MaxReadLabelSets"/> are kept.
/// </summary>
internal sealed class ReadLabels
{
    private const int MaxKeyLength = 256;
    private static readonly Tags OtherTags = new(ConfigAdminMetrics.Other, ConfigAdminMetrics.Other);

    private readonly ConcurrentDictionary<string, Tags> _tags = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Tags>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public ReadLabels() => _bySpan = _tags.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The tags of this pair, made on first sight; null for names too long to be names.</summary>
    public Tags? Of(ReadOnlySpan<char> application, ReadOnlySpan<char> environment)
    {
        var length = application.Length + 1 + environment.Length;
        if (length > MaxKeyLength) return null;
        Span<char> key = stackalloc char[length];
        application.CopyTo(key);
        key[application.Length] = '\n'; // in neither grammar, so no two pairs share a key
        environment.CopyTo(key[(application.Length + 1)..]);
        if (_bySpan.TryGetValue(key, out var tags)) return tags;
        if (_tags.Count >= ConfigAdminMetrics.MaxReadLabelSets) return OtherTags;
        return _tags.GetOrAdd(new string(key), new Tags(application.ToString().ToLowerInvariant(), environment.ToString().ToLowerInvariant()));
    }

    /// <summary>One pair's tag arrays, one per status code the hot path answers.</summary>
    internal sealed class Tags(string application, string environment)
    {
        private static readonly object Ok200 = 200;
        private static readonly object NotModified304 = 304;

        public KeyValuePair<string, object?>[] Ok { get; } =
            [new("application", application), new("environment", environment), new("http.response.status_code", Ok200)];

        public KeyValuePair<string, object?>[] NotModified { get; } =
            [new("application", application), new("environment", environment), new("http.response.status_code", NotModified304)];
    }
}
