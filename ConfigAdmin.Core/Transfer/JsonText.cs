using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ConfigAdmin.Core.Transfer;

/// <summary>JSON reading and writing shared by the formats: one set of options, positions from parser errors.</summary>
internal static class JsonText
{
    // Exported files are downloads, not HTML: readable non-ASCII beats escaping it.
    private static readonly JsonWriterOptions Pretty = new()
    {
        Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // appsettings.json may carry comments and trailing commas: .NET's own JSON provider accepts both.
    private static readonly JsonDocumentOptions ReadOptions = new()
    {
        MaxDepth = TransferLimits.MaxDepth, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
    };

    /// <summary>A pretty-printed file ending with a newline.</summary>
    public static string WritePretty(Action<Utf8JsonWriter> write) => Write(Pretty, write) + "\n";

    /// <summary>Compact JSON text of one element.</summary>
    public static string Compact(JsonElement element) => Write(CompactOptions, element.WriteTo);

    /// <summary>Compact JSON text of a stored (valid) json value.</summary>
    public static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = TransferLimits.MaxDepth });
        return Compact(document.RootElement);
    }

    /// <summary>Compact JSON written by hand.</summary>
    public static string WriteCompact(Action<Utf8JsonWriter> write) => Write(CompactOptions, write);

    /// <summary>Parses a file (already prepared), turning syntax errors into positioned format errors.</summary>
    public static JsonDocument Parse(string text, string format)
    {
        try
        {
            return JsonDocument.Parse(text, ReadOptions);
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
            if (e.LineNumber is not { } line) throw new TransferFormatException(format, message);
            var lineNumber = (int)line + 1;
            throw new TransferFormatException(format, message, lineNumber, ColumnOfByte(text, lineNumber, e.BytePositionInLine ?? 0));
        }
    }

    private static string Write(JsonWriterOptions options, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, options)) write(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The reader counts lines by "\n" and columns in UTF-8 bytes; people count characters.</summary>
    private static int ColumnOfByte(string text, int line, long bytePosition)
    {
        var start = 0;
        for (var l = 1; l < line && start < text.Length; l++)
        {
            var next = text.IndexOf('\n', start);
            if (next < 0) break;
            start = next + 1;
        }
        long bytes = 0;
        var i = start;
        while (i < text.Length && text[i] != '\n' && bytes < bytePosition)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
            bytes += Encoding.UTF8.GetByteCount(text.AsSpan(i, width));
            i += width;
        }
        return i - start + 1;
    }
}
