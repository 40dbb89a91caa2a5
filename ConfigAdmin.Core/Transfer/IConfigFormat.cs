namespace ConfigAdmin.Core.Transfer;

/// <summary>A file format of import and export; look one up by name with <see cref="TransferFormats.Get"/>.</summary>
public interface IConfigFormat
{
    /// <summary>The name in <c>?format=</c>: json, flat, env, yaml, properties or configadmin.</summary>
    string Name { get; }

    /// <summary>The Content-Type of an exported file (UTF-8).</summary>
    string MediaType { get; }

    /// <summary>The file name ending of an exported file, with its dot.</summary>
    string FileExtension { get; }
}

/// <summary>A format that holds the resolved values of one environment: json, flat, env, yaml, properties.</summary>
public interface IEnvironmentFormat : IConfigFormat
{
    /// <summary>The file text for these values, keys in ordinal order; nested formats throw <see cref="ExportConflictException"/>.</summary>
    string Write(IEnumerable<TransferValue> values);

    /// <summary>The values a file holds, in file order; throws <see cref="TransferFormatException"/> when it is malformed.</summary>
    /// <param name="text">The whole file.</param>
    /// <param name="jsonKeys">Keys that are json-typed in the target application (any case): each is read whole, as JSON.</param>
    IReadOnlyList<TransferValue> Read(string text, IEnumerable<string>? jsonKeys = null);
}
