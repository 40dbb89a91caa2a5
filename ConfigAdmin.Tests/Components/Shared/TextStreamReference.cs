using System.Text;
using Microsoft.JSInterop;

namespace ConfigAdmin.Tests.Components.Shared;

/// <summary>What the browser's <c>configAdmin.readText</c> streams back: the editor's text as UTF-8, for bunit's JS interop.</summary>
public sealed class TextStreamReference(string text) : IJSStreamReference
{
    private readonly byte[] _bytes = Encoding.UTF8.GetBytes(text);

    public long Length => _bytes.Length;

    public ValueTask<Stream> OpenReadStreamAsync(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<Stream>(new MemoryStream(_bytes, writable: false));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
