using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Transfer;

/// <summary>An imported file cannot be read: broken syntax, a bad or repeated key, or over a limit (400; nothing is stored).</summary>
public sealed class TransferFormatException(string format, string message, int? line = null, int? column = null)
    : DomainException(ErrorCodes.MalformedFile, Describe(format, message, line, column))
{
    public string Format { get; } = format;

    /// <summary>1-based line of the problem, when the parser knows it.</summary>
    public int? Line { get; } = line;

    /// <summary>1-based column (in characters) of the problem, when the parser knows it.</summary>
    public int? Column { get; } = column;

    private static string Describe(string format, string message, int? line, int? column) =>
        line is null ? $"The {format} file cannot be read: {message}"
        : $"The {format} file cannot be read at line {line}, column {column}: {message}";
}

/// <summary>A key has a value and is the parent of another key, which a nested file cannot hold (409).</summary>
public sealed class ExportConflictException(string key, string otherKey, string message)
    : DomainException(ErrorCodes.ExportConflict, message)
{
    /// <summary>The key that has a value.</summary>
    public string Key { get; } = key;

    /// <summary>The key below it (or the same key in another case).</summary>
    public string OtherKey { get; } = otherKey;

    internal static ExportConflictException ValueAndParent(string key, string child) => new(key, child,
        $"'{key}' has a value and is also the parent of '{child}': a nested file cannot hold both. " +
        "Export as flat, env or properties, or rename one of the keys.");

    internal static ExportConflictException SameKey(string key, string other) => new(key, other,
        $"'{key}' and '{other}' are the same key ignoring case: a nested file cannot hold both.");
}

/// <summary>The requested format name is not one of <see cref="TransferFormats.Names"/> (400).</summary>
public sealed class UnknownFormatException(string? name)
    : DomainException(ErrorCodes.UnknownFormat,
        $"'{name}' is not a known format. Use one of: {string.Join(", ", TransferFormats.Names)}.")
{
    public IReadOnlyList<string> ValidNames { get; } = TransferFormats.Names;
}
