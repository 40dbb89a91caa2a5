using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace ConfigAdmin.Tests.Client.Infrastructure;

/// <summary>One client read as the server received it.</summary>
public sealed record ClientRead(string Path, string? ClientHeader, string? Authorization, string? IfNoneMatch, string? Prefer, DateTimeOffset At)
{
    public int? Status { get; set; }
    public bool Completed { get; set; }

    /// <summary>The instance id: the first field of <c>ConfigAdmin-Client</c>.</summary>
    public string? InstanceId => ClientHeader?.Split(';')[0].Trim();
}

/// <summary>Client reads recorded by the test server (kept across a restart when passed to the next host).</summary>
public sealed class ClientReadLog
{
    private readonly ConcurrentQueue<ClientRead> _reads = new();

    public IReadOnlyList<ClientRead> All => [.. _reads];

    public IReadOnlyList<ClientRead> Of(string instanceId) => [.. _reads.Where(r => r.InstanceId == instanceId)];

    public int InFlight(string instanceId) => _reads.Count(r => r.InstanceId == instanceId && !r.Completed);

    /// <summary>True while the server holds a long poll (<c>Prefer: wait</c>) of that instance.</summary>
    public bool Holds(string instanceId) => _reads.Any(r => r.InstanceId == instanceId && !r.Completed && r.Prefer is not null);

    internal ClientRead Begin(HttpRequest request)
    {
        static string? Header(HttpRequest r, string name) => r.Headers.TryGetValue(name, out var v) ? v.ToString() : null;
        var read = new ClientRead(request.Path + request.QueryString, Header(request, "ConfigAdmin-Client"), Header(request, "Authorization"),
            Header(request, "If-None-Match"), Header(request, "Prefer"), DateTimeOffset.UtcNow);
        _reads.Enqueue(read);
        return read;
    }

    internal static void End(ClientRead read, int status)
    {
        read.Status = status;
        read.Completed = true;
    }
}
