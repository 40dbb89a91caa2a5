using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ConfigAdmin.Core.Webhooks;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Data.Outbox;

/// <summary>
/// Sends one attempt: the CloudEvent as the body, signed per the Standard Webhooks spec with a timestamp of this
/// attempt. Names are resolved when a connection is made, through <see cref="IWebhookResolver"/>, and a target that
/// resolves to an internal address is not contacted (the same answer is the one connected to, so a name cannot point
/// elsewhere between check and use). No redirects, no proxy; the whole attempt gives up after the timeout.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly IWebhookResolver _resolver;
    private readonly IOptions<WebhookOptions> _options;
    private readonly TimeProvider _time;

    public WebhookSender(IWebhookResolver resolver, IOptions<WebhookOptions> options, TimeProvider time)
    {
        (_resolver, _options, _time) = (resolver, options, time);
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            // Connections are made again now and then, so a name's new addresses are resolved (and checked) again.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = ConnectAsync,
        }) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("ConfigAdmin-Webhooks/1.0");
    }

    public async Task<AttemptOutcome> SendAsync(DeliveryClaim claim, CancellationToken stopping)
    {
        var timeout = TimeSpan.FromSeconds(_options.Value.TimeoutSeconds);
        var started = _time.GetTimestamp();
        int Elapsed() => (int)Math.Min(int.MaxValue, _time.GetElapsedTime(started).TotalMilliseconds);
        using var timer = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, stopping);
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        var id = claim.EventId.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, claim.Url)
        {
            Content = new StringContent(claim.Body, Encoding.UTF8, CloudEventBody.ContentType),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(claim.Secret, id, timestamp, claim.Body));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var text = await ReadStartAsync(response, linked.Token);
            var status = (int)response.StatusCode;
            var ok = status is >= 200 and < 300;
            return new AttemptOutcome(ok, status, Elapsed(), text, ok ? null : $"The receiver answered {status}.");
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            return new AttemptOutcome(false, null, Elapsed(), null, $"No answer within {timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException ex)
        {
            return new AttemptOutcome(false, null, Elapsed(), null, Reason(ex));
        }
    }

    /// <summary>The first KiB of the answer, cut at a character boundary; NUL (which no database stores) shows as U+FFFD.</summary>
    private static async Task<string?> ReadStartAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var buffer = new byte[WebhookAttempt.MaxResponseBytes];
        var read = 0;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0) read += n;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The status came; an answer cut short is kept as far as it arrived.
        }
        if (read == 0) return null;
        var length = read;
        if (read == buffer.Length)
        {
            // Drop a multi-byte character the limit cut in two.
            var start = length - 1;
            while (start > 0 && (buffer[start] & 0xC0) == 0x80) start--;
            var need = buffer[start] >= 0xF0 ? 4 : buffer[start] >= 0xE0 ? 3 : buffer[start] >= 0xC0 ? 2 : 1;
            if (length - start < need) length = start;
        }
        return Encoding.UTF8.GetString(buffer, 0, length).Replace('\0', '\uFFFD');
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await _resolver.ResolveAsync(host, ct);
        if (addresses.Length == 0) throw new TargetRefusedException($"'{host}' resolves to no address.");
        if (!_options.Value.AllowPrivateTargets && addresses.FirstOrDefault(WebhookTargets.IsInternal) is { } internalAddress)
            throw new TargetRefusedException($"'{host}' resolves to {internalAddress}, an internal address: not contacted " +
                                             "(Webhooks:AllowPrivateTargets is off).");
        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }

    private static string Reason(HttpRequestException ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is TargetRefusedException refused) return refused.Message;
            if (e is SocketException socket) return $"Could not connect: {socket.SocketErrorCode}.";
        }
        var message = ex.Message;
        return message.Length <= WebhookAttempt.MaxErrorLength ? message : message[..WebhookAttempt.MaxErrorLength];
    }

    public void Dispose() => _http.Dispose();

    private sealed class TargetRefusedException(string message) : Exception(message);
}

/// <summary>Resolves names with the system's resolver.</summary>
public sealed class DnsWebhookResolver : IWebhookResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? Task.FromResult(new[] { literal }) : Dns.GetHostAddressesAsync(host, ct);
}
