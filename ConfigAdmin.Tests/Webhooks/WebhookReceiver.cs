using System.Collections.Concurrent;
using System.Net;
using System.Net.Mime;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Webhooks;

/// <summary>
/// A webhook receiver for tests, on 127.0.0.1 only: records every request as it arrived and answers as the test says
/// (a status, or a wait that never ends). What it got is checked the way a real receiver would: the Standard Webhooks
/// signature with the secret (a separate implementation from the app's), the CloudEvent with the CNCF SDK.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly CancellationTokenSource _closing = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The receiver's URL (any path under it is accepted too).</summary>
    public string Url { get; private set; } = "";

    public int Port => new Uri(Url).Port;

    /// <summary>How to answer a request: its status (the default: 200). A task that never ends makes the receiver hang.</summary>
    public Func<Received, CancellationToken, Task<int>> Respond { get; set; } = (_, _) => Task.FromResult(200);

    public IReadOnlyList<Received> Requests => _received.ToArray();

    /// <summary>Starts a receiver on 127.0.0.1 (a free port unless <paramref name="port"/> is given).</summary>
    public static async Task<WebhookReceiver> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/hook";
        return receiver;
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var received = new Received(http.Request.Method, http.Request.Path, http.Request.Headers["webhook-id"].ToString(),
            http.Request.Headers["webhook-timestamp"].ToString(), http.Request.Headers["webhook-signature"].ToString(),
            http.Request.ContentType ?? "", body, DateTimeOffset.UtcNow);
        _received.Enqueue(received);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token, http.RequestAborted);
        try
        {
            http.Response.StatusCode = await Respond(received, linked.Token);
            await http.Response.WriteAsync("received " + received.Id);
        }
        catch (OperationCanceledException)
        {
            // The sender gave up, or the test is over.
        }
    }

    /// <summary>Waits until what arrived satisfies <paramref name="done"/> (30 s at most), and returns it.</summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(Func<IReadOnlyList<Received>, bool> done, TimeSpan? timeout = null)
    {
        var requests = Requests;
        if (!await Eventually.TrueAsync(() => done(requests = Requests), timeout ?? TimeSpan.FromSeconds(30)))
            throw new TimeoutException($"The receiver got {requests.Count} requests: {string.Join(", ", requests.Select(r => r.Type))}");
        return requests;
    }

    /// <summary>Waits for at least <paramref name="count"/> requests.</summary>
    public Task<IReadOnlyList<Received>> WaitForCountAsync(int count, TimeSpan? timeout = null) => WaitForAsync(r => r.Count >= count, timeout);

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _closing.Dispose();
    }
}

/// <summary>One request as the receiver got it.</summary>
public sealed record Received(string Method, string Path, string Id, string Timestamp, string Signature, string ContentType, string Body,
    DateTimeOffset At)
{
    private static readonly JsonEventFormatter Formatter = new();

    /// <summary>The body as a CloudEvent, read by the CNCF SDK (throws when it is not a valid structured CloudEvent).</summary>
    public CloudEvent CloudEvent => Formatter.DecodeStructuredModeMessage(Encoding.UTF8.GetBytes(Body),
        new ContentType(ContentType), extensionAttributes: null);

    public string Type => JsonDocument.Parse(Body).RootElement.GetProperty("type").GetString()!;

    public JsonElement Data => JsonDocument.Parse(Body).RootElement.GetProperty("data");

    /// <summary>
    /// True when the signature is right for <paramref name="secret"/> per the Standard Webhooks spec: HMAC-SHA256 with
    /// the secret's base64 key over "id.timestamp.body", one of the space-separated "v1,..." entries.
    /// </summary>
    public bool IsSignedWith(string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{Id}.{Timestamp}.{Body}")));
        return Signature.Split(' ').Any(s => s == "v1," + expected);
    }
}
