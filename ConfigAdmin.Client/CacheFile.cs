using System.Text.Json;

namespace ConfigAdmin.Client;

/// <summary>A document read back from the cache file.</summary>
internal sealed record CachedDocument(string? ETag, DateTimeOffset SavedAt, Dictionary<string, string?> Data);

/// <summary>
/// The last-known-good copy: one JSON file that names the server, application and environment it belongs to, with the
/// ETag and the document as the server sent it. Written to a temporary file in the same folder, flushed, then renamed
/// over the old one, so a crash leaves the old copy or the new one, never half of either. On Unix the file is created
/// with mode 600 (it holds secrets); on Windows it inherits the folder's ACL, which the client leaves as it is.
/// </summary>
internal sealed class CacheFile(string path, Uri serverUrl, string application, string environment, TimeProvider time)
{
    private const int Format = 1;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The cached document, or <see langword="null"/> with the reason it cannot be used (null reason: no file).</summary>
    public CachedDocument? TryRead(out string? unusable)
    {
        unusable = null;
        byte[] bytes;
        try
        {
            if (!File.Exists(Path)) return null;
            bytes = File.ReadAllBytes(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            unusable = $"it cannot be read ({ex.Message})";
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format)
                || format.ValueKind != JsonValueKind.Number || format.GetInt32() != Format)
            {
                unusable = "it is not a ConfigAdmin cache file of a known format";
                return null;
            }
            var server = StringOf(root, "serverUrl");
            var app = StringOf(root, "application");
            var env = StringOf(root, "environment");
            if (!string.Equals(server, Normalize(serverUrl), StringComparison.OrdinalIgnoreCase)
                || !string.Equals(app, application, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(env, environment, StringComparison.Ordinal))
            {
                unusable = $"it belongs to application '{app}' ({env}) on {server}";
                return null;
            }
            var savedAt = root.TryGetProperty("savedAt", out var saved) && saved.TryGetDateTimeOffset(out var at) ? at : DateTimeOffset.MinValue;
            if (!root.TryGetProperty("document", out var document))
            {
                unusable = "it holds no document";
                return null;
            }
            return new CachedDocument(StringOf(root, "etag"), savedAt, JsonFlattener.Flatten(document));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            unusable = $"it is corrupt ({ex.Message})";
            return null;
        }
    }

    /// <summary>Replaces the file with this document, atomically. Throws on I/O errors (the caller logs them).</summary>
    public void Write(ReadOnlySpan<byte> document, string? etag)
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        // Same folder, so the rename stays on one file system and is atomic.
        var temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var stream = new FileStream(temp, streamOptions))
            {
                using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("format", Format);
                    writer.WriteString("serverUrl", Normalize(serverUrl));
                    writer.WriteString("application", application);
                    writer.WriteString("environment", environment);
                    writer.WriteString("etag", etag);
                    writer.WriteString("savedAt", time.GetUtcNow());
                    writer.WritePropertyName("document");
                    writer.WriteRawValue(document);
                    writer.WriteEndObject();
                }
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, Path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the write already failed and is reported.
        }
    }

    private static string? StringOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Normalize(Uri url) => url.AbsoluteUri.TrimEnd('/');
}
