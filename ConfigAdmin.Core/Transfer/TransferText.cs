using System.Text;

namespace ConfigAdmin.Core.Transfer;

/// <summary>The checks every file passes before its parser sees it, and positions for error messages.</summary>
public static class TransferText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text of a raw request body: strict UTF-8 (a leading BOM is dropped), else a <see cref="TransferFormatException"/>.</summary>
    public static string Decode(ReadOnlySpan<byte> body, string format)
    {
        if (body.Length > TransferLimits.MaxTextLength) throw TooLong(format);
        try
        {
            return StrictUtf8.GetString(body.StartsWith("\uFEFF"u8) ? body[3..] : body);
        }
        catch (DecoderFallbackException e)
        {
            throw new TransferFormatException(format, $"the file is not valid UTF-8 (at byte {e.Index}).");
        }
    }

    /// <summary>The text without a leading BOM, after checking its length, NUL characters and UTF-16.</summary>
    internal static string Prepare(string text, string format)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > TransferLimits.MaxTextLength) throw TooLong(format);
        if (text.StartsWith('\uFEFF')) text = text[1..];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') throw Error(format, text, i, "the file contains a NUL character.");
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) throw Error(format, text, i, "the file contains invalid UTF-16 (a lone surrogate).");
        }
        return text;
    }

    /// <summary>A parse error at a character index of the text, with its line and column.</summary>
    internal static TransferFormatException Error(string format, string text, int index, string message)
    {
        var (line, column) = PositionOf(text, index);
        return new TransferFormatException(format, message, line, column);
    }

    /// <summary>1-based line and column of a character index; "\n", "\r\n" and a lone "\r" each end a line.</summary>
    internal static (int Line, int Column) PositionOf(string text, int index)
    {
        int line = 1, start = 0;
        for (var i = 0; i < index && i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                start = i + 1;
            }
        }
        return (line, index - start + 1);
    }

    private static TransferFormatException TooLong(string format) =>
        new(format, $"the file is larger than the limit of {TransferLimits.MaxTextLength / 1024 / 1024} MiB.");
}
